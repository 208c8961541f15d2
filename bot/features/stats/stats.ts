/**
 * `/stats [期间]` (C20): each unit's rates over a period (default: this month), ranked by score, with
 * a bar per unit that reads on a phone, and the 红黑榜. Anyone in the body's chat may look: the figures
 * are what the bulletin publishes anyway.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { type Period, parsePeriod } from '../../domain/periods.js';
import { localDate } from '../../domain/time.js';
import { buildReport } from './collect.js';
import { statsText } from './render.js';

/** The period named in `text`, or `fallback` when it names none; a friendly error for nonsense. */
export function periodArg(
  ctx: Context,
  body: BodyRow,
  text: string,
  fallback: (today: string) => Period,
  usageOf: string,
): Period {
  const today = localDate(ctx.now, body.timezone);
  if (!text.trim()) return fallback(today);
  const period = parsePeriod(text, today);
  if (!period) throw new UserInputError((m) => m.stats.badPeriod(text.trim()), usageOf);
  return period;
}

export const statsCommand: CommandSpec = {
  name: 'stats',
  aliases: ['统计', '考评', '排名'],
  where: 'bound',
  usage: (m) => m.stats.usage,
  handle(ctx) {
    const body = ctx.requireBody();
    const period = periodArg(ctx, body, ctx.command.args, (today) => parsePeriod('本月', today)!, 'stats');
    ctx.reply(statsText(ctx.m, buildReport(ctx.deps.repos, ctx.deps.calendar(), body, period, ctx.now)));
  },
};
