/**
 * Benchmark 5, cold start. `tsx bot/main.ts` — what `npm start` runs, the real composition root — is
 * started as a new process on a ~50 MB database file (seed-db.ts, anchored at the real now so nothing
 * old falls due) with Telegram pointed at the fake Bot API; it is ready when its first `getUpdates`
 * reaches the fake (migrations checked, first scheduler tick run, getMe, command menus, polling). The
 * baseline is `tsx` starting an empty script until it exits; the same bot on an empty database is
 * measured too. Each is started {@link STARTS} times, interleaved, and the median is reported.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../db/client.js';
import { startFakeTelegram } from '../support/fake-telegram.js';
import { seedDatabase, TICK_SCALE } from './seed-db.js';
import { type BenchRow, fmt, mb, median, NO_GOAL } from './table.js';
import { nextCall } from './telegram-world.js';

const STARTS = 3;
/** Bodies for a ~50 MB file: the tick benchmark's mix (20 items per body…) at an eighth of its size. */
const BODIES = 625;
const MAIN = fileURLToPath(new URL('../../bot/main.ts', import.meta.url));
const EMPTY = fileURLToPath(new URL('./empty.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const READY_TIMEOUT_MS = 60_000;

export async function coldStart(): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-cold-'));
  const full = join(dir, 'full', 'yishi.db');
  const store = openDb(full);
  seedDatabase(store, { ...TICK_SCALE, bodies: BODIES }, Date.now());
  store.close();
  const sizeBytes = statSync(full).size;
  const fake = await startFakeTelegram();
  try {
    const empty: number[] = [];
    const botEmptyDb: number[] = [];
    const botFullDb: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      empty.push(await timeToExit(EMPTY, dir));
      botEmptyDb.push(await timeToReady(join(dir, `empty-${i}`, 'yishi.db'), dir, fake));
      botFullDb.push(await timeToReady(full, dir, fake));
    }
    const ratio = median(botFullDb) / median(empty);
    return {
      name: `cold start to ready: tsx bot/main.ts, ${mb(sizeBytes)} database`,
      subject: { value: median(botFullDb), unit: 'ms' },
      baseline: { value: median(empty), unit: 'ms (tsx, empty script)' },
      ratio,
      goal: NO_GOAL,
      met: true,
      note: `ready = first getUpdates at the fake; the same bot on an empty database ${fmt(median(botEmptyDb))} ms; median of ${STARTS}`,
      details: { sizeBytes, emptyScriptMs: empty, botEmptyDbMs: botEmptyDb, botFullDbMs: botFullDb },
    };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A clean environment: only what the bot needs, so no developer setting or `.env` changes the run. */
function botEnv(databasePath: string, apiRoot: string, token: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_PATH: databasePath,
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: apiRoot,
    LOG_LEVEL: 'info',
  };
}

/** Start `tsx script` (cwd: a directory without `.env`) and time it until it exits. */
async function timeToExit(script: string, cwd: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [TSX_CLI, script], { cwd, env: botEnv('', '', ''), stdio: 'ignore' });
  await exited(child);
  return performance.now() - t0;
}

/** Start the bot on `databasePath` and time it until its first getUpdates; then stop it with SIGTERM. */
async function timeToReady(
  databasePath: string,
  cwd: string,
  fake: Awaited<ReturnType<typeof startFakeTelegram>>,
): Promise<number> {
  const firstPoll = nextCall(fake, 'getUpdates');
  const t0 = performance.now();
  const child = spawn(process.execPath, [TSX_CLI, MAIN], {
    cwd,
    env: botEnv(databasePath, fake.apiRoot, fake.token),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const ready = firstPoll.then(() => performance.now() - t0);
  const failed = exited(child).then(() => {
    throw new Error(`the bot exited before it was ready:\n${stderr}`);
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`not ready after ${READY_TIMEOUT_MS} ms:\n${stderr}`)),
      READY_TIMEOUT_MS,
    ).unref(),
  );
  try {
    return await Promise.race([ready, failed, timeout]);
  } finally {
    failed.catch(() => undefined);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
