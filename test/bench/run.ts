/**
 * `npm run bench`: each figure is a ratio against a baseline measured in the same run, on the same
 * machine, so a noisy machine moves both. Prints a table and writes bench/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createHarness } from '../support/fake-chat.js';
import { testStore } from '../support/test-db.js';

interface Row {
  name: string;
  subject: number;
  baseline: number;
  ratio: number;
  unit: string;
  note: string;
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** The whole pipeline (dedupe, identity, parse, permission, feature, outbox, delivery) per command. */
async function pipeline(n: number): Promise<Row> {
  const h = await createHarness();
  const sec = h.client('张三', '联席会议群');
  await sec.send('/setup 联席会议 和平街道联席会议');
  for (let i = 0; i < 20; i++) await sec.send(`/unit add 单位${i} 别名:简称${i}`);
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await sec.send(i % 2 ? '/unit list' : '/whoami');
    latencies.push(performance.now() - s);
  }
  const subject = (performance.now() - t0) / n;

  // Baseline: the unavoidable storage work per update — a dedupe insert and an outbox insert in one transaction.
  const store = testStore();
  const b0 = performance.now();
  for (let i = 0; i < n; i++) {
    store.tx(() => {
      store.query(
        `insert into processed_updates (platform, update_id, processed_at) values ('x', '${i}', 0) returning 1`,
      );
      store.query(
        `insert into outbox (dedupe_key, platform, chat_id, chat_kind, payload, next_attempt_at, created_at) values ('k${i}', 'x', 'c', 'group', '{"text":"ok"}', 0, 0) returning 1`,
      );
    });
  }
  const baseline = (performance.now() - b0) / n;
  return {
    name: `pipeline: ${n} commands end to end`,
    subject,
    baseline,
    ratio: subject / baseline,
    unit: 'ms/command',
    note: `p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms; baseline = dedupe + outbox insert only`,
  };
}

async function main() {
  const rows = [await pipeline(2000)];
  console.log('| benchmark | subject | baseline | ratio | notes |\n|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.subject.toFixed(3)} ${r.unit} | ${r.baseline.toFixed(3)} ${r.unit} | ${r.ratio.toFixed(1)}× | ${r.note} |`,
    );
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(
    'bench/results.json',
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
}

await main();
