/**
 * The outbox: every message the bot sends is a row here first, written in the same transaction as the
 * state change that caused it, so a crash can never lose a message nor send one for a change that was
 * rolled back. The delivery worker (`jobs/delivery-worker.ts`) drains it under the platform's limits.
 * @module
 */
import { and, asc, count, eq, gt, lte, min, notInArray, type Placeholder, sql } from 'drizzle-orm';
import type { Outgoing, Platform } from '../../bot/core/types.js';
import type { Db } from '../client.js';
import { OUTBOX_STATUSES, outbox } from '../schema/index.js';

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Where a message goes. `personId` and `fallbackChatId` let the app re-route a DM the platform refused. */
export interface OutboxTarget {
  platform: Platform;
  chatId: string;
  chatKind: 'direct' | 'group';
  threadId?: string;
  personId?: number;
  fallbackChatId?: string;
}

/** One outbox row with its payload decoded. */
export interface OutboxRow {
  id: number;
  dedupeKey: string;
  target: OutboxTarget;
  message: Outgoing;
  replyToken: string | null;
  status: OutboxStatus;
  /** Every send attempt counts, rate-limited ones included. */
  attempts: number;
  /** Pending rows: the earliest instant to try. Settled rows: when the last attempt began or ended. */
  nextAttemptAt: number;
  lastError: string | null;
  platformMessageId: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface EnqueueOptions {
  /** Makes a re-run of the same state change harmless: a second enqueue with this key is ignored. */
  dedupeKey: string;
  now: number;
  replyToken?: string;
  /** Deliver no earlier than this instant (scheduled messages). */
  notBefore?: number;
}

type OutboxRecord = typeof outbox.$inferSelect;

/** The SQL text of `platform:chatId`, matching `chatKey` in bot/core/types.ts. */
const chatKeySql = sql<string>`(${outbox.platform} || ':' || ${outbox.chatId})`;

/**
 * Each chat's first due row (its head) with the number of its due rows, oldest head first: ids and
 * targets only, no payloads. A chat's rows go out in id order, so only its head can be next; the worker
 * loads a row in full when it sends it. Exported so tests can assert its plan uses `outbox_due_idx`.
 */
export function dueHeadsQuery(
  db: Db,
  now: number | Placeholder,
  limit: number | Placeholder,
  opts: DueHeadsOptions = {},
) {
  const skipChats = opts.skipChats ?? [];
  const skipPlatforms = opts.skipPlatforms ?? [];
  const firstId = min(outbox.id);
  return db
    .select({
      id: firstId,
      platform: outbox.platform,
      chatId: outbox.chatId,
      chatKind: outbox.chatKind,
      due: count(),
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        skipPlatforms.length ? notInArray(outbox.platform, [...skipPlatforms]) : undefined,
        skipChats.length ? notInArray(chatKeySql, [...skipChats]) : undefined,
      ),
    )
    .groupBy(outbox.platform, outbox.chatId)
    .orderBy(asc(firstId))
    .limit(limit);
}

export interface DueHeadsOptions {
  /** Chat keys (`platform:chatId`) to leave out, because the worker already knows they must wait. */
  skipChats?: readonly string[];
  /** Platforms to leave out, because every chat on them must wait (a global limit, no adapter). */
  skipPlatforms?: readonly string[];
}

/** A chat's first due row, as much of it as deciding whether to send it now needs. */
export interface OutboxHead {
  id: number;
  target: OutboxTarget;
  /** How many rows of this chat are due, the head included. */
  due: number;
}

/**
 * The outbox repository. Every method is synchronous so callers can use it inside `store.tx` together
 * with the state change that produced the message. The statements the pipeline and the delivery worker
 * run for every message are prepared once here: building and compiling them per call cost more than
 * running them.
 */
export function createOutboxRepo(db: Db) {
  const p = sql.placeholder;
  const insertRow = db
    .insert(outbox)
    .values({
      dedupeKey: p('dedupeKey'),
      platform: p('platform'),
      chatId: p('chatId'),
      chatKind: p('chatKind'),
      threadId: p('threadId'),
      personId: p('personId'),
      fallbackChatId: p('fallbackChatId'),
      payload: p('payload'),
      replyToken: p('replyToken'),
      nextAttemptAt: p('nextAttemptAt'),
      createdAt: p('createdAt'),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id })
    .prepare();
  const idByDedupeKey = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.dedupeKey, p('dedupeKey')))
    .prepare();
  const rowById = db
    .select()
    .from(outbox)
    .where(eq(outbox.id, p('id')))
    .prepare();
  const claim = db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: sql`${p('now')}` })
    .where(and(eq(outbox.id, p('id')), eq(outbox.status, 'pending')))
    .returning()
    .prepare();
  const settleSent = db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`${p('now')}`, platformMessageId: sql`${p('platformMessageId')}` })
    .where(eq(outbox.id, p('id')))
    .prepare();
  const settleRetry = db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: sql`${p('at')}`, lastError: sql`${p('error')}` })
    .where(eq(outbox.id, p('id')))
    .prepare();
  const settleFailed = db
    .update(outbox)
    .set({ status: 'failed', nextAttemptAt: sql`${p('now')}`, lastError: sql`${p('error')}` })
    .where(eq(outbox.id, p('id')))
    .prepare();
  const withdraw = db
    .update(outbox)
    .set({ status: 'cancelled' })
    .where(and(eq(outbox.id, p('id')), eq(outbox.status, 'pending')))
    .prepare();
  const retryChats = db
    .selectDistinct({ key: chatKeySql })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), gt(outbox.nextAttemptAt, p('now')), gt(outbox.attempts, 0)))
    .prepare();
  const earliestPending = db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .prepare();
  const earliestPendingAfter = db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), gt(outbox.nextAttemptAt, p('after'))))
    .prepare();
  const sentAs = db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.platform, p('platform')),
        eq(outbox.chatId, p('chatId')),
        eq(outbox.platformMessageId, p('platformMessageId')),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(1)
    .prepare();
  const heads = dueHeadsQuery(db, p('now'), p('limit')).prepare();

  return {
    /** Insert a message unless one with the same dedupe key exists; returns the row id either way. */
    enqueue(
      target: OutboxTarget,
      message: Outgoing,
      opts: EnqueueOptions,
    ): { id: number; inserted: boolean } {
      const inserted = insertRow.all({
        dedupeKey: opts.dedupeKey,
        platform: target.platform,
        chatId: target.chatId,
        chatKind: target.chatKind,
        threadId: target.threadId ?? null,
        personId: target.personId ?? null,
        fallbackChatId: target.fallbackChatId ?? null,
        payload: JSON.stringify(message),
        replyToken: opts.replyToken ?? null,
        nextAttemptAt: opts.notBefore ?? opts.now,
        createdAt: opts.now,
      });
      if (inserted[0]) return { id: inserted[0].id, inserted: true };
      const existing = idByDedupeKey.get({ dedupeKey: opts.dedupeKey });
      if (!existing) throw new Error(`outbox: dedupe key conflict but no row for ${opts.dedupeKey}`);
      return { id: existing.id, inserted: false };
    },

    /** Each chat's first due row, oldest first, without payloads (see {@link dueHeadsQuery}). */
    dueHeads(now: number, limit: number, opts: DueHeadsOptions = {}): OutboxHead[] {
      const rows =
        opts.skipChats?.length || opts.skipPlatforms?.length
          ? dueHeadsQuery(db, now, limit, opts).all()
          : heads.all({ now, limit });
      return rows.map((r) => ({
        id: r.id!,
        target: { platform: r.platform as Platform, chatId: r.chatId, chatKind: r.chatKind },
        due: r.due,
      }));
    },

    /**
     * Chat keys with a retried row still waiting for its next attempt. Later rows of those chats must
     * not overtake it, even though they are due themselves.
     */
    chatsWaitingForRetry(now: number): string[] {
      return retryChats.all({ now }).map((r) => r.key);
    },

    /** The sent row that became a given platform message (to find what a pressed button belonged to). */
    findSent(platform: string, chatId: string, platformMessageId: string): OutboxRow | undefined {
      const r = sentAs.get({ platform, chatId, platformMessageId });
      return r ? toRow(r) : undefined;
    },

    /**
     * Claim a pending row for sending and return it as claimed (status `sending`, one more attempt);
     * undefined when it was cancelled or claimed in the meantime.
     */
    claim(id: number, now: number): OutboxRow | undefined {
      const r = claim.get({ id, now });
      return r ? toRow(r) : undefined;
    },

    markSent(id: number, now: number, platformMessageId?: string): void {
      settleSent.run({ id, now, platformMessageId: platformMessageId ?? null });
    },

    /** Back to pending for another try at `nextAttemptAt`. */
    reschedule(id: number, nextAttemptAt: number, error: string): void {
      settleRetry.run({ id, at: nextAttemptAt, error });
    },

    markFailed(id: number, now: number, error: string): void {
      settleFailed.run({ id, now, error });
    },

    /** Withdraw a message that has not gone out yet; false when it is already sending or settled. */
    cancel(id: number): boolean {
      return withdraw.run({ id }).changes > 0;
    },

    /**
     * Rows a crash left in 'sending' go back to pending. Whether such a message reached the platform is
     * unknown, so it may be delivered twice: the one duplicate the design accepts (at-least-once).
     */
    resetInFlight(): number {
      return db.update(outbox).set({ status: 'pending' }).where(eq(outbox.status, 'sending')).run().changes;
    },

    /** The earliest nextAttemptAt among pending rows (only those later than `after`, when given). */
    nextWakeAt(after?: number): number | null {
      const r = after === undefined ? earliestPending.get() : earliestPendingAfter.get({ after });
      return r?.at ?? null;
    },

    get(id: number): OutboxRow | undefined {
      const r = rowById.get({ id });
      return r ? toRow(r) : undefined;
    },

    /** Rows in queue order (by id), optionally of one status; at most `limit` (default 100). */
    list(filter: { status?: OutboxStatus; limit?: number } = {}): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(filter.status ? eq(outbox.status, filter.status) : undefined)
        .orderBy(asc(outbox.id))
        .limit(filter.limit ?? 100)
        .all()
        .map(toRow);
    },

    /** How many rows are in each status, zeros included (health checks, the admin status command). */
    counts(): Record<OutboxStatus, number> {
      const result = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
      const rows = db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all();
      for (const r of rows) result[r.status] = r.n;
      return result;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;

function toRow(r: OutboxRecord): OutboxRow {
  return {
    id: r.id,
    dedupeKey: r.dedupeKey,
    target: toTarget(r),
    message: JSON.parse(r.payload) as Outgoing,
    replyToken: r.replyToken,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    platformMessageId: r.platformMessageId,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
  };
}

function toTarget(r: OutboxRecord): OutboxTarget {
  const target: OutboxTarget = { platform: r.platform as Platform, chatId: r.chatId, chatKind: r.chatKind };
  if (r.threadId !== null) target.threadId = r.threadId;
  if (r.personId !== null) target.personId = r.personId;
  if (r.fallbackChatId !== null) target.fallbackChatId = r.fallbackChatId;
  return target;
}
