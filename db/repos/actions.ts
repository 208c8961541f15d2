/** Server-side state for buttons (whose callback data is limited to 64 bytes) and conversations. */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { pendingActions } from '../schema/index.js';

export type PendingActionRow = typeof pendingActions.$inferSelect;

/** Who a conversation is with: one person in one chat. */
export interface ConversationKey {
  platform: string;
  chatId: string;
  userId: string;
}

const conversationWhere = (k: ConversationKey) =>
  and(
    eq(pendingActions.kind, 'conversation'),
    eq(pendingActions.platform, k.platform),
    eq(pendingActions.chatId, k.chatId),
    eq(pendingActions.userId, k.userId),
  );

const placeholderKey = {
  platform: sql.placeholder('platform'),
  chatId: sql.placeholder('chatId'),
  userId: sql.placeholder('userId'),
} as unknown as ConversationKey;

export function createActionRepo(db: Db) {
  // Built once: every update looks for a conversation, every button is a row.
  const insertButton = db
    .insert(pendingActions)
    .values({
      token: sql.placeholder('token'),
      kind: 'button',
      payload: sql.placeholder('payload'),
      createdAt: sql.placeholder('createdAt'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .prepare();
  const conversationOf = db.select().from(pendingActions).where(conversationWhere(placeholderKey)).prepare();
  const deleteConversation = db.delete(pendingActions).where(conversationWhere(placeholderKey)).prepare();
  /** The payload of a live token of a kind (a button, a deep link), parsed; undefined when unknown or expired. */
  const livePayload = (token: string, kind: 'button' | 'link', now: number): unknown => {
    const row = db
      .select()
      .from(pendingActions)
      .where(
        and(
          eq(pendingActions.token, token),
          eq(pendingActions.kind, kind),
          gt(pendingActions.expiresAt, now),
        ),
      )
      .get();
    return row ? JSON.parse(row.payload) : undefined;
  };
  const keyParams = (k: ConversationKey) => ({ platform: k.platform, chatId: k.chatId, userId: k.userId });

  return {
    /** Store a button payload and return its short token (10 url-safe characters). */
    createButton(payload: unknown, now: number, ttlMs: number): string {
      const token = randomBytes(8).toString('base64url').slice(0, 10);
      insertButton.run({ token, payload: JSON.stringify(payload), createdAt: now, expiresAt: now + ttlMs });
      return token;
    },

    /** The payload of a live button, or undefined when unknown or expired. */
    getButton: <T>(token: string, now: number): T | undefined =>
      livePayload(token, 'button', now) as T | undefined,

    /** Mark a one-shot button used; false when it already was (a double tap). */
    useButton: (token: string, now: number): boolean =>
      db
        .update(pendingActions)
        .set({ usedAt: now })
        .where(and(eq(pendingActions.token, token), isNull(pendingActions.usedAt)))
        .run().changes > 0,

    /**
     * A deep-link token that links whoever opens it to a person (Telegram `/start <token>`). Reuses a live
     * token for the same person so repeated fallbacks show the same link.
     */
    linkTokenFor(personId: number, now: number, ttlMs: number): string {
      const payload = JSON.stringify({ personId });
      const live = db
        .select()
        .from(pendingActions)
        .where(
          and(
            eq(pendingActions.kind, 'link'),
            eq(pendingActions.payload, payload),
            gt(pendingActions.expiresAt, now),
          ),
        )
        .get();
      if (live) return live.token;
      const token = randomBytes(12).toString('base64url');
      db.insert(pendingActions)
        .values({ token, kind: 'link', payload, createdAt: now, expiresAt: now + ttlMs })
        .run();
      return token;
    },

    /** The person a live link token stands for. */
    personForLink: (token: string, now: number): number | undefined =>
      (livePayload(token, 'link', now) as { personId: number } | undefined)?.personId,

    /**
     * Open a conversation: the next plain message of this user in this chat answers `kind`. One at a time
     * per user and chat; a new one replaces the old.
     */
    openConversation(key: ConversationKey, kind: string, payload: unknown, now: number, ttlMs: number): void {
      deleteConversation.run(keyParams(key));
      db.insert(pendingActions)
        .values({
          token: randomBytes(8).toString('base64url'),
          kind: 'conversation',
          platform: key.platform,
          chatId: key.chatId,
          userId: key.userId,
          payload: JSON.stringify({ kind, payload }),
          createdAt: now,
          expiresAt: now + ttlMs,
        })
        .run();
    },

    /** The live conversation of this user in this chat, removed as it is taken. */
    takeConversation(key: ConversationKey, now: number): { kind: string; payload: unknown } | undefined {
      const row = conversationOf.get(keyParams(key));
      if (!row) return undefined;
      db.delete(pendingActions).where(eq(pendingActions.id, row.id)).run();
      return row.expiresAt > now
        ? (JSON.parse(row.payload) as { kind: string; payload: unknown })
        : undefined;
    },

    hasConversation: (key: ConversationKey, now: number): boolean =>
      (conversationOf.get(keyParams(key))?.expiresAt ?? 0) > now,

    closeConversation: (key: ConversationKey): void => {
      deleteConversation.run(keyParams(key));
    },

    prune: (now: number): number =>
      db.delete(pendingActions).where(lt(pendingActions.expiresAt, now)).run().changes,
  };
}

export type ActionRepo = ReturnType<typeof createActionRepo>;
