import { describe, expect, it } from 'vitest';
import { weekdayOf } from '../../bot/domain/dates.js';
import {
  type MeetingCalendar,
  type MeetingRule,
  nextOccurrences,
  type Occurrence,
  parseSchedule,
} from '../../bot/domain/recurrence.js';
import {
  CRON_RDATE_COUNT,
  cronToRrule,
  escapeText,
  foldLine,
  type IcsInput,
  renderIcs,
} from '../../bot/render/ics.js';

const TZ = 'Asia/Shanghai';
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const REF = at('2026-11-28 10:00');
const NOW = Date.UTC(2026, 10, 28, 2, 0);
const PLAIN: MeetingCalendar = {
  isWorkday: (d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6,
  holidayName: () => undefined,
  nextWorkday: (d) => d,
};

function ruleOf(text: string): MeetingRule {
  const r = parseSchedule(text, REF, TZ);
  if (!r.ok) throw new Error(`${text}: ${r.problem}`);
  return r.rule;
}

const firstOf = (rule: MeetingRule, after = REF): Occurrence =>
  nextOccurrences(rule, { after, count: 1, tz: TZ, calendar: PLAIN, holidayPolicy: 'keep' })[0]!;

function ics(rule: MeetingRule, extra: Partial<IcsInput> = {}): string {
  return renderIcs({
    uid: 'meeting-48@yishi',
    name: '街道联席会议',
    rule,
    first: firstOf(rule),
    durationMinutes: 90,
    tz: TZ,
    now: NOW,
    ...extra,
  });
}

/** Content lines: unfolded (RFC 5545 §3.1) and split on CRLF. */
const unfold = (text: string): string[] =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
const line = (text: string, name: string) => unfold(text).filter((l) => l.startsWith(name));

describe('renderIcs: the calendar skeleton', () => {
  const text = ics(ruleOf('每周一上午7点'), {
    place: '党群服务中心三楼',
    description: '议程：\n1. 上次议定事项落实情况',
  });

  it('is a VCALENDAR with CRLF line endings only', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfold(text).filter((l) => /^(BEGIN|END):/.test(l))).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VTIMEZONE',
      'BEGIN:STANDARD',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('has a VTIMEZONE for Asia/Shanghai with a fixed +0800 STANDARD', () => {
    const lines = unfold(text);
    const tz = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
    expect(tz).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Shanghai',
      'X-LIC-LOCATION:Asia/Shanghai',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0800',
      'TZOFFSETTO:+0800',
      'TZNAME:CST',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('writes the event with local times, UID, DTSTAMP, summary, place and escaped description', () => {
    expect(line(text, 'UID')).toEqual(['UID:meeting-48@yishi']);
    expect(line(text, 'DTSTAMP')).toEqual(['DTSTAMP:20261128T020000Z']);
    expect(line(text, 'DTSTART;')).toEqual(['DTSTART;TZID=Asia/Shanghai:20261130T070000']);
    expect(line(text, 'DTEND')).toEqual(['DTEND;TZID=Asia/Shanghai:20261130T083000']);
    expect(line(text, 'SUMMARY')).toEqual(['SUMMARY:街道联席会议']);
    expect(line(text, 'LOCATION')).toEqual(['LOCATION:党群服务中心三楼']);
    expect(line(text, 'DESCRIPTION')).toEqual(['DESCRIPTION:议程：\\n1. 上次议定事项落实情况']);
  });
});

describe('renderIcs: the weekday trap', () => {
  it('keeps a Monday 07:00 Shanghai meeting on Monday: local DTSTART with BYDAY=MO, no UTC time', () => {
    const rule = ruleOf('每周一上午7点');
    const first = firstOf(rule);
    // The trap: in UTC this instant is a Sunday, so BYDAY=MO evaluated in UTC would give Tuesdays.
    expect(new Date(first.at).getUTCDay()).toBe(0);
    const text = ics(rule);
    const [dtstart] = line(text, 'DTSTART;');
    const local = /^DTSTART;TZID=Asia\/Shanghai:(\d{4})(\d{2})(\d{2})T070000$/.exec(dtstart!);
    expect(local).not.toBeNull();
    expect(weekdayOf(`${local![1]}-${local![2]}-${local![3]}`)).toBe(1);
    expect(line(text, 'RRULE')).toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;WKST=MO']);
    expect(unfold(text).some((l) => /^(DTSTART|DTEND|EXDATE|RDATE)[:;].*Z$/.test(l))).toBe(false);
  });
});

describe('renderIcs: RRULE per rule kind', () => {
  it.each<[string, string | undefined, string]>([
    ['每周一、四上午九点半', 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;WKST=MO', '20261130T093000'],
    ['从12月2日起每两周周三 14:00', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO', '20261202T140000'],
    ['每月5日14:30', 'FREQ=MONTHLY;BYMONTHDAY=5', '20261205T143000'],
    ['每月31日 9:00', 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', '20261130T090000'],
    ['每月最后一天17:00', 'FREQ=MONTHLY;BYMONTHDAY=-1', '20261130T170000'],
    ['每月最后一个周五下午三点', 'FREQ=MONTHLY;BYDAY=-1FR', '20261225T150000'],
    ['每月第二个周二14:00', 'FREQ=MONTHLY;BYDAY=2TU', '20261208T140000'],
    ['每季度第一个月15日', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', '20270115T090000'],
    ['每季度第三个月第三个周二 14:30', 'FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU', '20261215T143000'],
    ['每天早上8点', 'FREQ=DAILY', '20261129T080000'],
    ['工作日每天8:30', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO', '20261130T083000'],
    ['0 9 * * 1', 'FREQ=WEEKLY;BYDAY=MO', '20261130T090000'],
    ['30 14 5 * *', 'FREQ=MONTHLY;BYMONTHDAY=5', '20261205T143000'],
    ['12月10日15:00', undefined, '20261210T150000'],
  ])('%s', (text, rrule, start) => {
    const out = ics(ruleOf(text));
    expect(line(out, 'RRULE')).toEqual(rrule ? [`RRULE:${rrule}`] : []);
    expect(line(out, 'DTSTART;')).toEqual([`DTSTART;TZID=Asia/Shanghai:${start}`]);
  });

  it('notes that holidays are not encoded for a workdays rule', () => {
    const [comment] = line(ics(ruleOf('工作日每天8:30')), 'COMMENT');
    expect(comment).toContain('法定节假日与调休上班日未写入日历');
    expect(line(ics(ruleOf('工作日每天8:30'), { lang: 'en' }), 'COMMENT')[0]).toContain('not encoded');
    expect(line(ics(ruleOf('每周一9点')), 'COMMENT')).toEqual([]);
  });
});

describe('renderIcs: cron', () => {
  it.each<[string, string | undefined]>([
    ['0 9 * * 1', 'FREQ=WEEKLY;BYDAY=MO'],
    ['0 9 * * 1-5', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['0 9 * * MON,WED,FRI', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
    ['0 9 * * 0', 'FREQ=WEEKLY;BYDAY=SU'],
    ['0 9 * * 7', 'FREQ=WEEKLY;BYDAY=SU'],
    ['0 9 * * *', 'FREQ=DAILY'],
    ['30 14 5 * *', 'FREQ=MONTHLY;BYMONTHDAY=5'],
    ['30 14 1,15 * *', 'FREQ=MONTHLY;BYMONTHDAY=1,15'],
    ['0 17 L * *', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['0 9 * * 5#2', 'FREQ=MONTHLY;BYDAY=2FR'],
    ['0 9 * * 5L', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['0 9 15 3,6,9,12 *', 'FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15'],
    ['*/30 9 * * *', undefined],
    ['0 9,14 * * 1', undefined],
    ['0 9 1 * 1', undefined],
    ['0 9 15W * *', undefined],
  ])('%s → %s', (expr, rrule) => expect(cronToRrule(expr)).toBe(rrule));

  it('lists the next fire times as RDATEs when there is no exact RRULE', () => {
    const rule: MeetingRule = { kind: 'cron', expr: '0 9,14 * * 1' };
    const out = ics(rule);
    expect(line(out, 'RRULE')).toEqual([]);
    expect(line(out, 'DTSTART;')).toEqual(['DTSTART;TZID=Asia/Shanghai:20261130T090000']);
    const rdates = line(out, 'RDATE');
    expect(rdates).toHaveLength(CRON_RDATE_COUNT - 1);
    expect(rdates.slice(0, 3)).toEqual([
      'RDATE;TZID=Asia/Shanghai:20261130T140000',
      'RDATE;TZID=Asia/Shanghai:20261207T090000',
      'RDATE;TZID=Asia/Shanghai:20261207T140000',
    ]);
  });
});

describe('renderIcs: exceptions', () => {
  it('writes cancelled occurrences as EXDATE with TZID', () => {
    const out = ics(ruleOf('每周一上午7点'), { exdates: [at('2026-12-14 07:00'), at('2026-12-07 07:00')] });
    expect(line(out, 'EXDATE')).toEqual([
      'EXDATE;TZID=Asia/Shanghai:20261207T070000',
      'EXDATE;TZID=Asia/Shanghai:20261214T070000',
    ]);
  });

  it('starts at the rule instant and adds the moved one when the first occurrence was 顺延', () => {
    const rule = ruleOf('每月1日上午9点');
    const first: Occurrence = {
      originalAt: at('2026-10-01 09:00'),
      at: at('2026-10-08 09:00'),
      date: '2026-10-08',
      time: '09:00',
      weekday: 4,
      holiday: '国庆节',
      moved: true,
    };
    const out = ics(rule, { first });
    expect(line(out, 'DTSTART;')).toEqual(['DTSTART;TZID=Asia/Shanghai:20261001T090000']);
    expect(line(out, 'EXDATE')).toEqual(['EXDATE;TZID=Asia/Shanghai:20261001T090000']);
    expect(line(out, 'RDATE')).toEqual(['RDATE;TZID=Asia/Shanghai:20261008T090000']);
  });

  it('a one-off meeting has no RRULE and starts when it happens', () => {
    const out = ics(ruleOf('12月10日15:00'), { durationMinutes: 45 });
    expect(line(out, 'RRULE')).toEqual([]);
    expect(line(out, 'DTEND')).toEqual(['DTEND;TZID=Asia/Shanghai:20261210T154500']);
  });
});

describe('renderIcs: text escaping and line folding', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf\u0007')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
    const out = ics(ruleOf('每周一9点'), { name: '例会;第1次,扩大\\会议' });
    expect(line(out, 'SUMMARY')).toEqual(['SUMMARY:例会\\;第1次\\,扩大\\\\会议']);
  });

  it('folds a long Chinese name into lines of at most 75 octets without splitting a character', () => {
    const name =
      '和平街道区域化党建联席会议暨社区治理共建共享专题推进会（扩大）——第四季度全体成员单位及网格长参加😀👨‍👩‍👧';
    const out = ics(ruleOf('每周一9点'), { name });
    const physical = out.split('\r\n').filter(Boolean);
    for (const l of physical) {
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      // A split inside a character would leave a lone surrogate or a replacement character.
      expect(l).not.toMatch(/[\uD800-\uDFFF]/u);
      expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
    }
    const start = physical.findIndex((l) => l.startsWith('SUMMARY:'));
    expect(physical[start + 1]!.startsWith(' ')).toBe(true);
    expect(physical[start + 2]!.startsWith(' ')).toBe(true);
    expect(line(out, 'SUMMARY')).toEqual([`SUMMARY:${name}`]);
    expect(line(out, 'X-WR-CALNAME')).toEqual([`X-WR-CALNAME:${name}`]);
  });

  it('fills each folded line as far as the characters allow', () => {
    const folded = foldLine(`SUMMARY:${'会'.repeat(60)}`).split('\r\n');
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([74, 73, 43]); // 8 + 22×3, 1 + 24×3, 1 + 14×3
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });
});

describe('renderIcs: a zone with daylight saving time', () => {
  it('writes one observance per transition and local times', () => {
    const tz = 'Europe/Berlin';
    const rule: MeetingRule = {
      kind: 'weekly',
      weekdays: [1],
      time: '09:00',
      intervalWeeks: 1,
      anchor: '2026-11-23',
    };
    const first = nextOccurrences(rule, {
      after: REF,
      count: 1,
      tz,
      calendar: PLAIN,
      holidayPolicy: 'keep',
    })[0]!;
    const out = renderIcs({
      uid: 'x@yishi',
      name: 'Jour fixe',
      rule,
      first,
      durationMinutes: 60,
      tz,
      now: NOW,
    });
    const lines = unfold(out);
    expect(line(out, 'DTSTART;')).toEqual(['DTSTART;TZID=Europe/Berlin:20261130T090000']);
    const i = lines.indexOf('DTSTART:20270328T020000');
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i - 1, i + 4)).toEqual([
      'BEGIN:DAYLIGHT',
      'DTSTART:20270328T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
    ]);
    expect(lines).toContain('DTSTART:20271031T030000');
  });
});
