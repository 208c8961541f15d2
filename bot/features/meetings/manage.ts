/**
 * `/meeting list | next | cancel <date> | move <date> <new time> | stop | ics` and, in a private chat,
 * `/meetings` (the caller's meetings across groups). Cancelling or moving one sitting keeps its row
 * (a moved one keeps `original_at`, so the rule never generates it again), re-plans its reminders and
 * tells every chat of the body.
 * @module
 */
import type { OccurrenceRow, SeriesRow } from '../../../db/repos/meetings.js';
import { MERGED_REASON } from '../../../db/repos/meetings.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import { type Messages, messagesFor } from '../../core/i18n/index.js';
import type { CommandSpec } from '../../core/router.js';
import type { Platform } from '../../core/types.js';
import { zonedInstant } from '../../domain/dates.js';
import { describeRule, isoWeekday, type Occurrence, parseSchedule } from '../../domain/recurrence.js';
import { wallClock } from '../../domain/time.js';
import { renderIcs } from '../../render/ics.js';
import {
  checkText,
  cleanText,
  langOf,
  liveSeries,
  occurrenceLabel,
  pickOccurrence,
  pickSeries,
  quoted,
  restDayName,
  ruleOf,
  seqText,
  textError,
  when,
  zoneOf,
} from './common.js';
import { ensureWindow, replanSeries, WINDOW_MS } from './plan.js';
import { attendanceLines, renderCard } from './render.js';

const MAX_REASON = 200;

/** Post a message to the body's other group chats (the one the command came from got the reply). */
function notifyOthers(ctx: Context, text: (m: Messages) => string, key: string): void {
  const { repos } = ctx.deps;
  for (const chat of repos.bodies.chatsOf(ctx.requireBody().id)) {
    if (chat.id === ctx.chat.id || chat.kind !== 'group') continue;
    repos.outbox.enqueue(
      { platform: chat.platform as Platform, chatId: chat.chatId, chatKind: 'group' },
      { text: text(messagesFor(chat.language ?? ctx.deps.language)), notice: true },
      { dedupeKey: `${key}:chat:${chat.id}`, now: ctx.now },
    );
  }
}

// --- list and next

/** `/meeting list`: active series with their rule and the next sittings (cancelled ones marked). */
export function listMeetings(ctx: Context): void {
  const body = ctx.requireBody();
  const { m } = ctx;
  const t = m.meetings;
  const { repos } = ctx.deps;
  const all = liveSeries(ctx);
  if (!all.length) {
    ctx.reply(t.list.empty);
    return;
  }
  const lines = [t.list.title(body.name)];
  all.forEach((s, i) => {
    const rule = ruleOf(s);
    const tz = s.timezone;
    const policy = rule.kind === 'once' ? '' : t.policyShort[s.holidayPolicy];
    lines.push(t.list.series(i + 1, s.name, describeRule(rule, langOf(m)), policy));
    const details = [
      s.place ? t.place(s.place) : '',
      s.onlineLink ? t.online(s.onlineLink) : '',
      s.chairPersonId ? t.chair(repos.people.getPerson(s.chairPersonId)?.name ?? '') : '',
    ].filter(Boolean);
    if (details.length) lines.push(`   ${details.join(t.list.detailSep)}`);
    const shown: string[] = [];
    let planned = 0;
    for (const o of repos.meetings.occurrencesOf(s.id)) {
      if (planned >= 3) break;
      if (o.scheduledAt < ctx.now || o.cancelReason === MERGED_REASON || o.status === 'held') continue;
      const rest = restDayName(ctx.deps, m, o.scheduledAt, tz);
      const label = `${seqText(m, o)}${seqText(m, o) ? ' ' : ''}${when(m, o.scheduledAt, tz)}`;
      if (o.status === 'cancelled') shown.push(t.list.cancelledMark(label));
      else {
        planned++;
        shown.push(`${label}${rest ? t.restNote(rest) : ''}`);
      }
    }
    lines.push(shown.length ? `   ${t.list.next(shown.join(t.list.sep))}` : `   ${t.list.noneUpcoming}`);
  });
  lines.push('', t.list.hint);
  ctx.reply(lines.join('\n'));
}

/** `/meeting next`: the next sitting's full card, who has answered, and the 参会 / 请假 buttons. */
export function showNext(ctx: Context): void {
  const body = ctx.requireBody();
  const occ = ctx.deps.repos.meetings.nextPlanned(body.id, ctx.now - 1);
  if (!occ) {
    ctx.reply(ctx.m.meetings.noUpcoming);
    return;
  }
  const tz = zoneOf(ctx.deps, body);
  const card = renderCard(ctx.deps, ctx.m, occ, { kind: 'next', tz, now: ctx.now });
  const att = attendanceLines(ctx.deps, ctx.m, occ, tz).slice(1);
  ctx.choose(`${card}\n\n${att.join('\n')}`, [
    { label: ctx.m.meetings.attendButton, command: `/meeting 参会 #${occ.id}` },
    { label: ctx.m.meetings.leaveButton, command: `/meeting 请假 #${occ.id}` },
  ]);
}

// --- cancel and move one sitting

/** `/meeting cancel <date> [reason]`. */
export function cancelOccurrence(ctx: Context, tokens: string[]): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const [dateToken, ...reasonTokens] = tokens;
  if (!dateToken) throw new UserInputError((m) => m.meetings.needDate, 'meeting');
  const reason = cleanText(reasonTokens.join(' '));
  if (reason) {
    const problem = checkText(reason, MAX_REASON);
    if (problem) throw textError(problem, MAX_REASON, 'meeting');
  }
  const occ = pickOccurrence(ctx, dateToken, {
    retry: (id) => `/meeting cancel #${id} ${reason}`.trim(),
    usageOf: 'meeting',
  });
  if (!occ) return;
  if (occ.scheduledAt <= ctx.now) throw new UserInputError((m) => m.meetings.alreadyStarted);
  const { repos } = ctx.deps;
  const tz = zoneOf(ctx.deps, body);
  ctx.mutate(() => {
    repos.meetings.updateOccurrence(occ.id, { status: 'cancelled', cancelReason: reason || null }, ctx.now);
    repos.steps.cancelPending('meeting', occ.id);
    const series = occ.seriesId ? repos.meetings.getSeries(occ.seriesId) : undefined;
    if (series) {
      repos.meetings.renumber(series.id, series.seqStart, ctx.now);
      ensureWindow(ctx.deps, series, ctx.now);
      replanSeries(ctx.deps, series, ctx.now);
    }
    // The agenda moves to the next sitting (or back to the pool).
    const next = repos.meetings.nextPlanned(body.id, occ.scheduledAt, occ.id);
    const topics = repos.meetings.moveLiveTopics(body.id, occ.id, next?.id ?? null);
    ctx.audit({
      subjectType: 'meeting',
      subjectId: occ.id,
      action: 'meeting.cancel',
      fromState: 'planned',
      toState: 'cancelled',
      reason: reason || null,
      data: { scheduledAt: occ.scheduledAt, topicsMoved: topics },
    });
    const text = (m: Messages) =>
      [
        m.meetings.cancelledOne(occurrenceLabel(m, occ, tz), reason),
        ...(topics ? [m.meetings.topicsMoved(topics, next ? occurrenceLabel(m, next, tz) : '')] : []),
      ].join('\n');
    ctx.reply(text(ctx.m));
    notifyOthers(ctx, text, `meeting:${occ.id}:cancel:${ctx.now}`);
  });
}

const MOVE_GLUE = /^(改到|改为|改期到|改期至|挪到|调到|调整到|到|至|→|->|to)\s*/i;

/** The new instant of a moved sitting: a date and time, a date (same time), or a time (same day). */
function newInstant(ctx: Context, text: string, occ: OccurrenceRow, tz: string): number {
  const old = wallClock(occ.scheduledAt, tz);
  let r = parseSchedule(text, ctx.now, tz);
  if (!r.ok && r.problem === 'no_schedule') {
    const sameDay = parseSchedule(`${old.date} ${text}`, ctx.now, tz);
    if (sameDay.ok) r = sameDay;
  }
  if (!r.ok) {
    const { problem, detail } = r;
    throw new UserInputError((m) => m.meetings.problem[problem](quoted(detail)), 'meeting');
  }
  if (r.rule.kind !== 'once' || r.rest)
    throw new UserInputError((m) => m.meetings.needOneTime(quoted(text)), 'meeting');
  return zonedInstant(r.rule.date, r.timeGiven ? r.rule.time : old.time, tz);
}

/** `/meeting move <date> <new date and time>`. */
export function moveOccurrence(ctx: Context, tokens: string[]): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const [dateToken, ...restTokens] = tokens;
  const newText = restTokens.join(' ').replace(MOVE_GLUE, '').trim();
  if (!dateToken || !newText) throw new UserInputError((m) => m.meetings.needNewTime, 'meeting');
  const occ = pickOccurrence(ctx, dateToken, {
    retry: (id) => `/meeting move #${id} ${newText}`,
    usageOf: 'meeting',
  });
  if (!occ) return;
  if (occ.scheduledAt <= ctx.now) throw new UserInputError((m) => m.meetings.alreadyStarted);
  const tz = zoneOf(ctx.deps, body);
  const at = newInstant(ctx, newText, occ, tz);
  const { m } = ctx;
  if (at <= ctx.now) throw new UserInputError((mm) => mm.meetings.inPast(when(mm, at, tz)), 'meeting');
  if (at === occ.scheduledAt) {
    ctx.reply(m.meetings.moveUnchanged(occurrenceLabel(m, occ, tz)));
    return;
  }
  const { repos } = ctx.deps;
  const clash = occ.seriesId
    ? repos.meetings
        .occurrencesOf(occ.seriesId)
        .find((o) => o.id !== occ.id && o.status === 'planned' && o.scheduledAt === at)
    : undefined;
  if (clash) throw new UserInputError((mm) => mm.meetings.moveClash(occurrenceLabel(mm, clash, tz)));
  ctx.mutate(() => {
    repos.meetings.updateOccurrence(occ.id, { scheduledAt: at }, ctx.now);
    const series = occ.seriesId ? repos.meetings.getSeries(occ.seriesId) : undefined;
    if (series) {
      repos.meetings.renumber(series.id, series.seqStart, ctx.now);
      replanSeries(ctx.deps, series, ctx.now);
      ensureWindow(ctx.deps, series, ctx.now);
    }
    const moved = repos.meetings.getOccurrence(occ.id)!;
    ctx.audit({
      subjectType: 'meeting',
      subjectId: occ.id,
      action: 'meeting.move',
      fromState: new Date(occ.scheduledAt).toISOString(),
      toState: new Date(at).toISOString(),
      data: { originalAt: occ.originalAt },
    });
    const rest = (mm: Messages) => {
      const name = restDayName(ctx.deps, mm, at, tz);
      return name ? mm.meetings.restWarn(name) : '';
    };
    const text = (mm: Messages) =>
      mm.meetings.movedOne(occurrenceLabel(mm, occ, tz), occurrenceLabel(mm, moved, tz)) + rest(mm);
    ctx.reply(text(m));
    notifyOthers(ctx, text, `meeting:${occ.id}:move:${ctx.now}`);
  });
}

// --- stop and ics

/** `/meeting stop`: asks once, then ends the series and cancels its future sittings. */
export function stopSeries(ctx: Context, tokens: string[]): void {
  ctx.authorize('meetings');
  const picked = pickSeries(ctx, tokens, (id) => `/meeting stop #${id}`);
  if (!picked) return;
  const { series } = picked;
  const { repos } = ctx.deps;
  const future = repos.meetings
    .occurrencesOf(series.id)
    .filter((o) => o.status === 'planned' && o.scheduledAt > ctx.now);
  if (!/^(确认|确定|confirm|yes)$/i.test(picked.rest[0] ?? '')) {
    ctx.choose(ctx.m.meetings.stopAsk(series.name, future.length), [
      { label: ctx.m.meetings.stopConfirm, command: `/meeting stop #${series.id} 确认` },
    ]);
    return;
  }
  ctx.mutate(() => {
    repos.meetings.updateSeries(series.id, { status: 'stopped' }, ctx.now);
    for (const o of future) {
      repos.meetings.updateOccurrence(o.id, { status: 'cancelled', cancelReason: 'series stopped' }, ctx.now);
      repos.steps.cancelPending('meeting', o.id);
      repos.meetings.moveLiveTopics(series.bodyId, o.id, null);
    }
    ctx.audit({
      subjectType: 'meeting_series',
      subjectId: series.id,
      action: 'meeting.series.stop',
      fromState: 'active',
      toState: 'stopped',
      data: { cancelled: future.map((o) => o.id) },
    });
    const text = (m: Messages) => m.meetings.stopped(series.name, future.length);
    ctx.reply(text(ctx.m));
    notifyOthers(ctx, text, `meeting-series:${series.id}:stop`);
  });
}

/** A file name without characters that file systems or chat apps refuse. */
const fileName = (name: string) => `${name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'meeting'}.ics`;

/** `/meeting ics`: the series as an .ics file (TZID, RRULE where expressible, moves and cancellations). */
export function sendIcs(ctx: Context, tokens: string[]): void {
  const picked = pickSeries(ctx, tokens, (id) => `/meeting ics #${id}`);
  if (!picked) return;
  const { series } = picked;
  const { m } = ctx;
  const rows = ctx.deps.repos.meetings.occurrencesOf(series.id).sort((a, b) => a.originalAt - b.originalAt);
  const firstRow = rows[0];
  if (!firstRow) throw new UserInputError((mm) => mm.meetings.noUpcoming);
  const ics = renderIcs({
    uid: `meeting-series-${series.id}@yishi`,
    name: series.name,
    place: series.place ?? series.onlineLink ?? undefined,
    description: icsDescription(ctx, series),
    rule: ruleOf(series),
    first: asOccurrence(firstRow, series.timezone),
    durationMinutes: series.durationMinutes,
    tz: series.timezone,
    exdates: rows
      .filter((o, i) => o.status === 'cancelled' || (i > 0 && o.scheduledAt !== o.originalAt))
      .map((o) => o.originalAt),
    rdates: rows
      .filter((o, i) => i > 0 && o.status !== 'cancelled' && o.scheduledAt !== o.originalAt)
      .map((o) => o.scheduledAt),
    now: ctx.now,
    lang: langOf(m),
  });
  ctx.reply({
    text: m.meetings.icsCaption(series.name),
    file: {
      name: fileName(series.name),
      mime: 'text/calendar',
      base64: Buffer.from(ics, 'utf8').toString('base64'),
    },
  });
}

function asOccurrence(o: OccurrenceRow, tz: string): Occurrence {
  const w = wallClock(o.scheduledAt, tz);
  return {
    originalAt: o.originalAt,
    at: o.status === 'cancelled' ? o.originalAt : o.scheduledAt,
    date: w.date,
    time: w.time,
    weekday: isoWeekday(w.date),
    moved: o.status !== 'cancelled' && o.scheduledAt !== o.originalAt,
  };
}

function icsDescription(ctx: Context, series: SeriesRow): string {
  const t = ctx.m.meetings;
  const chair = series.chairPersonId
    ? ctx.deps.repos.people.getPerson(series.chairPersonId)?.name
    : undefined;
  return [
    chair ? t.chair(chair) : '',
    series.onlineLink ? t.online(series.onlineLink) : '',
    series.holidayPolicy === 'next_workday' ? t.icsPostponeNote : '',
  ]
    .filter(Boolean)
    .join('\n');
}

// --- attendance list

/** `/meeting 名单 [date]`: who attends, who is excused (with reason and 代会人). */
export function showAttendance(ctx: Context, token: string | undefined): void {
  const body = ctx.requireBody();
  const occ = pickOccurrence(ctx, token, {
    retry: (id) => `/meeting 名单 #${id}`,
    fallbackNext: true,
    statuses: ['planned', 'held'],
    usageOf: 'meeting',
  });
  if (!occ) return;
  ctx.reply(attendanceLines(ctx.deps, ctx.m, occ, zoneOf(ctx.deps, body)).join('\n'));
}

// --- /meetings

/** `/meetings`: the caller's coming meetings in every body they belong to (for a private chat). */
export const meetingsCommand: CommandSpec = {
  name: 'meetings',
  aliases: ['我的会议'],
  where: 'any',
  usage: (m) => m.meetings.meetingsUsage,
  handle(ctx) {
    const { repos } = ctx.deps;
    const { m } = ctx;
    const t = m.meetings;
    const bodies = repos.meetings.bodiesOfPerson(ctx.person.id);
    if (ctx.body && !bodies.some((b) => b.id === ctx.body!.id))
      bodies.push({ id: ctx.body.id, name: ctx.body.name, timezone: ctx.body.timezone });
    const occs = repos.meetings.upcomingOfBodies(
      bodies.map((b) => b.id),
      ctx.now,
      ctx.now + WINDOW_MS,
    );
    if (!occs.length) {
      ctx.reply(t.mine.none);
      return;
    }
    const lines = [t.mine.title];
    for (const b of bodies) {
      const mine = occs.filter((o) => o.bodyId === b.id);
      if (!mine.length) continue;
      const tz = b.timezone || ctx.deps.timezone;
      lines.push(t.mine.body(b.name));
      for (const o of mine) {
        const a = repos.meetings.attendanceOfPerson(o.id, ctx.person.id);
        const status = a ? t.mine.status[a.status] : t.mine.noAnswer;
        const where = o.place ?? o.onlineLink ?? '';
        lines.push(t.mine.line(occurrenceLabel(m, o, tz), where, status));
      }
    }
    lines.push(t.mine.hint);
    ctx.reply(lines.join('\n'));
  },
};
