/**
 * The shape every benchmark returns and the table `npm run bench` prints. A row is one figure measured
 * next to its baseline in the same run; the ratio is what to read, the absolute values move with the
 * machine.
 * @module
 */

/** One measured figure: a value and what it counts. */
export interface Figure {
  value: number;
  unit: string;
}

/** A benchmark's result line. `ratio` is subject ÷ baseline unless the note says otherwise. */
export interface BenchRow {
  /** Which benchmark and which figure, e.g. `throughput: 2000 commands`. */
  name: string;
  subject: Figure;
  baseline: Figure;
  ratio: number;
  /** The goal the ratio is held to, e.g. `≤ 1.5×`, or {@link NO_GOAL}; `met` says whether it was. */
  goal: string;
  met: boolean;
  /** Latencies, memory, what the baseline is: anything a reader needs next to the ratio. */
  note: string;
  /** Extra figures for bench/results.json only. */
  details?: Record<string, unknown>;
}

/** The goal of a figure that is reported, not held to a target. */
export const NO_GOAL = '—';

/** The value at quantile `q` (0…1) of `xs`, nearest-rank; NaN for an empty list. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 0.5);
}

/** A number with about three significant digits, so small and large figures both read well. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

/** Bytes as (decimal) megabytes with one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The markdown table of the rows, as printed and as pasted into the README. */
export function renderTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| benchmark | subject | baseline | ratio | goal | notes |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        '',
        ` ${r.name} `,
        ` ${fmt(r.subject.value)} ${r.subject.unit} `,
        ` ${fmt(r.baseline.value)} ${r.baseline.unit} `,
        ` ${fmtRatio(r.ratio)} `,
        ` ${r.goal === NO_GOAL ? NO_GOAL : `${r.goal} ${r.met ? '✓' : '✗'}`} `,
        ` ${r.note} `,
        '',
      ].join('|'),
    ),
  ];
  return lines.join('\n');
}

function fmtRatio(ratio: number): string {
  if (ratio < 0.01) return `${(ratio * 100).toFixed(3)} %`;
  return `${ratio.toFixed(2)}×`;
}
