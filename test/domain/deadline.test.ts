import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../bot/domain/calendar.js';
import { addDays, daysBetween, parseYmd } from '../../bot/domain/dates.js';
import {
  type DeadlineResult,
  formatDeadline,
  MAX_HORIZON_DAYS,
  MAX_TEXT_LENGTH,
  PAST_GRACE_DAYS,
  parseDeadline,
  parseNumber,
} from '../../bot/domain/deadline.js';

const cal = createWorkCalendar();
/** Monday 2026-09-28: the domain.md National Day example. Its week runs to Sunday 10-04. */
const MON = '2026-09-28';
/** Saturday 2026-11-28: the reference used in libraries.md §4. */
const SAT = '2026-11-28';
/** Sunday 2026-12-20: late December, for year rollovers. */
const LATE_DEC = '2026-12-20';

const parse = (text: string, reference = MON, calendar = cal): DeadlineResult =>
  parseDeadline(text, reference, calendar);

/** The outcome in one comparable string: a date, `none`, or `unknown:<reason>`. */
function due(text: string, reference = MON): string {
  const r = parse(text, reference);
  if (r.kind === 'date') return r.date;
  return r.kind === 'none' ? 'none' : `unknown:${r.reason}`;
}

function dated(text: string, reference = MON, calendar = cal) {
  const r = parse(text, reference, calendar);
  if (r.kind !== 'date') throw new Error(`expected a date for ${text}, got ${JSON.stringify(r)}`);
  return r;
}

describe('absolute dates (reference Mon 2026-09-28)', () => {
  it.each([
    ['10月20日前', '2026-10-20'],
    ['10月20日', '2026-10-20'],
    ['10月20号', '2026-10-20'],
    ['10月20号之前', '2026-10-20'],
    ['10月20日以前', '2026-10-20'],
    ['10月20日止', '2026-10-20'],
    ['10月20前', '2026-10-20'],
    ['2026年10月20日', '2026-10-20'],
    ['2026年10月20日前', '2026-10-20'],
    ['26年10月20日前', '2026-10-20'],
    ['今年10月20日前', '2026-10-20'],
    ['明年1月5日前', '2027-01-05'],
    ['2026-10-20', '2026-10-20'],
    ['2026/10/20', '2026-10-20'],
    ['2026.10.20', '2026-10-20'],
    ['2026-10-20前', '2026-10-20'],
    ['于10.20前', '2026-10-20'],
    ['10.20前完成', '2026-10-20'],
    ['10/20前', '2026-10-20'],
    ['排查线路 10.20', '2026-10-20'],
    ['12月20日前', '2026-12-20'],
    ['10月20日17:00前', '2026-10-20'],
    ['10月20日下午5点前', '2026-10-20'],
  ])('%s → %s', (text, expected) => {
    expect(due(text)).toBe(expected);
  });

  it('matches the phrase in the middle of an item and keeps what it said', () => {
    const r = dated('排查建设路3处老化线路 10月20日前');
    expect(r).toEqual({
      kind: 'date',
      date: '2026-10-20',
      matched: '10月20日前',
      rest: '排查建设路3处老化线路',
      warnings: [],
    });
  });

  it('does not take numbers or fractions for dates', () => {
    expect(due('投入资金3.5万元')).toBe('unknown:no_phrase');
    expect(due('覆盖3/4的居民')).toBe('unknown:no_phrase');
    expect(due('单价3.50')).toBe('unknown:no_phrase');
    expect(due('线路310月')).toBe('unknown:no_phrase');
  });

  it('reads start dates as no deadline', () => {
    expect(due('10月20日起施行')).toBe('unknown:no_phrase');
    expect(due('10月20日以后再议')).toBe('unknown:no_phrase');
    expect(due('明天起开展巡查')).toBe('unknown:no_phrase');
  });
});

describe('month/day without a year', () => {
  it('means next year when it is long past (1月5日前 said on 12-20)', () => {
    const r = dated('1月5日前', LATE_DEC);
    expect(r.date).toBe('2027-01-05');
    expect(r.warnings).toEqual([{ code: 'no_calendar_data', year: 2027 }]);
  });

  it('stays this year with a past warning when only a little past', () => {
    const r = dated('10月20日前', SAT);
    expect(r.date).toBe('2026-10-20');
    expect(r.warnings).toEqual([{ code: 'past' }]);
  });

  it('rolls over just beyond the grace period', () => {
    // 9/27 is 62 days before 11/28 (kept); 9/26 is 63 (next year)
    expect(daysBetween('2026-09-27', SAT)).toBe(PAST_GRACE_DAYS);
    expect(due('9月27日前', SAT)).toBe('2026-09-27');
    expect(due('9月26日前', SAT)).toBe('2027-09-26');
  });

  it('keeps an explicit year even when past, within the grace period', () => {
    expect(dated('2026年10月20日', SAT).warnings).toEqual([{ code: 'past' }]);
    expect(due('2025年3月1日前')).toBe('unknown:past_date');
  });

  it('12月上旬 said in December refers to this December; 1月上旬 to next January', () => {
    expect(due('12月上旬', '2026-12-02')).toBe('2026-12-10');
    expect(due('1月上旬', LATE_DEC)).toBe('2027-01-10');
  });
});

describe('X日前 (by the Xth) versus X日内 (within X days)', () => {
  it.each([
    ['5日前', MON, '2026-10-05', "the 5th is past this month → next month's"],
    ['5号前', MON, '2026-10-05', '号 too'],
    ['30日前', MON, '2026-09-30', 'still ahead this month'],
    ['28日前', MON, '2026-09-28', 'today'],
    ['5日内', MON, '2026-10-03', 'reference + 5 calendar days'],
    ['5天内', MON, '2026-10-03', ''],
    ['5天之内', MON, '2026-10-03', ''],
    ['5日以内', MON, '2026-10-03', ''],
    ['十五日内', MON, '2026-10-13', ''],
    ['十五日前', MON, '2026-10-15', ''],
    ['廿日前', MON, '2026-10-20', '廿 = 20'],
    ['5日前', LATE_DEC, '2027-01-05', "next month's 5th is in the next year"],
    ['本月25日', '2026-09-25', '2026-09-25', 'libraries.md'],
    ['下个月10号', '2026-09-25', '2026-10-10', 'libraries.md'],
    ['下月5日前', MON, '2026-10-05', ''],
  ])('%s on %s → %s %s', (text, reference, expected) => {
    expect(due(text, reference)).toBe(expected);
  });

  it('warns when 本月 names a day already past', () => {
    const r = dated('本月5日前', '2026-09-09');
    expect(r.date).toBe('2026-09-05');
    expect(r.warnings).toContainEqual({ code: 'past' });
  });

  it('is not fooled by a bare day', () => {
    expect(due('20日召开会议')).toBe('unknown:no_phrase');
  });
});

describe('month and year anchors', () => {
  it.each([
    ['月底前', MON, '2026-09-30'],
    ['月末前', MON, '2026-09-30'],
    ['本月底', MON, '2026-09-30'],
    ['本月内', MON, '2026-09-30'],
    ['月内', MON, '2026-09-30'],
    ['下月底前', MON, '2026-10-31'],
    ['下个月底', MON, '2026-10-31'],
    ['下月末', LATE_DEC, '2027-01-31'],
    ['10月底前', MON, '2026-10-31'],
    ['10月份', MON, '2026-10-31'],
    ['10月内', MON, '2026-10-31'],
    ['2月底前', '2028-01-10', '2028-02-29'],
    ['年底前', MON, '2026-12-31'],
    ['年末前', MON, '2026-12-31'],
    ['今年年底', MON, '2026-12-31'],
    ['今年底', MON, '2026-12-31'],
    ['年内', MON, '2026-12-31'],
    ['2026年底前', MON, '2026-12-31'],
    ['明年底前', MON, '2027-12-31'],
    ['年底前', LATE_DEC, '2026-12-31'],
    ['上旬', '2026-09-05', '2026-09-10'],
    ['中旬', '2026-09-05', '2026-09-20'],
    ['下旬', MON, '2026-09-30'],
    ['上旬', MON, '2026-10-10'],
    ['中旬前', MON, '2026-10-20'],
    ['12月上旬', MON, '2026-12-10'],
    ['12月中旬', MON, '2026-12-20'],
    ['12月下旬', MON, '2026-12-31'],
    ['下月中旬', MON, '2026-10-20'],
    ['下月上旬', LATE_DEC, '2027-01-10'],
    ['明年3月底', MON, '2027-03-31'],
    ['季度末', MON, '2026-09-30'],
    ['下季度末', MON, '2026-12-31'],
    ['四季度末', MON, '2026-12-31'],
    ['一季度末', MON, '2027-03-31'],
    ['上半年', '2026-03-01', '2026-06-30'],
    ['下半年', MON, '2026-12-31'],
  ])('%s on %s → %s', (text, reference, expected) => {
    expect(due(text, reference)).toBe(expected);
  });

  it('does not read recurring phrases as a deadline', () => {
    expect(due('每月底前报送进展')).toBe('unknown:no_phrase');
    expect(due('每周五报送')).toBe('unknown:no_phrase');
    expect(due('每年底总结')).toBe('unknown:no_phrase');
  });

  it('does not read 年中 out of 今年中秋', () => {
    expect(due('今年中秋节前')).toBe('unknown:no_phrase');
  });

  it('does not guess at "10月份前" (before October, or by its end?)', () => {
    expect(due('10月份前')).toBe('unknown:no_phrase');
  });
});

describe('weeks (reference weeks run Monday–Sunday)', () => {
  it.each([
    ['本周内', MON, '2026-10-02', 'Friday of this week'],
    ['本周', MON, '2026-10-02', ''],
    ['这周内', MON, '2026-10-02', ''],
    ['本周五', MON, '2026-10-02', ''],
    ['周五前', MON, '2026-10-02', ''],
    ['星期五前', MON, '2026-10-02', ''],
    ['礼拜五前', MON, '2026-10-02', ''],
    ['周5前', MON, '2026-10-02', ''],
    ['下周五', MON, '2026-10-09', 'Friday of the next Monday–Sunday week'],
    ['下个星期五', MON, '2026-10-09', ''],
    ['下下周一', MON, '2026-10-12', ''],
    ['周日前', MON, '2026-10-04', ''],
    ['星期天', MON, '2026-10-04', ''],
    ['下周内', MON, '2026-10-09', ''],
    ['本周末', MON, '2026-10-04', 'Sunday'],
    ['下周五', SAT, '2026-12-04', 'libraries.md'],
    ['周五前', SAT, '2026-12-04', 'a bare weekday already past means the coming one'],
    ['本周内', SAT, '2026-11-29', 'on a weekend reference: Sunday of this week'],
    ['本周内', LATE_DEC, '2026-12-20', 'a Sunday reference is the last day of its week'],
    ['本周内', '2026-09-25', '2026-09-25', 'libraries.md: a Friday reference is its own Friday'],
  ])('%s on %s → %s %s', (text, reference, expected) => {
    expect(due(text, reference)).toBe(expected);
  });

  it('keeps 本周五 in this week even on a Saturday, with a past warning', () => {
    const r = dated('本周五', SAT);
    expect(r.date).toBe('2026-11-27');
    expect(r.warnings).toEqual([{ code: 'past' }]);
  });
});

describe('relative days and durations', () => {
  it.each([
    ['今天', MON, '2026-09-28'],
    ['当天办结', MON, '2026-09-28'],
    ['明天', MON, '2026-09-29'],
    ['明天前', MON, '2026-09-29'],
    ['后天', MON, '2026-09-30'],
    ['大后天', MON, '2026-10-01'],
    ['一周内', MON, '2026-10-05'],
    ['1周内', MON, '2026-10-05'],
    ['一个星期内', MON, '2026-10-05'],
    ['两周内', MON, '2026-10-12'],
    ['3周内', MON, '2026-10-19'],
    ['一个月内', MON, '2026-10-28'],
    ['3个月内', MON, '2026-12-28'],
    ['三个月内', MON, '2026-12-28'],
    ['一个月内', '2026-01-31', '2026-02-28'],
    ['半个月内', MON, '2026-10-13'],
    ['半年内', MON, '2027-03-28'],
    ['一年内', '2028-02-29', '2029-02-28'],
    ['24小时内', MON, '2026-09-29'],
    ['三天后', MON, '2026-10-01'],
    ['30个自然日内', MON, '2026-10-28'],
  ])('%s on %s → %s', (text, reference, expected) => {
    expect(due(text, reference)).toBe(expected);
  });

  it('does not take a length for a limit', () => {
    expect(due('开展3天培训')).toBe('unknown:no_phrase');
    expect(due('一个半月内')).toBe('unknown:no_phrase');
    expect(due('1.5个工作日')).toBe('unknown:no_phrase');
    expect(due('第3周内')).toBe('unknown:no_phrase');
  });
});

describe('working days', () => {
  it('counts the 2026 National Day case: Mon 9/28 + 10 working days → Fri 10/16', () => {
    const r = dated('请办公室于10个工作日内反馈');
    expect(r).toEqual({
      kind: 'date',
      date: '2026-10-16',
      matched: '10个工作日内',
      rest: '请办公室反馈',
      warnings: [],
    });
  });

  it.each([
    ['三个工作日', MON, '2026-10-08'],
    ['3个工作日内', MON, '2026-10-08'],
    ['5工作日内', MON, '2026-10-10'], // 9/29, 9/30, 10/8, 10/9, 10/10 (makeup Saturday)
    ['十个工作日内', MON, '2026-10-16'],
    ['10个工作日内', '2026-09-25', '2026-10-15'], // libraries.md, reference on 中秋
    ['三个工作日内', '2026-09-25', '2026-09-30'],
    ['5个工作日内', '2026-02-12', '2026-02-26'], // 2/13, 2/14 (makeup), then 2/24, 2/25, 2/26
  ])('%s on %s → %s', (text, reference, expected) => {
    expect(due(text, reference)).toBe(expected);
  });

  it('warns when the count runs into a year without data', () => {
    const r = dated('10个工作日内', LATE_DEC);
    expect(r.date).toBe('2027-01-01'); // Monday–Friday guess: 元旦 2027 is not loaded
    expect(r.warnings).toEqual([{ code: 'no_calendar_data', year: 2027 }]);
  });

  it('stops warning once 2027 is loaded as overrides', () => {
    const loaded = createWorkCalendar([
      { date: '2027-01-01', isOffDay: true, name: '元旦' },
      { date: '2027-01-02', isOffDay: true, name: '元旦' },
      { date: '2027-01-03', isOffDay: true, name: '元旦' },
    ]);
    expect(dated('10个工作日内', LATE_DEC, loaded)).toMatchObject({ date: '2027-01-04', warnings: [] });
  });
});

describe('warnings', () => {
  it('keeps a literal date on a holiday and names the holiday', () => {
    const r = dated('10月1日前');
    expect(r.date).toBe('2026-10-01');
    expect(r.warnings).toEqual([{ code: 'rest_day', holiday: '国庆节' }]);
  });

  it('warns about a plain weekend without a holiday name', () => {
    expect(dated('10月11日前').warnings).toEqual([{ code: 'rest_day' }]);
  });

  it('does not warn about a makeup Saturday (10/10) or Sunday (9/20)', () => {
    expect(dated('10月10日前').warnings).toEqual([]);
    expect(dated('9月20日前', '2026-09-01').warnings).toEqual([]);
  });

  it('warns for relative phrases landing on a rest day too', () => {
    expect(dated('本周内').warnings).toEqual([{ code: 'rest_day', holiday: '国庆节' }]);
    expect(dated('大后天').warnings).toEqual([{ code: 'rest_day', holiday: '国庆节' }]);
  });

  it('warns for any date in 2027 without data', () => {
    expect(dated('明年底前').warnings).toEqual([{ code: 'no_calendar_data', year: 2027 }]);
    expect(dated('2027年1月9日前').warnings).toEqual([
      { code: 'rest_day' },
      { code: 'no_calendar_data', year: 2027 },
    ]);
  });

  it('uses overrides for 2027 rest days and drops the no-data warning', () => {
    const loaded = createWorkCalendar([{ date: '2027-01-01', isOffDay: true, name: '元旦' }]);
    expect(dated('1月1日前', LATE_DEC, loaded).warnings).toEqual([{ code: 'rest_day', holiday: '元旦' }]);
  });
});

describe('no due date', () => {
  it.each(['长期', '长期坚持', '即日起', '常态化', '常态化开展夜间巡查', '垃圾分类宣传，长期坚持'])(
    '%s → none',
    (text) => {
      expect(parse(text).kind).toBe('none');
    },
  );

  it('returns the phrase and the rest', () => {
    expect(parse('常态化开展夜间巡查')).toEqual({
      kind: 'none',
      matched: '常态化',
      rest: '开展夜间巡查',
      warnings: [],
    });
    expect(parse('垃圾分类宣传，长期坚持')).toMatchObject({ rest: '垃圾分类宣传' });
  });

  it('does not read 长期 in ordinary words', () => {
    expect(due('解决长期积水问题')).toBe('unknown:no_phrase');
  });

  it('prefers a real deadline next to 即日起 or 常态化', () => {
    expect(due('即日起至10月31日')).toBe('2026-10-31');
    expect(due('即日起开展排查，10月底前完成')).toBe('2026-10-31');
  });
});

describe('Chinese numerals and full-width digits', () => {
  it.each([
    ['十月二十日', '2026-10-20'],
    ['十月二十日前', '2026-10-20'],
    ['十二月三十一日前', '2026-12-31'],
    ['二〇二六年十月二十日前', '2026-10-20'],
    ['二零二六年十月二十日前', '2026-10-20'],
    ['十月廿五日前', '2026-10-25'],
    ['十一月上旬', '2026-11-10'],
    ['１０月２０日前', '2026-10-20'],
    ['２０２６－１０－２０', '2026-10-20'],
    ['１０个工作日内', '2026-10-16'],
    ['十个工作日内', '2026-10-16'],
    ['两个工作日', '2026-09-30'],
  ])('%s → %s', (text, expected) => {
    expect(due(text)).toBe(expected);
  });

  it('returns the original (full-width) text as matched', () => {
    expect(dated('整改１０月２０日前').matched).toBe('１０月２０日前');
  });

  it.each([
    ['15', 15],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十五', 25],
    ['廿', 20],
    ['廿五', 25],
    ['卅', 30],
    ['两', 2],
    ['一百零五', 105],
    ['两千', 2000],
    ['三万', 30_000],
    ['二〇二六', 2026],
    ['十十', undefined],
    ['二二十', undefined],
    ['百', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('parseNumber(%s) → %s', (token, expected) => {
    expect(parseNumber(token)).toBe(expected);
  });
});

describe('unknown', () => {
  it.each([
    ['2月30日', 'impossible_date'],
    ['2月30日前', 'impossible_date'],
    ['13月1日', 'impossible_date'],
    ['32日前', 'impossible_date'],
    ['0月5日前', 'impossible_date'],
    ['2027年2月29日前', 'impossible_date'],
    ['99999个工作日', 'out_of_range'],
    ['99999999999999999999天内', 'out_of_range'],
    ['0天内', 'out_of_range'],
    ['零个工作日', 'out_of_range'],
    ['999个月内', 'out_of_range'],
    ['2099年1月1日前', 'out_of_range'],
    ['2025年3月1日前', 'past_date'],
    ['', 'no_phrase'],
    ['排查老化线路', 'no_phrase'],
    ['尽快', 'no_phrase'],
  ])('%s → %s', (text, reason) => {
    expect(parse(text)).toMatchObject({ kind: 'unknown', reason });
  });

  it('accepts 2月29日 in a leap year', () => {
    expect(due('2028年2月29日前')).toBe('2028-02-29');
  });

  it('answers out_of_range for an invalid reference instead of throwing', () => {
    expect(parseDeadline('10月20日前', '2026-13-01', cal)).toMatchObject({
      kind: 'unknown',
      reason: 'out_of_range',
    });
    expect(parseDeadline('10月20日前', '', cal)).toMatchObject({ kind: 'unknown', reason: 'out_of_range' });
  });

  it('answers instead of throwing when the calendar is broken', () => {
    const broken = {
      ...cal,
      addWorkdays: () => {
        throw new Error('boom');
      },
    };
    expect(parseDeadline('3个工作日内', MON, broken)).toMatchObject({
      kind: 'unknown',
      reason: 'out_of_range',
    });
  });
});

describe('choosing the phrase and cutting it out', () => {
  it.each([
    ['排查建设路3处老化线路，10月20日前完成。', '排查建设路3处老化线路'],
    ['请于10月20日前完成建设路线路排查', '建设路线路排查'],
    ['整改问题（10月20日前）', '整改问题'],
    ['10月1日检查发现的问题，10月20日前整改', '10月1日检查发现的问题，整改'],
    ['截止10月20日，提交整改报告', '提交整改报告'],
    ['10月20日前完成后上报', '完成后上报'], // 完成 is kept when it is not the end of the action
  ])('%s → rest %s', (text, rest) => {
    expect(dated(text).rest).toBe(rest);
  });

  it('prefers a marked deadline over a bare date, wherever it is', () => {
    expect(due('10月1日检查发现的问题，10月20日前整改')).toBe('2026-10-20');
    expect(due('10月20日前整改10月1日发现的问题')).toBe('2026-10-20');
    expect(due('截止10月20日，10月25日召开会议')).toBe('2026-10-20');
  });

  it('takes the last of two marked deadlines (the item usually ends with its due date)', () => {
    expect(due('10月20日前完成整改，10月25日前报送结果')).toBe('2026-10-25');
  });

  it('takes the longest phrase at one place (10月20日前 over 20日前, 本周五 over 本周)', () => {
    expect(dated('10月20日前').matched).toBe('10月20日前');
    expect(dated('本周五前').matched).toBe('本周五前');
    expect(dated('下月底前').matched).toBe('下月底前');
  });
});

describe('hostile input', () => {
  it.each([
    ['🔥🔥 10月20日前 🔥', '2026-10-20'],
    ["'; DROP TABLE items; -- 10月20日前", '2026-10-20'],
    ['\u202e10月20日前\u202c', '2026-10-20'],
    ['10月\u200b20日前', '2026-10-20'],
    ['10\u200f月20\u200e日前', '2026-10-20'],
    ['<script>alert(1)</script>下周五', '2026-10-09'],
  ])('%j → %s', (text, expected) => {
    expect(due(text)).toBe(expected);
  });

  it('keeps invisible characters inside the matched text', () => {
    expect(dated('10月\u200b20日前').matched).toBe('10月\u200b20日前');
  });

  it.each([
    ['emoji only', '😀😃😄'],
    ['lone surrogates', '\ud800\udc00\ud800 \udfff'],
    ['control characters', '\u0000\u0001\u0007\u001b[31m'],
    ['SQL', "1; SELECT * FROM users WHERE '1'='1'"],
    ['regex metacharacters', '.*+?^$|{}()[]\\/'],
    ['RTL marks', '\u200f\u202b\u202e\u2067'],
    ['a long run of numerals', '一'.repeat(MAX_TEXT_LENGTH)],
    ['a long run of digits', '9'.repeat(MAX_TEXT_LENGTH)],
    ['many phrases', '下周五'.repeat(3000)],
  ])('does not throw on %s', (_label, text) => {
    expect(() => parse(text)).not.toThrow();
  });

  it('refuses huge strings quickly', () => {
    const started = performance.now();
    const r = parse(`${'x'.repeat(1_000_000)}10月20日前`);
    expect(r).toMatchObject({ kind: 'unknown', reason: 'no_phrase' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('does not throw on non-string input from JavaScript callers', () => {
    expect(parseDeadline(undefined as unknown as string, MON, cal)).toMatchObject({ kind: 'unknown' });
    expect(parseDeadline(null as unknown as string, MON, cal)).toMatchObject({ kind: 'unknown' });
    expect(parseDeadline(42 as unknown as string, MON, cal)).toMatchObject({ kind: 'unknown' });
    expect(parseDeadline('10月20日前', null as unknown as string, cal)).toMatchObject({ kind: 'unknown' });
  });
});

describe('property: 2,000 random strings never throw and always give a well-formed answer', () => {
  /** mulberry32: a small seeded generator, so a failure can be reproduced. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const PIECES = [
    ...'0123456789０１２３零〇一二两三四五六七八九十百千万廿卅',
    ...'年月日号周星期礼拜天前后内之以止底末旬上中下本这今明大个工作时半季度起',
    ...'，。、；：（）-/. \u200b\u202e\u3000',
    '工作日',
    '月底',
    '上旬',
    '下周',
    '长期',
    '常态化',
    '即日起',
    '😀',
    '\ud800',
    "'; --",
    'a',
  ];

  it('holds for every sample', () => {
    const next = random(20_260_928);
    for (let i = 0; i < 2_000; i++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let j = 0; j < length; j++) text += PIECES[Math.floor(next() * PIECES.length)];
      const reference = addDays('2004-01-01', Math.floor(next() * 9_500));
      let r: DeadlineResult | undefined;
      expect(() => {
        r = parseDeadline(text, reference, cal);
      }, JSON.stringify({ text, reference })).not.toThrow();
      if (!r) continue;
      if (r.kind === 'unknown') continue;
      expect(text.includes(r.matched), JSON.stringify({ text, r })).toBe(true);
      expect(r.matched.length).toBeGreaterThan(0);
      if (r.kind === 'date') {
        expect(parseYmd(r.date), r.date).toBeDefined();
        const ahead = daysBetween(reference, r.date);
        expect(ahead).toBeGreaterThanOrEqual(-PAST_GRACE_DAYS);
        expect(ahead).toBeLessThanOrEqual(MAX_HORIZON_DAYS);
        expect(r.warnings.some((w) => w.code === 'past')).toBe(ahead < 0);
      }
    }
  });
});

describe('formatDeadline', () => {
  it.each([
    ['2026-10-16', 'zh-CN', '2026年10月16日（周五）'],
    ['2026-10-16', 'en', 'Fri 16 Oct 2026'],
    ['2026-10-04', 'zh-CN', '2026年10月4日（周日）'],
    ['2027-01-01', 'en', 'Fri 1 Jan 2027'],
    ['not a date', 'en', 'not a date'],
  ] as const)('%s in %s → %s', (date, lang, expected) => {
    expect(formatDeadline(date, lang)).toBe(expected);
  });
});
