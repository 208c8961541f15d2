/**
 * `/meeting start` and `/meeting end` (J5): the sitting is marked held, and between the two the chat's
 * discussion is captured for the minutes — where the platform lets the bot see the group's messages.
 * Where it cannot (Telegram with privacy mode on, WeCom which only shows messages that @ the bot), the
 * bot says so, explains the fix, and after the meeting asks for the notes to be pasted.
 * @module
 */
import type { OccurrenceRow } from '../../../db/repos/meetings.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { ConversationHandler, TextHandler } from '../../core/router.js';
import { checkNotes, HOUR, occurrenceLabel, refId, zoneOf } from './common.js';

/** A sitting can be started this long before or after its scheduled time. */
const START_WINDOW_MS = 12 * HOUR;
const MAX_CAPTURED = 4000;
const MAX_NOTES = 20_000;
const NOTES_TTL_MS = 24 * HOUR;

/** Whether the bot sees every message of this chat (false when the adapter says not, or is unknown). */
function seesAll(ctx: Context): boolean {
  return ctx.deps.capabilities?.(ctx.msg.chat.platform)?.seesAllGroupMessages === true;
}

/** What to do about a platform that hides the group's messages from the bot. */
function blindNote(ctx: Context): string {
  const t = ctx.m.meetings.capture;
  if (ctx.msg.chat.platform === 'telegram') return t.blindTelegram;
  if (ctx.msg.chat.platform === 'wecom') return t.blindWecom;
  return t.blindOther;
}

/** The planned sitting nearest to now (within half a day), or the one named by `#id`. */
function toStart(ctx: Context, token: string | undefined): OccurrenceRow {
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const id = refId(token);
  if (id !== undefined) {
    const occ = repos.meetings.getOccurrence(id);
    if (!occ || occ.bodyId !== body.id || occ.status !== 'planned')
      throw new UserInputError((m) => m.meetings.occurrenceGone);
    return occ;
  }
  const near = repos.meetings
    .between(body.id, ctx.now - START_WINDOW_MS, ctx.now + START_WINDOW_MS)
    .filter((o) => o.status === 'planned')
    .sort((a, b) => Math.abs(a.scheduledAt - ctx.now) - Math.abs(b.scheduledAt - ctx.now))[0];
  if (near) return near;
  const next = repos.meetings.nextPlanned(body.id, ctx.now);
  const tz = zoneOf(ctx.deps, body);
  throw new UserInputError((m) =>
    next ? m.meetings.capture.nothingNow(occurrenceLabel(m, next, tz)) : m.meetings.noUpcoming,
  );
}

/** `/meeting start`: the sitting is held from now; capture begins in this chat. */
export function startMeeting(ctx: Context, token: string | undefined): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const running = repos.meetings.capturing(ctx.chat.id);
  const tz = zoneOf(ctx.deps, body);
  if (running)
    throw new UserInputError((m) => m.meetings.capture.alreadyRunning(occurrenceLabel(m, running, tz)));
  const occ = toStart(ctx, token);
  ctx.mutate(() => {
    repos.meetings.updateOccurrence(
      occ.id,
      { status: 'held', startedAt: ctx.now, captureChatId: ctx.chat.id },
      ctx.now,
    );
    // Nothing more to remind of once the meeting has begun.
    repos.steps.cancelPending('meeting', occ.id);
    ctx.audit({
      subjectType: 'meeting',
      subjectId: occ.id,
      action: 'meeting.start',
      fromState: 'planned',
      toState: 'held',
      data: { capture: seesAll(ctx) ? 'all' : 'mentions' },
    });
    const t = ctx.m.meetings.capture;
    const label = occurrenceLabel(ctx.m, occ, tz);
    ctx.reply(seesAll(ctx) ? t.started(label) : `${t.startedBlind(label)}\n${blindNote(ctx)}`);
  });
}

/** `/meeting end`: capture stops; where the bot could not see the discussion it asks for the notes. */
export function endMeeting(ctx: Context): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const occ =
    repos.meetings.capturing(ctx.chat.id) ??
    [repos.meetings.lastHeld(body.id)].find((o) => o && o.endedAt === null) ??
    undefined;
  if (!occ) throw new UserInputError((m) => m.meetings.capture.notRunning);
  const tz = zoneOf(ctx.deps, body);
  const count = repos.meetings.capturedOf(occ.id).length;
  ctx.mutate(() => {
    repos.meetings.updateOccurrence(occ.id, { endedAt: ctx.now }, ctx.now);
    ctx.audit({
      subjectType: 'meeting',
      subjectId: occ.id,
      action: 'meeting.end',
      data: { captured: count },
    });
  });
  const t = ctx.m.meetings.capture;
  const label = occurrenceLabel(ctx.m, occ, tz);
  if (seesAll(ctx) && count > 0) {
    ctx.reply(t.ended(label, count));
    return;
  }
  ctx.ask(`${seesAll(ctx) ? t.endedNothing(label) : t.endedBlind(label, count)}\n${t.pasteNotes}`, {
    kind: 'meeting.notes',
    payload: { meetingId: occ.id },
    ttlMs: NOTES_TTL_MS,
  });
}

/** Pasted notes after a meeting the bot could not hear: kept with the captured discussion. */
export const notesAnswer: ConversationHandler = (ctx, payload) => {
  const { meetingId } = payload as { meetingId: number };
  const occ = ctx.deps.repos.meetings.getOccurrence(meetingId);
  if (!occ || occ.bodyId !== ctx.body?.id) throw new UserInputError((m) => m.meetings.occurrenceGone);
  const text = ctx.msg.text.trim();
  const problem = checkNotes(text, MAX_NOTES);
  if (problem) {
    const why = problem === 'too_long' ? ctx.m.common.tooLong(MAX_NOTES) : ctx.m.meetings.badText;
    ctx.ask(`${why}\n${ctx.m.meetings.capture.pasteNotes}`, {
      kind: 'meeting.notes',
      payload,
      ttlMs: NOTES_TTL_MS,
    });
    return;
  }
  ctx.mutate(() => {
    ctx.deps.repos.meetings.addCaptured({
      meetingId,
      personId: ctx.person.id,
      senderName: ctx.person.name,
      text,
      sentAt: ctx.now,
    });
    ctx.audit({
      subjectType: 'meeting',
      subjectId: meetingId,
      action: 'meeting.notes',
      data: { chars: text.length },
    });
    ctx.reply(ctx.m.meetings.capture.notesSaved([...text].length));
  });
};

/** Every plain message in a chat whose meeting is running is kept for the minutes (and left to others). */
export const captureText: TextHandler = (ctx) => {
  if (ctx.chat.kind !== 'group' || !ctx.body) return false;
  const text = ctx.msg.text.trim();
  if (!text) return false;
  const occ = ctx.deps.repos.meetings.capturing(ctx.chat.id);
  if (!occ) return false;
  ctx.mutate(() =>
    ctx.deps.repos.meetings.addCaptured({
      meetingId: occ.id,
      personId: ctx.person.id,
      senderName: ctx.person.name,
      text: [...text].slice(0, MAX_CAPTURED).join(''),
      sentAt: ctx.msg.receivedAt || ctx.now,
    }),
  );
  return false;
};
