import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from '../../bot/domain/dates.js';
import {
  DEFAULT_MEETING_TIME,
  describeRule,
  MAX_OCCURRENCES,
  type MeetingCalendar,
  type MeetingRule,
  nextOccurrences,
  type Occurrence,
  parseCnNumber,
  parseSchedule,
  type ScheduleParse,
  validateRule,
  type WeeklyRule,
} from '../../bot/domain/recurrence.js';

const TZ = 'Asia/Shanghai';
/** A Shanghai wall-clock time as an instant: `at('2026-11-28 10:00')`. */
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
/** Saturday 2026-11-28 10:00 in Shanghai. */
const REF = at('2026-11-28 10:00');

/** A tiny 2026 calendar: 元旦 01-01..03 (makeup Sunday 01-04), 国庆节 10-01..07 (makeup Saturday 10-10). */
function fakeCalendar(): MeetingCalendar {
  const off = new Map<string, string>();
  for (const d of ['2026-01-01', '2026-01-02', '2026-01-03']) off.set(d, '元旦');
  for (let i = 1; i <= 7; i++) off.set(`2026-10-0${i}`, '国庆节');
  const makeup = new Set(['2026-01-04', '2026-10-10']);
  const isWorkday = (d: string) => makeup.has(d) || (!off.has(d) && weekdayOf(d) !== 0 && weekdayOf(d) !== 6);
  return {
    isWorkday,
    holidayName: (d) => off.get(d),
    nextWorkday: (d) => {
      let x = d;
      for (let i = 0; i < 60 && !isWorkday(x); i++) x = addDays(x, 1);
      return x;
    },
  };
}
const CAL = fakeCalendar();

const parse = (text: string, reference = REF): ScheduleParse => parseSchedule(text, reference, TZ);

/** The rule of a phrase that must parse. */
function ruleOf(text: string, reference = REF): MeetingRule {
  const r = parse(text, reference);
  if (!r.ok) throw new Error(`${text}: ${r.problem} ${r.detail}`);
  return r.rule;
}

const next = (rule: MeetingRule, count = 3, after = REF, holidayPolicy: 'keep' | 'next_workday' = 'keep') =>
  nextOccurrences(rule, { after, count, tz: TZ, calendar: CAL, holidayPolicy });
/** `YYYY-MM-DD HH:mm` of each occurrence. */
const when = (occ: Occurrence[]) => occ.map((o) => `${o.date} ${o.time}`);

describe('parseSchedule: the phrases from the issue', () => {
  it.each<[string, MeetingRule, boolean]>([
    [
      '每周一9点',
      { kind: 'weekly', weekdays: [1], time: '09:00', intervalWeeks: 1, anchor: '2026-11-23' },
      true,
    ],
    [
      '每周一、四上午九点半',
      { kind: 'weekly', weekdays: [1, 4], time: '09:30', intervalWeeks: 1, anchor: '2026-11-23' },
      true,
    ],
    ['每月5日14:30', { kind: 'monthly_day', day: 5, time: '14:30' }, true],
    ['每月最后一个周五下午三点', { kind: 'monthly_weekday', nth: -1, weekday: 5, time: '15:00' }, true],
    [
      '每季度第一个月15日',
      { kind: 'quarterly_day', monthOfQuarter: 1, day: 15, time: DEFAULT_MEETING_TIME },
      false,
    ],
    [
      '每两周周三',
      { kind: 'weekly', weekdays: [3], time: DEFAULT_MEETING_TIME, intervalWeeks: 2, anchor: '2026-11-23' },
      false,
    ],
    [
      '从12月2日起每两周周三',
      {
        kind: 'weekly',
        weekdays: [3],
        time: DEFAULT_MEETING_TIME,
        intervalWeeks: 2,
        anchor: '2026-11-30',
        from: '2026-12-02',
      },
      false,
    ],
    [
      '每两周周三 自2026年12月2日开始',
      {
        kind: 'weekly',
        weekdays: [3],
        time: DEFAULT_MEETING_TIME,
        intervalWeeks: 2,
        anchor: '2026-11-30',
        from: '2026-12-02',
      },
      false,
    ],
    ['工作日每天8:30', { kind: 'workdays', time: '08:30' }, true],
    ['12月10日15:00', { kind: 'once', date: '2026-12-10', time: '15:00' }, true],
    ['下周三下午两点', { kind: 'once', date: '2026-12-02', time: '14:00' }, true],
  ])('%s', (text, rule, timeGiven) => {
    const r = parse(text);
    expect(r).toMatchObject({ ok: true, rule, timeGiven, rest: '' });
    if (r.ok) expect(r.rule).toEqual(rule);
  });

  it('keeps the meeting name and options, as typed, in `rest`', () => {
    expect(parse('每月5日 14:30 街道联席会议 地点：党群服务中心三楼')).toMatchObject({
      ok: true,
      matched: '每月5日 14:30',
      rest: '街道联席会议 地点：党群服务中心三楼',
    });
    expect(parse('12月10日 15:00 专题会')).toMatchObject({ matched: '12月10日 15:00', rest: '专题会' });
    expect(parse('街道联席会议，每周一9点召开')).toMatchObject({
      matched: '每周一9点',
      rest: '街道联席会议',
    });
    expect(parse('从12月2日起 双周例会 每两周周三下午3点')).toMatchObject({
      matched: '从12月2日起 每两周周三下午3点',
      rest: '双周例会',
    });
  });

  it('says which readings it assumed', () => {
    expect(parse('每两周周三')).toMatchObject({ assumptions: ['reference_week'] });
    expect(parse('每周一3点')).toMatchObject({ rule: { time: '15:00' }, assumptions: ['afternoon'] });
    expect(parse('每周一03:00')).toMatchObject({ rule: { time: '03:00' }, assumptions: [] });
    expect(parse('1月5日上午9点')).toMatchObject({
      rule: { date: '2027-01-05' },
      assumptions: ['next_year'],
    });
    expect(parse('今天上午9点')).toMatchObject({ rule: { date: '2026-11-28' }, assumptions: ['in_past'] });
    expect(parse('每周一上午')).toMatchObject({ rule: { time: '09:00' }, timeGiven: false });
    expect(parse('每周五下午')).toMatchObject({ rule: { time: '14:00' }, timeGiven: false });
  });
});

describe('parseSchedule: variants', () => {
  // [phrase, describeRule zh-CN of the result]
  it.each<[string, string]>([
    ['每周三下午2点半', '每周三 14:30'],
    ['每周五 15:00', '每周五 15:00'],
    ['每星期一上午9:00', '每周一 09:00'],
    ['每礼拜二两点', '每周二 14:00'],
    ['每个星期四 下午3点', '每周四 15:00'],
    ['每周的周三上午10点', '每周三 10:00'],
    ['周一至周五每天早上8点半', '每周一至周五 08:30'],
    ['每周一到周五 8:30', '每周一至周五 08:30'],
    ['每周一三五 十四点三十', '每周一、周三、周五 14:30'],
    ['每周一和周四 上午九点', '每周一、周四 09:00'],
    ['每周二 9点一刻', '每周二 09:15'],
    ['每周二 9点三刻', '每周二 09:45'],
    ['每周日晚上8点', '每周日 20:00'],
    ['每周六中午12点半', '每周六 12:30'],
    ['每周1 9:00', '每周一 09:00'],
    ['每周一一十点', '每周一 10:00'],
    ['每月1号上午十点', '每月1日 10:00'],
    ['每月15日下午3时', '每月15日 15:00'],
    ['每月二十五日 15点30分', '每月25日 15:30'],
    ['每月廿五日9点', '每月25日 09:00'],
    ['每个月的5号14:30', '每月5日 14:30'],
    ['每月第二个周二14:00', '每月第二个周二 14:00'],
    ['每月第1个星期一上午9点', '每月第一个周一 09:00'],
    ['每月最后一天17:00', '每月最后一天 17:00'],
    ['每月底下午5点', '每月最后一天 17:00'],
    ['每月31日 9:00', '每月31日 09:00（当月无31日则取月末）'],
    ['每季度末月20日', '每季度第三个月20日 09:00（3、6、9、12月）'],
    ['每季度第二个月最后一天 16:00', '每季度第二个月最后一天 16:00（2、5、8、11月）'],
    ['每季度第三个月第三个周二 14:30', '每季度第三个月第三个周二 14:30（3、6、9、12月）'],
    ['每天早上8点', '每天 08:00'],
    ['每日 7:45', '每天 07:45'],
    ['每个工作日上午9点', '工作日每天 09:00'],
    ['每两周一次周四', '每两周周四 09:00（自2026年11月23日当周起）'],
    ['隔周周三下午', '每两周周三 14:00（自2026年11月23日当周起）'],
    ['每隔一周周五 10:00', '每两周周五 10:00（自2026年11月23日当周起）'],
    ['每3周周一 9点', '每三周周一 09:00（自2026年11月23日当周起）'],
    ['every Monday 9am', '每周一 09:00'],
    ['Every Tuesday and Thursday at 3:30 pm', '每周二、周四 15:30'],
    ['every other Friday at noon', '每两周周五 12:00（自2026年11月23日当周起）'],
    ['every 2 weeks on Wednesday at 14:30', '每两周周三 14:30（自2026年11月23日当周起）'],
    ['weekly on mon, wed and fri at 8:00', '每周一、周三、周五 08:00'],
    ['monthly on the 5th at 14:30', '每月5日 14:30'],
    ['on the last Friday of every month at 4pm', '每月最后一个周五 16:00'],
    ['every weekday 8:30am', '工作日每天 08:30'],
    ['daily at 7:00', '每天 07:00'],
    ['quarterly on the 15th of the first month 10am', '每季度第一个月15日 10:00（1、4、7、10月）'],
    ['0 9 * * 1', '定时规则（cron）0 9 * * 1'],
    ['30 14 5 * *', '定时规则（cron）30 14 5 * *'],
    ['cron: 0 9 * * mon-fri', '定时规则（cron）0 9 * * MON-FRI'],
    ['１２月１０日　１５：００', '2026年12月10日（周四）15:00'],
    ['2026-12-10 15:00', '2026年12月10日（周四）15:00'],
    ['2026年12月10日下午3点', '2026年12月10日（周四）15:00'],
    ['十二月十日 下午三点', '2026年12月10日（周四）15:00'],
    ['明天上午10点', '2026年11月29日（周日）10:00'],
    ['后天 14:00', '2026年11月30日（周一）14:00'],
    ['本周日晚上7点', '2026年11月29日（周日）19:00'],
    ['下下周一 9:30', '2026年12月7日（周一）09:30'],
    ['周三下午两点', '2026年12月2日（周三）14:00'],
    ['下个月5号上午9点', '2026年12月5日（周六）09:00'],
    ['tomorrow at 3pm', '2026年11月29日（周日）15:00'],
    ['next Wednesday 2pm', '2026年12月2日（周三）14:00'],
    ['Dec 10 3pm', '2026年12月10日（周四）15:00'],
    ['每週一 9點', '每周一 09:00'],
    ['每周一９点', '每周一 09:00'],
  ])('%s', (text, description) => {
    expect(describeRule(ruleOf(text), 'zh-CN')).toBe(description);
  });

  it('reads a bare weekday on the same weekday as today unless the time has passed', () => {
    const wednesday = at('2026-12-02 10:00');
    expect(ruleOf('周三下午两点', wednesday)).toMatchObject({ date: '2026-12-02' });
    expect(ruleOf('周三上午9点', wednesday)).toMatchObject({ date: '2026-12-09' });
  });

  it('gives a start date the year nearest the reference, so a past start fixes the week parity', () => {
    expect(ruleOf('从11月4日起每两周周三')).toMatchObject({ from: '2026-11-04', anchor: '2026-11-02' });
    expect(ruleOf('自1月6日起每两周周三')).toMatchObject({ from: '2027-01-06' });
  });

  it('takes a start date alone as the one-off date', () => {
    expect(parse('12月10日开始 专题调研')).toMatchObject({
      ok: true,
      rule: { kind: 'once', date: '2026-12-10' },
      rest: '专题调研',
    });
  });
});

describe('parseSchedule: what it does not understand', () => {
  it.each<[string, string, string]>([
    ['每月32日', 'bad_day', '32日'],
    ['每月0号 9点', 'bad_day', '0号'],
    ['25点', 'bad_time', '25点'],
    ['每周一25点', 'bad_time', '25点'],
    ['每周一9点75分', 'bad_time', '9点75分'],
    ['每周一 24:00', 'bad_time', '24:00'],
    ['每周一上午13点', 'bad_time', '上午13点'],
    ['每周一 13pm', 'bad_time', '13pm'],
    ['下下下周八', 'bad_weekday', '下下下周八'],
    ['每周八上午9点', 'bad_weekday', '每周八'],
    ['每月第五个周五', 'bad_day', '第五个周五'],
    ['2月30日 9点', 'bad_day', '2月30日'],
    ['13月5日', 'bad_day', '13月5日'],
    ['2026-02-29 10:00', 'bad_day', '2026-02-29'],
    ['每周例会', 'ambiguous', '每周例会'],
    ['每周一次', 'ambiguous', '每周一次'],
    ['每半月', 'ambiguous', '每半月'],
    ['每年3月5日', 'ambiguous', '每年'],
    ['每隔两周周三', 'ambiguous', '每隔两周'],
    ['每季度15日', 'ambiguous', '每季度15日'],
    ['每月第二周周二', 'ambiguous', '每月第二周周二'],
    ['每月5日、20日', 'ambiguous', '每月5日、20日'],
    ['每月最后一个工作日', 'ambiguous', '每月最后一个工作日'],
    ['周一、周四开会', 'ambiguous', '周一、周四'],
    ['every month', 'ambiguous', 'every month'],
    ['0 25 * * *', 'bad_time', '0 25 * * *'],
    ['0 9 * * 8', 'bad_weekday', '0 9 * * 8'],
    ['0 9 31 2 *', 'bad_day', '0 9 31 2 *'],
    ['专题会', 'no_schedule', '专题会'],
    ['', 'no_schedule', ''],
  ])('%s → %s %s', (text, problem, detail) => {
    expect(parse(text)).toEqual({ ok: false, problem, detail });
  });

  it('never throws, even for a bad zone or reference', () => {
    expect(parseSchedule('每周一9点', REF, 'Asia/Shangai')).toMatchObject({
      ok: false,
      problem: 'no_schedule',
    });
    expect(parseSchedule('每周一9点', Number.NaN, TZ)).toMatchObject({ ok: false });
    expect(parseSchedule(undefined as unknown as string, REF, TZ)).toMatchObject({ ok: false });
  });
});

describe('parseCnNumber', () => {
  it.each<[string, number | undefined]>([
    ['9', 9],
    ['九', 9],
    ['两', 2],
    ['十', 10],
    ['十四', 14],
    ['二十', 20],
    ['三十一', 31],
    ['廿五', 25],
    ['零五', 5],
    ['一五', undefined],
    ['百', undefined],
  ])('%s → %s', (s, n) => expect(parseCnNumber(s)).toBe(n));
});

describe('describeRule', () => {
  const cases: [MeetingRule, string, string][] = [
    [
      { kind: 'weekly', weekdays: [1], time: '09:00', intervalWeeks: 1, anchor: '2026-11-23' },
      '每周一 09:00',
      'Every Monday 09:00',
    ],
    [
      { kind: 'weekly', weekdays: [1, 2, 3, 4, 5], time: '08:30', intervalWeeks: 1, anchor: '2026-11-23' },
      '每周一至周五 08:30',
      'Every Monday to Friday 08:30',
    ],
    [
      {
        kind: 'weekly',
        weekdays: [3],
        time: '09:00',
        intervalWeeks: 2,
        anchor: '2026-11-30',
        from: '2026-12-02',
      },
      '每两周周三 09:00（自2026年12月2日起）',
      'Every 2 weeks on Wednesday 09:00 (from 2026-12-02)',
    ],
    [{ kind: 'monthly_day', day: 5, time: '14:30' }, '每月5日 14:30', 'Monthly on day 5 14:30'],
    [{ kind: 'monthly_day', day: -1, time: '17:00' }, '每月最后一天 17:00', 'Monthly on the last day 17:00'],
    [
      { kind: 'monthly_day', day: 30, time: '17:00' },
      '每月30日 17:00（当月无30日则取月末）',
      'Monthly on day 30 17:00 (the last day in shorter months)',
    ],
    [
      { kind: 'monthly_weekday', nth: 2, weekday: 2, time: '14:00' },
      '每月第二个周二 14:00',
      'Monthly on the second Tuesday 14:00',
    ],
    [
      { kind: 'monthly_weekday', nth: -1, weekday: 5, time: '15:00' },
      '每月最后一个周五 15:00',
      'Monthly on the last Friday 15:00',
    ],
    [
      { kind: 'quarterly_day', monthOfQuarter: 1, day: 15, time: '09:00' },
      '每季度第一个月15日 09:00（1、4、7、10月）',
      'Quarterly on day 15 of month 1 (Jan, Apr, Jul, Oct) 09:00',
    ],
    [
      { kind: 'quarterly_weekday', monthOfQuarter: 3, nth: 3, weekday: 2, time: '14:30' },
      '每季度第三个月第三个周二 14:30（3、6、9、12月）',
      'Quarterly on the third Tuesday of month 3 (Mar, Jun, Sep, Dec) 14:30',
    ],
    [{ kind: 'workdays', time: '08:30' }, '工作日每天 08:30', 'Every working day 08:30'],
    [
      { kind: 'daily', time: '08:00', from: '2026-12-01' },
      '每天 08:00（自2026年12月1日起）',
      'Every day 08:00 (from 2026-12-01)',
    ],
    [{ kind: 'cron', expr: '0 9 * * 1' }, '定时规则（cron）0 9 * * 1', 'Cron 0 9 * * 1'],
    [
      { kind: 'once', date: '2026-12-10', time: '15:00' },
      '2026年12月10日（周四）15:00',
      'Once on 2026-12-10 (Thu) 15:00',
    ],
  ];
  it.each(cases)('%j', (rule, zh, en) => {
    expect(describeRule(rule, 'zh-CN')).toBe(zh);
    expect(describeRule(rule, 'en')).toBe(en);
  });

  it('says which week a biweekly rule without a start counts from', () => {
    const rule = ruleOf('每两周周三');
    expect(describeRule(rule, 'zh-CN')).toBe('每两周周三 09:00（自2026年11月23日当周起）');
    expect(describeRule(rule, 'en')).toBe(
      'Every 2 weeks on Wednesday 09:00 (counting from the week of 2026-11-23)',
    );
  });
});

describe('nextOccurrences: each kind, from Saturday 2026-11-28 10:00', () => {
  it('weekly', () => {
    const occ = next(ruleOf('每周一、四上午九点半'), 4);
    expect(when(occ)).toEqual([
      '2026-11-30 09:30',
      '2026-12-03 09:30',
      '2026-12-07 09:30',
      '2026-12-10 09:30',
    ]);
    expect(occ[0]).toEqual({
      originalAt: at('2026-11-30 09:30'),
      at: at('2026-11-30 09:30'),
      date: '2026-11-30',
      time: '09:30',
      weekday: 1,
      moved: false,
    });
  });

  it('weekly on the reference day itself: later today counts, earlier does not', () => {
    expect(when(next(ruleOf('每周六上午11点'), 1))).toEqual(['2026-11-28 11:00']);
    expect(when(next(ruleOf('每周六上午9点'), 1))).toEqual(['2026-12-05 09:00']);
    expect(when(next(ruleOf('每周六上午10点'), 1))).toEqual(['2026-12-05 10:00']); // `after` is exclusive
  });

  it('monthly day, last day and nth weekday', () => {
    expect(when(next(ruleOf('每月5日14:30')))).toEqual([
      '2026-12-05 14:30',
      '2027-01-05 14:30',
      '2027-02-05 14:30',
    ]);
    expect(when(next(ruleOf('每月最后一天17:00')))).toEqual([
      '2026-11-30 17:00',
      '2026-12-31 17:00',
      '2027-01-31 17:00',
    ]);
    expect(when(next(ruleOf('每月最后一个周五下午三点')))).toEqual([
      '2026-12-25 15:00',
      '2027-01-29 15:00',
      '2027-02-26 15:00',
    ]);
    expect(when(next(ruleOf('每月第二个周二14:00')))).toEqual([
      '2026-12-08 14:00',
      '2027-01-12 14:00',
      '2027-02-09 14:00',
    ]);
  });

  it('quarterly', () => {
    expect(when(next(ruleOf('每季度第一个月15日')))).toEqual([
      '2027-01-15 09:00',
      '2027-04-15 09:00',
      '2027-07-15 09:00',
    ]);
    expect(when(next(ruleOf('每季度末月20日 14:00')))).toEqual([
      '2026-12-20 14:00',
      '2027-03-20 14:00',
      '2027-06-20 14:00',
    ]);
    expect(when(next(ruleOf('每季度第三个月第三个周二 14:30'), 2))).toEqual([
      '2026-12-15 14:30',
      '2027-03-16 14:30',
    ]);
  });

  it('daily and workdays', () => {
    expect(when(next(ruleOf('每天早上8点')))).toEqual([
      '2026-11-29 08:00',
      '2026-11-30 08:00',
      '2026-12-01 08:00',
    ]);
    expect(when(next(ruleOf('工作日每天8:30')))).toEqual([
      '2026-11-30 08:30',
      '2026-12-01 08:30',
      '2026-12-02 08:30',
    ]);
  });

  it('cron, computed by croner in the zone', () => {
    expect(when(next(ruleOf('0 9 * * 1')))).toEqual([
      '2026-11-30 09:00',
      '2026-12-07 09:00',
      '2026-12-14 09:00',
    ]);
    expect(when(next(ruleOf('30 14 5 * *'), 2))).toEqual(['2026-12-05 14:30', '2027-01-05 14:30']);
  });

  it('once yields at most one, and none once it is past', () => {
    expect(when(next(ruleOf('12月10日15:00'), 5))).toEqual(['2026-12-10 15:00']);
    expect(next(ruleOf('12月10日15:00'), 5, at('2026-12-10 15:00'))).toEqual([]);
    expect(next(ruleOf('今天上午9点'), 5)).toEqual([]);
  });

  it('does not depend on the process time zone', () => {
    const rule = ruleOf('每周一上午7点');
    const utc = next(rule, 5);
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(next(rule, 5)).toEqual(utc);
      expect(ruleOf('明天上午10点')).toEqual({ kind: 'once', date: '2026-11-29', time: '10:00' });
    } finally {
      process.env.TZ = saved;
    }
    expect(utc[0]!.at).toBe(Date.UTC(2026, 10, 29, 23, 0)); // Monday 07:00 Shanghai is Sunday 23:00 UTC
  });
});

describe('nextOccurrences: rest days and 顺延', () => {
  const firstOfMonth = ruleOf('每月1日上午9点');
  const afterSep28 = at('2026-09-28 12:00');

  it('reports the holiday an occurrence falls on, and keeps it with `keep`', () => {
    const [oct1] = next(firstOfMonth, 1, afterSep28);
    expect(oct1).toEqual({
      originalAt: at('2026-10-01 09:00'),
      at: at('2026-10-01 09:00'),
      date: '2026-10-01',
      time: '09:00',
      weekday: 4,
      holiday: '国庆节',
      moved: false,
    });
  });

  it('moves it to the next working day at the same time with `next_workday`', () => {
    const [oct1, nov1] = next(firstOfMonth, 2, afterSep28, 'next_workday');
    expect(oct1).toEqual({
      originalAt: at('2026-10-01 09:00'),
      at: at('2026-10-08 09:00'),
      date: '2026-10-08',
      time: '09:00',
      weekday: 4,
      holiday: '国庆节',
      moved: true,
    });
    // 2026-11-01 is a Sunday: a plain weekend, moved to Monday.
    expect(nov1).toMatchObject({ date: '2026-11-02', holiday: '周末', moved: true });
  });

  it('still returns a moved occurrence whose original is before `after`', () => {
    const occ = next(firstOfMonth, 1, at('2026-10-05 12:00'), 'next_workday');
    expect(occ[0]).toMatchObject({ originalAt: at('2026-10-01 09:00'), date: '2026-10-08', moved: true });
  });

  it('moves onto a makeup working day (元旦 2026-01-01 → Sunday 01-04)', () => {
    const occ = next(firstOfMonth, 1, at('2025-12-15 00:00'), 'next_workday');
    expect(occ[0]).toMatchObject({ date: '2026-01-04', weekday: 7, holiday: '元旦', moved: true });
  });

  it('merges a moved occurrence into the regular one it lands on', () => {
    const thursdays = ruleOf('每周四上午9点');
    const keep = next(thursdays, 2, afterSep28);
    expect(keep.map((o) => [o.date, o.holiday])).toEqual([
      ['2026-10-01', '国庆节'],
      ['2026-10-08', undefined],
    ]);
    const moved = next(thursdays, 2, afterSep28, 'next_workday');
    expect(moved[0]).toEqual({
      originalAt: at('2026-10-08 09:00'),
      at: at('2026-10-08 09:00'),
      date: '2026-10-08',
      time: '09:00',
      weekday: 4,
      moved: false,
      mergedFrom: [at('2026-10-01 09:00')],
    });
    expect(moved[1]).toMatchObject({ date: '2026-10-15' });
  });

  it('merges several moved occurrences into one', () => {
    const daily = ruleOf('每天上午9点');
    const occ = next(daily, 3, at('2026-09-30 12:00'), 'next_workday');
    expect(occ[0]).toMatchObject({ date: '2026-10-08', moved: false });
    expect(occ[0]!.mergedFrom).toHaveLength(7); // 10-01 … 10-07
    expect(when(occ.slice(1))).toEqual(['2026-10-09 09:00', '2026-10-10 09:00']); // 10-10 is a makeup Saturday
  });

  it('workdays follow the calendar, makeup Saturday included', () => {
    expect(when(next(ruleOf('工作日每天8:30'), 4, afterSep28))).toEqual([
      '2026-09-29 08:30',
      '2026-09-30 08:30',
      '2026-10-08 08:30',
      '2026-10-09 08:30',
    ]);
    expect(when(next(ruleOf('工作日每天8:30'), 2, at('2026-10-09 12:00')))).toEqual([
      '2026-10-10 08:30',
      '2026-10-12 08:30',
    ]);
  });

  it('never moves a one-off meeting, only warns', () => {
    const occ = next(ruleOf('2026-10-03 10:00'), 1, afterSep28, 'next_workday');
    expect(occ).toEqual([
      expect.objectContaining({ date: '2026-10-03', holiday: '国庆节', moved: false, weekday: 6 }),
    ]);
  });

  it('moves cron occurrences too', () => {
    const occ = next(ruleOf('0 9 1 * *'), 1, afterSep28, 'next_workday');
    expect(occ[0]).toMatchObject({ originalAt: at('2026-10-01 09:00'), date: '2026-10-08', time: '09:00' });
  });

  it('does not believe a calendar that moves backwards', () => {
    const bad: MeetingCalendar = { ...CAL, nextWorkday: () => '2020-01-01' };
    const occ = nextOccurrences(firstOfMonth, {
      after: afterSep28,
      count: 1,
      tz: TZ,
      calendar: bad,
      holidayPolicy: 'next_workday',
    });
    expect(occ[0]).toMatchObject({ date: '2026-10-01', moved: false, holiday: '国庆节' });
  });
});

describe('nextOccurrences: every-two-weeks anchoring', () => {
  it('counts from the reference week when no start is given', () => {
    // Week of 11-23 is week 0; its Wednesday (11-25) has passed, so 12-09 comes next.
    expect(when(next(ruleOf('每两周周三')))).toEqual([
      '2026-12-09 09:00',
      '2026-12-23 09:00',
      '2027-01-06 09:00',
    ]);
  });

  it('counts from 从…起 and never before it', () => {
    const rule = ruleOf('从12月2日起每两周周三');
    expect(when(next(rule))).toEqual(['2026-12-02 09:00', '2026-12-16 09:00', '2026-12-30 09:00']);
    expect(when(next(rule, 1, at('2026-11-01 00:00')))).toEqual(['2026-12-02 09:00']);
  });

  it('keeps the parity across a year end and with several days', () => {
    const rule = ruleOf('从12月28日起每两周周一、周五 10:00');
    expect(when(next(rule, 6))).toEqual([
      '2026-12-28 10:00',
      '2027-01-01 10:00',
      '2027-01-11 10:00',
      '2027-01-15 10:00',
      '2027-01-25 10:00',
      '2027-01-29 10:00',
    ]);
  });

  it('a past start date fixes the parity', () => {
    expect(when(next(ruleOf('从11月4日起每两周周三'), 2))).toEqual(['2026-12-02 09:00', '2026-12-16 09:00']);
  });
});

describe('nextOccurrences: month ends and leap years', () => {
  const from = (rule: MeetingRule, after: string, count = 3) => when(next(rule, count, at(after)));

  it('day 31 falls on the last day of shorter months', () => {
    expect(from(ruleOf('每月31日 9:00'), '2027-01-31 10:00', 4)).toEqual([
      '2027-02-28 09:00',
      '2027-03-31 09:00',
      '2027-04-30 09:00',
      '2027-05-31 09:00',
    ]);
  });

  it('February of a leap year', () => {
    expect(from(ruleOf('每月30日 9:00'), '2028-02-01 00:00', 2)).toEqual([
      '2028-02-29 09:00',
      '2028-03-30 09:00',
    ]);
    expect(from(ruleOf('每月最后一天17:00'), '2028-02-01 00:00', 1)).toEqual(['2028-02-29 17:00']);
    expect(from(ruleOf('每月29日 9:00'), '2027-02-01 00:00', 2)).toEqual([
      '2027-02-28 09:00',
      '2027-03-29 09:00',
    ]);
    expect(from(ruleOf('每月最后一个周二 9:00'), '2028-02-01 00:00', 1)).toEqual(['2028-02-29 09:00']);
  });

  it('quarterly on day 31 of the second month', () => {
    expect(from(ruleOf('每季度第二个月31日 9:00'), '2027-01-01 00:00', 4)).toEqual([
      '2027-02-28 09:00',
      '2027-05-31 09:00',
      '2027-08-31 09:00',
      '2027-11-30 09:00',
    ]);
  });
});

describe('nextOccurrences: bounds', () => {
  const weekly: WeeklyRule = {
    kind: 'weekly',
    weekdays: [1],
    time: '09:00',
    intervalWeeks: 1,
    anchor: '2026-11-23',
  };

  it('returns nothing for count 0 or a bad `after`', () => {
    expect(next(weekly, 0)).toEqual([]);
    expect(next(weekly, -3)).toEqual([]);
    expect(
      nextOccurrences(weekly, { after: Number.NaN, count: 3, tz: TZ, calendar: CAL, holidayPolicy: 'keep' }),
    ).toEqual([]);
  });

  it('caps the count', () => {
    expect(next(ruleOf('每天8点'), 100_000)).toHaveLength(MAX_OCCURRENCES);
  });

  it('stops at the horizon', () => {
    expect(next({ ...weekly, from: '2040-01-01' }, 3)).toEqual([]);
    expect(next({ kind: 'once', date: '2040-01-01', time: '09:00' }, 3)).toEqual([]);
    // Enough Mondays exist in five years for 200, but not for 300.
    expect(next(weekly, 300).length).toBeLessThan(300);
    expect(next(weekly, 200)).toHaveLength(200);
  });

  // Speed is a benchmark's business, not a test's: this checks the result of the busiest rule.
  it('handles a cron rule that fires every minute', () => {
    const occurrences = next({ kind: 'cron', expr: '* * * * *' }, 50, REF, 'next_workday');
    expect(occurrences).toHaveLength(50);
    for (let i = 1; i < occurrences.length; i++)
      expect(occurrences[i]!.at).toBeGreaterThan(occurrences[i - 1]!.at);
  });
});

describe('validateRule', () => {
  it('accepts every rule the parser makes, through JSON', () => {
    for (const text of [
      '每周一、四9点',
      '每月5日',
      '每月最后一个周五',
      '每季度第一个月15日',
      '工作日每天8:30',
      '0 9 * * 1',
      '12月10日',
    ]) {
      const rule = ruleOf(text);
      expect(validateRule(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
    }
  });

  it.each<unknown>([
    null,
    'weekly',
    {},
    { kind: 'weekly', weekdays: [], time: '09:00', intervalWeeks: 1, anchor: '2026-11-23' },
    { kind: 'weekly', weekdays: [8], time: '09:00', intervalWeeks: 1, anchor: '2026-11-23' },
    { kind: 'weekly', weekdays: [1], time: '9:00', intervalWeeks: 1, anchor: '2026-11-23' },
    { kind: 'weekly', weekdays: [1], time: '09:00', intervalWeeks: 0, anchor: '2026-11-23' },
    { kind: 'monthly_day', day: 32, time: '09:00' },
    { kind: 'monthly_day', day: 5, time: '24:00' },
    { kind: 'monthly_weekday', nth: 5, weekday: 5, time: '09:00' },
    { kind: 'quarterly_day', monthOfQuarter: 4, day: 1, time: '09:00' },
    { kind: 'daily', time: '09:00', from: '2026-02-30' },
    { kind: 'cron', expr: '0 25 * * *' },
    { kind: 'once', date: '2026-13-01', time: '09:00' },
    { kind: 'yearly', time: '09:00' },
  ])('rejects %j', (value) => expect(validateRule(value)).toBeUndefined());

  it('drops unknown fields and puts the anchor on its Monday', () => {
    expect(
      validateRule({
        kind: 'weekly',
        weekdays: [3, 1, 3],
        time: '09:00',
        intervalWeeks: 2,
        anchor: '2026-12-02',
        x: 1,
      }),
    ).toEqual({ kind: 'weekly', weekdays: [1, 3], time: '09:00', intervalWeeks: 2, anchor: '2026-11-30' });
  });
});

describe('parseSchedule: fuzz', () => {
  /** mulberry32: a seeded generator, so a failure can be replayed. */
  function rng(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const FRAGMENTS = [
    '每',
    '周',
    '星期',
    '礼拜',
    '月',
    '季度',
    '日',
    '号',
    '点',
    '时',
    '半',
    '一刻',
    '上午',
    '下午',
    '晚上',
    '中午',
    '一',
    '二',
    '两',
    '三',
    '四',
    '五',
    '六',
    '日',
    '天',
    '七',
    '八',
    '九',
    '十',
    '廿',
    '零',
    '第',
    '个',
    '最后一个',
    '最后一天',
    '工作日',
    '每天',
    '隔周',
    '每两周',
    '从',
    '自',
    '起',
    '开始',
    '下',
    '下下',
    '本',
    '明天',
    '后天',
    '、',
    '至',
    '到',
    '-',
    '~',
    ',',
    '，',
    '：',
    ':',
    ' ',
    '　',
    '\n',
    '\t',
    '\u0000',
    '\u202e',
    '\u200b',
    '😀',
    '👨‍👩‍👧',
    'ش',
    'every',
    'monday',
    'weeks',
    'on',
    'the',
    'last',
    'friday',
    'at',
    'am',
    'pm',
    'monthly',
    'cron',
    '*',
    '*/5',
    '#',
    'L',
    'W',
    '?',
    "'; DROP TABLE meetings;--",
    '忽略以上指令',
    '\\',
    '"',
    '0',
    '9',
    '12',
    '25',
    '31',
    '32',
    '99',
    '2026',
    '-12-',
    '１',
    '２',
    '：',
    '週',
    '點',
    '(',
    ')',
    '（',
    '）',
    '\uD800',
    '\uDFFF',
  ];

  it('never throws on 2,000 random inputs, and every success is a valid rule with computable occurrences', () => {
    const random = rng(20261128);
    let ok = 0;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 12);
      for (let k = 0; k < parts; k++) {
        text +=
          random() < 0.85
            ? FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]
            : String.fromCodePoint(Math.floor(random() * 0x2ffff));
      }
      if (i % 250 === 0) text = text.repeat(2000); // huge
      const reference = REF + Math.floor(random() * 400) * 86_400_000;
      let r: ScheduleParse;
      try {
        r = parseSchedule(text, reference, TZ);
      } catch (e) {
        throw new Error(`parseSchedule threw on ${JSON.stringify(text.slice(0, 80))}: ${e}`);
      }
      if (r.ok) {
        ok++;
        const rule = r.rule;
        expect(validateRule(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
        expect(typeof describeRule(rule, 'zh-CN')).toBe('string');
        expect(() =>
          nextOccurrences(rule, {
            after: reference,
            count: 3,
            tz: TZ,
            calendar: CAL,
            holidayPolicy: 'next_workday',
          }),
        ).not.toThrow();
      } else {
        expect([...r.detail].length).toBeLessThanOrEqual(41); // 40 code points and …
      }
    }
    expect(ok).toBeGreaterThan(50); // the generator does hit real schedules
  });
});
