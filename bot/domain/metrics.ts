/**
 * Unit statistics (C20, reference/domain.md §8) as one pure function over plain facts: which items and
 * tickets each unit (or grid node) had, when they were due, done and closed, which deadlines moved and
 * how, which dispatches were signed for in time, and what residents said at the callback. The feature
 * gathers the facts from the database; this module only counts.
 *
 * Rules, and why:
 * - **应办结 (due)**: a case counts in a period when its assessed deadline ends inside the period and it is
 *   either already due or already done (an item due next week that is not done yet is not "due" yet).
 *   Cancelled cases never count; parked ones (挂账) are listed but not due while parked [§4.1 #11].
 * - **The assessed deadline** starts as the original one; an approved change moves it only when it was
 *   asked for before the deadline in force [S6]: a late extension or a late edit of the date does not
 *   clear the overdue. On-time is reported twice: against the original and against the assessed date.
 * - **Done** is the report date (reportedDoneAt / respondedAt); **closed** needs the verification too.
 * - **超期** is reported in two parts [§8]: cases still open past their deadline at the end of the
 *   period (or now, for the current period), and cases closed late.
 * - **及时签收**: each dispatch of a case to a unit, answered (signed for, or returned as 非本单位职责)
 *   within the limit, out of the dispatches answered or out of time (one still within its limit is not
 *   judged yet). **退回率** = returns ÷ dispatches. Both count dispatches made in the period.
 * - **满意率** = satisfied (plus basically satisfied, a setting) ÷ valid callbacks (unreachable excluded).
 * - **综合得分**: the weighted mean of the rates a unit has data for (×100), minus deductions per case
 *   reworked and per case overdue, plus the secretary's adjustments, kept within 0–100. Every part is
 *   returned so the bot can show how a score was made.
 * @module
 */

/** A unit or a grid node that statistics are kept for. */
export interface Subject {
  key: string;
  name: string;
}

/** A deadline moved by an approved extension or an audited edit. Instants are UTC epoch ms. */
export interface DueChange {
  /** When it was asked for (the extension request) or made (the edit). */
  filedAt: number;
  /** The end of the new deadline. */
  toAt: number;
  /** False for a request recorded as filed after the deadline. */
  inTime: boolean;
}

/** An item or a ticket, as statistics see it. Deadlines are given by the instant they end. */
export interface CaseFact {
  kind: 'item' | 'ticket';
  ref: string;
  title: string;
  subject: Subject;
  state: 'open' | 'done' | 'closed' | 'parked' | 'cancelled';
  assignedAt: number | null;
  originalDueAt: number | null;
  currentDueAt: number | null;
  dueChanges: readonly DueChange[];
  /** The unit's report of completion (on-time is judged on it); null while open. */
  doneAt: number | null;
  reworkCount: number;
  extensionCount: number;
}

/** One dispatch of a case to a unit (交办 / 派遣), and its answer. */
export interface DispatchFact {
  subject: Subject;
  ref: string;
  dispatchedAt: number;
  /** Signed for or returned; null while unanswered. */
  answeredAt: number | null;
  returned: boolean;
}

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'unreachable';

/** A resident's answer at the callback (回访). */
export interface CallbackFact {
  subject: Subject;
  ref: string;
  at: number;
  satisfaction: Satisfaction;
}

/** A period as instants: [startAt, endAt), endAt being the start of the day after the last day. */
export interface PeriodBounds {
  startAt: number;
  endAt: number;
}

export const SCORE_PARTS = ['onTime', 'closure', 'ack', 'satisfaction'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export interface ScoringRules {
  weights: Record<ScorePart, number>;
  /** Points off per case reworked (退回重办) and per case overdue. */
  deductions: { rework: number; overdue: number };
  /** Star thresholds, highest first: score ≥ thresholds[0] → 5★ … below the last → 1★. */
  thresholds: readonly [number, number, number, number];
  /** Whether 基本满意 counts as satisfied. */
  basicallySatisfiedCounts: boolean;
  /** How many units the 红榜 and 黑榜 name. */
  listSize: number;
}

/** Defaults: reference/domain.md §1.5 (stars) and §8 (metrics); the weights are our default. */
export const DEFAULT_SCORING: ScoringRules = {
  weights: { onTime: 40, closure: 20, ack: 20, satisfaction: 20 },
  deductions: { rework: 2, overdue: 2 },
  thresholds: [90, 80, 70, 60],
  basicallySatisfiedCounts: true,
  listSize: 3,
};

export interface MetricsInput {
  cases: readonly CaseFact[];
  dispatches: readonly DispatchFact[];
  callbacks: readonly CallbackFact[];
  period: PeriodBounds;
  /** The present: cases due later than this are only counted once done. */
  now: number;
  rules: ScoringRules;
  /** The instant by which a dispatch must be answered (1 working day, by default). */
  ackDeadline(dispatchedAt: number): number;
  /** Working days between two instants (handling time, days overdue). */
  workdays(fromAt: number, toAt: number): number;
  /** Points added or taken by the secretary, per subject key, with reasons. */
  adjustments?: ReadonlyMap<string, readonly { points: number; reason: string }[]>;
}

export interface Counts {
  due: number;
  closed: number;
  onTime: number;
  onTimeOriginal: number;
  closedLate: number;
  awaitingVerification: number;
  openOverdue: number;
  extended: number;
  reworked: number;
  parked: number;
  dispatched: number;
  /** Dispatches answered, or whose time to answer has run out: the ones the acknowledgement rate judges. */
  ackDue: number;
  ackedInTime: number;
  returned: number;
  callbacks: { valid: number; satisfied: number; basicallySatisfied: number; dissatisfied: number };
  handlingWorkdays: number[];
}

export interface Rates {
  closure?: number;
  onTime?: number;
  onTimeOriginal?: number;
  extension?: number;
  rework?: number;
  return?: number;
  ack?: number;
  satisfaction?: number;
  avgHandlingWorkdays?: number;
}

export interface ScoreBreakdown {
  parts: { part: ScorePart; rate: number; weight: number; points: number }[];
  /** Weighted mean of the parts with data, ×100. */
  base: number;
  deductions: { rework: number; overdue: number };
  adjustments: readonly { points: number; reason: string }[];
  score: number;
  stars: 1 | 2 | 3 | 4 | 5;
}

export interface SubjectStats {
  subject: Subject;
  counts: Counts;
  rates: Rates;
  /** Undefined for a subject with nothing to judge in the period. */
  score?: ScoreBreakdown;
  rank?: number;
}

export interface OverdueCase {
  fact: CaseFact;
  dueAt: number;
  workdaysOverdue: number;
}

export interface MetricsReport {
  subjects: SubjectStats[];
  totals: { counts: Counts; rates: Rates };
  /** Open past their deadline at the end of the period, most overdue first. */
  overdue: OverdueCase[];
  top: SubjectStats[];
  bottom: SubjectStats[];
}

const emptyCounts = (): Counts => ({
  due: 0,
  closed: 0,
  onTime: 0,
  onTimeOriginal: 0,
  closedLate: 0,
  awaitingVerification: 0,
  openOverdue: 0,
  extended: 0,
  reworked: 0,
  parked: 0,
  dispatched: 0,
  ackDue: 0,
  ackedInTime: 0,
  returned: 0,
  callbacks: { valid: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 },
  handlingWorkdays: [],
});

/** The deadline a case is judged on: the original, moved only by changes asked for in time. */
export function assessedDueAt(
  c: Pick<CaseFact, 'originalDueAt' | 'currentDueAt' | 'dueChanges'>,
): number | null {
  let due = c.originalDueAt ?? c.currentDueAt;
  for (const ch of [...c.dueChanges].sort((a, b) => a.filedAt - b.filedAt)) {
    if (due !== null && ch.inTime && ch.filedAt <= due) due = ch.toAt;
  }
  return due;
}

/** 5★ … 1★ from a score and the thresholds (highest first). */
export function starsOf(score: number, thresholds: ScoringRules['thresholds']): 1 | 2 | 3 | 4 | 5 {
  const above = thresholds.filter((t) => score >= t).length;
  return (above + 1) as 1 | 2 | 3 | 4 | 5;
}

const ratio = (n: number, d: number): number | undefined => (d > 0 ? n / d : undefined);

export function ratesOf(c: Counts, rules: Pick<ScoringRules, 'basicallySatisfiedCounts'>): Rates {
  const happy = c.callbacks.satisfied + (rules.basicallySatisfiedCounts ? c.callbacks.basicallySatisfied : 0);
  const days = c.handlingWorkdays;
  return {
    closure: ratio(c.closed, c.due),
    onTime: ratio(c.onTime, c.due),
    onTimeOriginal: ratio(c.onTimeOriginal, c.due),
    extension: ratio(c.extended, c.due),
    rework: ratio(c.reworked, c.due),
    return: ratio(c.returned, c.dispatched),
    ack: ratio(c.ackedInTime, c.ackDue),
    satisfaction: ratio(happy, c.callbacks.valid),
    avgHandlingWorkdays: days.length ? days.reduce((a, b) => a + b, 0) / days.length : undefined,
  };
}

const PART_RATE: Record<ScorePart, keyof Rates> = {
  onTime: 'onTime',
  closure: 'closure',
  ack: 'ack',
  satisfaction: 'satisfaction',
};

/** The composite score of one subject, or undefined when no part has data. */
export function scoreOf(
  counts: Counts,
  rates: Rates,
  rules: ScoringRules,
  adjustments: readonly { points: number; reason: string }[] = [],
): ScoreBreakdown | undefined {
  const parts = SCORE_PARTS.flatMap((part) => {
    const rate = rates[PART_RATE[part]];
    const weight = rules.weights[part];
    return rate === undefined || weight <= 0 ? [] : [{ part, rate, weight, points: 0 }];
  });
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (!total) return undefined;
  for (const p of parts) p.points = round2((100 * p.rate * p.weight) / total);
  const base = round2(parts.reduce((a, p) => a + (100 * p.rate * p.weight) / total, 0));
  const deductions = {
    rework: counts.reworked * rules.deductions.rework,
    overdue: (counts.openOverdue + counts.closedLate) * rules.deductions.overdue,
  };
  const added = adjustments.reduce((a, x) => a + x.points, 0);
  const score = round2(Math.min(100, Math.max(0, base - deductions.rework - deductions.overdue + added)));
  return { parts, base, deductions, adjustments, score, stars: starsOf(score, rules.thresholds) };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Count, rate, score and rank every subject over a period. */
export function computeMetrics(input: MetricsInput): MetricsReport {
  const { period, now, rules } = input;
  const asOf = Math.min(period.endAt, now);
  const inPeriod = (at: number) => at >= period.startAt && at < period.endAt;
  const bySubject = new Map<string, { subject: Subject; counts: Counts }>();
  const countsOf = (s: Subject): Counts => {
    let entry = bySubject.get(s.key);
    if (!entry) {
      entry = { subject: s, counts: emptyCounts() };
      bySubject.set(s.key, entry);
    }
    return entry.counts;
  };
  const overdue: OverdueCase[] = [];

  for (const c of input.cases) {
    if (c.state === 'cancelled' || c.assignedAt === null || c.assignedAt >= period.endAt) continue;
    const counts = countsOf(c.subject);
    if (c.state === 'parked') {
      counts.parked++;
      continue;
    }
    const due = assessedDueAt(c);
    if (due === null) continue;
    const doneBy = (at: number) => c.doneAt !== null && c.doneAt <= at;
    // Open past its deadline at the end of the period (or now).
    if (due < asOf && !doneBy(asOf)) {
      counts.openOverdue++;
      // Deadlines and period ends are exclusive instants (the start of the next day): step back into their day.
      overdue.push({ fact: c, dueAt: due, workdaysOverdue: input.workdays(due - 1, asOf - 1) });
    }
    const dueInPeriod = due > period.startAt && due <= period.endAt;
    if (!dueInPeriod || (due > now && c.doneAt === null)) continue;
    counts.due++;
    if (c.extensionCount > 0) counts.extended++;
    if (c.reworkCount > 0) counts.reworked++;
    if (c.state === 'done') counts.awaitingVerification++;
    if (c.state !== 'closed' || c.doneAt === null) continue;
    counts.closed++;
    if (c.doneAt <= due) counts.onTime++;
    else counts.closedLate++;
    if (c.doneAt <= (c.originalDueAt ?? due)) counts.onTimeOriginal++;
    counts.handlingWorkdays.push(input.workdays(c.assignedAt, c.doneAt));
  }

  for (const d of input.dispatches) {
    if (!inPeriod(d.dispatchedAt)) continue;
    const counts = countsOf(d.subject);
    counts.dispatched++;
    if (d.returned) counts.returned++;
    const deadline = input.ackDeadline(d.dispatchedAt);
    if (d.answeredAt === null && deadline >= asOf) continue; // still has time to answer
    counts.ackDue++;
    if (d.answeredAt !== null && d.answeredAt <= deadline) counts.ackedInTime++;
  }

  for (const cb of input.callbacks) {
    if (!inPeriod(cb.at) || cb.satisfaction === 'unreachable') continue;
    const c = countsOf(cb.subject).callbacks;
    c.valid++;
    if (cb.satisfaction === 'satisfied') c.satisfied++;
    else if (cb.satisfaction === 'basically_satisfied') c.basicallySatisfied++;
    else c.dissatisfied++;
  }

  const subjects: SubjectStats[] = [...bySubject.values()].map(({ subject, counts }) => {
    const rates = ratesOf(counts, rules);
    // Ranked only with something to finish or a resident's verdict: signing for (or returning) alone is no record.
    const judged = counts.due + counts.callbacks.valid + counts.openOverdue > 0;
    const score = judged ? scoreOf(counts, rates, rules, input.adjustments?.get(subject.key)) : undefined;
    return score ? { subject, counts, rates, score } : { subject, counts, rates };
  });
  subjects.sort(compareSubjects);
  let rank = 0;
  for (const s of subjects) if (s.score) s.rank = ++rank;

  const ranked = subjects.filter((s) => s.score);
  const n = Math.min(rules.listSize, Math.floor(ranked.length / 2));
  const totals = sumCounts(subjects.map((s) => s.counts));
  overdue.sort((a, b) => a.dueAt - b.dueAt || a.fact.ref.localeCompare(b.fact.ref));
  return {
    subjects,
    totals: { counts: totals, rates: ratesOf(totals, rules) },
    overdue,
    top: ranked.slice(0, n),
    bottom: n ? ranked.slice(-n).reverse() : [],
  };
}

/** Scored subjects first, by score, then on-time rate, then name; unscored ones by name. */
function compareSubjects(a: SubjectStats, b: SubjectStats): number {
  if (a.score && b.score) {
    return (
      b.score.score - a.score.score ||
      (b.rates.onTime ?? -1) - (a.rates.onTime ?? -1) ||
      a.subject.name.localeCompare(b.subject.name, 'zh-CN')
    );
  }
  if (a.score || b.score) return a.score ? -1 : 1;
  return a.subject.name.localeCompare(b.subject.name, 'zh-CN');
}

function sumCounts(all: readonly Counts[]): Counts {
  const t = emptyCounts();
  for (const c of all) {
    for (const k of Object.keys(t) as (keyof Counts)[]) {
      if (k === 'callbacks') {
        for (const j of Object.keys(t.callbacks) as (keyof Counts['callbacks'])[])
          t.callbacks[j] += c.callbacks[j];
      } else if (k === 'handlingWorkdays') t.handlingWorkdays.push(...c.handlingWorkdays);
      else t[k] += c[k];
    }
  }
  return t;
}
