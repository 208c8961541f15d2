/**
 * Precision and recall of extracted items against the items a person would have written down. An
 * extracted item matches an expected one when the lead unit is the same (both none counts) and the
 * contents are similar: character-bigram Dice ≥ {@link MATCH_THRESHOLD}, or one contains the other
 * (the extractor may keep a topic prefix or drop a "完成"). Each expected item matches at most one
 * extracted item, best pairs first.
 * @module
 */
import type { ExtractedItem } from '../../bot/domain/extract.js';
import { normalizeUnitName } from '../../bot/domain/unit-match.js';

/** What a person would have recorded: the lead unit's registered (or written) name, or null. */
export interface ExpectedItem {
  lead: string | null;
  content: string;
}

export interface ExtractionScore {
  name: string;
  expected: number;
  extracted: number;
  matched: number;
  /** matched ÷ extracted (1 when nothing was extracted and nothing expected). */
  precision: number;
  /** matched ÷ expected (1 when nothing was expected). */
  recall: number;
  misses: ExpectedItem[];
  extras: ExtractedItem[];
}

/** Content similarity at which two items are the same item. */
export const MATCH_THRESHOLD = 0.5;

/** Letters and digits only: punctuation and spaces say nothing about which item it is. */
const bare = (s: string): string => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

/** 0–1: Dice coefficient of character bigrams, or 1 when one text contains the other. */
export function similarity(a: string, b: string): number {
  const x = bare(a);
  const y = bare(b);
  if (!x || !y) return x === y ? 1 : 0;
  if (x.includes(y) || y.includes(x)) return 1;
  const bx = bigrams(x);
  const pool = new Map<string, number>();
  for (const g of bigrams(y)) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of bx) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (bx.length + bigrams(y).length);
}

const sameLead = (actual: ExtractedItem['leadUnit'], expected: string | null): boolean =>
  actual === null || expected === null
    ? actual === null && expected === null
    : normalizeUnitName(actual.name) === normalizeUnitName(expected);

/** Scores one note's extraction. */
export function scoreExtraction(
  name: string,
  actual: readonly ExtractedItem[],
  expected: readonly ExpectedItem[],
  threshold = MATCH_THRESHOLD,
): ExtractionScore {
  const pairs: { a: number; e: number; s: number }[] = [];
  for (const [a, item] of actual.entries()) {
    for (const [e, want] of expected.entries()) {
      if (!sameLead(item.leadUnit, want.lead)) continue;
      const s = similarity(item.content, want.content);
      if (s >= threshold) pairs.push({ a, e, s });
    }
  }
  pairs.sort((p, q) => q.s - p.s);
  const usedA = new Set<number>();
  const usedE = new Set<number>();
  for (const p of pairs) {
    if (usedA.has(p.a) || usedE.has(p.e)) continue;
    usedA.add(p.a);
    usedE.add(p.e);
  }
  const matched = usedA.size;
  return {
    name,
    expected: expected.length,
    extracted: actual.length,
    matched,
    precision: actual.length ? matched / actual.length : expected.length ? 0 : 1,
    recall: expected.length ? matched / expected.length : 1,
    misses: expected.filter((_, i) => !usedE.has(i)),
    extras: actual.filter((_, i) => !usedA.has(i)),
  };
}

/** Micro-averaged totals over several notes. */
export function totalScore(scores: readonly ExtractionScore[]): ExtractionScore {
  const sum = (f: (s: ExtractionScore) => number): number => scores.reduce((n, s) => n + f(s), 0);
  const expected = sum((s) => s.expected);
  const extracted = sum((s) => s.extracted);
  const matched = sum((s) => s.matched);
  return {
    name: 'total',
    expected,
    extracted,
    matched,
    precision: extracted ? matched / extracted : expected ? 0 : 1,
    recall: expected ? matched / expected : 1,
    misses: scores.flatMap((s) => s.misses),
    extras: scores.flatMap((s) => s.extras),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Prints a table of scores (and the misses and extras, which is what one needs to improve the rules). */
export function printScores(
  scores: readonly ExtractionScore[],
  log: (line: string) => void = console.log,
): void {
  const rows = [...scores, totalScore(scores)];
  const width = Math.max(...rows.map((r) => r.name.length), 5);
  log(`${'note'.padEnd(width)}  expected  extracted  matched  precision  recall`);
  for (const r of rows) {
    log(
      `${r.name.padEnd(width)}  ${String(r.expected).padStart(8)}  ${String(r.extracted).padStart(9)}  ${String(r.matched).padStart(7)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall).padStart(6)}`,
    );
  }
  for (const s of scores) {
    for (const m of s.misses) log(`  miss  [${s.name}] ${m.lead ?? '—'}: ${m.content}`);
    for (const x of s.extras) log(`  extra [${s.name}] ${x.leadUnit?.name ?? '—'}: ${x.content}`);
  }
}
