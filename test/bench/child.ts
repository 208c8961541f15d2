/**
 * Benchmarks that report memory run their measured part in a child process of their own, so the
 * process's peak RSS is that part's and nothing else's. `runChild('task', args)` starts
 * `node --import tsx test/bench/child.ts task '<args>'`; the child runs the task from {@link TASKS}
 * and prints its result, with its peak RSS, on one marked line.
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RESULT_MARK = 'BENCH_CHILD_RESULT ';
const SELF = fileURLToPath(import.meta.url);

/** What every child reports besides its task's own result. */
export interface ChildResult {
  /** Peak resident set size of the child process, in bytes. */
  maxRssBytes: number;
}

type Task = (args: never) => Promise<unknown> | unknown;

/**
 * The tasks a child can run, loaded on demand so a child imports only what it measures: each whole
 * benchmark (run.ts starts one child per benchmark), and the measured parts some benchmarks start in
 * children of their own.
 */
const TASKS: Record<string, () => Promise<Task>> = {
  throughput: async () => (await import('./throughput.js')).throughput,
  fanout: async () => (await import('./fanout.js')).fanout,
  tick: async () => (await import('./tick.js')).tick,
  documents: async () => (await import('./documents.js')).documents,
  'cold-start': async () => (await import('./cold-start.js')).coldStart,
  seed: async () => (await import('./tick.js')).seedTask,
  'tick-run': async () => (await import('./tick.js')).tickRunTask,
  'documents-run': async () => (await import('./documents.js')).documentsRunTask,
};

/** The benchmarks `npm run bench` runs, in order. */
export const BENCHMARKS = ['throughput', 'fanout', 'tick', 'documents', 'cold-start'] as const;

/** Run `task` in a fresh Node process and return its result and peak RSS. */
export function runChild<T>(task: string, args: unknown): Promise<T & ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, task, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code !== 0 || !line) {
        reject(new Error(`bench child ${task} failed (exit ${code}):\n${out.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T & ChildResult);
    });
  });
}

async function main(): Promise<void> {
  const [task, rawArgs] = process.argv.slice(2);
  const load = task ? TASKS[task] : undefined;
  if (!load) throw new Error(`unknown bench task ${task}`);
  const run = await load();
  const result = await run(JSON.parse(rawArgs ?? 'null') as never);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  // A benchmark's rows are an array: wrapped, so the peak RSS can travel with them.
  const payload = Array.isArray(result) ? { rows: result } : (result as object);
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ...payload, maxRssBytes })}\n`);
}

if (process.argv[1] === SELF) {
  // No process.exit on success: the production logger flushes its file asynchronously at exit.
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
