import cd from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar, MAX_WORKDAY_SPAN, packageYears } from '../../bot/domain/calendar.js';
import { addDays } from '../../bot/domain/dates.js';

const cal = createWorkCalendar();

/** Every date from `from` to `to`, inclusive. */
function* days(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

describe('the 2026 schedule (domain.md §1.6)', () => {
  it.each([
    ['2026-01-01', '元旦'],
    ['2026-01-03', '元旦'],
    ['2026-02-15', '春节'],
    ['2026-02-23', '春节'],
    ['2026-04-04', '清明'],
    ['2026-04-06', '清明'],
    ['2026-05-01', '劳动节'],
    ['2026-05-05', '劳动节'],
    ['2026-06-19', '端午'],
    ['2026-09-25', '中秋'],
    ['2026-09-27', '中秋'],
    ['2026-10-01', '国庆节'],
    ['2026-10-07', '国庆节'],
  ])('%s is a day off for %s', (date, name) => {
    expect(cal.isWorkday(date)).toBe(false);
    expect(cal.isRestDay(date)).toBe(true);
    expect(cal.holidayName(date)).toBe(name);
    expect(cal.isMakeupWorkday(date)).toBe(false);
  });

  it.each([
    ['2026-01-04', 'Sunday after 元旦'],
    ['2026-02-14', 'Saturday before 春节'],
    ['2026-02-28', 'Saturday after 春节'],
    ['2026-05-09', 'Saturday after 劳动节'],
    ['2026-09-20', 'Sunday before 国庆'],
    ['2026-10-10', 'Saturday after 国庆'],
  ])('%s (%s) is a makeup working day', (date) => {
    expect(cal.isWorkday(date)).toBe(true);
    expect(cal.isMakeupWorkday(date)).toBe(true);
    expect(cal.holidayName(date)).toBeUndefined();
  });

  it('treats every day of 春节 2/15–2/23 as off, and 2/24 as the first day back', () => {
    for (const d of days('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
  });

  it('treats 10/8 (Thursday after 国庆) as an ordinary working day', () => {
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.isMakeupWorkday('2026-10-08')).toBe(false);
  });

  it('has no holiday name for a plain weekend or an ordinary weekday', () => {
    expect(cal.isRestDay('2026-10-11')).toBe(true);
    expect(cal.holidayName('2026-10-11')).toBeUndefined();
    expect(cal.holidayName('2026-10-12')).toBeUndefined();
  });
});

describe('which years have data', () => {
  it('reads the covered years off the package data: 2004–2026 for chinese-days 1.5.7', () => {
    const years = packageYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(23);
  });

  it('has data for 2004 and 2026, none for 2003 or 2027', () => {
    expect(cal.hasData(2004)).toBe(true);
    expect(cal.hasData(2026)).toBe(true);
    expect(cal.hasData(2003)).toBe(false);
    expect(cal.hasData(2027)).toBe(false);
  });

  it('falls back to Monday–Friday in 2027', () => {
    expect(cal.isWorkday('2027-01-01')).toBe(true); // Friday; 元旦 will be off once the notice is loaded
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    expect(cal.isWorkday('2027-01-03')).toBe(false);
    expect(cal.isWorkday('2027-01-04')).toBe(true);
    expect(cal.holidayName('2027-01-01')).toBeUndefined();
  });

  it('agrees with cd.isWorkday and cd.getDayDetail on every day of 2004–2026', () => {
    let checked = 0;
    for (const d of days('2004-01-01', '2026-12-31')) {
      expect(cal.isWorkday(d), d).toBe(cd.isWorkday(d));
      if (!cal.isWorkday(d) && cal.holidayName(d)) {
        expect(cd.getDayDetail(d).name.split(',')[1], d).toBe(cal.holidayName(d));
      }
      checked++;
    }
    expect(checked).toBe(8401);
  });
});

describe('overrides', () => {
  const loaded2027 = createWorkCalendar([
    { date: '2027-01-01', isOffDay: true, name: '元旦' },
    { date: '2027-02-06', isOffDay: false, name: '春节' },
    { date: '2026-10-08', isOffDay: true, name: '测试更正' },
    { date: '2026-10-10', isOffDay: true },
    { date: '2026-10-11', isOffDay: false, name: null },
    { date: 'not-a-date', isOffDay: true, name: 'ignored' },
    { date: '2026-02-30', isOffDay: true, name: 'ignored' },
  ]);

  it('enter a year the package lacks and make hasData true for it', () => {
    expect(loaded2027.hasData(2027)).toBe(true);
    expect(loaded2027.hasData(2028)).toBe(false);
    expect(loaded2027.isWorkday('2027-01-01')).toBe(false);
    expect(loaded2027.holidayName('2027-01-01')).toBe('元旦');
    expect(loaded2027.isMakeupWorkday('2027-02-06')).toBe(true);
  });

  it('win over the package', () => {
    expect(loaded2027.isWorkday('2026-10-08')).toBe(false);
    expect(loaded2027.holidayName('2026-10-08')).toBe('测试更正');
    expect(loaded2027.isWorkday('2026-10-10')).toBe(false);
    expect(loaded2027.holidayName('2026-10-10')).toBeUndefined();
    expect(loaded2027.isMakeupWorkday('2026-10-11')).toBe(true);
  });

  it('leave the rest of the package alone and skip malformed rows', () => {
    expect(loaded2027.isWorkday('2026-10-01')).toBe(false);
    expect(loaded2027.isWorkday('2026-09-20')).toBe(true);
    expect(loaded2027.addWorkdays('2026-09-28', 10)).toBe('2026-10-19'); // 10/8 and 10/10 now off
  });

  it('take the last row for a date', () => {
    const c = createWorkCalendar([
      { date: '2026-10-12', isOffDay: true },
      { date: '2026-10-12', isOffDay: false },
    ]);
    expect(c.isWorkday('2026-10-12')).toBe(true);
  });

  it('do not leak between calendars', () => {
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.hasData(2027)).toBe(false);
  });
});

describe('addWorkdays', () => {
  it.each([
    ['2026-09-28', 10, '2026-10-16', 'domain.md example: counts Sat 10/10, skips 国庆'],
    ['2026-09-28', 3, '2026-10-08', '9/29, 9/30, then 10/8'],
    ['2026-09-30', 1, '2026-10-08', 'across 国庆'],
    ['2026-09-11', 1, '2026-09-14', 'Friday to Monday'],
    ['2026-09-18', 1, '2026-09-20', 'Friday to the makeup Sunday'],
    ['2026-09-19', 1, '2026-09-20', 'Saturday to the makeup Sunday'],
    ['2026-02-13', 1, '2026-02-14', 'Friday to the makeup Saturday before 春节'],
    ['2026-02-12', 3, '2026-02-24', '2/13, 2/14, then 2/24 after 春节'],
    ['2026-02-14', 1, '2026-02-24', 'makeup Saturday to the day after 春节'],
    ['2026-02-24', 5, '2026-03-02', '2/25, 2/26, 2/27, 2/28 (makeup), 3/2'],
    ['2026-10-01', 1, '2026-10-08', 'from inside a holiday'],
    ['2026-12-30', 3, '2027-01-04', 'into 2027 on Monday–Friday'],
  ])('%s + %i → %s (%s)', (from, n, expected) => {
    expect(cal.addWorkdays(from, n)).toBe(expected);
  });

  it('matches cd.findWorkday(10, 2026-09-28) from libraries.md', () => {
    expect(cal.addWorkdays('2026-09-28', 10)).toBe(cd.findWorkday(10, '2026-09-28'));
  });

  it('counts backwards for a negative n', () => {
    expect(cal.addWorkdays('2026-10-16', -10)).toBe('2026-09-28');
    expect(cal.addWorkdays('2026-10-08', -1)).toBe('2026-09-30');
    expect(cal.addWorkdays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('refuses n = 0, fractions, huge n and bad dates', () => {
    expect(() => cal.addWorkdays('2026-09-28', 0)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2026-09-28', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2026-09-28', Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2026-09-28', MAX_WORKDAY_SPAN + 1)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => cal.isWorkday('20261001')).toThrow(RangeError);
  });

  it('stays fast when asked again and again (cached per date)', () => {
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) cal.addWorkdays(addDays('2026-01-01', i % 365), 20);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('nextWorkday', () => {
  it.each([
    ['2026-10-08', '2026-10-08', 'a working day is its own answer'],
    ['2026-10-01', '2026-10-08', 'inside 国庆'],
    ['2026-10-03', '2026-10-08', 'a holiday Saturday'],
    ['2026-10-10', '2026-10-10', 'a makeup Saturday'],
    ['2026-10-11', '2026-10-12', 'a plain Sunday'],
    ['2026-02-15', '2026-02-24', 'first day of 春节'],
    ['2027-01-02', '2027-01-04', 'a Saturday without data'],
  ])('%s → %s (%s)', (from, expected) => {
    expect(cal.nextWorkday(from)).toBe(expected);
  });
});

describe('workdaysBetween: working days in (from, to]', () => {
  it.each([
    ['2026-09-28', '2026-10-16', 10],
    ['2026-09-28', '2026-10-12', 6], // libraries.md: 9/28 excluded → 9/29, 9/30, 10/8, 10/9, 10/10, 10/12
    ['2026-09-30', '2026-10-07', 0],
    ['2026-10-16', '2026-10-16', 0],
    ['2026-02-13', '2026-02-24', 2],
    ['2026-10-16', '2026-09-28', -10],
  ])('(%s, %s] → %i', (from, to, expected) => {
    expect(cal.workdaysBetween(from, to)).toBe(expected);
  });

  it('agrees with cd.getWorkdaysInRange', () => {
    const listed = cd.getWorkdaysInRange('2026-09-29', '2026-12-31');
    expect(cal.workdaysBetween('2026-09-28', '2026-12-31')).toBe(listed.length);
  });

  it('is the inverse of addWorkdays', () => {
    for (const from of ['2026-01-30', '2026-02-10', '2026-09-25', '2026-12-15']) {
      for (const n of [1, 2, 5, 13, 20]) expect(cal.workdaysBetween(from, cal.addWorkdays(from, n))).toBe(n);
    }
  });
});
