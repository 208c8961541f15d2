/**
 * A body's statistics settings, kept in its settings JSON under `stats`: score weights, deductions, star
 * thresholds, whether 基本满意 counts, the size of the 红黑榜, the acknowledgement limit, the monthly
 * bulletin's day and time, and the secretary's score adjustments (加分/扣分) per unit and year.
 * Invalid stored values fall back to the defaults, so a bad edit can never break a report.
 * @module
 */
import { type BodyRow, settingsOf } from '../../../db/repos/bodies.js';
import { DEFAULT_SCORING, SCORE_PARTS, type ScorePart, type ScoringRules } from '../../domain/metrics.js';

export interface Adjustment {
  year: number;
  subjectKey: string;
  points: number;
  reason: string;
  at: number;
}

export interface BulletinSettings {
  enabled: boolean;
  /** Day of the month (1–28) the bulletin for the month before goes out; a rest day moves it on. */
  day: number;
  time: string;
}

export interface StatsSettings {
  weights?: Partial<Record<ScorePart, number>>;
  deductions?: Partial<ScoringRules['deductions']>;
  thresholds?: number[];
  basicallySatisfiedCounts?: boolean;
  listSize?: number;
  ackWorkdays?: number;
  bulletin?: Partial<BulletinSettings>;
  adjustments?: Adjustment[];
}

export const DEFAULT_BULLETIN: BulletinSettings = { enabled: true, day: 5, time: '09:00' };
export const DEFAULT_ACK_WORKDAYS = 1;

export function statsSettingsOf(body: BodyRow): StatsSettings {
  const s = settingsOf(body).stats;
  return s && typeof s === 'object' ? (s as StatsSettings) : {};
}

const num = (v: unknown, ok: (n: number) => boolean, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : fallback;

/** The scoring rules in force for a body. */
export function scoringOf(body: BodyRow): ScoringRules {
  const s = statsSettingsOf(body);
  const d = DEFAULT_SCORING;
  const weights = Object.fromEntries(
    SCORE_PARTS.map((p) => [p, num(s.weights?.[p], (n) => n >= 0 && n <= 100, d.weights[p])]),
  ) as Record<ScorePart, number>;
  const t = s.thresholds;
  const thresholdsOk =
    Array.isArray(t) &&
    t.length === 4 &&
    t.every((x, i) => typeof x === 'number' && x > 0 && x <= 100 && (i === 0 || x < t[i - 1]!));
  return {
    weights: SCORE_PARTS.some((p) => weights[p] > 0) ? weights : d.weights,
    deductions: {
      rework: num(s.deductions?.rework, (n) => n >= 0 && n <= 100, d.deductions.rework),
      overdue: num(s.deductions?.overdue, (n) => n >= 0 && n <= 100, d.deductions.overdue),
    },
    thresholds: thresholdsOk ? (t as unknown as ScoringRules['thresholds']) : d.thresholds,
    basicallySatisfiedCounts:
      typeof s.basicallySatisfiedCounts === 'boolean'
        ? s.basicallySatisfiedCounts
        : d.basicallySatisfiedCounts,
    listSize: num(s.listSize, (n) => Number.isInteger(n) && n >= 1 && n <= 10, d.listSize),
  };
}

export const ackWorkdaysOf = (body: BodyRow): number =>
  num(
    statsSettingsOf(body).ackWorkdays,
    (n) => Number.isInteger(n) && n >= 1 && n <= 10,
    DEFAULT_ACK_WORKDAYS,
  );

export function bulletinOf(body: BodyRow): BulletinSettings {
  const b = statsSettingsOf(body).bulletin ?? {};
  return {
    enabled: typeof b.enabled === 'boolean' ? b.enabled : DEFAULT_BULLETIN.enabled,
    day: num(b.day, (n) => Number.isInteger(n) && n >= 1 && n <= 28, DEFAULT_BULLETIN.day),
    time: typeof b.time === 'string' && /^\d{2}:\d{2}$/.test(b.time) ? b.time : DEFAULT_BULLETIN.time,
  };
}

/** The adjustments of one year, by subject key. */
export function adjustmentsOf(
  body: BodyRow,
  year: number,
): Map<string, { points: number; reason: string }[]> {
  const map = new Map<string, { points: number; reason: string }[]>();
  for (const a of statsSettingsOf(body).adjustments ?? []) {
    if (a?.year !== year || typeof a.points !== 'number' || typeof a.subjectKey !== 'string') continue;
    map.set(a.subjectKey, [
      ...(map.get(a.subjectKey) ?? []),
      { points: a.points, reason: String(a.reason ?? '') },
    ]);
  }
  return map;
}

/** The body's settings JSON with `stats` patched (for `bodies.setSettings`). */
export function withStats(
  body: BodyRow,
  patch: (s: StatsSettings) => StatsSettings,
): Record<string, unknown> {
  return { ...settingsOf(body), stats: patch(statsSettingsOf(body)) };
}
