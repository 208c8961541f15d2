/**
 * The delivery worker: drains the outbox through the chat adapters under each platform's rate limits.
 *
 * Guarantees, and their limits:
 * - At least once. A row is claimed ('sending') before the platform call and settled after it; a crash in
 *   between leaves it 'sending', and `start()` puts it back to pending. If the platform had already taken
 *   the message, it goes out a second time: the one duplicate this design accepts.
 * - Per-chat order. Rows of one chat go out in id order; while a chat's earliest row waits (rate limit,
 *   backoff, 429) its later rows wait too, even if due. Other chats are not held up.
 * - Across chats, queue order, except that in a fan-out a chat whose own backlog would outlast the
 *   platform's goes first, so the fan-out ends when the platform's limit says it can.
 * - Sends are sequential. That keeps per-chat order trivial and stays well under Telegram's 30/s.
 * @module
 */
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../bot/core/errors.js';
import type { ChatAdapter, Clock, Logger } from '../bot/core/ports.js';
import type { RateLimitedChat, RateLimiter } from '../bot/core/rate-limiter.js';
import { type ChatRef, chatKey, type Platform, type SentRef } from '../bot/core/types.js';
import type { Store } from '../db/client.js';
import { createOutboxRepo, type OutboxHead, type OutboxRow, type OutboxTarget } from '../db/repos/outbox.js';

export interface DeliveryWorkerDeps {
  store: Store;
  adapters: Map<Platform, ChatAdapter>;
  /** A platform without a limiter is unlimited (the console). */
  limiters: Map<Platform, RateLimiter>;
  clock: Clock;
  logger: Logger;
  /** Attempts after which a transient failure becomes permanent. Default 8. */
  maxAttempts?: number;
  /** Wait before attempt `attempt + 1`, given `attempt` tries so far. Default {@link exponentialBackoff}. */
  backoff?: (attempt: number) => number;
  /** Most send attempts per `runOnce`. Default 50. */
  batchSize?: number;
  /**
   * Longest sleep of the `start()` loop. A safety net for rows enqueued without `kick()`, e.g. by the CLI
   * in another process writing to the same database file. Default 60 s.
   */
  idlePollMs?: number;
  /**
   * Clock milliseconds that pass per real millisecond while the `start()` loop sleeps. 1 (the default)
   * for the system clock; a time-scaled run (the fan-out benchmark) drives the clock, the fake platform
   * and the limiter faster, and the loop's timers must follow the same clock.
   */
  clockRate?: number;
  /**
   * Called when a row is given up, inside the same transaction as marking it failed, so the app can
   * atomically enqueue a fallback (a group notice for a refused DM). If it throws, the row is still
   * marked failed, without whatever the handler wrote.
   */
  onPermanentFailure?: (row: OutboxRow, error: PermanentDeliveryError | Error) => void;
  /** Called after a row is marked sent (to remember message ids for later edits). Errors are logged. */
  onSent?: (row: OutboxRow, ref: SentRef) => void;
}

export interface DeliveryRunResult {
  sent: number;
  /** Rows put back for a later attempt (transient errors and 429s). */
  retried: number;
  failed: number;
  /** When `runOnce` should next be called; null when nothing is waiting. */
  nextWakeAt: number | null;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  rounds: number;
}

/** The worker's handle. `start`/`kick`/`stop` run it in production; `runOnce`/`drain` drive it in tests. */
export interface DeliveryWorker {
  runOnce(): Promise<DeliveryRunResult>;
  start(): void;
  kick(): void;
  stop(): Promise<void>;
  drain(opts?: { advance?: (ms: number) => void; maxRounds?: number }): Promise<DrainResult>;
}

const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_BATCH_SIZE = 50;
/** Chats whose heads one query returns: enough that a pass rarely needs a second page. */
const HEADS_PAGE = 1000;
/** A chat becomes critical this long before its own backlog would outlast its platform's. */
const CRITICAL_MARGIN_MS = 5_000;
const DEFAULT_IDLE_POLL_MS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** After `runOnce` itself failed (database trouble), wait before the loop tries again. */
const LOOP_ERROR_PAUSE_MS = 5_000;
const MAX_ERROR_LENGTH = 500;

/** 1 s, 2 s, 4 s… capped at 5 min. No jitter: one bot process, and tests stay deterministic. */
export function exponentialBackoff(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

/** What one `runOnce` pass has learnt so far. */
interface Round {
  /** Chat keys that must wait until a later pass; their later rows are skipped too. */
  blocked: Set<string>;
  /** Platforms where every chat must wait (a global limit or pause), or that have no adapter. */
  blockedPlatforms: Set<Platform>;
  wakeAt: number | null;
  attempted: number;
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Create the delivery worker. Rate-limit policy: a 429 reschedules the row at the instant the platform
 * named and pauses that chat in the limiter. It counts as an attempt (the column records every try) but a
 * 429 never fails a row by itself: only transient or unknown errors are checked against `maxAttempts`,
 * because being told to wait says nothing about whether the message can be delivered.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { store, adapters, limiters, clock } = deps;
  const repo = createOutboxRepo(store.db);
  const log = deps.logger.child({ component: 'delivery' });
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = deps.backoff ?? exponentialBackoff;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const idlePollMs = deps.idlePollMs ?? DEFAULT_IDLE_POLL_MS;
  const clockRate = deps.clockRate ?? 1;
  const platformsWarned = new Set<Platform>();

  let stopping = false;
  /** Serialises passes: two overlapping passes could send a chat's rows out of order. */
  let previousPass: Promise<unknown> = Promise.resolve();

  function runOnce(): Promise<DeliveryRunResult> {
    const pass = previousPass.then(deliverDue);
    previousPass = pass.catch(() => undefined);
    return pass;
  }

  async function deliverDue(): Promise<DeliveryRunResult> {
    const round: Round = {
      blocked: new Set(repo.chatsWaitingForRetry(clock.now())),
      blockedPlatforms: new Set(),
      wakeAt: null,
      attempted: 0,
      sent: 0,
      retried: 0,
      failed: 0,
    };
    // Walk the chats' heads (each chat's first due row): a long backlog in one slow chat cannot starve
    // the others, and a chat's later rows are never looked at while its head waits. After a send the
    // chat's next row is its new head, so heads are fetched again until nothing more can go now.
    while (!stopping && round.attempted < batchSize) {
      blockWaitingPlatforms(round);
      if (adapters.size > 0 && [...adapters.keys()].every((p) => round.blockedPlatforms.has(p))) break;
      const heads = repo.dueHeads(clock.now(), HEADS_PAGE, {
        skipChats: [...round.blocked],
        skipPlatforms: [...round.blockedPlatforms],
      });
      const attemptedBefore = round.attempted;
      for (const head of inSendingOrder(heads)) {
        if (stopping || round.attempted >= batchSize) break;
        await consider(head, round);
      }
      // Nothing went out and every due chat was seen: the rest waits for a later pass. (A full page
      // that sent nothing blocked all of its chats, so the next page shows other chats.)
      if (round.attempted === attemptedBefore && heads.length < HEADS_PAGE) break;
    }
    const { sent, retried, failed } = round;
    return { sent, retried, failed, nextWakeAt: nextWakeAt(round) };
  }

  /**
   * Oldest head first, except for chats that would otherwise finish last: with N messages due on a
   * platform limited to G per second, a fan-out needs about N / G seconds, while one chat with k of them
   * needs k − 1 seconds at 1 per second whatever else happens. A chat whose own minimum (with a margin)
   * reaches the platform's is critical: it goes first, longest first, so it keeps pace instead of
   * trailing alone after everything else has gone. Other chats keep their queue order.
   */
  function inSendingOrder(heads: OutboxHead[]): OutboxHead[] {
    const duePerPlatform = new Map<Platform, number>();
    for (const h of heads)
      duePerPlatform.set(h.target.platform, (duePerPlatform.get(h.target.platform) ?? 0) + h.due);
    const critical: { head: OutboxHead; drainMs: number }[] = [];
    const rest: OutboxHead[] = [];
    for (const head of heads) {
      const limiter = limiters.get(head.target.platform);
      const drainMs = head.due > 1 && limiter ? limiter.drainMs(limitedChat(head.target), head.due) : 0;
      const platformMs = limiter?.drainMs('platform', duePerPlatform.get(head.target.platform) ?? 0) ?? 0;
      if (drainMs > 0 && drainMs + CRITICAL_MARGIN_MS >= platformMs) critical.push({ head, drainMs });
      else rest.push(head);
    }
    if (critical.length === 0) return heads;
    critical.sort((a, b) => b.drainMs - a.drainMs || a.head.id - b.head.id);
    return [...critical.map((c) => c.head), ...rest];
  }

  /** A platform whose global limit (or a global pause) holds every chat is skipped for the round. */
  function blockWaitingPlatforms(round: Round): void {
    const now = clock.now();
    for (const [platform, limiter] of limiters) {
      if (round.blockedPlatforms.has(platform)) continue;
      const wait = limiter.platformDelay(now);
      if (wait > 0) blockPlatform(round, platform, now + wait);
    }
  }

  function nextWakeAt(round: Round): number | null {
    const now = clock.now();
    if (round.attempted >= batchSize) return now;
    return earliest(round.wakeAt, repo.nextWakeAt(now));
  }

  async function consider(head: OutboxHead, round: Round): Promise<void> {
    const { platform } = head.target;
    const key = chatKey(head.target);
    if (round.blocked.has(key) || round.blockedPlatforms.has(platform)) return;
    const adapter = adapters.get(platform);
    if (!adapter) {
      warnMissingAdapter(platform);
      round.blockedPlatforms.add(platform);
      return;
    }
    const now = clock.now();
    const limiter = limiters.get(platform);
    const platformWait = limiter?.platformDelay(now) ?? 0;
    if (platformWait > 0) {
      blockPlatform(round, platform, now + platformWait);
      return;
    }
    const wait = limiter?.delay(limitedChat(head.target), now) ?? 0;
    if (wait > 0) {
      block(round, key, now + wait);
      return;
    }
    // A row cancelled since the heads were read is not ours to send.
    const attempt = repo.claim(head.id, now);
    if (!attempt) return;
    round.attempted++;
    let ref: SentRef;
    try {
      ref = await sendOrEdit(adapter, attempt);
    } catch (err) {
      handleFailure(attempt, err, round);
      return;
    }
    handleSent(attempt, ref, round);
  }

  /** A message that replaces an earlier one is an edit where the platform can edit, else a new post. */
  async function sendOrEdit(adapter: ChatAdapter, row: OutboxRow): Promise<SentRef> {
    const replaces = row.message.replaces;
    if (replaces && adapter.edit) {
      const ref: SentRef = { platform: row.target.platform, chatId: row.target.chatId, messageId: replaces };
      await adapter.edit(ref, row.message, sendOptions(row));
      return ref;
    }
    return adapter.send(chatRefOf(row.target), row.message, sendOptions(row));
  }

  function handleSent(row: OutboxRow, ref: SentRef, round: Round): void {
    const now = clock.now();
    limiters.get(row.target.platform)?.record(limitedChat(row.target), now);
    repo.markSent(row.id, now, ref.messageId);
    round.sent++;
    log.info({ ...logFields(row), messageId: ref.messageId }, 'outbox message sent');
    const sent: OutboxRow = { ...row, status: 'sent', sentAt: now, platformMessageId: ref.messageId ?? null };
    try {
      deps.onSent?.(sent, ref);
    } catch (err) {
      log.error({ ...logFields(row), err: describeError(err) }, 'onSent handler threw');
    }
  }

  function handleFailure(row: OutboxRow, err: unknown, round: Round): void {
    const now = clock.now();
    const error = describeError(err);
    if (err instanceof RateLimitedError) {
      const until = now + err.retryAfterMs;
      limiters.get(row.target.platform)?.pause({ chatId: row.target.chatId }, until);
      retryAt(row, until, error, round);
      log.warn({ ...logFields(row), retryAfterMs: err.retryAfterMs }, 'platform rate limit, waiting');
      return;
    }
    const offline = err instanceof TransientDeliveryError && err.offline;
    // A timeout or a dropped connection may come after the platform posted the message: count the
    // attempt, so the retry and the sends after it stay within the limits even then.
    if (!(err instanceof PermanentDeliveryError) && !offline)
      limiters.get(row.target.platform)?.record(limitedChat(row.target), now);
    if (err instanceof PermanentDeliveryError || (row.attempts >= maxAttempts && !offline)) {
      giveUp(row, asError(err), error, now, round);
      return;
    }
    retryAt(row, now + backoff(offline ? Math.min(row.attempts, maxAttempts) : row.attempts), error, round);
    log.warn({ ...logFields(row), error }, 'delivery failed, will retry');
  }

  function retryAt(row: OutboxRow, at: number, error: string, round: Round): void {
    repo.reschedule(row.id, at, error);
    round.retried++;
    block(round, chatKey(row.target), at);
  }

  function giveUp(row: OutboxRow, err: Error, error: string, now: number, round: Round): void {
    const failed: OutboxRow = { ...row, status: 'failed', lastError: error, nextAttemptAt: now };
    try {
      store.tx(() => {
        repo.markFailed(row.id, now, error);
        deps.onPermanentFailure?.(failed, err);
      });
    } catch (handlerError) {
      // The transaction rolled back; settle the row anyway so it is not stuck in 'sending'.
      repo.markFailed(row.id, now, error);
      log.error({ ...logFields(row), err: describeError(handlerError) }, 'onPermanentFailure handler threw');
    }
    round.failed++;
    const reason = err instanceof PermanentDeliveryError ? err.reason : 'attempts_exhausted';
    log.warn({ ...logFields(row), reason, error }, 'delivery failed permanently');
  }

  function warnMissingAdapter(platform: Platform): void {
    if (platformsWarned.has(platform)) return;
    platformsWarned.add(platform);
    log.warn({ platform }, 'no adapter for platform; its outbox rows stay pending');
  }

  // --- The production loop

  let loop: Promise<void> | null = null;
  let kicked = false;
  let wakeSleeper: (() => void) | null = null;

  async function runLoop(): Promise<void> {
    while (!stopping) {
      kicked = false;
      let wakeAt: number | null;
      try {
        wakeAt = (await runOnce()).nextWakeAt;
      } catch (err) {
        log.error({ err: describeError(err) }, 'delivery pass failed');
        wakeAt = clock.now() + LOOP_ERROR_PAUSE_MS;
      }
      if (stopping) break;
      if (!kicked) await sleepUntil(wakeAt);
    }
  }

  function sleepUntil(wakeAt: number | null): Promise<void> {
    const ms = wakeAt === null ? idlePollMs : Math.min(Math.max(0, wakeAt - clock.now()), idlePollMs);
    return new Promise((resolve) => {
      const timer = setTimeout(wake, ms / clockRate);
      // The adapters keep the process alive; a sleeping worker alone should not.
      timer.unref?.();
      function wake() {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = wake;
    });
  }

  return {
    runOnce,

    start() {
      if (loop) return;
      stopping = false;
      const reset = repo.resetInFlight();
      if (reset > 0) log.warn({ rows: reset }, 'outbox rows left in flight by a crash are pending again');
      loop = runLoop();
    },

    kick() {
      kicked = true;
      wakeSleeper?.();
    },

    async stop() {
      if (!loop) return;
      stopping = true;
      wakeSleeper?.();
      await loop;
      loop = null;
      stopping = false;
    },

    async drain(opts = {}) {
      const total: DrainResult = { sent: 0, retried: 0, failed: 0, rounds: 0 };
      const maxRounds = opts.maxRounds ?? 1000;
      while (total.rounds < maxRounds) {
        const result = await runOnce();
        total.rounds++;
        total.sent += result.sent;
        total.retried += result.retried;
        total.failed += result.failed;
        if (result.nextWakeAt === null) return total;
        const wait = result.nextWakeAt - clock.now();
        if (wait > 0) {
          if (!opts.advance) return total;
          opts.advance(wait);
        }
      }
      throw new Error(`outbox drain did not settle within ${maxRounds} rounds`);
    },
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function block(round: Round, key: string, until: number): void {
  round.blocked.add(key);
  round.wakeAt = earliest(round.wakeAt, until);
}

function blockPlatform(round: Round, platform: Platform, until: number): void {
  round.blockedPlatforms.add(platform);
  round.wakeAt = earliest(round.wakeAt, until);
}

function chatRefOf(target: OutboxTarget): ChatRef {
  const ref: ChatRef = { platform: target.platform, chatId: target.chatId, kind: target.chatKind };
  if (target.threadId !== undefined) ref.threadId = target.threadId;
  return ref;
}

function limitedChat(target: OutboxTarget): RateLimitedChat {
  return { chatId: target.chatId, chatKind: target.chatKind };
}

function sendOptions(row: OutboxRow): { replyToken?: string } {
  return row.replyToken === null ? {} : { replyToken: row.replyToken };
}

/** Ids and counters only: message text stays out of the logs (it may carry personal data). */
function logFields(row: OutboxRow): Record<string, unknown> {
  return {
    outboxId: row.id,
    platform: row.target.platform,
    chatId: row.target.chatId,
    attempts: row.attempts,
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
