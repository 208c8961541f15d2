/**
 * The scheduler tick must stay cheap as the database grows: every statement it runs is recorded and
 * `EXPLAIN QUERY PLAN` must show no full scan of `items` or `scheduled_steps` (SQLite plans without
 * statistics, so a small database gets the same plans as a large one). The benchmark (`npm run bench
 * -- tick`) checks the same on 100,000 items; this keeps it checked in CI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/bot.js';
import { silentLogger } from '../../bot/core/ports.js';
import type { Store } from '../../db/client.js';
import { dueHeadsQuery } from '../../db/repos/outbox.js';
import { dueStepsQuery } from '../../db/repos/steps.js';
import { SEED_NOW, seedDatabase } from '../bench/seed-db.js';
import { fullScans, installStatementLog } from '../bench/statement-log.js';
import { testStore } from '../support/test-db.js';

const DAY = 86_400_000;

function seeded(): Store {
  const store = testStore();
  seedDatabase(
    store,
    {
      bodies: 6,
      itemsPerBody: 20,
      unitsPerBody: 3,
      buttonsPerItem: 2,
      updatesPerBody: 10,
      sentPerBody: 5,
      auditPerItem: 1,
    },
    SEED_NOW,
  );
  return store;
}

/** Tick every hour for 12 days, so every kind of step falls due and is handled before it goes stale. */
function tickHourlyForTwelveDays(store: Store) {
  const log = installStatementLog(store);
  const bot = createBot({
    store,
    clock: { now: () => SEED_NOW },
    logger: silentLogger,
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    adapters: [],
  });
  const results = Array.from({ length: 12 * 24 }, (_, hour) =>
    log.record(() => bot.tick(SEED_NOW + (hour + 1) * 3_600_000)),
  );
  return { log, results };
}

describe('query plans of the scheduler tick', () => {
  let store: Store;
  let ticked: ReturnType<typeof tickHourlyForTwelveDays>;
  beforeAll(() => {
    store = seeded();
    ticked = tickHourlyForTwelveDays(store);
  });

  it('never scans items or scheduled_steps, whichever steps are due', () => {
    const { log, results } = ticked;
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    expect(results.reduce((n, r) => n + r.done, 0)).toBeGreaterThan(50);
    const kinds = store
      .query<{ kind: string }>(
        `select distinct kind from scheduled_steps where status = 'done' and done_at > ? order by kind`,
        SEED_NOW,
      )
      .map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'item.ack_reminder',
        'item.ack_escalation',
        'item.due_soon',
        'item.due_today',
        'item.overdue_chase',
        'item.red',
        'body.weekly_digest',
        'meeting.notice',
        'meeting.reminder',
        'meeting.roll',
      ]),
    );
    expect(fullScans(log.plans(), ['items', 'scheduled_steps'])).toEqual([]);
  });

  it('finds due steps through scheduled_steps_due_idx and prunes old updates and expired buttons through their indexes', () => {
    const due = dueStepsQuery(store.db, SEED_NOW, 500).toSQL();
    expect(store.explain(due.sql, ...due.params).join('\n')).toContain('scheduled_steps_due_idx');
    const plans = ticked.log.plans();
    const planOf = (pattern: RegExp) =>
      plans
        .filter((p) => pattern.test(p.sql))
        .flatMap((p) => p.plan)
        .join('\n');
    expect(planOf(/^delete from "processed_updates"/)).toContain('processed_updates_at_idx');
    // Every tick deletes expired buttons; without pending_actions_expires_idx that reads the whole table.
    expect(planOf(/^delete from "pending_actions" where "pending_actions"."expires_at" < \?$/)).toContain(
      'pending_actions_expires_idx',
    );
    expect(fullScans(plans, ['pending_actions'])).toEqual([]);
  });

  it("finds the delivery worker's due heads through outbox_due_idx", () => {
    const q = dueHeadsQuery(store.db, SEED_NOW + DAY, 1000, { skipChats: ['telegram:-1'] }).toSQL();
    const plan = store.explain(q.sql, ...q.params);
    expect(plan.join('\n')).toContain('outbox_due_idx');
    expect(fullScans([{ sql: q.sql, plan }], ['outbox'])).toEqual([]);
  });
});
