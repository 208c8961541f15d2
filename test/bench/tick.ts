/**
 * Benchmark 3, the scheduler tick. A database file with 100,000 open items and 5,000 meeting series
 * (seed-db.ts: ~700,000 scheduled steps, 500,000 live buttons, 200,000 dedupe rows) is seeded in one
 * child process; another opens it the way the bot does and runs `bot.tick(now)` — jobs/run-due.ts with
 * every feature's step handlers — once a minute of clock time for {@link TICKS} minutes of a Tuesday
 * morning, when only a few steps fall due. The baseline is the tick's own period, 60 s: the figure is
 * the share of each minute the tick costs.
 *
 * Every statement the ticks run is recorded and its `EXPLAIN QUERY PLAN` checked: none may scan
 * `items` or `scheduled_steps` (test/db/query-plans.test.ts asserts the same on a small database).
 * @module
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBot } from '../../bot/bot.js';
import { openDb } from '../../db/client.js';
import { benchLogger } from './bench-logger.js';
import { runChild } from './child.js';
import { SEED_NOW, seedDatabase, TICK_SCALE } from './seed-db.js';
import { fullScans, installStatementLog } from './statement-log.js';
import { type BenchRow, fmt, mb, median } from './table.js';

const PERIOD_MS = 60_000;
const TICKS = 10;
const GOAL = 0.01;
/** Tables a tick must never read in full. */
const MUST_NOT_SCAN = ['items', 'scheduled_steps'];

interface TickRun {
  /** RSS with the database open and the bot built, before the first tick. */
  rssBeforeBytes: number;
  firstMs: number;
  tickMs: number[];
  dueSteps: number[];
  statements: number;
  forbiddenScans: string[];
  otherScans: string[];
}

export async function tick(): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-tick-'));
  const file = join(dir, 'yishi.db');
  try {
    const seeded = await runChild<{ counts: Record<string, number>; ms: number }>('seed', { file });
    const sizeBytes = statSync(file).size;
    const run = await runChild<TickRun>('tick-run', { file });
    const typical = median(run.tickMs);
    const ratio = typical / PERIOD_MS;
    const scans = run.forbiddenScans.length;
    return {
      name: `scheduler tick: ${seeded.counts.items} open items, ${seeded.counts.meeting_series} series (${mb(sizeBytes)} file)`,
      subject: { value: typical, unit: 'ms/tick' },
      baseline: { value: PERIOD_MS, unit: 'ms period' },
      ratio,
      goal: `< ${GOAL * 100} %, no scan of items/steps`,
      met: ratio < GOAL && scans === 0,
      note:
        `median of ${TICKS} ticks, ${fmt(median(run.dueSteps))} steps due each (max ${fmt(Math.max(...run.tickMs))} ms; ` +
        `first tick after opening ${fmt(run.firstMs)} ms); peak RSS ${mb(run.maxRssBytes)} ` +
        `(${mb(run.rssBeforeBytes)} before the first tick); ` +
        `${run.statements} statements, ${scans} scans of items/scheduled_steps` +
        (run.otherScans.length ? `; full scans elsewhere: ${scannedTables(run.otherScans).join(', ')}` : ''),
      details: { seeded, sizeBytes, ...run },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tables named by `SCAN <table>…` findings. */
function scannedTables(findings: string[]): string[] {
  return [...new Set(findings.map((f) => /^SCAN (\w+)/.exec(f)?.[1] ?? f))];
}

/** Child task: seed the file. */
export function seedTask(args: { file: string }): { counts: Record<string, number>; ms: number } {
  const store = openDb(args.file);
  const t0 = performance.now();
  const counts = seedDatabase(store, TICK_SCALE);
  const ms = performance.now() - t0;
  store.close();
  return { counts, ms };
}

/** Child task: open the seeded file as the bot does and time its ticks. */
export function tickRunTask(args: { file: string }): TickRun & { maxRssBytes?: number } {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-tick-log-'));
  const store = openDb(args.file);
  const log = installStatementLog(store);
  const bot = createBot({
    store,
    clock: { now: () => SEED_NOW },
    logger: benchLogger(dir),
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    adapters: [],
  });
  const rssBeforeBytes = process.memoryUsage().rss;
  // The tick at start: nothing new is due at the seeded instant, but caches are cold.
  const t0 = performance.now();
  log.record(() => bot.tick(SEED_NOW));
  const firstMs = performance.now() - t0;
  const tickMs: number[] = [];
  const dueSteps: number[] = [];
  for (let k = 1; k <= TICKS; k++) {
    const start = performance.now();
    const result = log.record(() => bot.tick(SEED_NOW + k * PERIOD_MS));
    tickMs.push(performance.now() - start);
    dueSteps.push(result.done + result.skipped + result.failed);
  }
  const plans = log.plans();
  const tables = store
    .query<{ name: string }>(`select name from sqlite_master where type = 'table'`)
    .map((r) => r.name);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    rssBeforeBytes,
    firstMs,
    tickMs,
    dueSteps,
    statements: plans.length,
    forbiddenScans: fullScans(plans, MUST_NOT_SCAN),
    otherScans: fullScans(
      plans,
      tables.filter((t) => !MUST_NOT_SCAN.includes(t)),
    ),
  };
}
