/**
 * Scheduled steps: everything the scheduler must do at an instant (meeting reminders, follow-up steps,
 * digests). The dedupe key makes "never twice" a database fact: planning the same step again is a no-op.
 */
import { and, asc, eq, inArray, lte, notInArray, type Placeholder, sql } from 'drizzle-orm';
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

/**
 * The scheduler tick's due query on its own, so tests can assert its plan: a search of
 * `scheduled_steps_due_idx` (status, fire_at), never a scan of the table.
 */
export function dueStepsQuery(db: Db, now: number | Placeholder, limit: number | Placeholder) {
  return db
    .select()
    .from(scheduledSteps)
    .where(and(eq(scheduledSteps.status, 'pending'), lte(scheduledSteps.fireAt, now)))
    .orderBy(asc(scheduledSteps.fireAt), asc(scheduledSteps.id))
    .limit(limit);
}

export function createStepRepo(db: Db) {
  // Prepared once: planning an item writes several steps, and every tick asks for due ones.
  const p = sql.placeholder;
  const insertStep = db
    .insert(scheduledSteps)
    .values({
      kind: p('kind'),
      subjectType: p('subjectType'),
      subjectId: p('subjectId'),
      fireAt: p('fireAt'),
      staleAt: p('staleAt'),
      dedupeKey: p('dedupeKey'),
      payload: p('payload'),
      createdAt: p('now'),
    })
    .onConflictDoNothing()
    .prepare();
  const replanPending = db
    .update(scheduledSteps)
    .set({ fireAt: sql`${p('fireAt')}`, staleAt: sql`${p('staleAt')}`, payload: sql`${p('payload')}` })
    .where(
      and(
        eq(scheduledSteps.dedupeKey, p('dedupeKey')),
        eq(scheduledSteps.status, 'pending'),
        // Re-planning an unchanged step (every item event re-plans its body's digest and bulletin) writes nothing.
        sql`(${scheduledSteps.fireAt} is not ${p('fireAt')} or ${scheduledSteps.staleAt} is not ${p('staleAt')} or ${scheduledSteps.payload} is not ${p('payload')})`,
      ),
    )
    .prepare();
  const dueSteps = dueStepsQuery(db, p('now'), p('limit')).prepare();
  const settlePending = db
    .update(scheduledSteps)
    .set({ status: sql`${p('status')}`, doneAt: sql`${p('now')}`, note: sql`${p('note')}` })
    .where(and(eq(scheduledSteps.id, p('id')), eq(scheduledSteps.status, 'pending')))
    .prepare();

  return {
    /**
     * Insert a step unless one with the same dedupe key exists (in any status): true when inserted. A
     * pending step with the key takes the new instant (the cadence or the calendar changed); a settled
     * one is never revived.
     */
    plan(step: PlannedStep, now: number): boolean {
      const values = {
        fireAt: step.fireAt,
        staleAt: step.staleAt ?? null,
        dedupeKey: step.dedupeKey,
        payload: step.payload === undefined ? null : JSON.stringify(step.payload),
      };
      const inserted =
        insertStep.run({
          ...values,
          kind: step.kind,
          subjectType: step.subjectType,
          subjectId: step.subjectId,
          now,
        }).changes > 0;
      if (!inserted) replanPending.run(values);
      return inserted;
    },

    /** Pending steps whose instant has come, oldest first (uses scheduled_steps_due_idx). */
    due: (now: number, limit: number): StepRow[] => dueSteps.all({ now, limit }),

    /** Settle a pending step; false when another run settled it first. */
    settle(id: number, status: 'done' | 'skipped', now: number, note?: string): boolean {
      return settlePending.run({ id, status, now, note: note ?? null }).changes > 0;
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
