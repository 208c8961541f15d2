/**
 * Attendance (C7): 参会 / 请假 from the reminder buttons or typed. 请假 asks for the reason, then for the
 * substitute (代会人, or 无), and records both; the list feeds the minutes (出席 / 请假 / 列席).
 * @module
 */
import type { OccurrenceRow } from '../../../db/repos/meetings.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { ConversationHandler } from '../../core/router.js';
import { checkPersonName, cleanName } from '../../domain/names.js';
import { checkText, cleanText, occurrenceLabel, pickOccurrence, zoneOf } from './common.js';

const MAX_REASON = 200;
const NO_SUBSTITUTE = /^(无|没有|不用|不需要|暂无|none|no|nobody|-)$/i;

interface LeavePayload {
  meetingId: number;
  reason?: string;
}

/** The unit a person answers for in this body: the one they are liaison of, else their own. */
function unitOf(ctx: Context): number | null {
  const body = ctx.requireBody();
  return ctx.deps.repos.liaisons.unitsOf(body.id, ctx.person.id)[0] ?? ctx.person.unitId ?? null;
}

function occurrence(ctx: Context, token: string | undefined, sub: string): OccurrenceRow | undefined {
  return pickOccurrence(ctx, token, {
    retry: (id) => `/meeting ${sub} #${id}`,
    fallbackNext: true,
    usageOf: 'meeting',
  });
}

/** `/meeting 参会 [#id|date]`. */
export function attend(ctx: Context, token: string | undefined): void {
  ctx.authorize('attendance');
  const occ = occurrence(ctx, token, '参会');
  if (!occ) return;
  const tz = zoneOf(ctx.deps, ctx.body);
  const before = ctx.deps.repos.meetings.attendanceOfPerson(occ.id, ctx.person.id);
  if (before?.status === 'attending') {
    ctx.reply(ctx.m.meetings.att.alreadyAttending(ctx.person.name, occurrenceLabel(ctx.m, occ, tz)));
    return;
  }
  ctx.mutate(() => {
    ctx.deps.repos.meetings.setAttendance({
      meetingId: occ.id,
      personId: ctx.person.id,
      unitId: unitOf(ctx),
      status: 'attending',
      now: ctx.now,
    });
    ctx.audit({
      subjectType: 'meeting',
      subjectId: occ.id,
      action: 'meeting.attendance',
      fromState: before?.status ?? null,
      toState: 'attending',
    });
    ctx.reply(ctx.m.meetings.att.attendingSaved(ctx.person.name, occurrenceLabel(ctx.m, occ, tz)));
  });
}

/** `/meeting 请假 [#id|date]`: ask for the reason (the answer continues in {@link leaveReason}). */
export function leave(ctx: Context, token: string | undefined): void {
  ctx.authorize('attendance');
  const occ = occurrence(ctx, token, '请假');
  if (!occ) return;
  const tz = zoneOf(ctx.deps, ctx.body);
  ctx.ask(ctx.m.meetings.att.askReason(ctx.person.name, occurrenceLabel(ctx.m, occ, tz)), {
    kind: 'meeting.leave.reason',
    payload: { meetingId: occ.id } satisfies LeavePayload,
  });
}

/** The sitting a 请假 conversation is about, if it is still planned. */
function stillPlanned(ctx: Context, meetingId: number): OccurrenceRow {
  const occ = ctx.deps.repos.meetings.getOccurrence(meetingId);
  if (!occ || occ.bodyId !== ctx.body?.id || occ.status !== 'planned')
    throw new UserInputError((m) => m.meetings.occurrenceGone);
  return occ;
}

/** The reason; a bad one is asked again. Then the substitute is asked for. */
export const leaveReason: ConversationHandler = (ctx, payload) => {
  const p = payload as LeavePayload;
  stillPlanned(ctx, p.meetingId);
  const reason = cleanText(ctx.msg.text);
  const problem = checkText(reason, MAX_REASON);
  if (problem) {
    const why = problem === 'too_long' ? ctx.m.common.tooLong(MAX_REASON) : ctx.m.meetings.badText;
    ctx.ask(`${why}\n${ctx.m.meetings.att.askReasonAgain}`, { kind: 'meeting.leave.reason', payload: p });
    return;
  }
  ctx.ask(ctx.m.meetings.att.askSubstitute, {
    kind: 'meeting.leave.substitute',
    payload: { meetingId: p.meetingId, reason } satisfies LeavePayload,
  });
};

/** The substitute: an @mention, a name, or 无. Records the leave with reason and substitute. */
export const leaveSubstitute: ConversationHandler = (ctx, payload) => {
  const p = payload as LeavePayload;
  const occ = stillPlanned(ctx, p.meetingId);
  const text = cleanName(ctx.msg.text).replace(/^(代会人|代会|代参会|substitute)[:：]?\s*/i, '');
  let substituteName: string | null = null;
  let substitutePersonId: number | null = null;
  if (!NO_SUBSTITUTE.test(text)) {
    const mention = ctx.msg.mentions.find((u) => !u.isBot);
    const bare = text.replace(/^[@＠]/, '');
    if (mention && text.startsWith('@')) {
      const person = ctx.deps.repos.people.getIdentity(mention.platform, mention.userId);
      substitutePersonId = person?.personId ?? null;
      substituteName =
        (person && ctx.deps.repos.people.getPerson(person.personId)?.name) || mention.displayName || bare;
    } else {
      if (checkPersonName(bare)) {
        ctx.ask(`${ctx.m.meetings.att.badSubstitute}\n${ctx.m.meetings.att.askSubstitute}`, {
          kind: 'meeting.leave.substitute',
          payload: p,
        });
        return;
      }
      const known = ctx.deps.repos.people.findByName(bare);
      substitutePersonId = known.length === 1 ? known[0]!.id : null;
      substituteName = bare;
    }
  }
  const tz = zoneOf(ctx.deps, ctx.body);
  const before = ctx.deps.repos.meetings.attendanceOfPerson(occ.id, ctx.person.id);
  ctx.mutate(() => {
    ctx.deps.repos.meetings.setAttendance({
      meetingId: occ.id,
      personId: ctx.person.id,
      unitId: unitOf(ctx),
      status: 'excused',
      reason: p.reason ?? null,
      substituteName,
      substitutePersonId,
      now: ctx.now,
    });
    ctx.audit({
      subjectType: 'meeting',
      subjectId: occ.id,
      action: 'meeting.attendance',
      fromState: before?.status ?? null,
      toState: 'excused',
      reason: p.reason ?? null,
      data: { substituteName, substitutePersonId },
    });
    ctx.reply(
      ctx.m.meetings.att.leaveSaved(
        ctx.person.name,
        occurrenceLabel(ctx.m, occ, tz),
        p.reason ?? '',
        substituteName ?? '',
      ),
    );
  });
};
