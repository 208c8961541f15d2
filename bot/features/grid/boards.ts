/**
 * What people read: `/grid` (the tree around this node, its time limits, its joint meeting), `/tickets`
 * (the node's board by status) and `/ticket <code>` (one ticket with its history).
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { TicketRow } from '../../../db/repos/tickets.js';
import { parseArgs, tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import type { GridLevel } from '../../domain/grid-levels.js';
import { type GridNode, renderTree } from '../../domain/grid-tree.js';
import {
  isOpenTicket,
  isOverdue,
  type Limit,
  parseLimit,
  type TicketLimits,
} from '../../domain/ticket-lifecycle.js';
import { localDateTime } from '../../domain/time.js';
import { dueText, formatLimit, gridSettingsOf, limitsOf } from './engine.js';
import { triedLines } from './escalation.js';

const requireNode = (ctx: Context): BodyRow => {
  const node = ctx.requireBody();
  if (node.kind !== 'grid') throw new UserInputError((m) => m.grid.tree.notGrid);
  return node;
};

export const gridCommand: CommandSpec = {
  name: 'grid',
  aliases: ['网格'],
  where: 'bound',
  usage: (m) => m.grid.tree.usage,
  handle(ctx) {
    const node = requireNode(ctx);
    const [sub = '', ...rest] = tokenize(ctx.command.args);
    if (!sub) return showTree(ctx, node);
    if (sub === '时限' || sub === 'limits')
      return rest.length ? setLimits(ctx, node, rest.join(' ')) : showLimits(ctx, node);
    if (sub === '联席' || sub === 'joint') return linkJoint(ctx, node, rest.join(' ').trim());
    throw new UserInputError((m) => m.common.usage(m.grid.tree.usage));
  },
};

function showTree(ctx: Context, node: BodyRow): void {
  const { repos } = ctx.deps;
  const { m } = ctx;
  const nodes: GridNode[] = repos.tickets.gridNodes().map((b) => {
    const holders = repos.roles.holders(b.id);
    return {
      id: b.id,
      name: b.name,
      level: b.gridLevel as GridLevel,
      parentId: b.parentId,
      chats: repos.bodies.chatsOf(b.id).filter((c) => c.kind === 'group').length,
      leaders: holders.filter((h) => h.role === 'grid_leader').map((h) => h.name),
      workers: holders.filter((h) => h.role === 'grid_worker').map((h) => h.name),
    };
  });
  const lines = renderTree(nodes, node.id, {
    level: m.names.level,
    here: m.grid.tree.here,
    detail: (n) =>
      [
        n.leaders.length ? m.grid.tree.leaders(n.leaders.join(m.sep)) : '',
        n.workers.length ? m.grid.tree.workers(n.workers.join(m.sep)) : '',
        n.chats ? m.grid.tree.chats(n.chats) : '',
      ]
        .filter(Boolean)
        .join(' · '),
  });
  ctx.reply([m.grid.tree.title(node.name), ...lines].join('\n'));
}

function showLimits(ctx: Context, node: BodyRow): void {
  const { m } = ctx;
  const limits = limitsOf(ctx.deps.repos, node);
  ctx.reply(
    [
      m.grid.tree.limitsTitle(node.name),
      ...(['emergency', 'urgent', 'normal'] as const).map((u) =>
        m.grid.tree.limitLine(m.grid.urgency[u], formatLimit(m, limits.urgency[u])),
      ),
      ...Object.entries(limits.categories).map(([c, l]) => m.grid.tree.limitLine(c, formatLimit(m, l))),
      m.grid.tree.limitLine(m.grid.tree.escalationLimit, formatLimit(m, limits.escalation)),
    ].join('\n'),
  );
}

const URGENCY_KEYS: Record<string, 'normal' | 'urgent' | 'emergency'> = {
  一般: 'normal',
  normal: 'normal',
  紧急: 'urgent',
  urgent: 'urgent',
  特急: 'emergency',
  emergency: 'emergency',
};

/** `/grid 时限 紧急:12小时 投诉:13个工作日 上报:2个工作日` — the node's own overrides (secretary). */
function setLimits(ctx: Context, node: BodyRow, text: string): void {
  ctx.authorize('setup');
  const own: Partial<TicketLimits> = { ...(gridSettingsOf(node).ticketLimits ?? {}) };
  const urgency = { ...(own.urgency ?? {}) } as Record<string, Limit>;
  const categories = { ...(own.categories ?? {}) };
  let escalation = own.escalation;
  for (const token of tokenize(text)) {
    const mm = /^([^:：]+)[:：](.+)$/.exec(token);
    const limit = mm ? parseLimit(mm[2]!) : undefined;
    if (!mm || !limit) throw new UserInputError((m) => m.grid.tree.badLimit(token), 'grid');
    const key = mm[1]!.trim();
    if (URGENCY_KEYS[key]) urgency[URGENCY_KEYS[key]] = limit;
    else if (key === '上报' || key === 'escalation') escalation = limit;
    else if ([...key].length <= 20) categories[key] = limit;
    else throw new UserInputError((m) => m.grid.tree.badLimit(token), 'grid');
  }
  const next: Partial<TicketLimits> = {
    urgency: urgency as TicketLimits['urgency'],
    categories,
    ...(escalation ? { escalation } : {}),
  };
  ctx.mutate(() => {
    const settings = { ...gridSettingsOf(node), ticketLimits: next };
    ctx.deps.repos.bodies.setSettings(node.id, settings, ctx.now);
    ctx.audit({
      subjectType: 'body',
      subjectId: node.id,
      action: 'grid.limits',
      fromState: JSON.stringify(gridSettingsOf(node).ticketLimits ?? {}),
      toState: JSON.stringify(next),
    });
    ctx.reply(ctx.m.grid.tree.limitsSaved(node.name));
  });
}

function linkJoint(ctx: Context, node: BodyRow, name: string): void {
  ctx.authorize('setup');
  if (!name) throw new UserInputError((m) => m.common.usage(m.grid.tree.usage));
  const joint = ctx.deps.repos.bodies.findByName('joint_meeting', name);
  if (!joint) throw new UserInputError((m) => m.grid.tree.jointNotFound(name), 'grid');
  ctx.mutate(() => {
    ctx.deps.repos.bodies.setJointBody(node.id, joint.id, ctx.now);
    ctx.audit({
      subjectType: 'body',
      subjectId: node.id,
      action: 'grid.joint',
      fromState: String(node.jointBodyId ?? ''),
      toState: String(joint.id),
    });
    ctx.reply(ctx.m.grid.tree.jointLinked(node.name, joint.name));
  });
}

// === Tickets

const FILTERS: Record<string, 'open' | 'all' | 'reported' | 'overdue' | 'closed'> = {
  全部: 'all',
  all: 'all',
  待受理: 'reported',
  reported: 'reported',
  办理中: 'open',
  未结案: 'open',
  open: 'open',
  超期: 'overdue',
  overdue: 'overdue',
  已结案: 'closed',
  closed: 'closed',
};

export const ticketsCommand: CommandSpec = {
  name: 'tickets',
  aliases: ['工单看板'],
  where: 'bound',
  usage: (m) => m.grid.board.usage,
  handle(ctx) {
    const node = requireNode(ctx);
    const { positional } = parseArgs(ctx.command.args, {});
    const word = positional[0];
    const filter = word === undefined ? 'open' : FILTERS[word.toLowerCase()];
    if (!filter || positional.length > 1) throw new UserInputError((m) => m.common.usage(m.grid.board.usage));
    const { repos } = ctx.deps;
    const { m } = ctx;
    const all = repos.tickets.atNode(node.id);
    const shown = all.filter((t) =>
      filter === 'all'
        ? true
        : filter === 'open'
          ? isOpenTicket(t.status)
          : filter === 'overdue'
            ? isOverdue(t, ctx.now)
            : t.status === filter,
    );
    const open = all.filter((t) => isOpenTicket(t.status));
    ctx.reply(
      [
        m.grid.board.title(node.name, m.grid.board.filters[filter] ?? filter),
        m.grid.board.counts(
          open.length,
          open.filter((t) => isOverdue(t, ctx.now)).length,
          repos.tickets.openEscalationsTo(node.id).length,
        ),
        ...(shown.length ? shown.map((t) => boardLine(ctx, t, node)) : [m.grid.board.empty]),
      ].join('\n'),
    );
  },
};

function boardLine(ctx: Context, t: TicketRow, node: BodyRow): string {
  const { m } = ctx;
  const flags = [isOverdue(t, ctx.now) ? m.grid.overdue : '', t.difficult ? m.grid.difficult : '']
    .filter(Boolean)
    .map((f) => ` ${f}`)
    .join('');
  return m.grid.board.line(
    t.code,
    t.description,
    m.grid.status[t.status],
    dueText(m, t.dueAt, node.timezone),
    flags,
  );
}

/** One ticket: where it is, its times and counts, its callback, and its history. */
export function showTicket(ctx: Context, t: TicketRow): void {
  const { repos } = ctx.deps;
  const { m } = ctx;
  const d = m.grid.board.detail;
  const origin = repos.bodies.get(t.nodeId)!;
  const current = repos.bodies.get(t.currentNodeId)!;
  const tz = current.timezone;
  const item = t.itemId ? repos.items.get(t.itemId) : undefined;
  const lines = [
    d.title(t.code, t.description),
    d.status(
      m.grid.status[t.status] +
        (isOverdue(t, ctx.now) ? ` ${m.grid.overdue}` : '') +
        (t.difficult ? ` ${m.grid.difficult}` : ''),
    ),
    d.node(origin.name, current.name),
    d.meta(t.category ?? m.grid.none, m.grid.urgency[t.urgency], t.location ?? m.grid.none),
    d.reporter(
      (t.reporterPersonId && repos.people.getPerson(t.reporterPersonId)?.name) || m.grid.none,
      localDateTime(t.reportedAt, tz),
    ),
    d.due(dueText(m, t.dueAt, tz)),
    ...(t.handlingUnitId ? [d.unit(repos.units.get(t.handlingUnitId)?.name ?? '')] : []),
    ...(item?.code ? [d.item(item.code)] : []),
    d.counts(t.returnCount, t.extensionCount, t.reworkCount),
    ...(t.satisfaction
      ? [d.satisfaction(m.grid.satisfaction[t.satisfaction], t.satisfactionReason ?? '')]
      : []),
    d.history,
    triedLines(ctx.deps, m, t, tz),
  ];
  ctx.reply(lines.join('\n'));
}
