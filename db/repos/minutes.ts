/** Minutes (纪要) of a meeting: draft → approved by the chair → issued; earlier versions are kept. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { minutes } from '../schema/index.js';

export type MinutesRow = typeof minutes.$inferSelect;

export function createMinutesRepo(db: Db) {
  return {
    /** The latest version of a meeting's minutes. */
    latest: (meetingId: number): MinutesRow | undefined =>
      db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).orderBy(desc(minutes.version)).get(),

    /** Save a draft: a new version when the latest was already approved or issued, else replace it. */
    saveDraft(meetingId: number, content: unknown, by: number | undefined, now: number): MinutesRow {
      const latest = db
        .select()
        .from(minutes)
        .where(eq(minutes.meetingId, meetingId))
        .orderBy(desc(minutes.version))
        .get();
      if (latest && latest.status === 'draft') {
        return db
          .update(minutes)
          .set({ content: JSON.stringify(content), updatedAt: now })
          .where(eq(minutes.id, latest.id))
          .returning()
          .get();
      }
      return db
        .insert(minutes)
        .values({
          meetingId,
          version: (latest?.version ?? 0) + 1,
          content: JSON.stringify(content),
          createdBy: by ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
    },

    /** Move a version on: draft → approved, approved → issued. False when it was not in `from`. */
    advance(
      id: number,
      from: MinutesRow['status'],
      to: MinutesRow['status'],
      by: number | undefined,
      now: number,
    ): boolean {
      const patch = to === 'approved' ? { approvedBy: by ?? null, approvedAt: now } : { issuedAt: now };
      return (
        db
          .update(minutes)
          .set({ status: to, ...patch, updatedAt: now })
          .where(and(eq(minutes.id, id), eq(minutes.status, from)))
          .run().changes > 0
      );
    },
  };
}

export type MinutesRepo = ReturnType<typeof createMinutesRepo>;
