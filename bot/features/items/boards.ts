/**
 * Boards (C17): `/tasks` (by unit: overdue, due soon, open, to verify, parked), `/tasks <unit>`,
 * `/task <code>` (details and history), `/mytasks` (a liaison's items across groups).
 * @module
 */
import type { ItemRow } from '../../../db/repos/items.js';
import type { Context } from '../../core/context.js';
import type { CommandSpec } from '../../core/router.js';
import { localDateTime } from '../../domain/time.js';
import { resolveUnit } from '../resolve.js';
import { liaisonButtons } from './notices.js';
import { describeItem, summarizeItem } from './summary.js';

type Group = 'overdue' | 'dueSoon' | 'open' | 'waiting' | 'parked';
const ORDER: Group[] = ['overdue', 'dueSoon', 'open', 'waiting', 'parked'];

function groupOf(item: ItemRow, today: string, soon: string): Group {
  if (item.status === 'reported_done') return 'waiting';
  if (item.status === 'parked') return 'parked';
  if (item.currentDueDate && today > item.currentDueDate) return 'overdue';
  if (item.currentDueDate && item.currentDueDate <= soon) return 'dueSoon';
  return 'open';
}

export const tasksCommand: CommandSpec = {
  name: 'tasks',
  aliases: ['看板', '事项列表'],
  where: 'bound',
  usage: (m) => m.items.board.usage,
  handle(ctx) {
    const body = ctx.requireBody();
    const { repos } = ctx.deps;
    const query = ctx.command.args.trim();
    const unit = query
      ? resolveUnit(ctx, body, query, { retry: (full) => `/tasks ${full}`, usageOf: 'tasks' })
      : undefined;
    if (query && !unit) return;
    const today = todayOf(ctx, body.timezone);
    const soon = ctx.deps.calendar().addWorkdays(today, 3);
    const items = repos.items.ofBody(body.id);
    const unitsOf = repos.items.unitsOfMany(items.map((i) => i.id));
    const byUnit = new Map<string, { group: Group; line: string }[]>();
    for (const item of items) {
      const rows = unitsOf.get(item.id) ?? [];
      const lead = rows.find((r) => r.role === 'lead');
      if (unit && !rows.some((r) => r.unitId === unit.id)) continue;
      const key = unit?.name ?? lead?.unitName ?? '';
      const entry = {
        group: groupOf(item, today, soon),
        line: describeItem(ctx.m, summarizeItem(repos, item, today, rows)),
      };
      byUnit.set(key, [...(byUnit.get(key) ?? []), entry]);
    }
    const count = [...byUnit.values()].reduce((n, l) => n + l.length, 0);
    if (count === 0) {
      ctx.reply(ctx.m.items.board.empty);
      return;
    }
    const lines = [ctx.m.items.board.title(unit?.name ?? body.name, count)];
    for (const [name, entries] of byUnit) {
      lines.push('', ctx.m.items.board.unit(name));
      for (const g of ORDER) {
        const inGroup = entries.filter((e) => e.group === g);
        if (inGroup.length)
          lines.push(`〔${ctx.m.items.board.groups[g]}〕`, ...inGroup.map((e) => `· ${e.line}`));
      }
    }
    ctx.reply(lines.join('\n'));
  },
};

const todayOf = (ctx: Context, tz: string) => localDateTime(ctx.now, tz).slice(0, 10);

/** `/task <code>`: what, who, by when, and everything that happened to it. */
export function showItem(ctx: Context, item: ItemRow): void {
  const { repos } = ctx.deps;
  const { m } = ctx;
  const body = repos.bodies.get(item.bodyId)!;
  const tz = body.timezone;
  const today = todayOf(ctx, tz);
  const s = summarizeItem(repos, item, today);
  const rows = repos.items.unitsOf(item.id);
  const L = m.items.board.labels;
  const lines = [
    m.items.board.detail(s.code, item.content),
    m.items.board.field(
      L.status!,
      `${m.items.status[item.status]}${s.overdue ? ` ${m.items.overdue}` : ''}${m.items.level[item.warningLevel] ? ` ${m.items.level[item.warningLevel]}` : ''}`,
    ),
  ];
  for (const r of rows) {
    const who = r.liaisonName ? m.items.record.liaison(r.liaisonName) : m.items.record.noLiaison;
    lines.push(
      m.items.board.field(
        r.role === 'lead' ? L.lead! : L.support!,
        `${r.unitName}（${who}，${m.items.board.ack[r.ackStatus]}）`,
      ),
    );
  }
  lines.push(m.items.board.field(L.due!, item.currentDueDate ?? m.items.noDue));
  if (item.originalDueDate && item.originalDueDate !== item.currentDueDate)
    lines.push(m.items.board.field(L.original!, item.originalDueDate));
  if (item.extensionCount) lines.push(m.items.board.field(L.extensions!, String(item.extensionCount)));
  if (item.reworkCount) lines.push(m.items.board.field(L.rework!, String(item.reworkCount)));
  lines.push(`${L.history!}：`);
  const names = new Map<number, string>();
  const nameOf = (id: number | null) => {
    if (!id) return '';
    if (!names.has(id)) names.set(id, repos.people.getPerson(id)?.name ?? '');
    return names.get(id)!;
  };
  for (const a of repos.audit.of('item', item.id)) {
    const data = a.data
      ? (JSON.parse(a.data) as { event?: { text?: string; proposedDate?: string }; onBehalf?: boolean })
      : {};
    const action = a.action.replace(/^item\./, '');
    const said = [data.event?.text, data.event?.proposedDate, a.reason].filter(Boolean).join('，');
    const what = `${m.items.board.actions[action] ?? action}${said ? `：${said}` : ''}${data.onBehalf ? m.items.board.onBehalf : ''}`;
    lines.push(
      m.items.board.historyLine(
        localDateTime(a.at, tz),
        a.actorPersonId ? nameOf(a.actorPersonId) : m.items.board.system,
        what,
      ),
    );
  }
  const mine = rows.some((r) => r.liaisonPersonId === ctx.person.id);
  ctx.reply({
    text: lines.join('\n'),
    buttons: mine && s.status !== 'closed' ? liaisonButtons(repos, m, s.code, ctx.now) : undefined,
  });
}

export const myTasksCommand: CommandSpec = {
  name: 'mytasks',
  aliases: ['我的事项'],
  usage: (m) => m.items.board.usage,
  handle(ctx) {
    const { repos } = ctx.deps;
    const items = repos.items.ofLiaison(ctx.person.id);
    if (!items.length) {
      ctx.reply(ctx.m.items.board.mineEmpty);
      return;
    }
    const lines = [ctx.m.items.board.mine(items.length)];
    for (const item of items) {
      const tz = repos.bodies.get(item.bodyId)?.timezone ?? ctx.deps.timezone;
      lines.push(`· ${describeItem(ctx.m, summarizeItem(repos, item, todayOf(ctx, tz)))}`);
    }
    ctx.reply(lines.join('\n'));
  },
};
