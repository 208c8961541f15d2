/**
 * Unit statistics against a hand-computed fixture month (November 2026, no holidays; Asia/Shanghai).
 * Every expected number below is worked out in the comments next to the facts.
 */
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../bot/domain/calendar.js';
import { addDays } from '../../bot/domain/dates.js';
import {
  assessedDueAt,
  type CallbackFact,
  type CaseFact,
  computeMetrics,
  DEFAULT_SCORING,
  type DispatchFact,
  type MetricsInput,
  starsOf,
} from '../../bot/domain/metrics.js';
import { localDate } from '../../bot/domain/time.js';

const TZ = 'Asia/Shanghai';
const cal = createWorkCalendar();
/** A Shanghai wall-clock instant. */
const at = (s: string) => Date.parse(`${s}+08:00`);
/** The end of a due day (24:00). */
const end = (d: string) => at(`${addDays(d, 1)}T00:00:00`);

const A = { key: 'unit:1', name: '二所' };
const B = { key: 'unit:2', name: '居委会' };
const C = { key: 'unit:3', name: '城管' };
const D = { key: 'node:9', name: '一网格' };

const item = (p: Partial<CaseFact> & Pick<CaseFact, 'ref' | 'subject'>): CaseFact => ({
  kind: 'item',
  title: p.ref,
  state: 'closed',
  assignedAt: null,
  originalDueAt: null,
  dueChanges: [],
  doneAt: null,
  reworkCount: 0,
  extensionCount: 0,
  ...p,
  currentDueAt: p.currentDueAt ?? p.originalDueAt ?? null,
});

const cases: CaseFact[] = [
  // A. a1: on time against both deadlines; handling (11-02, 11-09] = 5 working days.
  item({
    ref: 'a1',
    subject: A,
    assignedAt: at('2026-11-02T09:00'),
    originalDueAt: end('2026-11-10'),
    doneAt: at('2026-11-09T15:00'),
  }),
  // a2: extension asked in time (11-12 ≤ 11-13) to 11-20, done 11-19: on time (approved), late (original); 13 days.
  item({
    ref: 'a2',
    subject: A,
    assignedAt: at('2026-11-02T09:00'),
    originalDueAt: end('2026-11-13'),
    currentDueAt: end('2026-11-20'),
    dueChanges: [{ filedAt: at('2026-11-12T10:00'), toAt: end('2026-11-20'), inTime: true }],
    extensionCount: 1,
    doneAt: at('2026-11-19T11:00'),
  }),
  // a3: extension filed late (recorded as such) to 11-25: judged on 11-16, so closed late; 15 days.
  item({
    ref: 'a3',
    subject: A,
    assignedAt: at('2026-11-03T09:00'),
    originalDueAt: end('2026-11-16'),
    currentDueAt: end('2026-11-25'),
    dueChanges: [{ filedAt: at('2026-11-18T09:00'), toAt: end('2026-11-25'), inTime: false }],
    extensionCount: 1,
    doneAt: at('2026-11-24T17:00'),
  }),
  // a4: parked — listed, not due. a5: cancelled — nowhere.
  item({
    ref: 'a4',
    subject: A,
    state: 'parked',
    assignedAt: at('2026-11-03T09:00'),
    originalDueAt: end('2026-11-20'),
  }),
  item({
    ref: 'a5',
    subject: A,
    state: 'cancelled',
    assignedAt: at('2026-11-03T09:00'),
    originalDueAt: end('2026-11-06'),
  }),
  // B. b1: sent back once for rework, reported again on the due day: on time, reworked; 9 days.
  item({
    ref: 'b1',
    subject: B,
    assignedAt: at('2026-11-09T09:00'),
    originalDueAt: end('2026-11-20'),
    reworkCount: 1,
    doneAt: at('2026-11-20T16:00'),
  }),
  // b2: open past 11-25 at the end of the month: overdue (11-25, 11-30] = 3 working days.
  item({
    ref: 'b2',
    subject: B,
    state: 'open',
    assignedAt: at('2026-11-09T09:00'),
    originalDueAt: end('2026-11-25'),
  }),
  // b3: due in December and not done: not due in November.
  item({
    ref: 'b3',
    subject: B,
    state: 'open',
    assignedAt: at('2026-11-16T09:00'),
    originalDueAt: end('2026-12-04'),
  }),
  // b4: the date was edited on 11-30, after it had passed: still judged on 11-27 — overdue 1 working day.
  item({
    ref: 'b4',
    subject: B,
    state: 'open',
    assignedAt: at('2026-11-16T09:00'),
    originalDueAt: end('2026-11-27'),
    currentDueAt: end('2026-12-10'),
    dueChanges: [{ filedAt: at('2026-11-30T09:00'), toAt: end('2026-12-10'), inTime: true }],
  }),
  // D. Grid tickets with hour deadlines: 3 on time, 1 late. Handling 1, 3, 2, 0 days → 1.5.
  item({
    kind: 'ticket',
    ref: 't1',
    subject: D,
    assignedAt: at('2026-11-05T10:00'),
    originalDueAt: at('2026-11-08T10:00'),
    doneAt: at('2026-11-07T10:00'),
  }),
  item({
    kind: 'ticket',
    ref: 't2',
    subject: D,
    assignedAt: at('2026-11-10T10:00'),
    originalDueAt: at('2026-11-13T10:00'),
    doneAt: at('2026-11-14T10:00'),
  }),
  item({
    kind: 'ticket',
    ref: 't3',
    subject: D,
    assignedAt: at('2026-11-16T10:00'),
    originalDueAt: at('2026-11-19T10:00'),
    doneAt: at('2026-11-18T10:00'),
  }),
  item({
    kind: 'ticket',
    ref: 't4',
    subject: D,
    assignedAt: at('2026-11-20T10:00'),
    originalDueAt: at('2026-11-23T10:00'),
    doneAt: at('2026-11-21T10:00'),
  }),
];

const dispatch = (
  subject: typeof A,
  ref: string,
  d: string,
  a: string | null,
  returned = false,
): DispatchFact => ({
  subject,
  ref,
  dispatchedAt: at(d),
  answeredAt: a ? at(a) : null,
  returned,
});

const dispatches: DispatchFact[] = [
  // A: the limit is the end of the next working day. a2's answer on 11-04 is late → 3 of 4 in time.
  dispatch(A, 'a1', '2026-11-02T09:00', '2026-11-02T10:00'),
  dispatch(A, 'a2', '2026-11-02T09:00', '2026-11-04T10:00'),
  dispatch(A, 'a3', '2026-11-03T09:00', '2026-11-03T15:00'),
  dispatch(A, 'a4', '2026-11-03T09:00', '2026-11-04T09:00'),
  // B: b2 returned in time (a return is an answer), b3 never answered, b4 answered late → 2 of 4; 1 return.
  dispatch(B, 'b1', '2026-11-09T09:00', '2026-11-09T11:00'),
  dispatch(B, 'b2', '2026-11-09T09:00', '2026-11-10T10:00', true),
  dispatch(B, 'b3', '2026-11-16T09:00', null),
  dispatch(B, 'b4', '2026-11-16T09:00', '2026-11-18T09:00'),
  // C: dispatched on the last afternoon, still within its limit at the end of the month: not judged.
  dispatch(C, 'c1', '2026-11-30T15:00', null),
];

const callbacks: CallbackFact[] = [
  { subject: D, ref: 't1', at: at('2026-11-09T10:00'), satisfaction: 'satisfied' },
  { subject: D, ref: 't2', at: at('2026-11-15T10:00'), satisfaction: 'basically_satisfied' },
  { subject: D, ref: 't3', at: at('2026-11-20T10:00'), satisfaction: 'dissatisfied' },
  { subject: D, ref: 't4', at: at('2026-11-22T10:00'), satisfaction: 'unreachable' },
];

const november: MetricsInput = {
  cases,
  dispatches,
  callbacks,
  period: { startAt: at('2026-11-01T00:00'), endAt: at('2026-12-01T00:00') },
  now: at('2026-12-03T10:00'),
  rules: DEFAULT_SCORING,
  ackDeadline: (x) => end(cal.addWorkdays(localDate(x, TZ), 1)),
  workdays: (from, to) => cal.workdaysBetween(localDate(from, TZ), localDate(to, TZ)),
};

const of = (r: ReturnType<typeof computeMetrics>, key: string) =>
  r.subjects.find((s) => s.subject.key === key)!;

describe('unit statistics (domain.md §8) on a hand-computed month', () => {
  const r = computeMetrics(november);

  it('counts what each unit had due, closed, on time, late and open', () => {
    expect(of(r, A.key).counts).toMatchObject({
      due: 3,
      closed: 3,
      onTime: 2,
      onTimeOriginal: 1,
      closedLate: 1,
      openOverdue: 0,
      extended: 2,
      reworked: 0,
      parked: 1,
      dispatched: 4,
      ackDue: 4,
      ackedInTime: 3,
      returned: 0,
      handlingWorkdays: [5, 13, 15],
    });
    expect(of(r, B.key).counts).toMatchObject({
      due: 3,
      closed: 1,
      onTime: 1,
      onTimeOriginal: 1,
      closedLate: 0,
      openOverdue: 2,
      reworked: 1,
      dispatched: 4,
      ackDue: 4,
      ackedInTime: 2,
      returned: 1,
    });
    expect(of(r, D.key).counts).toMatchObject({
      due: 4,
      closed: 4,
      onTime: 3,
      closedLate: 1,
      callbacks: { valid: 3, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1 },
      handlingWorkdays: [1, 3, 2, 0],
    });
    expect(of(r, C.key).counts).toMatchObject({ dispatched: 1, ackDue: 0, due: 0 });
  });

  it('turns the counts into rates, on time against the original and the approved deadline', () => {
    const a = of(r, A.key).rates;
    expect(a.onTime).toBeCloseTo(2 / 3);
    expect(a.onTimeOriginal).toBeCloseTo(1 / 3);
    expect(a.closure).toBe(1);
    expect(a.extension).toBeCloseTo(2 / 3);
    expect(a.ack).toBe(0.75);
    expect(a.avgHandlingWorkdays).toBe(11);
    expect(a.satisfaction).toBeUndefined();
    const b = of(r, B.key).rates;
    expect([b.closure, b.onTime, b.rework, b.return, b.ack]).toEqual([1 / 3, 1 / 3, 1 / 3, 0.25, 0.5]);
    const d = of(r, D.key).rates;
    expect(d.satisfaction).toBeCloseTo(2 / 3);
    expect(d.avgHandlingWorkdays).toBe(1.5);
    expect(of(r, C.key).rates.ack).toBeUndefined();
  });

  it('scores from the weighted rates with data, minus deductions, and ranks with 红黑榜', () => {
    // A: 100 × (2/3·40 + 1·20 + 0.75·20) / 80 = 77.08; − 2 for the late closing → 75.08, 3★.
    expect(of(r, A.key).score).toMatchObject({
      base: 77.08,
      deductions: { rework: 0, overdue: 2 },
      score: 75.08,
      stars: 3,
    });
    // B: 100 × (1/3·40 + 1/3·20 + 0.5·20) / 80 = 37.5; − 2 rework − 4 for two open overdue → 31.5, 1★.
    expect(of(r, B.key).score).toMatchObject({
      base: 37.5,
      deductions: { rework: 2, overdue: 4 },
      score: 31.5,
      stars: 1,
    });
    // D: 100 × (0.75·40 + 1·20 + 2/3·20) / 80 = 79.17; − 2 → 77.17, 3★. The parts add up to the base.
    const d = of(r, D.key).score!;
    expect(d).toMatchObject({ base: 79.17, score: 77.17, stars: 3 });
    expect(d.parts.map((p) => p.part)).toEqual(['onTime', 'closure', 'satisfaction']);
    expect(d.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(79.17, 1);
    expect(of(r, C.key).score).toBeUndefined();
    expect(r.subjects.map((s) => [s.subject.name, s.rank])).toEqual([
      ['一网格', 1],
      ['二所', 2],
      ['居委会', 3],
      ['城管', undefined],
    ]);
    expect(r.top.map((s) => s.subject.name)).toEqual(['一网格']);
    expect(r.bottom.map((s) => s.subject.name)).toEqual(['居委会']);
  });

  it('totals the month and names the overdue items, most overdue first', () => {
    expect(r.totals.counts).toMatchObject({
      due: 10,
      closed: 8,
      onTime: 6,
      closedLate: 2,
      openOverdue: 2,
      parked: 1,
    });
    expect(r.totals.rates.closure).toBe(0.8);
    expect(r.overdue.map((o) => [o.fact.ref, o.workdaysOverdue])).toEqual([
      ['b2', 3],
      ['b4', 1],
    ]);
  });

  it('counts basically satisfied only when the setting says so', () => {
    const strict = computeMetrics({
      ...november,
      rules: { ...DEFAULT_SCORING, basicallySatisfiedCounts: false },
    });
    expect(of(strict, D.key).rates.satisfaction).toBeCloseTo(1 / 3);
  });

  it('counts a case due later this period only once it is done', () => {
    const december = computeMetrics({
      ...november,
      cases: [
        item({
          ref: 'early',
          subject: A,
          assignedAt: at('2026-12-01T09:00'),
          originalDueAt: end('2026-12-15'),
          doneAt: at('2026-12-02T09:00'),
        }),
        item({
          ref: 'later',
          subject: A,
          state: 'open',
          assignedAt: at('2026-12-01T09:00'),
          originalDueAt: end('2026-12-15'),
        }),
      ],
      dispatches: [],
      callbacks: [],
      period: { startAt: at('2026-12-01T00:00'), endAt: at('2027-01-01T00:00') },
    });
    expect(of(december, A.key).counts).toMatchObject({ due: 1, closed: 1, onTime: 1, openOverdue: 0 });
  });

  it('adds the secretary’s adjustments to the score, within 0–100', () => {
    const adjusted = computeMetrics({
      ...november,
      adjustments: new Map([
        [A.key, [{ points: 3, reason: '创新项目' }]],
        [D.key, [{ points: 30, reason: '超大加分' }]],
      ]),
    });
    expect(of(adjusted, A.key).score).toMatchObject({
      score: 78.08,
      adjustments: [{ points: 3, reason: '创新项目' }],
    });
    expect(of(adjusted, D.key).score!.score).toBe(100);
  });
});

describe('the assessed deadline', () => {
  it('follows extensions asked in time, in the order they were asked, and ignores late ones', () => {
    const d = (s: string) => end(s);
    expect(
      assessedDueAt({
        originalDueAt: d('2026-11-10'),
        currentDueAt: d('2026-12-20'),
        dueChanges: [
          { filedAt: at('2026-11-18T09:00'), toAt: d('2026-11-30'), inTime: true }, // in time for 11-20
          { filedAt: at('2026-11-09T09:00'), toAt: d('2026-11-20'), inTime: true }, // in time for 11-10
          { filedAt: at('2026-12-05T09:00'), toAt: d('2026-12-20'), inTime: true }, // after 11-30: late
        ],
      }),
    ).toBe(d('2026-11-30'));
    expect(assessedDueAt({ originalDueAt: null, currentDueAt: d('2026-11-10'), dueChanges: [] })).toBe(
      d('2026-11-10'),
    );
  });
});

describe('star levels (domain.md §1.5)', () => {
  it('gives 5★ from 90, 4★ from 80, 3★ from 70, 2★ from 60 and 1★ below', () => {
    const t = DEFAULT_SCORING.thresholds;
    expect([100, 90, 89.99, 80, 79.9, 70, 60, 59.99, 0].map((s) => starsOf(s, t))).toEqual([
      5, 5, 4, 4, 3, 3, 2, 1, 1,
    ]);
    expect(starsOf(85, [95, 85, 75, 65])).toBe(4);
  });
});
