/**
 * `/stars [年份]` (评星定级, C21): each unit's yearly score, its star level from the body's thresholds,
 * and the parts the score was made of (weighted rates, deductions, the secretary's adjustments). The
 * secretary or chair sets the thresholds (`标准`), the weights (`权重`) and records 加分 / 扣分 with a
 * reason; every change is audited.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import { tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { parseYmd } from '../../domain/dates.js';
import { SCORE_PARTS, type ScorePart } from '../../domain/metrics.js';
import { parsePeriod, yearPeriod } from '../../domain/periods.js';
import { localDate } from '../../domain/time.js';
import { resolveUnit } from '../resolve.js';
import { buildReport } from './collect.js';
import { starsText } from './render.js';
import { type StatsSettings, scoringOf, withStats } from './settings.js';

const THRESHOLDS = new Set(['标准', '分数线', 'thresholds']);
const WEIGHTS = new Set(['权重', 'weights']);
const BONUS = new Set(['加分', 'bonus']);
const PENALTY = new Set(['扣分', 'penalty']);

const WEIGHT_KEYS: Record<string, ScorePart> = {
  按期: 'onTime',
  按期办结: 'onTime',
  ontime: 'onTime',
  办结: 'closure',
  closure: 'closure',
  签收: 'ack',
  ack: 'ack',
  满意: 'satisfaction',
  满意度: 'satisfaction',
  satisfaction: 'satisfaction',
};

function save(
  ctx: Context,
  body: BodyRow,
  action: string,
  patch: (s: StatsSettings) => StatsSettings,
  data: unknown,
) {
  ctx.deps.repos.bodies.setSettings(body.id, withStats(body, patch), ctx.now);
  ctx.audit({ subjectType: 'body', subjectId: body.id, action, data });
}

function setThresholds(ctx: Context, body: BodyRow, words: string[]): void {
  ctx.authorize('items');
  const t = words.map(Number);
  const ok =
    t.length === 4 &&
    t.every((x, i) => Number.isFinite(x) && x > 0 && x <= 100 && (i === 0 || x < t[i - 1]!));
  if (!ok) throw new UserInputError((m) => m.stats.stars.badThresholds, 'stars');
  ctx.mutate(() => {
    save(ctx, body, 'stats.thresholds', (s) => ({ ...s, thresholds: t }), { thresholds: t });
    ctx.reply(ctx.m.stats.stars.thresholdsSet(t));
  });
}

function setWeights(ctx: Context, body: BodyRow, words: string[]): void {
  ctx.authorize('items');
  const weights: Partial<Record<ScorePart, number>> = {};
  for (const w of words) {
    const m = /^([^:：]+)[:：](\d{1,3})$/.exec(w);
    const part = m ? WEIGHT_KEYS[m[1]!.toLowerCase()] : undefined;
    if (!m || !part || Number(m[2]) > 100)
      throw new UserInputError((mm) => mm.stats.stars.badWeights, 'stars');
    weights[part] = Number(m[2]);
  }
  const merged = { ...scoringOf(body).weights, ...weights };
  if (!words.length || !SCORE_PARTS.some((p) => merged[p] > 0))
    throw new UserInputError((m) => m.stats.stars.badWeights, 'stars');
  ctx.mutate(() => {
    save(ctx, body, 'stats.weights', (s) => ({ ...s, weights: merged }), { weights: merged });
    ctx.reply(
      ctx.m.stats.stars.weightsSet(
        SCORE_PARTS.map((p) => `${ctx.m.stats.stars.partName[p]} ${merged[p]}`).join(ctx.m.sep),
      ),
    );
  });
}

function adjust(ctx: Context, body: BodyRow, sign: 1 | -1, verb: string, args: string): void {
  ctx.authorize('items');
  const [unitText = '', pointsText = '', ...reason] = tokenize(args);
  const points = Number(pointsText);
  if (!unitText || !Number.isFinite(points) || points < 0.5 || points > 20 || !reason.join('').trim())
    throw new UserInputError((m) => m.stats.stars.badAdjust, 'stars');
  const unit = resolveUnit(ctx, body, unitText, {
    retry: (name) => `/stars ${verb} ${name} ${pointsText} ${reason.join(' ')}`,
    usageOf: 'stars',
  });
  if (!unit) return;
  const year = parseYmd(localDate(ctx.now, body.timezone))!.y;
  const entry = {
    year,
    subjectKey: `unit:${unit.id}`,
    points: sign * points,
    reason: reason.join(' ').trim(),
    at: ctx.now,
  };
  ctx.mutate(() => {
    save(ctx, body, 'stats.adjust', (s) => ({ ...s, adjustments: [...(s.adjustments ?? []), entry] }), {
      ...entry,
      unit: unit.name,
    });
    ctx.reply(ctx.m.stats.stars.adjusted(unit.name, year, entry.points, entry.reason));
  });
}

export const starsCommand: CommandSpec = {
  name: 'stars',
  aliases: ['评星', '星级', '评星定级'],
  where: 'bound',
  usage: (m) => m.stats.starsUsage,
  handle(ctx) {
    const body = ctx.requireBody();
    const args = ctx.command.args.trim();
    const [first = '', ...rest] = args.split(/[\s\u3000]+/);
    const verb = first.toLowerCase();
    if (THRESHOLDS.has(verb)) return setThresholds(ctx, body, rest);
    if (WEIGHTS.has(verb)) return setWeights(ctx, body, rest);
    if (BONUS.has(verb) || PENALTY.has(verb))
      return adjust(ctx, body, BONUS.has(verb) ? 1 : -1, first, args.slice(first.length));
    const today = localDate(ctx.now, body.timezone);
    const period = args ? parsePeriod(args, today) : yearPeriod(parseYmd(today)!.y);
    if (period?.kind !== 'year') throw new UserInputError((m) => m.stats.badPeriod(args), 'stars');
    const report = buildReport(ctx.deps.repos, ctx.deps.calendar(), body, period, ctx.now);
    ctx.reply(starsText(ctx.m, report, scoringOf(body).thresholds));
  },
};
