import { describe, expect, it } from 'vitest';
import { createRepos } from '../../db/repos/index.js';
import type { StepRow } from '../../db/repos/steps.js';
import { runDue } from '../../jobs/run-due.js';
import { testStore } from '../support/test-db.js';

const T = Date.parse('2026-12-04T09:00:00+08:00');
const MIN = 60_000;

function setup() {
  const store = testStore();
  const repos = createRepos(store.db);
  const fired: number[] = [];
  const warnings: string[] = [];
  const logger = {
    debug() {},
    info() {},
    warn: (_o: object | string, msg?: string) => warnings.push(msg ?? ''),
    error: (_o: object | string, msg?: string) => warnings.push(msg ?? ''),
    child() {
      return logger;
    },
  };
  const handlers = {
    remind: (step: StepRow, now: number) => {
      fired.push(step.id);
      repos.outbox.enqueue(
        { platform: 'console', chatId: 'g', chatKind: 'group' },
        { text: `step ${step.id}` },
        { dedupeKey: `s:${step.id}`, now },
      );
    },
    broken: () => {
      repos.outbox.enqueue(
        { platform: 'console', chatId: 'g', chatKind: 'group' },
        { text: 'half' },
        { dedupeKey: 'half', now: T },
      );
      throw new Error('bug');
    },
  };
  const deps = { repos, tx: store.tx, handlers, logger };
  return { store, repos, fired, warnings, deps };
}

describe('runDue', () => {
  it('does a due step once, however often the tick runs for the same minute', () => {
    const { repos, fired, deps, store } = setup();
    expect(
      repos.steps.plan(
        { kind: 'remind', subjectType: 'meeting', subjectId: 1, fireAt: T, dedupeKey: 'm1:notice' },
        0,
      ),
    ).toBe(true);
    expect(
      repos.steps.plan(
        { kind: 'remind', subjectType: 'meeting', subjectId: 1, fireAt: T, dedupeKey: 'm1:notice' },
        0,
      ),
    ).toBe(false);
    expect(runDue(deps, T - MIN).done).toBe(0);
    expect(runDue(deps, T).done).toBe(1);
    expect(runDue(deps, T).done).toBe(0);
    expect(runDue(deps, T + 30_000).done).toBe(0);
    expect(fired).toHaveLength(1);
    expect(store.query('select count(*) as n from outbox')).toEqual([{ n: 1 }]);
  });

  it('sends a missed step late while useful and skips (and logs) a stale one', () => {
    const { repos, fired, warnings, deps } = setup();
    repos.steps.plan(
      {
        kind: 'remind',
        subjectType: 'meeting',
        subjectId: 1,
        fireAt: T,
        staleAt: T + 60 * MIN,
        dedupeKey: 'useful',
      },
      0,
    );
    repos.steps.plan(
      {
        kind: 'remind',
        subjectType: 'meeting',
        subjectId: 1,
        fireAt: T - 120 * MIN,
        staleAt: T - 10 * MIN,
        dedupeKey: 'stale',
      },
      0,
    );
    const r = runDue(deps, T + 30 * MIN);
    expect(r).toMatchObject({ done: 1, skipped: 1 });
    expect(fired).toHaveLength(1);
    expect(warnings).toContain('step skipped: stale after downtime');
    expect(repos.steps.of('meeting', [1]).map((s) => [s.dedupeKey, s.status, s.note])).toEqual([
      ['stale', 'skipped', 'stale'],
      ['useful', 'done', null],
    ]);
  });

  it('keeps a failing step pending and writes none of its messages', () => {
    const { repos, deps, store } = setup();
    repos.steps.plan({ kind: 'broken', subjectType: 'item', subjectId: 9, fireAt: T, dedupeKey: 'b' }, 0);
    expect(runDue(deps, T)).toMatchObject({ failed: 1, done: 0 });
    expect(store.query('select count(*) as n from outbox')).toEqual([{ n: 0 }]);
    expect(repos.steps.of('item', [9])[0]!.status).toBe('pending');
  });

  it('cancels a subject’s pending steps except those still planned', () => {
    const { repos } = setup();
    for (const k of ['a', 'b', 'c'])
      repos.steps.plan({ kind: 'remind', subjectType: 'item', subjectId: 2, fireAt: T, dedupeKey: k }, 0);
    expect(repos.steps.cancelPending('item', 2, ['b'])).toBe(2);
    expect(repos.steps.of('item', [2]).map((s) => s.status)).toEqual(['cancelled', 'pending', 'cancelled']);
  });
});
