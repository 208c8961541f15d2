/**
 * The reminders of a sitting (J4, C6): the scheduler runs these step handlers inside its transaction;
 * each writes the self-contained card with 参会 / 请假 buttons to every group chat of the body, under a
 * dedupe key per step and chat. `/meeting remind` shows and changes a series' plan.
 * @module
 */

import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import { messagesFor } from '../../core/i18n/index.js';
import type { StepHandlerFactory } from '../../core/router.js';
import type { Platform } from '../../core/types.js';
import { parseCnNumber } from '../../domain/recurrence.js';
import { COMMAND_BUTTON_PREFIX } from '../buttons.js';
import {
  DAY,
  DEFAULT_PLAN,
  describePlan,
  MAX_OFFSET_DAYS,
  MAX_REMINDER_MINUTES,
  MIN_REMINDER_MINUTES,
  pickSeries,
  planOf,
  quoted,
  type ReminderKey,
  type ReminderPlan,
  zoneOf,
} from './common.js';
import { replanSeries } from './plan.js';
import { type CardKind, renderCard } from './render.js';

/** A reminder sent this long after its instant says it is late. */
const LATE_MS = 10 * 60_000;

const CARD_OF: Record<ReminderKey, CardKind> = {
  topicCall: 'topic_call',
  notice: 'notice',
  reminder: 'reminder',
};

/** The step handler that sends one kind of reminder for the sitting it is about. */
export function reminderStep(key: ReminderKey): StepHandlerFactory {
  return (deps) => (step, now) => {
    const { repos } = deps;
    const occ = repos.meetings.getOccurrence(step.subjectId);
    if (occ?.status !== 'planned') return;
    const payload = step.payload ? (JSON.parse(step.payload) as { at?: number }) : {};
    // Planned for another time (the sitting moved and this step escaped cancellation): not ours.
    if (payload.at !== undefined && payload.at !== occ.scheduledAt) return;
    const body = repos.bodies.get(occ.bodyId);
    if (!body) return;
    const tz = zoneOf(deps, body);
    // Topics proposed while nothing was scheduled join the next sitting.
    if (repos.meetings.nextPlanned(body.id, now - 1)?.id === occ.id)
      repos.meetings.moveLiveTopics(body.id, null, occ.id);
    const late = now - step.fireAt > LATE_MS;
    const minutesBefore = Math.max(1, Math.round((occ.scheduledAt - now) / 60_000));
    const ttl = Math.max(occ.scheduledAt - now, 0) + DAY;
    for (const chat of repos.bodies.chatsOf(body.id)) {
      if (chat.kind !== 'group') continue;
      const m = messagesFor(chat.language ?? deps.language);
      const text = renderCard(deps, m, occ, { kind: CARD_OF[key], tz, now, late, minutesBefore });
      // Everyone in the group answers the same card: `shared` asks the app to keep the buttons after a press.
      const button = (label: string, command: string) => ({
        id: COMMAND_BUTTON_PREFIX + repos.actions.createButton({ command, shared: true }, now, ttl),
        label,
      });
      repos.outbox.enqueue(
        { platform: chat.platform as Platform, chatId: chat.chatId, chatKind: 'group' },
        {
          text,
          notice: true,
          buttons: [
            [
              button(m.meetings.attendButton, `/meeting 参会 #${occ.id}`),
              button(m.meetings.leaveButton, `/meeting 请假 #${occ.id}`),
            ],
          ],
        },
        { dedupeKey: `${step.dedupeKey}:chat:${chat.id}`, now },
      );
    }
  };
}

// --- /meeting remind

const KEY_WORDS: Record<string, ReminderKey> = {
  议题征集: 'topicCall',
  征集: 'topicCall',
  议题: 'topicCall',
  topic: 'topicCall',
  topics: 'topicCall',
  topiccall: 'topicCall',
  通知: 'notice',
  会议通知: 'notice',
  notice: 'notice',
  提醒: 'reminder',
  会前提醒: 'reminder',
  reminder: 'reminder',
};
const OFF = /^(关|关闭|不发|不要|取消|off|no|none|无)$/i;
const RESET = /^(默认|恢复默认|default|reset)$/i;
const NUM = '(\\d{1,4}|[零〇一二两三四五六七八九十]{1,3})';

const num = (s: string): number | undefined => parseCnNumber(s);

/** `9:00`, `09:30`, `9点`, `9点半`, `下午3点`, `15点30分`. */
function parseClock(s: string): string | undefined {
  const m = new RegExp(`^(上午|早上|下午|晚上)?${NUM}(?:[:：](\\d{2})|点(半|${NUM}分?)?|时)$`).exec(s);
  if (!m) return undefined;
  let h = num(m[2]!);
  const min = m[3] ? Number(m[3]) : m[4] === '半' ? 30 : m[5] ? num(m[5]) : 0;
  if (h === undefined || min === undefined) return undefined;
  if ((m[1] === '下午' || m[1] === '晚上') && h < 12) h += 12;
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** `2天前 15:00`, `1天`, `3 days 9:00` → days and time; `30分钟`, `2小时前`, `半小时` → minutes. */
function parseOffset(key: ReminderKey, raw: string): ReminderPlan[ReminderKey] | 'bad' {
  const s = raw
    .replace(/\s+/g, '')
    .replace(/^(提前|会前)/, '')
    .toLowerCase();
  if (key === 'reminder') {
    let m = new RegExp(`^${NUM}(分钟|分|min|mins|minutes?)前?$`).exec(s);
    let minutes: number | undefined;
    if (m) minutes = num(m[1]!);
    m = new RegExp(`^${NUM}(个)?(小时|h|hours?)前?$`).exec(s);
    if (m) minutes = (num(m[1]!) ?? Number.NaN) * 60;
    if (s === '半小时' || s === '半小时前') minutes = 30;
    if (minutes === undefined || !(minutes >= MIN_REMINDER_MINUTES && minutes <= MAX_REMINDER_MINUTES))
      return 'bad';
    return { minutes };
  }
  const m = new RegExp(`^${NUM}(天|日|days?)前?(.*)$`).exec(s);
  if (!m) return 'bad';
  const days = num(m[1]!);
  const time = m[3] ? parseClock(m[3]) : (DEFAULT_PLAN[key]?.time ?? '09:00');
  if (days === undefined || days < 1 || days > MAX_OFFSET_DAYS || !time) return 'bad';
  return { days, time };
}

/** `/meeting remind [#id] [议题征集|通知|提醒 <offset>|关] | [默认]`. */
export function remindCommand(ctx: Context, tokens: string[]): void {
  const picked = pickSeries(ctx, tokens, (id) => `/meeting remind #${id} ${tokens.join(' ')}`.trim());
  if (!picked) return;
  const { series, rest } = picked;
  const t = ctx.m.meetings;
  const plan = planOf(series);
  if (!rest.length) {
    ctx.reply(t.plan.show(series.name, describePlan(ctx.m, plan)));
    return;
  }
  ctx.authorize('meetings');
  let next: ReminderPlan | null;
  if (RESET.test(rest[0]!)) next = null;
  else {
    const key = KEY_WORDS[rest[0]!.toLowerCase()];
    if (!key) throw new UserInputError((m) => m.meetings.plan.unknownKind(quoted(rest[0]!)), 'meeting');
    const value = rest.slice(1).join(' ');
    if (!value) throw new UserInputError((m) => m.meetings.plan.needValue, 'meeting');
    const parsed = OFF.test(value.trim()) ? null : parseOffset(key, value);
    if (parsed === 'bad')
      throw new UserInputError(
        (m) =>
          key === 'reminder'
            ? m.meetings.plan.badMinutes(quoted(value))
            : m.meetings.plan.badDays(quoted(value)),
        'meeting',
      );
    next = { ...plan, [key]: parsed };
  }
  const { repos } = ctx.deps;
  ctx.mutate(() => {
    repos.meetings.updateSeries(series.id, { reminderPlan: next ? JSON.stringify(next) : null }, ctx.now);
    const updated = repos.meetings.getSeries(series.id)!;
    replanSeries(ctx.deps, updated, ctx.now);
    ctx.audit({
      subjectType: 'meeting_series',
      subjectId: series.id,
      action: 'meeting.series.reminders',
      data: { from: plan, to: planOf(updated) },
    });
    ctx.reply(t.plan.changed(series.name, describePlan(ctx.m, planOf(updated))));
  });
}
