/**
 * The ticket engine: apply a lifecycle event (bot/domain/ticket-lifecycle.ts) to a ticket row, persist
 * it with its audit record, and keep the overdue step in line with the due time. Everything runs inside
 * the caller's transaction, so the change and the messages it causes commit together. Also the node's
 * time limits (settings.ticketLimits, inherited down the grid) and who may do what on a ticket.
 * @module
 */
import { type BodyRow, type ChatRow, settingsOf } from '../../../db/repos/bodies.js';
import type { Repos } from '../../../db/repos/index.js';
import type { Role } from '../../../db/repos/roles.js';
import type { TicketRow } from '../../../db/repos/tickets.js';
import type { AppDeps, Context } from '../../core/context.js';
import type { Messages } from '../../core/i18n/index.js';
import type { Outgoing, Platform } from '../../core/types.js';
import { addDays, zonedInstant } from '../../domain/dates.js';
import {
  type DueClock,
  type Limit,
  mergeLimits,
  type TicketEvent,
  type TicketLimits,
  type TicketRefusal,
  type TicketState,
  transitionTicket,
} from '../../domain/ticket-lifecycle.js';
import { localDate, localDateTime } from '../../domain/time.js';
import { enqueueDirect } from '../direct.js';
import { planBulletin } from '../stats/plan.js';

/** Who caused an event, for the audit trail. */
export interface TicketActor {
  personId?: number;
  /** `platform:userId`, or `system` for the scheduler. */
  actor: string;
  sourceMessage?: string;
  onBehalf?: boolean;
}

export const whoOf = (ctx: Context, onBehalf = false): TicketActor => ({
  personId: ctx.person.id,
  actor: `${ctx.msg.sender.platform}:${ctx.msg.sender.userId}`,
  sourceMessage: `${ctx.msg.chat.platform}:${ctx.msg.chat.chatId}:${ctx.msg.id}`,
  onBehalf,
});

export const SYSTEM: TicketActor = { actor: 'system' };

/** Step kind: a ticket's due time passed. */
export const OVERDUE_STEP = 'ticket.overdue';

export type ApplyTicketResult = { ok: true; ticket: TicketRow } | { ok: false; reason: TicketRefusal };

export function stateOf(t: TicketRow): TicketState {
  return {
    status: t.status,
    dueAt: t.dueAt,
    handlingUnitId: t.handlingUnitId,
    difficult: t.difficult,
    acceptedAt: t.acceptedAt,
    dispatchedAt: t.dispatchedAt,
    ackAt: t.ackAt,
    respondedAt: t.respondedAt,
    responseText: t.responseText,
    verifiedAt: t.verifiedAt,
    verifiedBy: t.verifiedBy,
    verifyNote: t.verifyNote,
    closedAt: t.closedAt,
    parkedReviewDate: t.parkedReviewDate,
    satisfaction: t.satisfaction,
    satisfactionReason: t.satisfactionReason,
    mergedIntoId: t.mergedIntoId,
    returnCount: t.returnCount,
    reworkCount: t.reworkCount,
    extensionCount: t.extensionCount,
  };
}

/**
 * Apply an event and persist it with its audit record (`ticket.<action>`), plus any extra columns the
 * caller sets with it (the node it moves to). Call inside a transaction.
 */
export function applyTicketEvent(
  deps: AppDeps,
  ticket: TicketRow,
  event: TicketEvent,
  who: TicketActor,
  now: number,
  opts: { action?: string; reason?: string | null; extra?: Partial<TicketRow>; data?: unknown } = {},
): ApplyTicketResult {
  const { repos } = deps;
  const result = transitionTicket(stateOf(ticket), event, now);
  if (!result.ok) return result;
  const updated = repos.tickets.update(ticket.id, { ...result.next, ...(opts.extra ?? {}) }, now);
  const reason =
    opts.reason ??
    ('reason' in event ? event.reason : 'text' in event ? event.text : 'note' in event ? event.note : null);
  repos.audit.record({
    at: now,
    actor: who.actor,
    actorPersonId: who.personId,
    bodyId: updated.currentNodeId,
    subjectType: 'ticket',
    subjectId: ticket.id,
    action: opts.action ?? `ticket.${event.type}`,
    fromState: result.from,
    toState: result.to,
    reason: reason ?? null,
    data: { event, onBehalf: who.onBehalf ?? false, ...(opts.data ? { more: opts.data } : {}) },
    sourceMessage: who.sourceMessage,
  });
  planOverdue(deps, updated, now);
  planBulletin(deps, updated.currentNodeId, now);
  return { ok: true, ticket: updated };
}

/** Keep exactly one pending overdue step, at the current due time of a running ticket. */
export function planOverdue(deps: AppDeps, t: TicketRow, now: number): void {
  const key = t.dueAt !== null ? `ticket:${t.id}:overdue:${t.dueAt}:${t.currentNodeId}` : '';
  const running =
    t.dueAt !== null && !['rejected', 'closed', 'parked', 'responded', 'verifying'].includes(t.status);
  deps.repos.steps.cancelPending('ticket', t.id, running ? [key] : []);
  if (!running) return;
  deps.repos.steps.plan(
    {
      kind: OVERDUE_STEP,
      subjectType: 'ticket',
      subjectId: t.id,
      fireAt: Math.max(t.dueAt! + 1, now),
      dedupeKey: key,
      payload: { dueAt: t.dueAt, nodeId: t.currentNodeId },
    },
    now,
  );
}

// === Time limits

interface GridSettings {
  ticketLimits?: Partial<TicketLimits>;
}

export const gridSettingsOf = (body: BodyRow): GridSettings & Record<string, unknown> => settingsOf(body);

/** The node's limits: defaults, then each ancestor's overrides from the root down, then its own. */
export function limitsOf(repos: Repos, node: BodyRow): TicketLimits {
  const chain = repos.bodies.ancestry(node.id).reverse();
  return mergeLimits(...chain.map((b) => gridSettingsOf(b).ticketLimits));
}

export function dueClockOf(deps: AppDeps, tz: string): DueClock {
  const calendar = deps.calendar();
  return {
    localDate: (ms) => localDate(ms, tz),
    endOfDay: (date) => zonedInstant(addDays(date, 1), '00:00', tz),
    addWorkdays: (date, n) => calendar.addWorkdays(date, n),
  };
}

export const formatLimit = (m: Messages, l: Limit): string =>
  'hours' in l ? m.grid.tree.hours(l.hours) : m.grid.tree.workdays(l.workdays);

/** A due instant as the reader sees it: a deadline at 24:00 reads as that day. */
export function dueText(m: Messages, dueAt: number | null, tz: string): string {
  if (dueAt === null) return m.grid.none;
  const at = localDateTime(dueAt, tz);
  if (at.endsWith(' 00:00')) return `${localDate(dueAt - 1, tz)} 24:00`;
  return at;
}

// === Who may do what

const rolesIn = (repos: Repos, bodyId: number | null | undefined, personId: number): Set<Role> =>
  new Set(bodyId ? repos.roles.rolesOf(bodyId, personId) : []);

/** Grid leader or secretary of the node holding the ticket, or secretary of its parent (§4.4). */
export function canDispatch(ctx: Context, t: TicketRow): boolean {
  if (ctx.actor.isAdmin) return true;
  const { repos } = ctx.deps;
  const node = repos.bodies.get(t.currentNodeId);
  const here = rolesIn(repos, t.currentNodeId, ctx.person.id);
  if (here.has('grid_leader') || here.has('secretary')) return true;
  return rolesIn(repos, node?.parentId, ctx.person.id).has('secretary');
}

/** A grid worker or leader of the grid it was reported in, or a dispatcher of where it is now. */
export function canVerify(ctx: Context, t: TicketRow): boolean {
  if (canDispatch(ctx, t)) return true;
  const roles = rolesIn(ctx.deps.repos, t.nodeId, ctx.person.id);
  return roles.has('grid_worker') || roles.has('grid_leader') || roles.has('secretary');
}

/** Bodies whose liaison registry may name the handling unit's liaison: the grid chain and their joint meetings. */
function liaisonBodies(repos: Repos, t: TicketRow): number[] {
  const ids = new Set<number>();
  for (const start of [t.currentNodeId, t.nodeId])
    for (const b of repos.bodies.ancestry(start)) {
      ids.add(b.id);
      if (b.jointBodyId) ids.add(b.jointBodyId);
    }
  return [...ids];
}

/** The liaison of the handling unit, looked up where it was dispatched from first. */
export function liaisonOf(repos: Repos, t: TicketRow): number | undefined {
  if (!t.handlingUnitId) return undefined;
  for (const b of liaisonBodies(repos, t)) {
    const l = repos.liaisons.main(b, t.handlingUnitId);
    if (l) return l.personId;
  }
  return undefined;
}

export function isHandlerLiaison(ctx: Context, t: TicketRow): boolean {
  if (!t.handlingUnitId) return false;
  const { repos } = ctx.deps;
  return liaisonBodies(repos, t).some((b) =>
    repos.liaisons.unitsOf(b, ctx.person.id).includes(t.handlingUnitId!),
  );
}

// === Messages

/** The group chats of a node. */
export const groupsOf = (repos: Repos, bodyId: number): ChatRow[] =>
  repos.bodies.chatsOf(bodyId).filter((c) => c.kind === 'group');

/** Post a message in every group of a node. */
export function postToNode(
  deps: AppDeps,
  bodyId: number,
  key: string,
  now: number,
  build: (m: Messages) => Outgoing,
  messagesFor: (lang: string | null | undefined) => Messages,
): void {
  for (const chat of groupsOf(deps.repos, bodyId)) {
    deps.repos.outbox.enqueue(
      { platform: chat.platform as Platform, chatId: chat.chatId, chatKind: 'group' },
      build(messagesFor(chat.language ?? deps.language)),
      { dedupeKey: `${key}:group:${chat.id}`, now },
    );
  }
}

/** A person, DM first with the node's group as the fallback. */
export function sendToPerson(
  deps: AppDeps,
  personId: number,
  bodyId: number,
  key: string,
  now: number,
  build: (m: Messages) => Outgoing,
  messagesFor: (lang: string | null | undefined) => Messages,
): boolean {
  const group = groupsOf(deps.repos, bodyId)[0];
  if (!group) return false;
  enqueueDirect(deps.repos, {
    personId,
    group,
    message: build(messagesFor(group.language ?? deps.language)),
    dedupeKey: key,
    now,
  });
  return true;
}

export const unitName = (repos: Repos, unitId: number | null): string =>
  (unitId && repos.units.get(unitId)?.name) || '';
