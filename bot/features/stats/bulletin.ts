/**
 * The monthly bulletin (通报, C20): `/bulletin [期间] [docx|xlsx]` on request, and posted to the body's
 * group by the scheduler on the configured day for the month before. `/bulletin 设置 每月5日 09:00`,
 * `开启`, `关闭` change when (secretary or chair). The .docx renderer (and with it `docx`) is imported
 * when a bulletin is first asked for as a document, not when the bot starts.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { AppDeps, Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec, StepHandler } from '../../core/router.js';
import { previousMonth } from '../../domain/periods.js';
import { localDate } from '../../domain/time.js';
import { renderStatsXlsx } from '../../render/stats-xlsx.js';
import { deliver } from '../items/notices.js';
import { buildReport } from './collect.js';
import { BULLETIN_STEP, bulletinKey, planBulletin } from './plan.js';
import { bulletinDoc, bulletinText, periodLabel } from './render.js';
import { type BulletinSettings, bulletinOf, withStats } from './settings.js';
import { periodArg } from './stats.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORMATS: Record<string, 'docx' | 'xlsx'> = {
  docx: 'docx',
  word: 'docx',
  文档: 'docx',
  文件: 'docx',
  xlsx: 'xlsx',
  excel: 'xlsx',
  表格: 'xlsx',
  统计表: 'xlsx',
};
const SET = new Set(['设置', 'set']);
const ON = new Set(['开启', '打开', 'on']);
const OFF = new Set(['关闭', '停止', 'off']);

/** `每月5日 09:00`, `5号 9:30`, `5 09:00`: the day (1–28) and time; undefined when either is unclear. */
export function parseBulletinTime(text: string): Pick<BulletinSettings, 'day' | 'time'> | undefined {
  const t = text.replace(/每月|每个月|monthly|day/gi, ' ').trim();
  const time = /(\d{1,2})[:：](\d{2})/.exec(t);
  const rest = time ? t.replace(time[0], ' ') : t;
  const day = /^\s*(\d{1,2})\s*(?:日|号)?\s*$/.exec(rest);
  if (!day) return undefined;
  const d = Number(day[1]);
  const [h, mi] = time ? [Number(time[1]), Number(time[2])] : [9, 0];
  if (d < 1 || d > 28 || h > 23 || mi > 59) return undefined;
  return { day: d, time: `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}` };
}

function changeSettings(ctx: Context, body: BodyRow, patch: Partial<BulletinSettings>): void {
  ctx.authorize('items');
  const before = bulletinOf(body);
  const after = { ...before, ...patch };
  ctx.mutate(() => {
    ctx.deps.repos.bodies.setSettings(
      body.id,
      withStats(body, (s) => ({ ...s, bulletin: after })),
      ctx.now,
    );
    ctx.audit({
      subjectType: 'body',
      subjectId: body.id,
      action: 'stats.bulletin',
      fromState: JSON.stringify(before),
      toState: JSON.stringify(after),
    });
    planBulletin(ctx.deps, body.id, ctx.now);
    ctx.reply(ctx.m.stats.bulletin.settings(after.enabled, after.day, after.time));
  });
}

export const bulletinCommand: CommandSpec = {
  name: 'bulletin',
  aliases: ['通报'],
  where: 'bound',
  usage: (m) => m.stats.bulletinUsage,
  async handle(ctx) {
    const body = ctx.requireBody();
    const words = ctx.command.args
      .trim()
      .split(/[\s\u3000]+/)
      .filter(Boolean);
    const first = words[0]?.toLowerCase() ?? '';
    if (SET.has(first)) {
      const when = parseBulletinTime(words.slice(1).join(' '));
      if (!when) throw new UserInputError((m) => m.stats.bulletin.badSettings, 'bulletin');
      return changeSettings(ctx, body, when);
    }
    if (ON.has(first) || OFF.has(first)) {
      if (words.length > 1) throw new UserInputError((m) => m.common.usage(m.stats.bulletinUsage));
      return changeSettings(ctx, body, { enabled: ON.has(first) });
    }
    const format = FORMATS[words.at(-1)?.toLowerCase() ?? ''];
    const periodText = (format ? words.slice(0, -1) : words).join(' ');
    const period = periodArg(ctx, body, periodText, previousMonth, 'bulletin');
    const report = buildReport(ctx.deps.repos, ctx.deps.calendar(), body, period, ctx.now);
    const label = periodLabel(ctx.m, period);
    const stamp = localDate(ctx.now, body.timezone);
    if (format === 'docx') {
      const { renderBulletinDocx } = await import('../../render/bulletin-docx.js');
      const data = await renderBulletinDocx(bulletinDoc(ctx.m, report));
      ctx.reply({
        text: ctx.m.stats.bulletin.docReady(label),
        file: {
          name: `${body.name}${label}督办通报-${stamp}.docx`,
          mime: DOCX,
          base64: data.toString('base64'),
        },
      });
    } else if (format === 'xlsx') {
      const data = await renderStatsXlsx(ctx.m, report);
      ctx.reply({
        text: ctx.m.stats.bulletin.xlsxReady(label),
        file: {
          name: `${body.name}${label}督办统计-${stamp}.xlsx`,
          mime: XLSX,
          base64: data.toString('base64'),
        },
      });
    } else {
      ctx.reply(bulletinText(bulletinDoc(ctx.m, report)));
    }
  },
};

/** The scheduled bulletin: the month before, to the body's group; then the next month is planned. */
export const bulletinStep =
  (deps: AppDeps): StepHandler =>
  (step, now) => {
    const body = deps.repos.bodies.get(step.subjectId);
    if (!body) return;
    const settings = bulletinOf(body);
    const { month } = JSON.parse(step.payload ?? '{}') as { month?: string };
    // Superseded by a change of settings (or switched off): the new plan speaks instead.
    if (!settings.enabled || !month || step.dedupeKey !== bulletinKey(body.id, month, settings)) return;
    const period = previousMonth(`${month}-01`);
    const report = buildReport(deps.repos, deps.calendar(), body, period, now);
    if (report.subjects.length) {
      deliver(deps, { body, to: 'group', key: `step:${step.id}`, now }, (m) => ({
        notice: true,
        text: `${m.stats.bulletin.posted(periodLabel(m, period))}\n\n${bulletinText(bulletinDoc(m, report))}`,
      }));
    } else {
      deps.logger.info({ body: body.id, month }, 'monthly bulletin skipped: nothing to report');
    }
    planBulletin(deps, body.id, now + 60_000);
  };

export const statsStepHandlers: [string, (deps: AppDeps) => StepHandler][] = [[BULLETIN_STEP, bulletinStep]];
