/**
 * Starting and killing the drill's bot process (`fanout-bot-process.ts`) from a test: spawn it with
 * `node --import tsx`, keep what it logs, and wait for its exit with a deadline.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./fanout-bot-process.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout or stderr (pino writes JSON lines to stderr). */
  readonly lines: string[];
  /** Resolves with the exit code or signal; rejects after `deadlineMs`. */
  exited(deadlineMs?: number): Promise<number | NodeJS.Signals>;
}

/** Spawn the bot process against a database file and an API root. */
export function spawnBotProcess(env: { databasePath: string; apiRoot: string; token: string }): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DRILL_DATABASE_PATH: env.databasePath,
      DRILL_TELEGRAM_API_ROOT: env.apiRoot,
      DRILL_TELEGRAM_TOKEN: env.token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
    });
  }
  const exit = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code ?? -1));
  });
  return {
    child,
    lines,
    exited: (deadlineMs = 10_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) => {
          const timer = setTimeout(() => reject(new Error('bot process did not exit in time')), deadlineMs);
          timer.unref();
        }),
      ]),
  };
}

/** The parsed JSON log entries whose `msg` is `msg`. */
export function logEntries(p: BotProcess, msg: string): Record<string, unknown>[] {
  return p.lines
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    })
    .filter((e): e is Record<string, unknown> => e?.msg === msg);
}
