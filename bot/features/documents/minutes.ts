/**
 * `/minutes [date]` (J7, C18): the meeting's minutes as chat text and a .docx in the 纪要 layout — the
 * opening, the topics, the agreed items with units and deadlines, 出席 / 请假 / 列席 from the attendance.
 * States: draft (rebuilt from the record each time) → approved by the chair (签发, frozen) → issued
 * (印发: sent to every group of the body). Earlier meetings' minutes stay available by date.
 * The renderer (and with it `docx`) is imported when minutes are first shown, not when the bot starts.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { Repos } from '../../../db/repos/index.js';
import type { OccurrenceRow } from '../../../db/repos/meetings.js';
import type { MinutesRow } from '../../../db/repos/minutes.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { Messages } from '../../core/i18n/index.js';
import type { CommandSpec } from '../../core/router.js';
import type { Outgoing, Platform } from '../../core/types.js';
import { longDate, zonedInstant } from '../../domain/dates.js';
import { formatDeadline, parseDeadline } from '../../domain/deadline.js';
import { localDate, wallClock } from '../../domain/time.js';
import type { MinutesDoc } from '../../render/minutes-docx.js';
import { commandButtons } from '../buttons.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The minutes renderer, loaded on first use. */
const minutesRenderer = () => import('../../render/minutes-docx.js');

const cnDate = (date: string) => longDate(date);

/** The minutes as the record stands now: meeting, chair, place, topics, items and attendance. */
export function buildMinutes(
  repos: Repos,
  body: BodyRow,
  occ: OccurrenceRow,
  m: Messages,
  status: MinutesDoc['status'],
): MinutesDoc {
  const tz = body.timezone;
  const { date, time } = wallClock(occ.scheduledAt, tz);
  const title = `${occ.title}${occ.seqNo ? m.documents.seq(occ.seqNo) : ''}`;
  const chair = occ.chairPersonId ? repos.people.getPerson(occ.chairPersonId)?.name : undefined;
  const topics = repos.meetings.topicsOf(occ.id);
  const discussed = topics.filter((t) => t.status === 'accepted' || t.status === 'discussed');
  const deferred = topics.filter((t) => t.status === 'deferred');
  const items = repos.items
    .ofMeeting(occ.id)
    .filter((i) => i.status !== 'draft' && i.status !== 'cancelled')
    .map((item, i) => {
      const units = repos.items.unitsOf(item.id);
      const lead = units.find((u) => u.role === 'lead');
      // The minutes record what the meeting agreed; a later extension belongs to the ledger.
      const agreed = item.originalDueDate ?? item.currentDueDate;
      return {
        seq: i + 1,
        content: item.content,
        lead: lead?.unitName ?? '',
        support: units.filter((u) => u.role === 'support').map((u) => u.unitName),
        liaison: lead?.liaisonName ?? undefined,
        due: agreed ? m.documents.dueBy(formatDeadline(agreed, m.language as 'zh-CN' | 'en')) : m.items.noDue,
      };
    });
  const who = (a: { personName: string; unitName: string | null }) =>
    a.unitName ? `${a.unitName}（${a.personName}）` : a.personName;
  const attendance = repos.meetings.attendanceOf(occ.id);
  return {
    masthead: m.documents.masthead(body.name),
    title: m.documents.title(title),
    opening: m.documents.opening(cnDate(date), time, occ.place ?? '', chair ?? '', title),
    discussion: discussed.length ? m.documents.discussed(discussed.map((t) => t.title)) : undefined,
    items,
    otherMatters: deferred.length ? m.documents.deferred(deferred.map((t) => t.title)) : undefined,
    attendance: {
      present: attendance.filter((a) => a.status === 'present' || a.status === 'attending').map(who),
      excused: attendance
        .filter((a) => a.status === 'excused')
        .map((a) => ({
          name: who(a),
          reason: a.reason ?? undefined,
          substitute: a.substituteName ?? undefined,
        })),
      observers: attendance.filter((a) => a.status === 'observer').map(who),
    },
    issuer: m.documents.issuer(body.name),
    issuedOn: cnDate(date),
    status,
  };
}

/** The sitting: on a given date (YYYY-MM-DD or 12月5日), else the latest held or begun. */
function findMeeting(ctx: Context, body: BodyRow, arg: string): OccurrenceRow {
  const { repos } = ctx.deps;
  if (!arg) {
    const occ =
      repos.meetings.lastHeld(body.id) ??
      repos.meetings
        .between(body.id, 0, ctx.now)
        .filter((o) => o.status !== 'cancelled')
        .at(-1);
    if (!occ) throw new UserInputError((m) => m.documents.noMeeting);
    return occ;
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(arg) ? arg : undefined;
  const parsed = iso ? undefined : parseDeadline(arg, localDate(ctx.now, body.timezone), ctx.deps.calendar());
  const date = iso ?? (parsed?.kind === 'date' ? parsed.date : undefined);
  if (!date) throw new UserInputError((m) => m.documents.badDate(arg), 'minutes');
  const start = zonedInstant(date, '00:00', body.timezone);
  const occ = repos.meetings
    .between(body.id, start, start + 86_400_000)
    .find((o) => o.status !== 'cancelled');
  if (!occ) throw new UserInputError((m) => m.documents.noMeetingOn(date));
  return occ;
}

async function minutesMessage(ctx: Context, occ: OccurrenceRow, row: MinutesRow): Promise<Outgoing> {
  const doc = JSON.parse(row.content) as MinutesDoc;
  const { renderMinutesDocx, renderMinutesText } = await minutesRenderer();
  const data = await renderMinutesDocx(doc);
  const { m } = ctx;
  const next =
    row.status === 'draft'
      ? [{ label: m.documents.approve, command: `/minutes 签发 ${occ.id}` }]
      : row.status === 'approved'
        ? [{ label: m.documents.issue, command: `/minutes 印发 ${occ.id}` }]
        : [];
  return {
    text: `${m.documents.state[row.status]}\n\n${renderMinutesText(doc, m.language as 'zh-CN' | 'en')}`,
    file: { name: `${doc.title}.docx`, mime: DOCX, base64: data.toString('base64') },
    buttons: next.length ? commandButtons(ctx.deps.repos, ctx.now, next) : undefined,
  };
}

export const minutesCommand: CommandSpec = {
  name: 'minutes',
  aliases: ['纪要', '会议纪要'],
  where: 'bound',
  usage: (m) => m.documents.minutesUsage,
  async handle(ctx) {
    const body = ctx.requireBody();
    const { repos } = ctx.deps;
    const [word = '', id = ''] = ctx.command.args.trim().split(/\s+/);
    if ((word === '签发' || word === 'approve' || word === '印发' || word === 'issue') && /^\d+$/.test(id)) {
      const occ = repos.meetings.getOccurrence(Number(id));
      if (!occ || occ.bodyId !== body.id) throw new UserInputError((m) => m.documents.noMeeting);
      return word === '签发' || word === 'approve' ? approve(ctx, body, occ) : issue(ctx, body, occ);
    }
    const occ = findMeeting(ctx, body, ctx.command.args.trim());
    const existing = repos.minutes.latest(occ.id);
    // A draft follows the record until the chair signs it; then it is frozen.
    const draft =
      existing && existing.status !== 'draft'
        ? undefined
        : await withSummary(ctx, buildMinutes(repos, body, occ, ctx.m, 'draft'), occ);
    const row = draft
      ? ctx.mutate(() => repos.minutes.saveDraft(occ.id, draft, ctx.person.id, ctx.now))
      : existing!;
    ctx.reply(await minutesMessage(ctx, occ, row));
  },
};

/** With a model, the captured discussion summarised for 会议主要情况 (a draft the chair reviews). */
async function withSummary(ctx: Context, doc: MinutesDoc, occ: OccurrenceRow): Promise<MinutesDoc> {
  const captured = ctx.deps.repos.meetings.capturedOf(occ.id);
  if (!ctx.deps.llm || captured.length === 0) return doc;
  const answer = await ctx.deps.llm.summarize(captured.map((c) => `${c.senderName}：${c.text}`));
  if (!answer.ok) return doc;
  return { ...doc, discussion: [answer.summary, doc.discussion].filter(Boolean).join('\n') };
}

async function approve(ctx: Context, body: BodyRow, occ: OccurrenceRow): Promise<void> {
  const { repos } = ctx.deps;
  const hasChair = repos.roles.holders(body.id).some((h) => h.role === 'chair');
  ctx.authorize('minutes.signoff', { bodyHasChair: hasChair });
  const draft = repos.minutes.latest(occ.id);
  if (draft?.status !== 'draft') throw new UserInputError((m) => m.documents.notDraft);
  const frozen = { ...buildMinutes(repos, body, occ, ctx.m, 'approved') };
  const row = ctx.mutate(() => {
    repos.minutes.saveDraft(occ.id, frozen, ctx.person.id, ctx.now);
    repos.minutes.advance(draft.id, 'draft', 'approved', ctx.person.id, ctx.now);
    ctx.audit({
      subjectType: 'minutes',
      subjectId: draft.id,
      action: 'minutes.approve',
      fromState: 'draft',
      toState: 'approved',
    });
    return repos.minutes.latest(occ.id)!;
  });
  ctx.reply(await minutesMessage(ctx, occ, row));
}

async function issue(ctx: Context, body: BodyRow, occ: OccurrenceRow): Promise<void> {
  const { repos } = ctx.deps;
  ctx.authorize('items');
  const approved = repos.minutes.latest(occ.id);
  if (approved?.status !== 'approved') throw new UserInputError((m) => m.documents.notApproved);
  const doc = { ...(JSON.parse(approved.content) as MinutesDoc), status: 'issued' as const };
  const { renderMinutesDocx, renderMinutesText } = await minutesRenderer();
  const data = (await renderMinutesDocx(doc)).toString('base64');
  ctx.mutate(() => {
    repos.minutes.advance(approved.id, 'approved', 'issued', ctx.person.id, ctx.now);
    ctx.audit({
      subjectType: 'minutes',
      subjectId: approved.id,
      action: 'minutes.issue',
      fromState: 'approved',
      toState: 'issued',
    });
    for (const chat of repos.bodies.chatsOf(body.id).filter((c) => c.kind === 'group')) {
      repos.outbox.enqueue(
        { platform: chat.platform as Platform, chatId: chat.chatId, chatKind: 'group' },
        {
          text: `${ctx.m.documents.issued(doc.title)}\n\n${renderMinutesText(doc, ctx.m.language as 'zh-CN' | 'en')}`,
          file: { name: `${doc.title}.docx`, mime: DOCX, base64: data },
        },
        { dedupeKey: `minutes:${approved.id}:issue:${chat.id}`, now: ctx.now },
      );
    }
  });
}
