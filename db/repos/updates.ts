/** Dedupe of platform updates (Telegram update_id, WeCom msgid) that survives a restart. */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedUpdates } from '../schema/index.js';

export function createUpdateRepo(db: Db) {
  // Prepared once: every update is checked and marked.
  const p = sql.placeholder;
  const handled = db
    .select({ processedAt: processedUpdates.processedAt })
    .from(processedUpdates)
    .where(and(eq(processedUpdates.platform, p('platform')), eq(processedUpdates.updateId, p('updateId'))))
    .prepare();
  const insertMark = db
    .insert(processedUpdates)
    .values({ platform: p('platform'), updateId: p('updateId'), processedAt: p('now') })
    .onConflictDoNothing()
    .prepare();

  return {
    seen: (platform: string, updateId: string): boolean => Boolean(handled.get({ platform, updateId })),

    /** Mark an update handled; returns false when it already was. */
    mark: (platform: string, updateId: string, now: number): boolean =>
      insertMark.run({ platform, updateId, now }).changes > 0,

    /** Forget updates older than `before` (platforms never redeliver them that late). */
    prune: (before: number): number =>
      db.delete(processedUpdates).where(lt(processedUpdates.processedAt, before)).run().changes,
  };
}

export type UpdateRepo = ReturnType<typeof createUpdateRepo>;
