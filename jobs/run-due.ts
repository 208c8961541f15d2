/**
 * The scheduler's one job: everything due at `now`. The database is the schedule, so this is safe to
 * run at any instant, any number of times (ops backfill: `yishi jobs run-due --at <ISO>`):
 * - each due step is handled by its kind's handler and settled in the same transaction as the
 *   messages it writes, so a step is done exactly once even when two ticks race;
 * - a step past its `staleAt` (a reminder for a meeting that has begun) is skipped and logged;
 * - then housekeeping keeps the dedupe and button tables from growing without bound.
 * @module
 */
import type { Logger } from '../bot/core/ports.js';
import type { StepHandler } from '../bot/core/router.js';
import type { Repos } from '../db/repos/index.js';
import type { StepRow } from '../db/repos/steps.js';

/** Platforms stop redelivering an update long before this. */
export const UPDATE_DEDUPE_RETENTION_MS = 30 * 24 * 3600_000;
const BATCH = 500;

export interface RunDueDeps {
  repos: Repos;
  tx<T>(fn: () => T): T;
  logger?: Logger;
  /** Handlers by step kind; features register theirs. */
  handlers?: Readonly<Record<string, StepHandler>>;
  /** Called after outbox rows were written, to wake the delivery worker. */
  onOutbox?: () => void;
}

export interface RunDueResult {
  done: number;
  skipped: number;
  failed: number;
  prunedUpdates: number;
  prunedActions: number;
}

export function runDue(deps: RunDueDeps, now: number): RunDueResult {
  const result: RunDueResult = { done: 0, skipped: 0, failed: 0, prunedUpdates: 0, prunedActions: 0 };
  let batch: StepRow[];
  const seen = new Set<number>();
  do {
    batch = deps.repos.steps.due(now, BATCH).filter((s) => !seen.has(s.id));
    for (const step of batch) {
      seen.add(step.id);
      runStep(deps, step, now, result);
    }
  } while (batch.length > 0);
  deps.tx(() => {
    result.prunedUpdates = deps.repos.updates.prune(now - UPDATE_DEDUPE_RETENTION_MS);
    result.prunedActions = deps.repos.actions.prune(now);
  });
  if (result.done) deps.onOutbox?.();
  return result;
}

function runStep(deps: RunDueDeps, step: StepRow, now: number, result: RunDueResult): void {
  const log = deps.logger?.child({
    step: step.id,
    kind: step.kind,
    subject: `${step.subjectType}:${step.subjectId}`,
  });
  const handler = deps.handlers?.[step.kind];
  try {
    deps.tx(() => {
      if (step.staleAt !== null && now > step.staleAt) {
        if (deps.repos.steps.settle(step.id, 'skipped', now, 'stale')) {
          result.skipped++;
          log?.warn({ fireAt: step.fireAt, staleAt: step.staleAt }, 'step skipped: stale after downtime');
        }
        return;
      }
      if (!handler) {
        if (deps.repos.steps.settle(step.id, 'skipped', now, 'no handler')) result.skipped++;
        log?.error('step skipped: no handler for its kind');
        return;
      }
      // Settle first: if another tick already did it, this one must not send anything.
      if (!deps.repos.steps.settle(step.id, 'done', now)) return;
      handler(step, now);
      result.done++;
      if (now - step.fireAt > 60_000) log?.info({ lateByMs: now - step.fireAt }, 'step sent late');
    });
  } catch (err) {
    result.failed++;
    log?.error({ err }, 'step failed; it stays pending and is retried on the next tick');
  }
}
