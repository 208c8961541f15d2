/**
 * Scheduled steps: everything the scheduler must do at an instant (meeting reminders, follow-up steps,
 * digests). The dedupe key makes "never twice" a database fact: planning the same step again is a no-op.
 */
import { and, asc, eq, inArray, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { scheduledSteps } from '../schema/index.js';

export type StepRow = typeof scheduledSteps.$inferSelect;
export type StepSubject = StepRow['subjectType'];

export interface PlannedStep {
  kind: string;
  subjectType: StepSubject;
  subjectId: number;
  fireAt: number;
  staleAt?: number | null;
  dedupeKey: string;
  payload?: unknown;
}

export function createStepRepo(db: Db) {
  return {
    /**
     * Insert a step unless one with the same dedupe key exists (in any status): true when inserted. A
     * pending step with the key takes the new instant (the cadence or the calendar changed); a settled
     * one is never revived.
     */
    plan(step: PlannedStep, now: number): boolean {
      const inserted =
        db
          .insert(scheduledSteps)
          .values({
            kind: step.kind,
            subjectType: step.subjectType,
            subjectId: step.subjectId,
            fireAt: step.fireAt,
            staleAt: step.staleAt ?? null,
            dedupeKey: step.dedupeKey,
            payload: step.payload === undefined ? null : JSON.stringify(step.payload),
            createdAt: now,
          })
          .onConflictDoNothing()
          .run().changes > 0;
      if (!inserted) {
        db.update(scheduledSteps)
          .set({
            fireAt: step.fireAt,
            staleAt: step.staleAt ?? null,
            payload: step.payload === undefined ? null : JSON.stringify(step.payload),
          })
          .where(and(eq(scheduledSteps.dedupeKey, step.dedupeKey), eq(scheduledSteps.status, 'pending')))
          .run();
      }
      return inserted;
    },

    /** Pending steps whose instant has come, oldest first (uses scheduled_steps_due_idx). */
    due: (now: number, limit: number): StepRow[] =>
      db
        .select()
        .from(scheduledSteps)
        .where(and(eq(scheduledSteps.status, 'pending'), lte(scheduledSteps.fireAt, now)))
        .orderBy(asc(scheduledSteps.fireAt), asc(scheduledSteps.id))
        .limit(limit)
        .all(),

    /** Settle a pending step; false when another run settled it first. */
    settle(id: number, status: 'done' | 'skipped', now: number, note?: string): boolean {
      return (
        db
          .update(scheduledSteps)
          .set({ status, doneAt: now, note: note ?? null })
          .where(and(eq(scheduledSteps.id, id), eq(scheduledSteps.status, 'pending')))
          .run().changes > 0
      );
    },

    /** Cancel a subject's pending steps, except those whose keys are still planned. */
    cancelPending(subjectType: StepSubject, subjectId: number, keep: string[] = []): number {
      return db
        .update(scheduledSteps)
        .set({ status: 'cancelled' })
        .where(
          and(
            eq(scheduledSteps.subjectType, subjectType),
            eq(scheduledSteps.subjectId, subjectId),
            eq(scheduledSteps.status, 'pending'),
            keep.length ? notInArray(scheduledSteps.dedupeKey, keep) : undefined,
          ),
        )
        .run().changes;
    },

    of: (subjectType: StepSubject, subjectIds: number[]): StepRow[] =>
      subjectIds.length
        ? db
            .select()
            .from(scheduledSteps)
            .where(
              and(eq(scheduledSteps.subjectType, subjectType), inArray(scheduledSteps.subjectId, subjectIds)),
            )
            .orderBy(asc(scheduledSteps.fireAt), asc(scheduledSteps.id))
            .all()
        : [],
  };
}

export type StepRepo = ReturnType<typeof createStepRepo>;
