/**
 * `/meeting <schedule> <name> [地点:…] [线上:…] [主持:…] [顺延]` (J3, C5): the phrase is understood
 * (Chinese, English or cron), echoed with the next three sittings and any rest-day warnings, and saved
 * as a draft series. Buttons confirm it, edit it (the next message is the new phrase) or switch 顺延
 * on and off; confirming materialises the sittings and plans their reminders.
 * @module
 */
import type { SeriesRow } from '../../../db/repos/meetings.js';
import { parseArgs } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { Messages } from '../../core/i18n/index.js';
import type { ConversationHandler } from '../../core/router.js';
import { formatDeadline } from '../../domain/deadline.js';
import { checkName, cleanName } from '../../domain/names.js';
import {
  describeRule,
  type HolidayPolicy,
  type MeetingRule,
  nextOccurrences,
  type Occurrence,
  parseSchedule,
  type ScheduleAssumption,
} from '../../domain/recurrence.js';
import { resolvePerson } from '../resolve.js';
import {
  checkText,
  cleanText,
  describePlan,
  langOf,
  localRestName,
  planOf,
  quoted,
  refId,
  ruleOf,
  seriesById,
  textError,
  when,
  zoneOf,
} from './common.js';
import { ensureWindow, placeOriginal, planReminders } from './plan.js';

const OPTION_KEYS: Record<string, string> = {
  地点: 'place',
  会议地点: 'place',
  地址: 'place',
  place: 'place',
  location: 'place',
  where: 'place',
  线上: 'link',
  链接: 'link',
  会议链接: 'link',
  线上会议: 'link',
  link: 'link',
  online: 'link',
  url: 'link',
  主持: 'chair',
  主持人: 'chair',
  召集人: 'chair',
  chair: 'chair',
  时长: 'duration',
  duration: 'duration',
  序号: 'seq',
  起始序号: 'seq',
  seq: 'seq',
  节假日: 'holiday',
  遇节假日: 'holiday',
  holiday: 'holiday',
  holidays: 'holiday',
};
const POSTPONE_WORDS = new Set(['顺延', '遇节假日顺延', '节假日顺延', '遇假顺延', 'postpone']);
const POLICY_WORDS: Record<string, HolidayPolicy> = {
  顺延: 'next_workday',
  开: 'next_workday',
  是: 'next_workday',
  on: 'next_workday',
  postpone: 'next_workday',
  照常: 'keep',
  不顺延: 'keep',
  关: 'keep',
  否: 'keep',
  off: 'keep',
  keep: 'keep',
};

export const MAX_NAME = 60;
export const MAX_PLACE = 100;
const MAX_LINK = 300;

/** What a `/meeting` phrase says, checked; the chair is resolved when saving (it may add a person). */
interface Draft {
  name: string;
  ruleText: string;
  rule: MeetingRule;
  timeGiven: boolean;
  assumptions: ScheduleAssumption[];
  place: string | null;
  link: string | null;
  chair: string | null;
  durationMinutes: number;
  seqStart: number;
  policy: HolidayPolicy;
}

function parseDuration(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  let m = /^(\d{1,3})\s*(分钟|分|min|mins|minutes?|m)?$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d{1,2}(?:\.\d)?)\s*(小时|个小时|h|hours?)$/.exec(t);
  if (m) return Math.round(Number(m[1]) * 60);
  if (t === '半小时') return 30;
  return undefined;
}

/** Read and check a `/meeting` phrase; throws a UserInputError (nothing saved) when anything is wrong. */
function readDraft(ctx: Context, args: string): Draft {
  const body = ctx.requireBody();
  const { positional, options } = parseArgs(args, OPTION_KEYS);
  let policy: HolidayPolicy = 'keep';
  const words = positional.filter((w) => {
    if (!POSTPONE_WORDS.has(w.toLowerCase())) return true;
    policy = 'next_workday';
    return false;
  });
  let link = options.link ?? null;
  const urlIndex = words.findIndex((w) => /^https?:\/\//i.test(w));
  if (link === null && urlIndex >= 0) link = words.splice(urlIndex, 1)[0]!;
  if (options.holiday !== undefined) {
    const p = POLICY_WORDS[options.holiday.toLowerCase()];
    if (!p) throw new UserInputError((m) => m.meetings.badPolicy(quoted(options.holiday!)), 'meeting');
    policy = p;
  }
  const text = words.join(' ');
  if (!text.trim()) throw new UserInputError((m) => m.meetings.needSchedule, 'meeting');
  const tz = zoneOf(ctx.deps, body);
  const parsed = parseSchedule(text, ctx.now, tz);
  if (!parsed.ok) {
    const { problem, detail } = parsed;
    throw new UserInputError((m) => m.meetings.problem[problem](quoted(detail)), 'meeting');
  }
  if (parsed.assumptions.includes('in_past')) {
    const r = parsed.rule as Extract<MeetingRule, { kind: 'once' }>;
    throw new UserInputError(
      (m) => m.meetings.inPast(m.meetings.when(formatDeadline(r.date, langOf(m)), r.time)),
      'meeting',
    );
  }
  // 顺延 written onto the name (街道例会顺延, 每月1日10点 例会，遇节假日顺延).
  const postpone = /^(.*?)[\s,，、]*遇?(?:法定)?(?:节假日)?顺延$/.exec(parsed.rest);
  if (postpone) policy = 'next_workday';
  let name = cleanName(postpone ? postpone[1]! : parsed.rest);
  const problem = checkName(name, MAX_NAME);
  if (problem === 'empty') name = body.name;
  else if (problem === 'too_long') throw new UserInputError((m) => m.common.tooLong(MAX_NAME), 'meeting');
  else if (problem) throw new UserInputError((m) => m.meetings.badName, 'meeting');

  const place = options.place !== undefined ? cleanText(options.place) : null;
  if (place !== null) {
    const p = checkText(place, MAX_PLACE);
    if (p) throw textError(p, MAX_PLACE, 'meeting');
  }
  if (link !== null && !(/^https?:\/\/\S+$/i.test(link) && link.length <= MAX_LINK))
    throw new UserInputError((m) => m.meetings.badLink, 'meeting');
  let durationMinutes = 60;
  if (options.duration !== undefined) {
    const d = parseDuration(options.duration);
    if (d === undefined || d < 15 || d > 720)
      throw new UserInputError((m) => m.meetings.badDuration, 'meeting');
    durationMinutes = d;
  }
  let seqStart = 1;
  if (options.seq !== undefined) {
    const n = /^\d{1,4}$/.test(options.seq.trim()) ? Number(options.seq.trim()) : Number.NaN;
    if (!(n >= 1 && n <= 9999)) throw new UserInputError((m) => m.meetings.badSeq, 'meeting');
    seqStart = n;
  }
  if (options.chair !== undefined && !options.chair.trim())
    throw new UserInputError((m) => m.meetings.badChair, 'meeting');
  return {
    name,
    ruleText: parsed.matched,
    rule: parsed.rule,
    timeGiven: parsed.timeGiven,
    assumptions: parsed.assumptions,
    place,
    link,
    chair: options.chair?.trim() ?? null,
    durationMinutes,
    seqStart,
    policy,
  };
}

/** The chair named in the phrase, else the body's chair, else nobody. */
function chairOf(ctx: Context, draft: Draft): number | null {
  if (draft.chair) return resolvePerson(ctx, draft.chair).person.id;
  const holder = ctx.deps.repos.roles.holders(ctx.requireBody().id).find((h) => h.role === 'chair');
  return holder?.personId ?? null;
}

/** `/meeting <phrase>`: save a draft series and echo what was understood. */
export function createSeries(ctx: Context, args: string): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const draft = readDraft(ctx, args);
  ctx.mutate(() => {
    const series = ctx.deps.repos.meetings.createSeries({
      bodyId: body.id,
      name: draft.name,
      ruleText: draft.ruleText,
      rule: JSON.stringify(draft.rule),
      timezone: zoneOf(ctx.deps, body),
      holidayPolicy: draft.policy,
      place: draft.place,
      onlineLink: draft.link,
      chairPersonId: chairOf(ctx, draft),
      durationMinutes: draft.durationMinutes,
      seqStart: draft.seqStart,
      createdBy: ctx.person.id,
      now: ctx.now,
    });
    ctx.audit({
      subjectType: 'meeting_series',
      subjectId: series.id,
      action: 'meeting.series.draft',
      toState: 'draft',
      data: { ruleText: draft.ruleText, rule: draft.rule, name: draft.name },
    });
    echo(ctx, series, draft);
  });
}

/** The next sittings of a series as the rule gives them (for the echo). */
function preview(ctx: Context, series: SeriesRow, count: number): Occurrence[] {
  return nextOccurrences(ruleOf(series), {
    after: ctx.now,
    count,
    tz: series.timezone,
    calendar: ctx.deps.calendar(),
    holidayPolicy: series.holidayPolicy,
  });
}

const ASSUMPTION_NOTE: Record<Exclude<ScheduleAssumption, 'in_past'>, (m: Messages) => string> = {
  afternoon: (m) => m.meetings.echo.afternoon,
  next_year: (m) => m.meetings.echo.nextYear,
  reference_week: (m) => m.meetings.echo.referenceWeek,
};

/** The echo of a draft: the rule in words, the next three sittings, warnings, and the buttons. */
export function echo(
  ctx: Context,
  series: SeriesRow,
  notes?: Pick<Draft, 'timeGiven' | 'assumptions'>,
): void {
  const { m } = ctx;
  const t = m.meetings;
  const rule = ruleOf(series);
  const once = rule.kind === 'once';
  const tz = series.timezone;
  const occs = preview(ctx, series, once ? 1 : 3);
  const lines = [t.echo.title, t.echo.rule(series.name, describeRule(rule, langOf(m)))];
  if (series.place) lines.push(t.place(series.place));
  if (series.onlineLink) lines.push(t.online(series.onlineLink));
  const chair = series.chairPersonId
    ? ctx.deps.repos.people.getPerson(series.chairPersonId)?.name
    : undefined;
  if (chair) lines.push(t.chair(chair));
  if (!once) lines.push(t.policy[series.holidayPolicy]);
  if (series.seqStart !== 1) lines.push(t.echo.seqFrom(series.seqStart));
  if (notes && !notes.timeGiven && rule.kind !== 'cron')
    lines.push(t.echo.defaultTime('time' in rule ? rule.time : ''));
  for (const a of notes?.assumptions ?? []) if (a !== 'in_past') lines.push(ASSUMPTION_NOTE[a](m));

  if (!occs.length) lines.push(t.echo.noOccurrences);
  else {
    lines.push(once ? t.echo.theMeeting : t.echo.nextThree);
    occs.forEach((o, i) => {
      const rest = o.holiday ? t.restNote(localRestName(m, o.holiday)) : '';
      const moved = o.moved ? t.echo.moved(when(m, o.originalAt, tz)) : '';
      const seq = once ? '' : `${t.seq(series.seqStart + i)} `;
      lines.push(`${seq}${when(m, o.at, tz)}${rest}${moved}`);
    });
  }
  const onRestDay = occs.some((o) => o.holiday && !o.moved);
  if (onRestDay) lines.push(once ? t.echo.onceRestWarn : t.echo.holidayWarn);
  const cal = ctx.deps.calendar();
  const missing = [...new Set(occs.map((o) => Number(o.date.slice(0, 4))))].filter((y) => !cal.hasData(y));
  if (missing.length) lines.push(t.echo.noCalendarData(missing.join(m.sep)));
  lines.push(t.echo.plan(describePlan(m, planOf(series))));

  const options = [
    { label: t.echo.confirm, command: `/meeting confirm #${series.id}` },
    { label: t.echo.edit, command: `/meeting edit #${series.id}` },
  ];
  const anyRest = occs.some((o) => o.holiday);
  if (!once && (anyRest || series.holidayPolicy === 'next_workday'))
    options.push(
      series.holidayPolicy === 'keep'
        ? { label: t.echo.postponeOn, command: `/meeting 顺延 #${series.id} 开` }
        : { label: t.echo.postponeOff, command: `/meeting 顺延 #${series.id} 关` },
    );
  ctx.choose(lines.join('\n'), options);
}

/** `/meeting confirm #id`: the draft becomes active; its sittings and reminders become rows. */
export function confirmSeries(ctx: Context, token: string | undefined): void {
  ctx.authorize('meetings');
  const id = refId(token);
  if (id === undefined) throw new UserInputError((m) => m.meetings.seriesGone);
  const series = seriesById(ctx, id, ['draft', 'active', 'stopped']);
  if (series.status === 'active') {
    ctx.reply(ctx.m.meetings.alreadyConfirmed(series.name));
    return;
  }
  if (series.status === 'stopped') throw new UserInputError((m) => m.meetings.seriesGone);
  const { repos } = ctx.deps;
  ctx.mutate(() => {
    repos.meetings.updateSeries(series.id, { status: 'active' }, ctx.now);
    const active = repos.meetings.getSeries(series.id)!;
    const created = ensureWindow(ctx.deps, active, ctx.now);
    if (!created.length) throw new UserInputError((m) => m.meetings.echo.noOccurrences);
    // Topics proposed before anything was scheduled join the body's next sitting.
    const next = repos.meetings.nextPlanned(series.bodyId, ctx.now);
    if (next) repos.meetings.moveLiveTopics(series.bodyId, null, next.id);
    ctx.audit({
      subjectType: 'meeting_series',
      subjectId: series.id,
      action: 'meeting.series.confirm',
      fromState: 'draft',
      toState: 'active',
      data: { occurrences: created.map((o) => o.id) },
    });
    ctx.reply(confirmedText(ctx, active));
  });
}

function confirmedText(ctx: Context, series: SeriesRow): string {
  const { m } = ctx;
  const t = m.meetings;
  const rule = ruleOf(series);
  const tz = series.timezone;
  const upcoming = ctx.deps.repos.meetings
    .occurrencesOf(series.id)
    .filter((o) => o.status === 'planned' && o.scheduledAt > ctx.now)
    .slice(0, 3);
  const policy = rule.kind === 'once' ? '' : t.policyShort[series.holidayPolicy];
  return [
    t.confirmed(series.name, describeRule(rule, langOf(m)), policy),
    ...upcoming.map((o) => {
      const seq = o.kind === 'adhoc' ? '' : `${t.seq(o.seqNo ?? 0)} `;
      return `${seq}${when(m, o.scheduledAt, tz)}`;
    }),
    t.echo.plan(describePlan(m, planOf(series))),
    t.confirmedHint,
  ].join('\n');
}

/** `/meeting edit #id`: ask for the whole phrase again. */
export function editSeries(ctx: Context, token: string | undefined): void {
  ctx.authorize('meetings');
  const id = refId(token);
  if (id === undefined) throw new UserInputError((m) => m.meetings.seriesGone);
  const series = seriesById(ctx, id, ['draft']);
  ctx.ask(ctx.m.meetings.editPrompt(series.ruleText, series.name), {
    kind: 'meeting.edit',
    payload: { seriesId: series.id },
  });
}

/** The answer to the edit question: the draft is replaced by the new phrase and echoed again. */
export const editAnswer: ConversationHandler = (ctx, payload) => {
  ctx.authorize('meetings');
  const { seriesId } = payload as { seriesId: number };
  const series = seriesById(ctx, seriesId, ['draft']);
  const args = ctx.msg.text.replace(/^[/／](meeting|会议)\s*/i, '');
  const draft = readDraft(ctx, args);
  ctx.mutate(() => {
    ctx.deps.repos.meetings.updateSeries(
      series.id,
      {
        name: draft.name,
        ruleText: draft.ruleText,
        rule: JSON.stringify(draft.rule),
        holidayPolicy: draft.policy,
        place: draft.place,
        onlineLink: draft.link,
        chairPersonId: chairOf(ctx, draft),
        durationMinutes: draft.durationMinutes,
        seqStart: draft.seqStart,
      },
      ctx.now,
    );
    ctx.audit({
      subjectType: 'meeting_series',
      subjectId: series.id,
      action: 'meeting.series.edit',
      data: { ruleText: draft.ruleText, rule: draft.rule, name: draft.name },
    });
    echo(ctx, ctx.deps.repos.meetings.getSeries(series.id)!, draft);
  });
};

/**
 * `/meeting 顺延 [#id] 开|关`: move sittings that fall on rest days to the next working day, or stop
 * doing so. On a draft it re-echoes; on an active series the future sittings the rule placed (not those
 * moved by hand) are moved, renumbered and their reminders re-planned.
 */
export function setPolicy(ctx: Context, tokens: string[]): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const id = refId(tokens[0]);
  const rest = id === undefined ? tokens : tokens.slice(1);
  let series: SeriesRow | undefined;
  if (id !== undefined) series = seriesById(ctx, id, ['draft', 'active']);
  else {
    const active = repos.meetings.activeSeries(body.id).filter((s) => ruleOf(s).kind !== 'once');
    if (active.length === 1) series = active[0];
    else if (!active.length) throw new UserInputError((m) => m.meetings.noSeries);
    else {
      ctx.choose(
        ctx.m.meetings.whichSeries,
        active.map((s) => ({ label: s.name, command: `/meeting 顺延 #${s.id} ${rest.join(' ')}`.trim() })),
      );
      return;
    }
  }
  const word = (rest[0] ?? '开').toLowerCase();
  const policy = POLICY_WORDS[word];
  if (!policy) throw new UserInputError((m) => m.meetings.badPolicy(quoted(rest[0] ?? '')), 'meeting');
  const s = series!;
  if (ruleOf(s).kind === 'once') throw new UserInputError((m) => m.meetings.onceNeverMoves);
  if (s.holidayPolicy === policy) {
    if (s.status === 'draft') {
      echo(ctx, s);
      return;
    }
    ctx.reply(ctx.m.meetings.policyUnchanged(s.name, ctx.m.meetings.policy[policy]));
    return;
  }
  ctx.mutate(() => {
    repos.meetings.updateSeries(s.id, { holidayPolicy: policy }, ctx.now);
    const updated = repos.meetings.getSeries(s.id)!;
    ctx.audit({
      subjectType: 'meeting_series',
      subjectId: s.id,
      action: 'meeting.series.holiday_policy',
      fromState: s.holidayPolicy,
      toState: policy,
    });
    if (s.status === 'draft') return echo(ctx, updated);
    const moved = reapplyPolicy(ctx, s, updated);
    ctx.reply(ctx.m.meetings.policyChanged(s.name, ctx.m.meetings.policy[policy], moved));
  });
}

/** Future sittings the rule placed follow the new policy; returns how many moved. */
function reapplyPolicy(ctx: Context, before: SeriesRow, after: SeriesRow): number {
  const { repos } = ctx.deps;
  const tz = after.timezone;
  let moved = 0;
  for (const o of repos.meetings.occurrencesOf(after.id)) {
    if (o.status !== 'planned' || o.scheduledAt <= ctx.now) continue;
    const was = placeOriginal(ctx.deps, o.originalAt, tz, before.holidayPolicy, false);
    if (o.scheduledAt !== was) continue; // moved by hand: left alone
    const at = placeOriginal(ctx.deps, o.originalAt, tz, after.holidayPolicy, false);
    if (at === o.scheduledAt) continue;
    repos.meetings.updateOccurrence(o.id, { scheduledAt: at }, ctx.now);
    moved++;
  }
  repos.meetings.renumber(after.id, after.seqStart, ctx.now);
  for (const o of repos.meetings.occurrencesOf(after.id))
    if (o.status === 'planned' && o.scheduledAt > ctx.now) planReminders(ctx.deps, after, o, ctx.now);
  ensureWindow(ctx.deps, after, ctx.now);
  return moved;
}
