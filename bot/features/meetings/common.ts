/**
 * What the meeting modules share: the series' rule and reminder plan read back from the database,
 * dates and times in the body's zone, checks for free text, and finding the sitting or series a
 * command means (by `#id` from a button, by date, or the only one there is).
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { OccurrenceRow, SeriesRow } from '../../../db/repos/meetings.js';
import type { AppDeps, Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { Messages } from '../../core/i18n/index.js';
import { addDays, zonedInstant } from '../../domain/dates.js';
import { formatDeadline } from '../../domain/deadline.js';
import { type MeetingRule, parseSchedule, validateRule } from '../../domain/recurrence.js';
import { wallClock } from '../../domain/time.js';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** The body's zone (every date and time of a meeting is computed there, never in the process zone). */
export const zoneOf = (deps: AppDeps, body: Pick<BodyRow, 'timezone'> | undefined): string =>
  body?.timezone || deps.timezone;

export const langOf = (m: Messages): 'zh-CN' | 'en' => (m.language === 'en' ? 'en' : 'zh-CN');

/** `2026年12月5日（周六）14:30` / `Sat 5 Dec 2026 14:30`. */
export function when(m: Messages, at: number, tz: string): string {
  const w = wallClock(at, tz);
  return m.meetings.when(formatDeadline(w.date, langOf(m)), w.time);
}

/** The holiday or rest-day name of an instant's date, in the reader's language, or undefined. */
export function restDayName(deps: AppDeps, m: Messages, at: number, tz: string): string | undefined {
  const cal = deps.calendar();
  const { date } = wallClock(at, tz);
  if (cal.isWorkday(date)) return undefined;
  return cal.holidayName(date) ?? localRestName(m, date);
}

/** The recurrence module names unnamed rest days 周末 / 休息日; say them in the reader's language. */
export function localRestName(m: Messages, dateOrName: string): string {
  if (dateOrName === '周末') return m.meetings.weekend;
  if (dateOrName === '休息日') return m.meetings.restDay;
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateOrName)) {
    const wd = new Date(`${dateOrName}T00:00:00Z`).getUTCDay();
    return wd === 0 || wd === 6 ? m.meetings.weekend : m.meetings.restDay;
  }
  return dateOrName;
}

/** The stored rule; a row that no longer reads as a rule is a bug, reported as such. */
export function ruleOf(series: SeriesRow): MeetingRule {
  let parsed: unknown;
  try {
    parsed = JSON.parse(series.rule);
  } catch {
    parsed = undefined;
  }
  const rule = validateRule(parsed);
  if (!rule) throw new Error(`meeting series ${series.id} has an unreadable rule`);
  return rule;
}

// --- reminder plan

export interface DayOffset {
  /** Days before the meeting's date (moved back to a working day when it falls on a rest day). */
  days: number;
  /** `HH:mm` local. */
  time: string;
}

/** When the three reminders of a sitting go out; null turns one off. */
export interface ReminderPlan {
  topicCall: DayOffset | null;
  notice: DayOffset | null;
  reminder: { minutes: number } | null;
}

export type ReminderKey = keyof ReminderPlan;
export const REMINDER_KEYS: ReminderKey[] = ['topicCall', 'notice', 'reminder'];

/** DESIGN.md J4: topic call 7 days before, notice 1 day before at 09:00, reminder 1 hour before. */
export const DEFAULT_PLAN: ReminderPlan = {
  topicCall: { days: 7, time: '09:00' },
  notice: { days: 1, time: '09:00' },
  reminder: { minutes: 60 },
};

export const MAX_OFFSET_DAYS = 60;
export const MIN_REMINDER_MINUTES = 5;
export const MAX_REMINDER_MINUTES = 24 * 60;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function readOffset(v: unknown): DayOffset | null | undefined {
  if (v === null) return null;
  if (typeof v !== 'object' || v === undefined) return undefined;
  const o = v as Record<string, unknown>;
  const days = o.days;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_OFFSET_DAYS) return undefined;
  if (typeof o.time !== 'string' || !TIME_RE.test(o.time)) return undefined;
  return { days: days as number, time: o.time };
}

/** The series' plan (its own or the defaults), each part checked; a bad part falls back to its default. */
export function planOf(series: Pick<SeriesRow, 'reminderPlan'>): ReminderPlan {
  if (!series.reminderPlan) return { ...DEFAULT_PLAN };
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(series.reminderPlan) as Record<string, unknown>;
  } catch {
    return { ...DEFAULT_PLAN };
  }
  const topicCall = readOffset(raw.topicCall);
  const notice = readOffset(raw.notice);
  let reminder: ReminderPlan['reminder'] | undefined;
  if (raw.reminder === null) reminder = null;
  else if (typeof raw.reminder === 'object' && raw.reminder) {
    const min = (raw.reminder as Record<string, unknown>).minutes;
    if (
      Number.isInteger(min) &&
      (min as number) >= MIN_REMINDER_MINUTES &&
      (min as number) <= MAX_REMINDER_MINUTES
    )
      reminder = { minutes: min as number };
  }
  return {
    topicCall: topicCall === undefined ? DEFAULT_PLAN.topicCall : topicCall,
    notice: notice === undefined ? DEFAULT_PLAN.notice : notice,
    reminder: reminder === undefined ? DEFAULT_PLAN.reminder : reminder,
  };
}

/** `议题征集：会前7天 09:00；会议通知：会前1天 09:00；会前提醒：提前1小时`. */
export function describePlan(m: Messages, plan: ReminderPlan): string {
  const t = m.meetings.plan;
  const part = (key: ReminderKey): string => {
    const v = plan[key];
    if (!v) return t.part(t.names[key], t.off);
    if ('minutes' in v) return t.part(t.names[key], t.minutesBefore(v.minutes));
    return t.part(t.names[key], t.daysBefore(v.days, v.time));
  };
  return REMINDER_KEYS.map(part).join(m.meetings.plan.sep);
}

// --- free text

export type TextProblem = 'empty' | 'too_long' | 'bad_characters';

/** Collapse spaces and trim. */
export const cleanText = (s: string): string => s.replace(/[\s\u3000]+/g, ' ').trim();

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

/** Free text (a topic, a reason, a place): no control or direction characters, and some words in it. */
export function checkText(s: string, max: number): TextProblem | null {
  if (!s) return 'empty';
  if ([...s].length > max) return 'too_long';
  if (INVISIBLE.test(s)) return 'bad_characters';
  if (!/[\p{L}\p{N}]/u.test(s)) return 'bad_characters';
  return null;
}

/** Free text without line-folding (pasted notes keep their lines). */
export function checkNotes(s: string, max: number): TextProblem | null {
  if (!s.trim()) return 'empty';
  if ([...s].length > max) return 'too_long';
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u.test(s)) return 'bad_characters';
  if (!/[\p{L}\p{N}]/u.test(s)) return 'bad_characters';
  return null;
}

/** What the user typed, safe to quote back: no invisible characters, at most 30 characters. */
export function quoted(s: string): string {
  const clean = s.replace(new RegExp(INVISIBLE.source, 'gu'), '').replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : clean;
}

/** A UserInputError for a text problem, with the usage of `usageOf`. */
export function textError(problem: TextProblem, max: number, usageOf?: string): UserInputError {
  if (problem === 'too_long') return new UserInputError((m) => m.common.tooLong(max), usageOf);
  if (problem === 'empty') return new UserInputError((m) => m.meetings.emptyText, usageOf);
  return new UserInputError((m) => m.meetings.badText, usageOf);
}

// --- finding what a command means

/** `#12` → 12 (ids in the commands that buttons carry). */
export function refId(token: string | undefined): number | undefined {
  const m = /^[#＃](\d{1,9})$/.exec(token ?? '');
  return m ? Number(m[1]) : undefined;
}

/** A series of the body by id, in one of the given states. */
export function seriesById(ctx: Context, id: number, states: SeriesRow['status'][] = ['active']): SeriesRow {
  const s = ctx.deps.repos.meetings.getSeries(id);
  if (!s || s.bodyId !== ctx.requireBody().id || !states.includes(s.status))
    throw new UserInputError((m) => m.meetings.seriesGone);
  return s;
}

/**
 * The body's active series that still matter: every regular one, and a one-off until it has happened
 * (a one-off's series stays active, so its history keeps its shape, but it leaves lists and choices).
 */
export function liveSeries(ctx: Context): SeriesRow[] {
  const { meetings } = ctx.deps.repos;
  return meetings
    .activeSeries(ctx.requireBody().id)
    .filter(
      (s) =>
        ruleOf(s).kind !== 'once' ||
        meetings.occurrencesOf(s.id).some((o) => o.status === 'planned' && o.scheduledAt > ctx.now - DAY),
    );
}

/**
 * The active series a command is about: `#id` from a button; else the only one; else the one whose
 * name was typed; else buttons to choose (returns undefined after asking).
 */
export function pickSeries(
  ctx: Context,
  tokens: string[],
  retry: (seriesId: number) => string,
): { series: SeriesRow; rest: string[] } | undefined {
  const id = refId(tokens[0]);
  if (id !== undefined) return { series: seriesById(ctx, id), rest: tokens.slice(1) };
  const active = liveSeries(ctx);
  if (!active.length) throw new UserInputError((m) => m.meetings.noSeries);
  if (active.length === 1) return { series: active[0]!, rest: tokens };
  const named = active.find((s) => tokens[0] !== undefined && s.name === tokens[0]);
  if (named) return { series: named, rest: tokens.slice(1) };
  ctx.choose(
    ctx.m.meetings.whichSeries,
    active.slice(0, 8).map((s) => ({ label: s.name, command: retry(s.id) })),
  );
  return undefined;
}

/** A date typed alone (12月10日, 2026-12-10, 下周三, 明天), with its time when one was given. */
export function parseDay(text: string, now: number, tz: string): { date: string; time?: string } | undefined {
  const r = parseSchedule(text, now, tz);
  if (!r.ok || r.rule.kind !== 'once' || r.rest) return undefined;
  return { date: r.rule.date, time: r.timeGiven ? r.rule.time : undefined };
}

/** The instants that bound a local day. */
export function dayBounds(date: string, tz: string): [number, number] {
  return [zonedInstant(date, '00:00', tz), zonedInstant(addDays(date, 1), '00:00', tz)];
}

/**
 * The sitting a command is about: `#id` (buttons), a date (and time) typed, or — with `fallbackNext` —
 * the body's next planned one. With several on one day, buttons to choose (undefined after asking).
 */
export function pickOccurrence(
  ctx: Context,
  token: string | undefined,
  opts: {
    retry: (occurrenceId: number) => string;
    fallbackNext?: boolean;
    statuses?: OccurrenceRow['status'][];
    usageOf?: string;
  },
): OccurrenceRow | undefined {
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const statuses = opts.statuses ?? ['planned'];
  const id = refId(token);
  if (id !== undefined) {
    const occ = repos.meetings.getOccurrence(id);
    if (!occ || occ.bodyId !== body.id || !statuses.includes(occ.status))
      throw new UserInputError((m) => m.meetings.occurrenceGone);
    return occ;
  }
  if (!token) {
    if (!opts.fallbackNext) throw new UserInputError((m) => m.meetings.needDate, opts.usageOf);
    const next = repos.meetings.nextPlanned(body.id, ctx.now - 1);
    if (!next) throw new UserInputError((m) => m.meetings.noUpcoming);
    return next;
  }
  const tz = zoneOf(ctx.deps, body);
  const day = parseDay(token, ctx.now, tz);
  if (!day) throw new UserInputError((m) => m.meetings.notADate(quoted(token)), opts.usageOf);
  const [from, to] = dayBounds(day.date, tz);
  let found = repos.meetings.between(body.id, from, to).filter((o) => statuses.includes(o.status));
  if (day.time && found.length > 1) {
    const exact = found.filter((o) => wallClock(o.scheduledAt, tz).time === day.time);
    if (exact.length) found = exact;
  }
  if (!found.length)
    throw new UserInputError((m) => m.meetings.noneOnDay(formatDeadline(day.date, langOf(m))));
  if (found.length === 1) return found[0];
  ctx.choose(
    ctx.m.meetings.whichOccurrence,
    found.slice(0, 8).map((o) => ({
      label: `${o.title} ${wallClock(o.scheduledAt, tz).time}`,
      command: opts.retry(o.id),
    })),
  );
  return undefined;
}

/** `第3次` for a sitting of a regular series; nothing for a one-off. */
export function seqText(m: Messages, occ: Pick<OccurrenceRow, 'seqNo' | 'kind'>): string {
  return occ.kind !== 'adhoc' && occ.seqNo ? m.meetings.seq(occ.seqNo) : '';
}

/** A sitting in one line: `街道联席会议 第3次 2026年12月5日（周六）14:30`. */
export function occurrenceLabel(m: Messages, occ: OccurrenceRow, tz: string): string {
  return m.meetings.occurrenceLabel(occ.title, seqText(m, occ), when(m, occ.scheduledAt, tz));
}
