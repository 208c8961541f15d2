/**
 * The `.ics` file of a meeting series (C9), written by hand (RFC 5545). Times are local wall-clock
 * times with `TZID` plus a VTIMEZONE block: a UTC DTSTART (`…Z`) would have BYDAY evaluated in UTC,
 * and a Monday 07:00 Shanghai meeting (Sunday 23:00 UTC) would expand to the wrong weekday
 * (reference/libraries.md §8).
 *
 * Decisions:
 * - RRULE where the rule maps exactly: weekly BYDAY+INTERVAL (WKST=MO, so week parity matches the
 *   rule's Monday-based anchor); monthly BYMONTHDAY, with 29–31 written as
 *   `BYMONTHDAY=28,…,d;BYSETPOS=-1` (the rule falls on the month's last day in shorter months, plain
 *   BYMONTHDAY=31 would skip them); monthly BYDAY=2TU / -1FR; quarterly as FREQ=MONTHLY;INTERVAL=3;
 *   daily; workdays as WEEKLY MO–FR plus a COMMENT that holidays and 调休 are not encoded.
 * - Cron: an RRULE when the expression is one fixed time with a plain day-of-week or day-of-month
 *   list (or `5#2`, `5L`, `L`); otherwise the next {@link CRON_RDATE_COUNT} fire times as RDATEs.
 * - DTSTART is `first.originalAt` (the rule's own instant, so it agrees with the RRULE); when `first`
 *   was moved by 顺延 the original is excluded and the moved instant added as an RDATE. The caller can
 *   pass further moves the same way (`exdates` + `rdates`).
 * - A zone with a fixed offset gets one STANDARD observance; a zone with DST gets one observance per
 *   transition from a year before the first occurrence to five years after it.
 * @module
 */
import { offsetAt } from '../domain/dates.js';
import {
  type IsoWeekday,
  type MeetingCalendar,
  type MeetingRule,
  type NthWeekday,
  nextOccurrences,
  type Occurrence,
} from '../domain/recurrence.js';
import { wallClock } from '../domain/time.js';

export interface IcsInput {
  /** Globally unique and stable for the series (e.g. `meeting-48@yishi`). */
  uid: string;
  name: string;
  place?: string;
  description?: string;
  rule: MeetingRule;
  /** The series' first occurrence (from nextOccurrences). */
  first: Occurrence;
  durationMinutes: number;
  tz: string;
  /** Cancelled occurrences (their `originalAt`). */
  exdates?: number[];
  /** Extra instants, e.g. where 顺延 moved an occurrence (exclude the original with `exdates`). */
  rdates?: number[];
  /** DTSTAMP. */
  now: number;
  /** Language of the comment about holidays; zh-CN by default. */
  lang?: 'zh-CN' | 'en';
}

/** How many fire times a cron rule that has no RRULE equivalent lists as RDATEs. */
export const CRON_RDATE_COUNT = 50;

const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const CRLF = '\r\n';
const DAY_MS = 86_400_000;

const HOLIDAY_COMMENT = {
  'zh-CN': '按工作日（周一至周五）重复；法定节假日与调休上班日未写入日历，以群内通知为准。',
  en: 'Repeats Monday to Friday; statutory holidays and makeup working days are not encoded — the group notice decides.',
};

/** TEXT value escaping (RFC 5545 §3.3.11); other control characters are dropped. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

const utf8Length = (cp: number): number => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1), continuation lines
 * starting with one space; never inside a UTF-8 character (Chinese is 3 octets, emoji 4).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = utf8Length(ch.codePointAt(0)!);
    if (bytes + b > 75) {
      out.push(cur);
      cur = ' ';
      bytes = 1;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join(CRLF);
}

/** `20261130T070000`: the instant's wall-clock time in the zone. */
function localStamp(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${w.date.replace(/-/g, '')}T${w.time.replace(':', '')}00`;
}

/** `20261128T020000Z`. */
function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function offsetText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** The first instant (to the minute) in (lo, hi] whose offset differs from lo's. */
function transitionIn(lo: number, hi: number, tz: string): number {
  const before = offsetAt(lo, tz);
  let a = lo;
  let b = hi;
  while (b - a > 60_000) {
    const mid = a + Math.floor((b - a) / 2 / 60_000) * 60_000;
    if (offsetAt(mid, tz) === before) a = mid;
    else b = mid;
  }
  return b;
}

/** VTIMEZONE lines for `tz` around `at`. */
function vtimezone(tz: string, at: number): string[] {
  const from = at - 366 * DAY_MS;
  const to = at + 5 * 366 * DAY_MS;
  const transitions: { at: number; before: number; after: number }[] = [];
  // Offsets change at most a few times a year; weekly samples cannot step over a change and back.
  for (let t = from; t < to; t += 7 * DAY_MS) {
    const next = Math.min(t + 7 * DAY_MS, to);
    if (offsetAt(t, tz) !== offsetAt(next, tz)) {
      const x = transitionIn(t, next, tz);
      transitions.push({ at: x, before: offsetAt(x - 60_000, tz), after: offsetAt(x, tz) });
    }
  }
  const head = ['BEGIN:VTIMEZONE', `TZID:${tz}`, `X-LIC-LOCATION:${tz}`];
  if (!transitions.length) {
    const off = offsetText(offsetAt(at, tz));
    const name = tz === 'Asia/Shanghai' ? ['TZNAME:CST'] : [];
    return [
      ...head,
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${off}`,
      `TZOFFSETTO:${off}`,
      ...name,
      'END:STANDARD',
      'END:VTIMEZONE',
    ];
  }
  const first = offsetText(transitions[0]!.before);
  const blocks = [
    [
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${first}`,
      `TZOFFSETTO:${first}`,
      'END:STANDARD',
    ],
    ...transitions.map((x) => {
      const kind = x.after > x.before ? 'DAYLIGHT' : 'STANDARD';
      // An observance's DTSTART is the local time just before the change, in the old offset.
      const local = utcStamp(x.at + x.before).replace('Z', '');
      return [
        `BEGIN:${kind}`,
        `DTSTART:${local}`,
        `TZOFFSETFROM:${offsetText(x.before)}`,
        `TZOFFSETTO:${offsetText(x.after)}`,
        `END:${kind}`,
      ];
    }),
  ];
  return [...head, ...blocks.flat(), 'END:VTIMEZONE'];
}

const nthDay = (nth: NthWeekday, wd: IsoWeekday): string => `${nth}${BYDAY[wd]}`;

/** BYMONTHDAY for the rule's day: -1, d, or the last of 28..d for 29–31 (the rule clamps to month end). */
const byMonthDay = (day: number): string =>
  day === -1 || day <= 28
    ? `BYMONTHDAY=${day}`
    : `BYMONTHDAY=${Array.from({ length: day - 27 }, (_, i) => 28 + i).join(',')};BYSETPOS=-1`;

const CRON_DOW: Record<string, IsoWeekday> = { SUN: 7, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const CRON_MONTH: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

/** A cron list of plain values and ranges (`1-5`, `MON,WED`) → numbers; undefined for steps and the like. */
function cronList(
  field: string,
  names: Record<string, number>,
  lo: number,
  hi: number,
): number[] | undefined {
  const out: number[] = [];
  for (const part of field.split(',')) {
    const m = /^([A-Z]{3}|\d{1,2})(?:-([A-Z]{3}|\d{1,2}))?$/.exec(part);
    if (!m) return undefined;
    const value = (s: string) => names[s] ?? Number(s);
    const a = value(m[1]!);
    const b = m[2] === undefined ? a : value(m[2]);
    if (!(a >= lo && b <= hi && a <= b)) return undefined;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

/** The RRULE of a cron expression when it maps exactly, else undefined (caller lists RDATEs). */
export function cronToRrule(expr: string): string | undefined {
  const f = expr.trim().toUpperCase().split(/\s+/);
  if (f.length !== 5) return undefined;
  const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(min) || !/^\d{1,2}$/.test(hour)) return undefined;
  const any = (s: string) => s === '*' || s === '?';
  let byMonth = '';
  if (!any(month)) {
    const months = cronList(month, CRON_MONTH, 1, 12);
    if (!months) return undefined;
    byMonth = `;BYMONTH=${months.join(',')}`;
  }
  if (any(dom) && any(dow)) return `FREQ=DAILY${byMonth}`;
  if (any(dom)) {
    const nth = /^([0-7]|[A-Z]{3})(?:#([1-5])|(L))$/.exec(dow);
    if (nth) {
      const wd = CRON_DOW[nth[1]!] ?? ((Number(nth[1]) || 7) as IsoWeekday);
      return `FREQ=MONTHLY${byMonth};BYDAY=${nth[3] ? -1 : nth[2]}${BYDAY[wd]}`;
    }
    const days = cronList(dow, CRON_DOW, 0, 7);
    if (!days) return undefined;
    const iso = [...new Set(days.map((d) => d || 7))].sort((a, b) => a - b);
    return `FREQ=WEEKLY${byMonth};BYDAY=${iso.map((d) => BYDAY[d]).join(',')}`;
  }
  if (any(dow)) {
    if (dom === 'L') return `FREQ=MONTHLY${byMonth};BYMONTHDAY=-1`;
    const days = cronList(dom, {}, 1, 31);
    return days ? `FREQ=MONTHLY${byMonth};BYMONTHDAY=${days.join(',')}` : undefined;
  }
  // Both restricted: cron means either (OR), RRULE would mean both (AND).
  return undefined;
}

/** The RRULE value for a rule, or undefined (once; cron without an equivalent). */
export function ruleToRrule(rule: MeetingRule): string | undefined {
  switch (rule.kind) {
    case 'weekly':
      return `FREQ=WEEKLY;INTERVAL=${rule.intervalWeeks};BYDAY=${rule.weekdays.map((d) => BYDAY[d]).join(',')};WKST=MO`;
    case 'monthly_day':
      return `FREQ=MONTHLY;${byMonthDay(rule.day)}`;
    case 'monthly_weekday':
      return `FREQ=MONTHLY;BYDAY=${nthDay(rule.nth, rule.weekday)}`;
    case 'quarterly_day':
      return `FREQ=MONTHLY;INTERVAL=3;${byMonthDay(rule.day)}`;
    case 'quarterly_weekday':
      return `FREQ=MONTHLY;INTERVAL=3;BYDAY=${nthDay(rule.nth, rule.weekday)}`;
    case 'workdays':
      return 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO';
    case 'daily':
      return 'FREQ=DAILY';
    case 'cron':
      return cronToRrule(rule.expr);
    case 'once':
      return undefined;
  }
}

/** Every day a working day: raw cron fire times for the RDATE list. */
const NO_HOLIDAYS: MeetingCalendar = {
  isWorkday: () => true,
  holidayName: () => undefined,
  nextWorkday: (d) => d,
};

/**
 * A VCALENDAR with one VEVENT for the meeting series: CRLF line endings, lines folded at 75 octets,
 * local times with TZID and a VTIMEZONE, an RRULE where the rule has one (see the module notes).
 */
export function renderIcs(input: IcsInput): string {
  const { rule, first, tz } = input;
  const tzid = `TZID=${tz}`;
  const start = rule.kind === 'once' ? first.at : first.originalAt;
  const end = start + Math.max(1, Math.round(input.durationMinutes)) * 60_000;
  const rrule = ruleToRrule(rule);
  const exdates = [...(input.exdates ?? [])];
  const rdates = [...(input.rdates ?? [])];
  if (rule.kind !== 'once' && first.moved) {
    exdates.push(first.originalAt);
    rdates.push(first.at);
  }
  if (rule.kind === 'cron' && !rrule) {
    // No exact RRULE: list the fire times instead.
    const more = nextOccurrences(rule, {
      after: first.originalAt,
      count: CRON_RDATE_COUNT - 1,
      tz,
      calendar: NO_HOLIDAYS,
      holidayPolicy: 'keep',
    });
    rdates.push(...more.map((o) => o.at));
  }
  const lang = input.lang ?? 'zh-CN';
  const description = input.description ? [`DESCRIPTION:${escapeText(input.description)}`] : [];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Yishi//Yishi meeting secretary//ZH-CN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${tz}`,
    ...vtimezone(tz, start),
    'BEGIN:VEVENT',
    `UID:${escapeText(input.uid)}`,
    `DTSTAMP:${utcStamp(input.now)}`,
    `DTSTART;${tzid}:${localStamp(start, tz)}`,
    `DTEND;${tzid}:${localStamp(end, tz)}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    ...[...new Set(exdates)].sort((a, b) => a - b).map((x) => `EXDATE;${tzid}:${localStamp(x, tz)}`),
    ...[...new Set(rdates)].sort((a, b) => a - b).map((x) => `RDATE;${tzid}:${localStamp(x, tz)}`),
    `SUMMARY:${escapeText(input.name)}`,
    ...(input.place ? [`LOCATION:${escapeText(input.place)}`] : []),
    ...description,
    ...(rule.kind === 'workdays' ? [`COMMENT:${escapeText(HOLIDAY_COMMENT[lang])}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
