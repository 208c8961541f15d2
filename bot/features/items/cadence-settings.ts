/**
 * `/cadence` (C16, configurable per body): see and change when follow-ups go out — working hours, the
 * acknowledgement reminder and escalation, due soon, due today, the chase, the red listing and the
 * weekly digest. A change re-plans every open item of the body.
 * @module
 */
import { settingsOf } from '../../../db/repos/bodies.js';
import { tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { type CadenceConfig, type CadenceOverrides, resolveCadence } from '../../domain/cadence.js';
import { cadenceOf, replanItem } from './engine.js';

type Key = keyof CadenceConfig;
const WORKDAY_KEYS: Record<string, Key> = {
  签收: 'ackReminderWorkdays',
  升级: 'ackEscalationWorkdays',
  临期: 'dueSoonWorkdays',
  催办: 'overdueChaseWorkdays',
  通报: 'redWorkdays',
};
const TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;
const OFF = new Set(['关', 'off', '停']);

export const cadenceCommand: CommandSpec = {
  name: 'cadence',
  aliases: ['督办节奏'],
  action: 'items',
  where: 'bound',
  usage: (m) => m.items.cadence.usage,
  handle(ctx) {
    const body = ctx.requireBody();
    const tokens = tokenize(ctx.command.args);
    if (tokens.length === 0) return show(ctx, resolveCadence(cadenceOf(body)));
    ctx.authorize('items');
    const patch = parsePatch(tokens);
    const settings = { ...settingsOf(body), cadence: { ...cadenceOf(body), ...patch } };
    const resolved = resolveCadence(settings.cadence);
    ctx.mutate(() => {
      ctx.deps.repos.bodies.setSettings(body.id, settings, ctx.now);
      ctx.audit({ subjectType: 'body', subjectId: body.id, action: 'body.cadence', data: patch });
      const updated = ctx.deps.repos.bodies.get(body.id)!;
      for (const item of ctx.deps.repos.items.ofBody(updated.id)) replanItem(ctx.deps, item, ctx.now);
      show(ctx, resolved);
    });
  },
};

/** `临期 2`, `催办 关`, `今日 08:30`, `工作时间 08:30-17:00`, `周报 5 16:00`. */
function parsePatch(tokens: string[]): CadenceOverrides {
  const [word = '', a = '', b = ''] = tokens;
  const fail = (): never => {
    throw new UserInputError((m) => m.common.usage(m.items.cadence.usage));
  };
  const key = WORKDAY_KEYS[word];
  if (key) {
    if (OFF.has(a)) return { [key]: null } as CadenceOverrides;
    const n = Number(a);
    if (!Number.isInteger(n) || n < 1 || n > 60) fail();
    return { [key]: n } as CadenceOverrides;
  }
  if (word === '今日') {
    if (OFF.has(a)) return { dueTodayTime: null };
    if (!TIME.test(a)) fail();
    return { dueTodayTime: a.replace('：', ':') };
  }
  if (word === '工作时间') {
    const [start = '', end = ''] = a.split(/[-–~至]/);
    if (!TIME.test(start) || !TIME.test(end) || start.padStart(5, '0') >= end.padStart(5, '0')) fail();
    return { workStart: start.padStart(5, '0'), workEnd: end.padStart(5, '0') };
  }
  if (word === '周报') {
    const day = Number(a);
    if (!Number.isInteger(day) || day < 1 || day > 7 || (b && !TIME.test(b))) fail();
    return { digestWeekday: day, ...(b ? { digestTime: b.padStart(5, '0') } : {}) };
  }
  return fail();
}

function show(ctx: Context, c: CadenceConfig): void {
  const m = ctx.m.items.cadence;
  const wd = (n: number | null) => (n === null ? m.off : m.workdays(n));
  ctx.reply(
    [
      m.title,
      m.hours(c.workStart, c.workEnd),
      m.ack(wd(c.ackReminderWorkdays), wd(c.ackEscalationWorkdays)),
      m.dueSoon(wd(c.dueSoonWorkdays)),
      m.dueToday(c.dueTodayTime ?? m.off),
      m.chase(wd(c.overdueChaseWorkdays)),
      m.red(wd(c.redWorkdays)),
      m.digest(c.digestWeekday, c.digestTime),
      m.hint,
    ].join('\n'),
  );
}
