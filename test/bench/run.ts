/**
 * `npm run bench [-- name…]`: runs the benchmarks (all, or the named ones: throughput, fanout, tick,
 * documents, cold-start), each in a fresh process, prints one markdown table and writes
 * bench/results.json. Every figure is measured next to its baseline in the same run, on the same
 * machine, and reported as a ratio: a noisy or slow machine moves both sides.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS, runChild } from './child.js';
import { type BenchRow, mb, renderTable } from './table.js';

type Name = (typeof BENCHMARKS)[number];

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(BENCHMARKS as readonly string[]).includes(a));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const names: readonly Name[] = asked.length ? (asked as Name[]) : BENCHMARKS;
  const rows: BenchRow[] = [];
  const runs: Record<string, { seconds: number; maxRssBytes: number }> = {};
  const t0 = performance.now();
  for (const name of names) {
    console.error(`bench: ${name}…`);
    const start = performance.now();
    const result = await runChild<Partial<BenchRow> & { rows?: BenchRow[] }>(name, null);
    const { maxRssBytes, rows: many, ...single } = result;
    rows.push(...(many ?? [single as BenchRow]));
    runs[name] = { seconds: (performance.now() - start) / 1000, maxRssBytes };
    console.error(`bench: ${name} done in ${runs[name].seconds.toFixed(1)} s (peak RSS ${mb(maxRssBytes)})`);
  }
  console.log(renderTable(rows));
  const missed = rows.filter((r) => !r.met);
  if (missed.length) console.log(`\nGoals missed: ${missed.map((r) => r.name).join('; ')}`);

  const out = fileURLToPath(new URL('../../bench/', import.meta.url));
  mkdirSync(out, { recursive: true });
  const results = {
    at: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    totalSeconds: (performance.now() - t0) / 1000,
    runs,
    rows,
  };
  writeFileSync(`${out}results.json`, `${JSON.stringify(results, null, 2)}\n`);
}

await main();
