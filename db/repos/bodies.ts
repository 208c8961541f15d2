/** Bodies (joint meetings and grid nodes) and the chats bound to them. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { bodies, chats, type GRID_LEVELS } from '../schema/index.js';

export type BodyRow = typeof bodies.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type GridLevel = (typeof GRID_LEVELS)[number];

/** A body's settings JSON as an object; {} when it is missing or unreadable, so a bad edit never breaks a feature. */
export function settingsOf(body: Pick<BodyRow, 'settings'>): Record<string, unknown> {
  try {
    const s = JSON.parse(body.settings) as unknown;
    return s && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function createBodyRepo(db: Db) {
  // Prepared once: every update looks up its chat and, in a bound chat, its body.
  const bodyById = db
    .select()
    .from(bodies)
    .where(eq(bodies.id, sql.placeholder('id')))
    .prepare();
  const chatByPlatformId = db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, sql.placeholder('platform')), eq(chats.chatId, sql.placeholder('chatId'))))
    .prepare();
  const chatsOfBody = db
    .select()
    .from(chats)
    .where(and(eq(chats.bodyId, sql.placeholder('bodyId')), eq(chats.active, true)))
    .prepare();

  return {
    get: (id: number): BodyRow | undefined => bodyById.get({ id }),

    findByName: (kind: BodyRow['kind'], name: string): BodyRow | undefined =>
      db
        .select()
        .from(bodies)
        .where(and(eq(bodies.kind, kind), eq(bodies.name, name)))
        .get(),

    findAnyByName: (name: string): BodyRow[] => db.select().from(bodies).where(eq(bodies.name, name)).all(),

    create(input: {
      kind: BodyRow['kind'];
      name: string;
      gridLevel?: GridLevel;
      parentId?: number;
      codePrefix: string;
      timezone: string;
      createdBy?: number;
      now: number;
    }): BodyRow {
      return db
        .insert(bodies)
        .values({
          kind: input.kind,
          name: input.name,
          gridLevel: input.gridLevel ?? null,
          parentId: input.parentId ?? null,
          codePrefix: input.codePrefix,
          timezone: input.timezone,
          createdBy: input.createdBy ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning()
        .get();
    },

    /** Replace a body's settings JSON (time limits, follow-up cadence…). */
    setSettings: (id: number, settings: unknown, now: number): void => {
      db.update(bodies)
        .set({ settings: JSON.stringify(settings), updatedAt: now })
        .where(eq(bodies.id, id))
        .run();
    },

    /** The joint meeting whose co-building units a grid node may dispatch to. */
    setJointBody: (bodyId: number, jointBodyId: number | null, now: number): void => {
      db.update(bodies).set({ jointBodyId, updatedAt: now }).where(eq(bodies.id, bodyId)).run();
    },

    children: (parentId: number): BodyRow[] =>
      db.select().from(bodies).where(eq(bodies.parentId, parentId)).all(),

    /** The chain from a body up to the root, starting with the body itself. */
    ancestry(id: number): BodyRow[] {
      const chain: BodyRow[] = [];
      const seen = new Set<number>();
      let cur = db.select().from(bodies).where(eq(bodies.id, id)).get();
      while (cur && !seen.has(cur.id)) {
        chain.push(cur);
        seen.add(cur.id);
        cur = cur.parentId ? db.select().from(bodies).where(eq(bodies.id, cur.parentId)).get() : undefined;
      }
      return chain;
    },

    // --- chats

    getChat: (platform: string, chatId: string): ChatRow | undefined =>
      chatByPlatformId.get({ platform, chatId }),

    getChatById: (id: number): ChatRow | undefined => db.select().from(chats).where(eq(chats.id, id)).get(),

    /**
     * Insert the chat on first sight; keep its title fresh and mark it active again. A known, active chat
     * whose title has not changed is only read: every update comes through here, and rewriting an
     * unchanged row was a write per message before any handler ran.
     */
    upsertChat(input: {
      platform: string;
      chatId: string;
      kind: 'direct' | 'group';
      title?: string;
      now: number;
    }): ChatRow {
      const known = chatByPlatformId.get({ platform: input.platform, chatId: input.chatId });
      if (known?.active && (!input.title || input.title === known.title)) return known;
      return db
        .insert(chats)
        .values({
          platform: input.platform,
          chatId: input.chatId,
          kind: input.kind,
          title: input.title ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoUpdate({
          target: [chats.platform, chats.chatId],
          set: input.title ? { title: input.title, active: true, updatedAt: input.now } : { active: true },
        })
        .returning()
        .get();
    },

    bindChat: (chatRowId: number, bodyId: number, now: number): void => {
      db.update(chats).set({ bodyId, updatedAt: now }).where(eq(chats.id, chatRowId)).run();
    },

    chatsOf: (bodyId: number): ChatRow[] => chatsOfBody.all({ bodyId }),

    setChatActive: (platform: string, chatId: string, active: boolean, now: number): void => {
      db.update(chats)
        .set({ active, updatedAt: now })
        .where(and(eq(chats.platform, platform), eq(chats.chatId, chatId)))
        .run();
    },

    /** A Telegram group migrated to a supergroup keeps its binding under the new id. */
    migrateChat: (platform: string, oldId: string, newId: string, now: number): void => {
      db.update(chats)
        .set({ chatId: newId, updatedAt: now })
        .where(and(eq(chats.platform, platform), eq(chats.chatId, oldId)))
        .run();
    },

    unboundGroups: (): ChatRow[] =>
      db
        .select()
        .from(chats)
        .where(and(isNull(chats.bodyId), eq(chats.kind, 'group')))
        .all(),
  };
}

export type BodyRepo = ReturnType<typeof createBodyRepo>;
