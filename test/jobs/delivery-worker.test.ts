import { afterEach, describe, expect, it, vi } from 'vitest';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../bot/core/errors.js';
import { type ChatAdapter, type Logger, silentLogger } from '../../bot/core/ports.js';
import {
  consoleRateRules,
  createRateLimiter,
  type RateLimiter,
  telegramRateRules,
} from '../../bot/core/rate-limiter.js';
import type { ChatRef, Outgoing, Platform, SentRef } from '../../bot/core/types.js';
import type { Store } from '../../db/client.js';
import { createOutboxRepo, dueHeadsQuery, type OutboxRow, type OutboxTarget } from '../../db/repos/outbox.js';
import {
  createDeliveryWorker,
  type DeliveryWorkerDeps,
  exponentialBackoff,
} from '../../jobs/delivery-worker.js';
import { type FakeClock, fixedClock } from '../support/fake-clock.js';
import { testStore } from '../support/test-db.js';

/** What the fake platform does with one send: deliver, throw, or "crash" the process around the call. */
type Outcome = undefined | { throw: unknown } | { crash: 'before-delivery' | 'after-delivery' };

interface Delivery {
  chat: ChatRef;
  text: string;
  replyToken?: string;
  at: number;
}

/** A ChatAdapter that records what it delivered, with the fake clock's time, and fails on request. */
class FakeAdapter implements ChatAdapter {
  readonly capabilities = {
    seesAllGroupMessages: true,
    canEdit: false,
    maxTextLength: 4096,
    maxButtons: 8,
    dmRequiresUserFirst: false,
    maxFileBytes: 0,
  };
  readonly delivered: Delivery[] = [];
  calls = 0;
  /** Settles when a simulated crash happens; the send that crashed never returns. */
  readonly crashed: Promise<void>;
  private signalCrash!: () => void;
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    readonly platform: Platform,
    private readonly clock: FakeClock,
    private readonly plan: (call: number, chat: ChatRef, msg: Outgoing) => Outcome = () => undefined,
  ) {
    this.crashed = new Promise((resolve) => {
      this.signalCrash = resolve;
    });
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async send(chat: ChatRef, msg: Outgoing, opts?: { replyToken?: string }): Promise<SentRef> {
    this.calls++;
    const outcome = this.plan(this.calls, chat, msg);
    if (outcome && 'throw' in outcome) throw outcome.throw;
    if (outcome?.crash === 'before-delivery') return this.crash();
    this.delivered.push({ chat, text: msg.text, replyToken: opts?.replyToken, at: this.clock.now() });
    for (const w of this.waiters) if (this.delivered.length >= w.count) w.resolve();
    if (outcome?.crash === 'after-delivery') return this.crash();
    return { platform: this.platform, chatId: chat.chatId, messageId: `m${this.delivered.length}` };
  }

  /** Resolves once `count` messages were delivered (for the start/kick/stop loop). */
  deliveredCount(count: number): Promise<void> {
    if (this.delivered.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  texts(): string[] {
    return this.delivered.map((d) => d.text);
  }

  /** The process dies here: the call never returns, so nothing after it runs. */
  private crash(): Promise<never> {
    this.signalCrash();
    return new Promise<never>(() => {});
  }
}

const groupA: OutboxTarget = { platform: 'telegram', chatId: '-100A', chatKind: 'group' };
const groupB: OutboxTarget = { platform: 'telegram', chatId: '-100B', chatKind: 'group' };
const dm: OutboxTarget = { platform: 'telegram', chatId: '42', chatKind: 'direct', fallbackChatId: '-100A' };

interface Harness {
  store: Store;
  clock: FakeClock;
  repo: ReturnType<typeof createOutboxRepo>;
  enqueue(target: OutboxTarget, text: string, opts?: { replyToken?: string; notBefore?: number }): number;
  worker(
    adapter: ChatAdapter,
    overrides?: Partial<DeliveryWorkerDeps>,
  ): ReturnType<typeof createDeliveryWorker>;
}

function harness(store: Store = testStore(), clock: FakeClock = fixedClock()): Harness {
  const repo = createOutboxRepo(store.db);
  let n = 0;
  return {
    store,
    clock,
    repo,
    enqueue(target, text, opts = {}) {
      n++;
      return repo.enqueue(target, { text }, { dedupeKey: `test:${n}:${text}`, now: clock.now(), ...opts }).id;
    },
    worker(adapter, overrides = {}) {
      return createDeliveryWorker({
        store,
        adapters: new Map([[adapter.platform, adapter]]),
        limiters: new Map<Platform, RateLimiter>([[adapter.platform, createRateLimiter(consoleRateRules())]]),
        clock,
        logger: silentLogger,
        ...overrides,
      });
    },
  };
}

const telegramLimiter = () =>
  createRateLimiter(telegramRateRules({ globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 }));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('outbox repository', () => {
  it('stores one row when the same dedupe key is enqueued twice', () => {
    const h = harness();
    const first = h.repo.enqueue(groupA, { text: 'hello' }, { dedupeKey: 'k1', now: h.clock.now() });
    const second = h.repo.enqueue(groupA, { text: 'hello again' }, { dedupeKey: 'k1', now: h.clock.now() });
    expect(first.inserted).toBe(true);
    expect(second).toEqual({ id: first.id, inserted: false });
    expect(h.repo.list()).toHaveLength(1);
    expect(h.repo.get(first.id)?.message).toEqual({ text: 'hello' });
    expect(h.repo.counts()).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0, cancelled: 0 });
  });

  it('round-trips the target and message, and finds due rows through outbox_due_idx', () => {
    const h = harness();
    const msg: Outgoing = { text: 'x', buttons: [[{ id: 'b1', label: 'OK' }]], format: 'markdown' };
    const id = h.repo.enqueue({ ...dm, threadId: '7' }, msg, { dedupeKey: 'k', now: 1, replyToken: 'r' }).id;
    const row = h.repo.get(id);
    expect(row).toMatchObject({
      target: { ...dm, threadId: '7' },
      message: msg,
      replyToken: 'r',
      attempts: 0,
    });
    expect(h.repo.dueHeads(1, 10).map((r) => r.id)).toEqual([id]);
    expect(h.repo.dueHeads(0, 10)).toEqual([]);

    const q = dueHeadsQuery(h.store.db, 1, 10, { skipChats: ['telegram:-1'] }).toSQL();
    expect(h.store.explain(q.sql, ...q.params).join('\n')).toContain('outbox_due_idx');
  });

  it('reports the next wake-up and honours notBefore', () => {
    const h = harness();
    const now = h.clock.now();
    expect(h.repo.nextWakeAt()).toBeNull();
    h.enqueue(groupA, 'later', { notBefore: now + 5000 });
    h.enqueue(groupA, 'now');
    expect(h.repo.nextWakeAt()).toBe(now);
    expect(h.repo.nextWakeAt(now)).toBe(now + 5000);
    expect(h.repo.dueHeads(now, 10).map((r) => h.repo.get(r.id)?.message.text)).toEqual(['now']);
  });
});

describe('delivery worker', () => {
  it('delivers in id order with the reply token and marks rows sent', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock);
    const sentRefs: string[] = [];
    const ids = [h.enqueue(groupA, 'one', { replyToken: 'tok' }), h.enqueue(groupA, 'two')];
    const result = await h
      .worker(adapter, { onSent: (_row, ref) => sentRefs.push(ref.messageId!) })
      .runOnce();

    expect(result).toEqual({ sent: 2, retried: 0, failed: 0, nextWakeAt: null });
    expect(adapter.texts()).toEqual(['one', 'two']);
    expect(adapter.delivered[0]).toMatchObject({
      replyToken: 'tok',
      chat: { chatId: '-100A', kind: 'group' },
    });
    expect(adapter.delivered[1]?.replyToken).toBeUndefined();
    expect(h.repo.get(ids[0]!)).toMatchObject({ status: 'sent', attempts: 1, platformMessageId: 'm1' });
    expect(h.repo.get(ids[0]!)?.sentAt).toBe(h.clock.now());
    expect(sentRefs).toEqual(['m1', 'm2']);
  });

  it('respects the limiter: five messages to one group at 1/s take at least four seconds, in order', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock);
    const start = h.clock.now();
    for (let i = 1; i <= 5; i++) h.enqueue(groupA, `a${i}`);
    const worker = h.worker(adapter, { limiters: new Map([['telegram', telegramLimiter()]]) });

    const total = await worker.drain({ advance: h.clock.advance });

    expect(total.sent).toBe(5);
    expect(adapter.texts()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const times = adapter.delivered.map((d) => d.at - start);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(4000);
  });

  it('keeps per-chat order while other chats proceed, even past a long backlog', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock);
    for (let i = 1; i <= 6; i++) h.enqueue(groupA, `a${i}`);
    h.enqueue(groupB, 'b1');
    h.enqueue(groupA, 'a7');
    h.enqueue(groupB, 'b2');
    // A page of two rows: group B's first row lies beyond the first page of group A's backlog.
    const worker = h.worker(adapter, { limiters: new Map([['telegram', telegramLimiter()]]), batchSize: 2 });

    const first = await worker.runOnce();
    expect(adapter.texts()).toEqual(['a1', 'b1']);
    expect(first.nextWakeAt).toBe(h.clock.now());

    await worker.drain({ advance: h.clock.advance });
    const ofChat = (id: string) => adapter.delivered.filter((d) => d.chat.chatId === id).map((d) => d.text);
    expect(ofChat('-100A')).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    expect(ofChat('-100B')).toEqual(['b1', 'b2']);
  });

  it('honours a 429 retry_after: nothing for that chat before the instant, other chats not blocked', async () => {
    const h = harness();
    const start = h.clock.now();
    const adapter = new FakeAdapter('telegram', h.clock, (call) =>
      call === 1 ? { throw: new RateLimitedError(30_000) } : undefined,
    );
    h.enqueue(groupA, 'a1');
    h.enqueue(groupB, 'b1');
    h.enqueue(groupA, 'a2');
    h.enqueue(groupB, 'b2');
    const limiter = telegramLimiter();
    const worker = h.worker(adapter, { limiters: new Map([['telegram', limiter]]), maxAttempts: 1 });

    const first = await worker.runOnce();
    expect(first).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    expect(adapter.texts()).toEqual(['b1']);
    expect(limiter.delay({ chatId: '-100A', chatKind: 'group' }, start)).toBe(30_000);

    await worker.drain({ advance: h.clock.advance });
    const a = adapter.delivered.filter((d) => d.chat.chatId === '-100A');
    const b = adapter.delivered.filter((d) => d.chat.chatId === '-100B');
    expect(a.map((d) => d.text)).toEqual(['a1', 'a2']);
    for (const d of a) expect(d.at).toBeGreaterThanOrEqual(start + 30_000);
    expect(b.map((d) => d.text)).toEqual(['b1', 'b2']);
    for (const d of b) expect(d.at).toBeLessThan(start + 30_000);
    // A 429 counts as an attempt but does not fail the row, even with maxAttempts 1.
    expect(h.repo.list({ status: 'sent' }).find((r) => r.message.text === 'a1')?.attempts).toBe(2);
    expect(h.repo.counts().failed).toBe(0);
  });

  it('records a permanent error, reports it inside the transaction, and never retries it', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock, (_call, chat) =>
      chat.chatId === '42'
        ? { throw: new PermanentDeliveryError('bot was blocked', 'dm_not_allowed') }
        : undefined,
    );
    const reports: { row: OutboxRow; error: Error; inTx: boolean }[] = [];
    const id = h.enqueue(dm, 'private reminder');
    const worker = h.worker(adapter, {
      onPermanentFailure: (row, error) => {
        // The row is already failed within this transaction; the fallback commits or rolls back with it.
        const inTx = h.repo.get(row.id)?.status === 'failed';
        reports.push({ row, error, inTx });
        h.repo.enqueue(
          { platform: row.target.platform, chatId: row.target.fallbackChatId!, chatKind: 'group' },
          { text: 'fallback notice' },
          { dedupeKey: `fallback:${row.id}`, now: h.clock.now() },
        );
      },
    });

    const total = await worker.drain({ advance: h.clock.advance });

    expect(total).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    expect(adapter.calls).toBe(2);
    expect(adapter.texts()).toEqual(['fallback notice']);
    expect(h.repo.get(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(h.repo.get(id)?.lastError).toContain('bot was blocked');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.row).toMatchObject({ id, status: 'failed' });
    expect(reports[0]?.error).toBeInstanceOf(PermanentDeliveryError);
    expect(reports[0]?.inTx).toBe(true);
  });

  it('rolls back what a throwing failure handler wrote but still settles the row as failed', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock, () => ({
      throw: new PermanentDeliveryError('gone', 'chat_gone'),
    }));
    const id = h.enqueue(groupA, 'x');
    const worker = h.worker(adapter, {
      onPermanentFailure: (row) => {
        h.repo.enqueue(groupB, { text: 'never' }, { dedupeKey: `fb:${row.id}`, now: h.clock.now() });
        throw new Error('handler bug');
      },
    });

    await worker.runOnce();

    expect(h.repo.get(id)?.status).toBe('failed');
    expect(h.repo.list()).toHaveLength(1);
  });

  it('retries transient errors with backoff and gives up after maxAttempts with a report', async () => {
    const h = harness();
    const start = h.clock.now();
    const adapter = new FakeAdapter('telegram', h.clock, () => ({
      throw: new TransientDeliveryError('502'),
    }));
    const callTimes: number[] = [];
    const reports: OutboxRow[] = [];
    const id = h.enqueue(groupA, 'x');
    const worker = h.worker(adapter, {
      maxAttempts: 4,
      backoff: (attempt) => {
        callTimes.push(h.clock.now() - start);
        return exponentialBackoff(attempt);
      },
      onPermanentFailure: (row) => reports.push(row),
    });

    const total = await worker.drain({ advance: h.clock.advance });

    expect(total).toMatchObject({ sent: 0, retried: 3, failed: 1 });
    expect(adapter.calls).toBe(4);
    // Attempts at 0 s, 1 s, 3 s and 7 s: the waits double.
    expect(callTimes).toEqual([0, 1000, 3000]);
    expect(h.clock.now() - start).toBe(7000);
    expect(h.repo.get(id)).toMatchObject({ status: 'failed', attempts: 4 });
    expect(h.repo.get(id)?.lastError).toContain('502');
    expect(reports.map((r) => r.id)).toEqual([id]);
  });

  it('never gives up on a message while the platform connection is down, however long', async () => {
    const h = harness();
    const adapter = new FakeAdapter('wecom', h.clock, (call) =>
      call <= 20
        ? { throw: new TransientDeliveryError('connection is not ready', { offline: true }) }
        : undefined,
    );
    const reports: OutboxRow[] = [];
    const id = h.enqueue({ platform: 'wecom', chatId: 'g', chatKind: 'group' }, 'after the outage');
    const worker = h.worker(adapter, { maxAttempts: 3, onPermanentFailure: (row) => reports.push(row) });
    await worker.drain({ advance: h.clock.advance });
    expect(adapter.texts()).toEqual(['after the outage']);
    expect(h.repo.get(id)).toMatchObject({ status: 'sent', attempts: 21 });
    expect(reports).toEqual([]);
  });

  it('treats an unknown error as transient and succeeds on a later attempt', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock, (call) =>
      call <= 2 ? { throw: new Error('ECONNRESET') } : undefined,
    );
    const id = h.enqueue(groupA, 'x');
    await h.worker(adapter).drain({ advance: h.clock.advance });
    expect(h.repo.get(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(adapter.texts()).toEqual(['x']);
  });

  it('holds later rows of a chat behind a row waiting for its retry', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock, (call) =>
      call === 1 ? { throw: new TransientDeliveryError('timeout') } : undefined,
    );
    h.enqueue(groupA, 'a1');
    const worker = h.worker(adapter);
    await worker.runOnce();
    // a2 is due right away, but a1 is waiting for its retry and must go first.
    h.enqueue(groupA, 'a2');
    h.enqueue(groupB, 'b1');
    const second = await worker.runOnce();
    expect(adapter.texts()).toEqual(['b1']);
    expect(second.nextWakeAt).toBe(h.clock.now() + 1000);

    await worker.drain({ advance: h.clock.advance });
    expect(adapter.texts()).toEqual(['b1', 'a1', 'a2']);
  });

  it('after a crash before the platform got the message, a restart delivers every message exactly once', async () => {
    const h = harness();
    const crashing = new FakeAdapter('telegram', h.clock, (call) =>
      call === 3 ? { crash: 'before-delivery' } : undefined,
    );
    for (const t of ['m1', 'm2', 'm3', 'm4', 'm5']) h.enqueue(groupA, t);
    void h.worker(crashing).runOnce();
    await crashing.crashed;
    expect(h.repo.counts()).toMatchObject({ sent: 2, sending: 1, pending: 2 });

    const restarted = new FakeAdapter('telegram', h.clock);
    expect(h.repo.resetInFlight()).toBe(1);
    await h.worker(restarted).drain({ advance: h.clock.advance });

    expect([...crashing.texts(), ...restarted.texts()]).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(h.repo.counts()).toMatchObject({ sent: 5, sending: 0, pending: 0 });
  });

  it('after a crash between the platform call and markSent, the message is sent at most twice', async () => {
    // The in-flight duplicate the design accepts: whether the platform took the message is unknown.
    const h = harness();
    const crashing = new FakeAdapter('telegram', h.clock, (call) =>
      call === 2 ? { crash: 'after-delivery' } : undefined,
    );
    for (const t of ['m1', 'm2', 'm3']) h.enqueue(groupA, t);
    void h.worker(crashing).runOnce();
    await crashing.crashed;

    const restarted = new FakeAdapter('telegram', h.clock);
    h.repo.resetInFlight();
    await h.worker(restarted).drain({ advance: h.clock.advance });

    const all = [...crashing.texts(), ...restarted.texts()];
    expect(all).toEqual(['m1', 'm2', 'm2', 'm3']);
    expect(h.repo.counts()).toMatchObject({ sent: 3, sending: 0 });
  });

  it('does not send cancelled rows', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock);
    const id = h.enqueue(groupA, 'withdrawn');
    h.enqueue(groupA, 'kept');
    expect(h.repo.cancel(id)).toBe(true);
    await h.worker(adapter).drain();
    expect(adapter.texts()).toEqual(['kept']);
    expect(h.repo.cancel(id)).toBe(false);
  });

  it('leaves rows of a platform without an adapter pending and warns once', async () => {
    const h = harness();
    const adapter = new FakeAdapter('telegram', h.clock);
    const warnings: unknown[] = [];
    const logger: Logger = { ...silentLogger, warn: (o) => warnings.push(o), child: () => logger };
    h.enqueue({ platform: 'wecom', chatId: 'w1', chatKind: 'group' }, 'w1');
    h.enqueue({ platform: 'wecom', chatId: 'w2', chatKind: 'group' }, 'w2');
    h.enqueue(groupA, 'a1');
    const worker = h.worker(adapter, { logger });

    const first = await worker.runOnce();
    await worker.runOnce();

    expect(first).toEqual({ sent: 1, retried: 0, failed: 0, nextWakeAt: null });
    expect(h.repo.counts()).toMatchObject({ pending: 2, sent: 1 });
    expect(warnings).toEqual([{ platform: 'wecom' }]);
  });

  it('never logs message text', async () => {
    const h = harness();
    const logged: string[] = [];
    const record = (o: object | string, msg?: string) => logged.push(JSON.stringify([o, msg]));
    const logger: Logger = { debug: record, info: record, warn: record, error: record, child: () => logger };
    const adapter = new FakeAdapter('telegram', h.clock, (call) =>
      call === 1 ? { throw: new TransientDeliveryError('502') } : undefined,
    );
    h.enqueue(groupA, 'SECRET phone 13800000000');
    await h.worker(adapter, { logger }).drain({ advance: h.clock.advance });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain('SECRET');
  });

  describe('start / kick / stop', () => {
    it('resets in-flight rows at start, wakes on kick, and stops after the current send', async () => {
      vi.useFakeTimers();
      const h = harness();
      const gate = deferred();
      const holding = deferred();
      let holdThird = true;
      const adapter = new FakeAdapter('telegram', h.clock);
      const send = adapter.send.bind(adapter);
      adapter.send = async (chat, msg, opts) => {
        if (msg.text === 'c' && holdThird) {
          holdThird = false;
          holding.resolve();
          await gate.promise;
        }
        return send(chat, msg, opts);
      };
      const stuck = h.enqueue(groupA, 'a');
      h.repo.claim(stuck, h.clock.now());
      const worker = h.worker(adapter);

      worker.start();
      await adapter.deliveredCount(1);
      expect(adapter.texts()).toEqual(['a']);

      // The loop is asleep now; a kick wakes it without any timer firing.
      h.enqueue(groupA, 'b');
      worker.kick();
      await adapter.deliveredCount(2);

      h.enqueue(groupA, 'c');
      h.enqueue(groupA, 'd');
      worker.kick();
      await holding.promise;
      const stopped = worker.stop();
      gate.resolve();
      await stopped;

      expect(adapter.texts()).toEqual(['a', 'b', 'c']);
      expect(h.repo.counts()).toMatchObject({ sent: 3, pending: 1, sending: 0 });
    });
  });
});
