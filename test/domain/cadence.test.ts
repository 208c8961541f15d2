import { describe, expect, it } from 'vitest';
import {
  type CadenceItem,
  DEFAULT_CADENCE,
  nextWorkingInstant,
  type PlanEnv,
  type PlannedStep,
  planSteps,
  resolveCadence,
  STEP_KINDS,
  STEP_TABLE,
  type WorkCalendar,
  warningLevel,
  weeklyDigestAt,
  weeklyDigestKey,
} from '../../bot/domain/cadence.js';
import { addDays, weekdayOf } from '../../bot/domain/dates.js';
import { ITEM_STATUSES } from '../../bot/domain/lifecycle.js';
import { localDateTime } from '../../bot/domain/time.js';
import { WARNING_LEVELS } from '../../db/schema/items.js';

// === A fake calendar: weekends off, National Day 10-01..10-07 off, Saturday 10-10 a makeup working day.

function fakeCalendar(off: readonly string[] = [], makeup: readonly string[] = []): WorkCalendar {
  const offDays = new Set([
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
    ...off,
  ]);
  const makeupDays = new Set(['2026-10-10', ...makeup]);
  const isWorkday = (d: string) =>
    makeupDays.has(d) || (!offDays.has(d) && weekdayOf(d) !== 0 && weekdayOf(d) !== 6);
  const forward = (d: string) => {
    let x = addDays(d, 1);
    while (!isWorkday(x)) x = addDays(x, 1);
    return x;
  };
  return {
    isWorkday,
    addWorkdays(date, n) {
      // The structural interface promises forward counting only; the code under test must not ask more.
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkdays(${date}, ${n})`);
      let d = date;
      for (let i = 0; i < n; i++) d = forward(d);
      return d;
    },
    nextWorkday: (date) => (isWorkday(date) ? date : forward(date)),
    workdaysBetween(from, to) {
      let count = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d)) count++;
      return count;
    },
  };
}

const cal = fakeCalendar();
const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const local = (ms: number | undefined) => (ms === undefined ? '-' : localDateTime(ms, TZ));

const LEAD = 1;
const SUPPORT = 2;
const T_ASSIGN = at('2026-09-14 10:00'); // Monday
const DUE = '2026-09-28'; // 10 working days after 2026-09-14

const item = (over: Partial<CadenceItem> = {}): CadenceItem => ({
  id: 42,
  status: 'in_progress',
  assignedAt: T_ASSIGN,
  originalDueDate: DUE,
  currentDueDate: DUE,
  units: [
    { unitId: LEAD, role: 'lead', ackStatus: 'pending' },
    { unitId: SUPPORT, role: 'support', ackStatus: 'pending' },
  ],
  ...over,
});

const env = (over: Partial<PlanEnv> = {}): PlanEnv => ({ tz: TZ, calendar: cal, now: T_ASSIGN, ...over });

/** A step as a row a person can read: kind, unit, fire time, stale time, level, recipients. */
const row = (s: PlannedStep) =>
  [s.kind, s.unitId ?? '-', local(s.fireAt), local(s.staleAt), s.level, s.to.join('+')].join(' | ');
const rows = (steps: PlannedStep[]) => steps.map(row);
const acked = { ackStatus: 'acknowledged' as const, ackAt: at('2026-09-14 15:00') };

describe('fixtures', () => {
  it('the due date is 10 working days after a Monday', () => {
    expect(weekdayOf('2026-09-14')).toBe(1);
    expect(cal.addWorkdays('2026-09-14', 10)).toBe(DUE);
    expect(cal.addWorkdays('2026-09-28', 10)).toBe('2026-10-16'); // domain.md §5 example, with the makeup Saturday
  });

  it('levels are the schema levels and every kind has a table row', () => {
    for (const kind of STEP_KINDS) expect(WARNING_LEVELS).toContain(STEP_TABLE[kind].level);
  });
});

describe('planSteps: assigned Monday, due in 10 working days', () => {
  it('never acknowledged: reminders, escalations, then the four date steps, in order', () => {
    expect(rows(planSteps(item({ status: 'assigned' }), env()))).toEqual([
      'ack_reminder | 1 | 2026-09-15 10:00 | 2026-09-16 10:00 | none | liaison',
      'ack_reminder | 2 | 2026-09-15 10:00 | 2026-09-16 10:00 | none | liaison',
      'ack_escalation | 1 | 2026-09-16 10:00 | 2026-09-17 10:00 | none | liaison+secretary',
      'ack_escalation | 2 | 2026-09-16 10:00 | 2026-09-17 10:00 | none | liaison+secretary',
      'due_soon | - | 2026-09-23 09:00 | 2026-09-28 09:00 | blue | liaison',
      'due_today | - | 2026-09-28 09:00 | 2026-09-29 00:00 | blue | liaison',
      'overdue_chase | - | 2026-09-29 09:00 | 2026-10-10 09:00 | yellow | liaison+secretary',
      // due + 5 working days: 09-29, 09-30, (holiday) 10-08, 10-09, makeup Saturday 10-10.
      'red | - | 2026-10-10 09:00 | - | red | secretary+chair+group',
    ]);
  });

  it('has stable, readable dedupe keys', () => {
    expect(planSteps(item(), env()).map((s) => s.dedupeKey)).toEqual([
      `item:42:unit:1:ack_reminder:${T_ASSIGN}`,
      `item:42:unit:2:ack_reminder:${T_ASSIGN}`,
      `item:42:unit:1:ack_escalation:${T_ASSIGN}`,
      `item:42:unit:2:ack_escalation:${T_ASSIGN}`,
      'item:42:due_soon:2026-09-28',
      'item:42:due_today:2026-09-28',
      'item:42:overdue_chase:2026-09-28',
      'item:42:red:2026-09-28',
    ]);
  });

  it('acknowledged on time by both units: only the date steps', () => {
    const units = item().units.map((u) => ({ ...u, ...acked }));
    expect(rows(planSteps(item({ units }), env()))).toEqual([
      'due_soon | - | 2026-09-23 09:00 | 2026-09-28 09:00 | blue | liaison',
      'due_today | - | 2026-09-28 09:00 | 2026-09-29 00:00 | blue | liaison',
      'overdue_chase | - | 2026-09-29 09:00 | 2026-10-10 09:00 | yellow | liaison+secretary',
      'red | - | 2026-10-10 09:00 | - | red | secretary+chair+group',
    ]);
  });

  it('only the unit that has not acknowledged is reminded', () => {
    const units = [
      { unitId: LEAD, role: 'lead' as const, ...acked },
      { unitId: SUPPORT, role: 'support' as const, ackStatus: 'pending' as const },
    ];
    const steps = planSteps(item({ units }), env());
    expect(steps.filter((s) => s.unitId !== undefined).map((s) => [s.kind, s.unitId])).toEqual([
      ['ack_reminder', SUPPORT],
      ['ack_escalation', SUPPORT],
    ]);
    expect(steps).toHaveLength(6);
  });

  it('a unit that returned the item is not reminded to acknowledge it', () => {
    const units = [
      { unitId: LEAD, role: 'lead' as const, ...acked },
      { unitId: SUPPORT, role: 'support' as const, ackStatus: 'returned' as const },
    ];
    expect(planSteps(item({ units }), env()).every((s) => s.unitId === undefined)).toBe(true);
  });

  it('a reassigned unit is chased from its own assignment, with its own keys', () => {
    const later = at('2026-09-17 14:00');
    const units = [{ unitId: 3, role: 'lead' as const, ackStatus: 'pending' as const, assignedAt: later }];
    const ack = planSteps(item({ units }), env({ now: later })).filter((s) => s.unitId === 3);
    expect(rows(ack)).toEqual([
      'ack_reminder | 3 | 2026-09-18 14:00 | 2026-09-21 14:00 | none | liaison',
      'ack_escalation | 3 | 2026-09-21 14:00 | 2026-09-22 14:00 | none | liaison+secretary',
    ]);
    expect(ack[0]?.dedupeKey).toBe(`item:42:unit:3:ack_reminder:${later}`);
  });
});

describe('planSteps: re-planning', () => {
  it('is deterministic: nothing changed, the same steps and keys', () => {
    expect(planSteps(item(), env())).toEqual(planSteps(item(), env()));
  });

  it('time passing only drops steps that have gone stale; the rest keep their keys', () => {
    const early = planSteps(item(), env());
    const later = planSteps(item(), env({ now: at('2026-09-20 12:00') }));
    expect(later).toEqual(early.filter((s) => s.staleAt === undefined || s.staleAt > at('2026-09-20 12:00')));
    expect(later.map((s) => s.kind)).toEqual(['due_soon', 'due_today', 'overdue_chase', 'red']);
  });

  it('a step due but not yet stale stays planned (sent late by the scheduler)', () => {
    const now = at('2026-09-29 15:00'); // the overdue chase was due at 09:00
    expect(planSteps(item({ units: [] }), env({ now })).map((s) => s.kind)).toEqual(['overdue_chase', 'red']);
  });

  it('an approved extension gives new keys for the date steps and keeps the acknowledgement keys', () => {
    const before = planSteps(item(), env());
    const after = planSteps(item({ currentDueDate: '2026-10-16' }), env());
    const dateKeys = (steps: PlannedStep[]) =>
      steps.filter((s) => s.unitId === undefined).map((s) => s.dedupeKey);
    const ackKeys = (steps: PlannedStep[]) =>
      steps.filter((s) => s.unitId !== undefined).map((s) => s.dedupeKey);
    expect(ackKeys(after)).toEqual(ackKeys(before));
    for (const key of dateKeys(after)) expect(dateKeys(before)).not.toContain(key);
    expect(rows(after.filter((s) => s.unitId === undefined))).toEqual([
      'due_soon | - | 2026-10-13 09:00 | 2026-10-16 09:00 | blue | liaison',
      'due_today | - | 2026-10-16 09:00 | 2026-10-17 00:00 | blue | liaison',
      'overdue_chase | - | 2026-10-19 09:00 | 2026-10-23 09:00 | yellow | liaison+secretary',
      'red | - | 2026-10-23 09:00 | - | red | secretary+chair+group',
    ]);
    expect(after.every((s) => s.unitId !== undefined || s.dueDate === '2026-10-16')).toBe(true);
  });

  it('a calendar correction moves a step without changing its key', () => {
    const moved = planSteps(item(), env({ calendar: fakeCalendar(['2026-09-23']) }));
    const soon = moved.find((s) => s.kind === 'due_soon');
    expect(soon?.dedupeKey).toBe('item:42:due_soon:2026-09-28');
    expect(local(soon?.fireAt)).toBe('2026-09-22 09:00');
  });
});

describe('planSteps: the National Day holiday', () => {
  it('assigned the day before the holiday: reminders resume after it, a near due_soon is dropped', () => {
    const assignedAt = at('2026-09-30 10:00');
    const steps = planSteps(item({ assignedAt, currentDueDate: '2026-10-09' }), env({ now: assignedAt }));
    expect(rows(steps)).toEqual([
      'ack_reminder | 1 | 2026-10-08 10:00 | 2026-10-09 10:00 | none | liaison',
      'ack_reminder | 2 | 2026-10-08 10:00 | 2026-10-09 10:00 | none | liaison',
      'due_today | - | 2026-10-09 09:00 | 2026-10-10 00:00 | blue | liaison',
      'ack_escalation | 1 | 2026-10-09 10:00 | 2026-10-10 10:00 | none | liaison+secretary',
      'ack_escalation | 2 | 2026-10-09 10:00 | 2026-10-10 10:00 | none | liaison+secretary',
      'overdue_chase | - | 2026-10-10 09:00 | 2026-10-15 09:00 | yellow | liaison+secretary',
      'red | - | 2026-10-15 09:00 | - | red | secretary+chair+group',
    ]);
  });

  it('due soon counted back across the holiday', () => {
    const steps = planSteps(item({ currentDueDate: '2026-10-09', units: [] }), env());
    expect(local(steps.find((s) => s.kind === 'due_soon')?.fireAt)).toBe('2026-09-29 09:00');
  });

  it('a literal due date inside the holiday: "due today" on the last working day before it', () => {
    const steps = planSteps(
      item({ currentDueDate: '2026-10-03', units: [] }),
      env({ now: at('2026-09-21 10:00') }),
    );
    expect(rows(steps)).toEqual([
      'due_soon | - | 2026-09-28 09:00 | 2026-09-30 09:00 | blue | liaison',
      'due_today | - | 2026-09-30 09:00 | 2026-10-04 00:00 | blue | liaison',
      'overdue_chase | - | 2026-10-08 09:00 | 2026-10-13 09:00 | yellow | liaison+secretary',
      'red | - | 2026-10-13 09:00 | - | red | secretary+chair+group',
    ]);
  });
});

describe('planSteps: working hours', () => {
  const firstReminder = (assignedAt: number, cadence?: PlanEnv['cadence']) =>
    local(
      planSteps(item({ assignedAt, currentDueDate: '2026-12-31' }), env({ now: assignedAt, cadence })).find(
        (s) => s.kind === 'ack_reminder',
      )?.fireAt,
    );

  it.each([
    ['Friday evening → Monday start → Tuesday 09:00', '2026-09-18 18:00', '2026-09-22 09:00'],
    ['before opening → opening → next day 09:00', '2026-09-15 08:00', '2026-09-16 09:00'],
    ['on a Saturday → Monday start → Tuesday 09:00', '2026-09-19 11:00', '2026-09-22 09:00'],
    ['17:29 is still working time', '2026-09-15 17:29', '2026-09-16 17:29'],
    ['17:30 is closing time', '2026-09-15 17:30', '2026-09-17 09:00'],
    ['Friday before a makeup Saturday', '2026-10-09 17:00', '2026-10-10 17:00'],
    ['inside the holiday → first day back → one more day', '2026-10-03 10:00', '2026-10-09 09:00'],
  ])('%s', (_name, assigned, expected) => {
    expect(firstReminder(at(assigned))).toBe(expected);
  });

  it('follows the body’s working hours', () => {
    expect(firstReminder(at('2026-09-15 08:40'), { workStart: '08:30', workEnd: '17:00' })).toBe(
      '2026-09-16 08:40',
    );
    expect(firstReminder(at('2026-09-15 17:10'), { workStart: '08:30', workEnd: '17:00' })).toBe(
      '2026-09-17 08:30',
    );
    const steps = planSteps(item({ units: [] }), env({ cadence: { workStart: '8:30' } }));
    expect(local(steps[0]?.fireAt)).toBe('2026-09-23 08:30');
  });

  it('a due-today time outside working hours moves into them', () => {
    const early = planSteps(item({ units: [] }), env({ cadence: { dueTodayTime: '07:00' } }));
    expect(local(early.find((s) => s.kind === 'due_today')?.fireAt)).toBe('2026-09-28 09:00');
    // After closing it would fall on the next day, after the deadline: such a step is not planned.
    const late = planSteps(item({ units: [] }), env({ cadence: { dueTodayTime: '20:00' } }));
    expect(late.map((s) => s.kind)).toEqual(['due_soon', 'overdue_chase', 'red']);
  });

  it('nextWorkingInstant', () => {
    expect(local(nextWorkingInstant(at('2026-09-30 18:00'), TZ, cal))).toBe('2026-10-08 09:00');
    expect(local(nextWorkingInstant(at('2026-09-30 12:34'), TZ, cal))).toBe('2026-09-30 12:34');
    expect(local(nextWorkingInstant(at('2026-10-10 07:00'), TZ, cal))).toBe('2026-10-10 09:00');
  });

  it('does not depend on the process time zone: instants are the body zone’s', () => {
    const steps = planSteps(item({ units: [] }), env());
    expect(new Date(steps[0]!.fireAt).toISOString()).toBe('2026-09-23T01:00:00.000Z');
    const utc = planSteps(item({ units: [] }), env({ tz: 'UTC' }));
    expect(new Date(utc[0]!.fireAt).toISOString()).toBe('2026-09-23T09:00:00.000Z');
  });
});

describe('planSteps: replies, explanations, statuses', () => {
  const noUnits = item({ units: [] });

  it('a reply after a step fired stops it; the later steps remain', () => {
    const steps = planSteps({ ...noUnits, lastReplyAt: at('2026-09-29 10:00') }, env());
    expect(steps.map((s) => s.kind)).toEqual(['red']);
  });

  it('a reply before a step does not stop it', () => {
    const steps = planSteps({ ...noUnits, lastReplyAt: at('2026-09-22 10:00') }, env());
    expect(steps.map((s) => s.kind)).toEqual(['due_soon', 'due_today', 'overdue_chase', 'red']);
  });

  it('an accepted explanation removes the red step only', () => {
    const steps = planSteps({ ...noUnits, explanationAccepted: true }, env());
    expect(rows(steps)).toEqual([
      'due_soon | - | 2026-09-23 09:00 | 2026-09-28 09:00 | blue | liaison',
      'due_today | - | 2026-09-28 09:00 | 2026-09-29 00:00 | blue | liaison',
      'overdue_chase | - | 2026-09-29 09:00 | 2026-10-10 09:00 | yellow | liaison+secretary',
    ]);
  });

  it.each(ITEM_STATUSES.filter((s) => s !== 'assigned' && s !== 'in_progress'))(
    'nothing for a %s item',
    (status) => {
      expect(planSteps(item({ status }), env())).toEqual([]);
    },
  );

  it('assigned and in progress are both followed up', () => {
    expect(planSteps(item({ status: 'assigned' }), env())).toHaveLength(8);
    expect(planSteps(item({ status: 'in_progress' }), env())).toHaveLength(8);
  });

  it('no due date, or a malformed one: only the acknowledgement steps', () => {
    expect(planSteps(item({ currentDueDate: undefined }), env()).map((s) => s.kind)).toEqual([
      'ack_reminder',
      'ack_reminder',
      'ack_escalation',
      'ack_escalation',
    ]);
    expect(planSteps(item({ currentDueDate: '2026-13-01', units: [] }), env())).toEqual([]);
  });

  it('no assignment instant: no acknowledgement steps', () => {
    expect(planSteps(item({ assignedAt: undefined }), env()).every((s) => s.unitId === undefined)).toBe(true);
  });
});

describe('configuration', () => {
  it('the defaults are DESIGN §4.3', () => {
    expect(resolveCadence()).toEqual(DEFAULT_CADENCE);
    expect(DEFAULT_CADENCE).toMatchObject({
      workStart: '09:00',
      workEnd: '17:30',
      ackReminderWorkdays: 1,
      ackEscalationWorkdays: 2,
      dueSoonWorkdays: 3,
      overdueChaseWorkdays: 1,
      redWorkdays: 5,
      digestWeekday: 5,
    });
  });

  it('malformed overrides fall back to the defaults', () => {
    const bad = {
      workStart: '25:00',
      workEnd: 'noon',
      ackReminderWorkdays: 0,
      redWorkdays: 2.5,
      dueSoonWorkdays: -3,
      digestWeekday: 9,
      digestTime: '',
      dueTodayTime: 'x',
    } as const;
    expect(resolveCadence(bad)).toEqual(DEFAULT_CADENCE);
    expect(resolveCadence({ workStart: '18:00', workEnd: '08:00' })).toMatchObject({
      workStart: '09:00',
      workEnd: '17:30',
    });
  });

  it('null switches a step off; other offsets move it', () => {
    const steps = planSteps(
      item(),
      env({ cadence: { ackEscalationWorkdays: null, redWorkdays: 3, dueSoonWorkdays: null } }),
    );
    expect(rows(steps)).toEqual([
      'ack_reminder | 1 | 2026-09-15 10:00 | 2026-09-16 10:00 | none | liaison',
      'ack_reminder | 2 | 2026-09-15 10:00 | 2026-09-16 10:00 | none | liaison',
      'due_today | - | 2026-09-28 09:00 | 2026-09-29 00:00 | blue | liaison',
      'overdue_chase | - | 2026-09-29 09:00 | 2026-10-08 09:00 | yellow | liaison+secretary',
      'red | - | 2026-10-08 09:00 | - | red | secretary+chair+group',
    ]);
  });
});

describe('warningLevel', () => {
  const running = { status: 'in_progress' as const, currentDueDate: DUE };
  it.each([
    ['2026-09-22', 'none'], // four working days before
    ['2026-09-23', 'blue'], // due − 3 working days
    ['2026-09-27', 'blue'],
    [DUE, 'blue'], // the due day is still in time
    ['2026-09-29', 'yellow'], // due + 1 working day
    ['2026-10-05', 'yellow'], // inside the holiday
    ['2026-10-09', 'yellow'], // due + 4 working days
    ['2026-10-10', 'red'], // due + 5 working days (the makeup Saturday)
    ['2026-11-30', 'red'],
  ])('due 2026-09-28, today %s → %s', (today, level) => {
    expect(warningLevel(running, today, cal)).toBe(level);
  });

  it('yellow from the first day past due, even a rest day', () => {
    expect(warningLevel({ status: 'assigned', currentDueDate: '2026-09-25' }, '2026-09-26', cal)).toBe(
      'yellow',
    );
  });

  it('an accepted explanation keeps it yellow', () => {
    expect(warningLevel({ ...running, explanationAccepted: true }, '2026-11-30', cal)).toBe('yellow');
  });

  it('uses the current due date: an approved extension clears the colour', () => {
    expect(warningLevel({ ...running, currentDueDate: '2026-10-16' }, '2026-10-10', cal)).toBe('none');
    expect(warningLevel({ ...running, currentDueDate: '2026-10-16' }, '2026-10-13', cal)).toBe('blue');
  });

  it.each(['draft', 'reported_done', 'parked', 'closed', 'cancelled'] as const)('none for %s', (status) => {
    expect(warningLevel({ status, currentDueDate: DUE }, '2026-11-30', cal)).toBe('none');
  });

  it('none without a due date', () => {
    expect(warningLevel({ status: 'in_progress' }, '2026-11-30', cal)).toBe('none');
  });

  it('follows the body’s thresholds', () => {
    expect(warningLevel(running, '2026-09-23', cal, { dueSoonWorkdays: 2 })).toBe('none');
    expect(warningLevel(running, '2026-09-24', cal, { dueSoonWorkdays: 2 })).toBe('blue');
    expect(warningLevel(running, '2026-10-08', cal, { redWorkdays: 3 })).toBe('red');
    expect(warningLevel(running, '2026-11-30', cal, { redWorkdays: null })).toBe('yellow');
  });
});

describe('weekly digest', () => {
  it.each([
    ['an ordinary week: Friday 16:00', '2026-09-16', '2026-09-18 16:00'],
    ['asked on the Sunday of that week', '2026-09-20', '2026-09-18 16:00'],
    ['Friday 10-02 is a holiday: Wednesday 09-30', '2026-10-01', '2026-09-30 16:00'],
    ['the week after the holiday: Friday 10-09', '2026-10-05', '2026-10-09 16:00'],
  ])('%s', (_name, weekOf, expected) => {
    expect(local(weeklyDigestAt(weekOf, TZ, cal))).toBe(expected);
  });

  it('no digest in a week without a working day up to Friday', () => {
    const allOff = fakeCalendar(['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-17', '2026-09-18']);
    expect(weeklyDigestAt('2026-09-16', TZ, allOff)).toBeUndefined();
    expect(weeklyDigestAt('not a date', TZ, cal)).toBeUndefined();
  });

  it('follows the body’s digest day and time, kept inside working hours', () => {
    expect(local(weeklyDigestAt('2026-09-16', TZ, cal, { digestWeekday: 1, digestTime: '10:00' }))).toBe(
      '2026-09-14 10:00',
    );
    expect(local(weeklyDigestAt('2026-09-16', TZ, cal, { digestTime: '19:00' }))).toBe('2026-09-18 09:00');
  });

  it('one key per body and week', () => {
    expect(weeklyDigestKey(7, '2026-09-18')).toBe('body:7:weekly_digest:2026-09-14');
    expect(weeklyDigestKey(7, '2026-09-14')).toBe(weeklyDigestKey(7, '2026-09-20'));
  });
});
