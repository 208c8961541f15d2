/**
 * The scheduler's one job: everything due at `now`. The database is the schedule, so this is safe to
 * run at any instant, any number of times (ops backfill: `yishi jobs run-due --at <ISO>`). Meeting
 * reminders and item follow-ups join here as their features land; today it keeps the dedupe and
 * button tables from growing without bound.
 * @module
 */
import type { Repos } from '../db/repos/index.js';

/** Platforms stop redelivering an update long before this. */
export const UPDATE_DEDUPE_RETENTION_MS = 30 * 24 * 3600_000;

export interface RunDueDeps {
  repos: Repos;
  tx<T>(fn: () => T): T;
}

export interface RunDueResult {
  prunedUpdates: number;
  prunedActions: number;
}

export function runDue(deps: RunDueDeps, now: number): RunDueResult {
  return deps.tx(() => ({
    prunedUpdates: deps.repos.updates.prune(now - UPDATE_DEDUPE_RETENTION_MS),
    prunedActions: deps.repos.actions.prune(now),
  }));
}
