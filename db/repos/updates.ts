/** Dedupe of platform updates (Telegram update_id, WeCom msgid) that survives a restart. */
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedUpdates } from '../schema/index.js';

export function createUpdateRepo(db: Db) {
  return {
    seen: (platform: string, updateId: string): boolean =>
      Boolean(
        db
          .select()
          .from(processedUpdates)
          .where(and(eq(processedUpdates.platform, platform), eq(processedUpdates.updateId, updateId)))
          .get(),
      ),

    /** Mark an update handled; returns false when it already was. */
    mark: (platform: string, updateId: string, now: number): boolean =>
      db.insert(processedUpdates).values({ platform, updateId, processedAt: now }).onConflictDoNothing().run()
        .changes > 0,

    /** Forget updates older than `before` (platforms never redeliver them that late). */
    prune: (before: number): number =>
      db.delete(processedUpdates).where(lt(processedUpdates.processedAt, before)).run().changes,
  };
}

export type UpdateRepo = ReturnType<typeof createUpdateRepo>;
