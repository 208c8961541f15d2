/**
 * Escalation up the grid (C24): an overdue ticket, or one marked 疑难, moves to the parent node — and
 * only there — with a summary card in the parent's groups (what, where, since when, who tried what) and
 * the parent's choices: take it, dispatch it to a co-building unit, or send it back with guidance. An
 * upper node that does not act within its limit passes it one level higher. Also the daily 汇总上报
 * digest of each node: what it holds open and what was escalated to it.
 * @module
 */
import type { TicketRow } from '../../../db/repos/tickets.js';
import type { AppDeps } from '../../core/context.js';
import { type Messages, messagesFor } from '../../core/i18n/index.js';
import type { StepHandler } from '../../core/router.js';
import { addDays, zonedInstant } from '../../domain/dates.js';
import { isOpenTicket, isOverdue, limitEnd } from '../../domain/ticket-lifecycle.js';
import { localDate, localDateTime } from '../../domain/time.js';
import { commandButtons } from '../buttons.js';
import {
  applyTicketEvent,
  dueClockOf,
  dueText,
  limitsOf,
  OVERDUE_STEP,
  postToNode,
  SYSTEM,
  type TicketActor,
} from './engine.js';

export const DIGEST_STEP = 'grid.daily_digest';
const DIGEST_TIME = '17:00';

export type EscalateResult =
  | { ok: true; ticket: TicketRow; to: string }
  | { ok: false; why: 'top' | 'status' };

/** What was tried so far, from the ticket's audit trail. */
export function triedLines(deps: AppDeps, m: Messages, t: TicketRow, tz: string): string {
  const rows = deps.repos.audit.of('ticket', t.id);
  if (!rows.length) return m.grid.escalate.triedNone;
  return rows
    .map((r) =>
      m.grid.historyLine(
        localDateTime(r.at, tz),
        r.actorPersonId ? (deps.repos.people.getPerson(r.actorPersonId)?.name ?? '') : m.grid.system,
        m.grid.actions[r.action] ?? r.action,
        r.reason ?? '',
      ),
    )
    .join('\n');
}

/**
 * Move a ticket to its current node's parent and post the summary card there. Call inside a transaction.
 * `why`: overdue (the scheduler) or difficult (疑难, by a person).
 */
export function escalateTicket(
  deps: AppDeps,
  ticket: TicketRow,
  why: 'overdue' | 'difficult',
  who: TicketActor,
  now: number,
  note?: string,
): EscalateResult {
  const { repos } = deps;
  const from = repos.bodies.get(ticket.currentNodeId)!;
  const parent = from.parentId ? repos.bodies.get(from.parentId) : undefined;
  if (!parent) return { ok: false, why: 'top' };
  const limits = limitsOf(repos, parent);
  const dueAt = limitEnd(limits.escalation, now, dueClockOf(deps, parent.timezone));
  const zh = messagesFor(deps.language);
  const result = applyTicketEvent(
    deps,
    ticket,
    { type: 'escalate', difficult: why === 'difficult' },
    who,
    now,
    {
      action: 'ticket.escalate',
      reason: note || zh.grid.escalate.reason[why],
      extra: { currentNodeId: parent.id, dueAt },
      data: { from: from.id, to: parent.id, why, previousDueAt: ticket.dueAt },
    },
  );
  if (!result.ok) return { ok: false, why: 'status' };
  // The level below is done deciding: it passed the ticket up.
  const waiting = repos.tickets.openEscalation(ticket.id, from.id);
  if (waiting)
    repos.tickets.decideEscalation(waiting.id, { status: 'resolved', now, note: `→ ${parent.name}` });
  const card = (m: Messages) =>
    m.grid.escalate.card(
      ticket.code,
      ticket.description,
      ticket.location ?? m.grid.none,
      from.name,
      localDateTime(ticket.reportedAt, from.timezone),
      (note ? `${m.grid.escalate.reason[why]}：${note}` : m.grid.escalate.reason[why]) ?? why,
      triedLines(deps, m, ticket, from.timezone),
    );
  repos.tickets.escalate({
    ticketId: ticket.id,
    fromBodyId: from.id,
    toBodyId: parent.id,
    reason: why,
    summary: card(zh),
    now,
  });
  const key = `ticket:${ticket.id}:escalate:${parent.id}:${now}`;
  postToNode(
    deps,
    parent.id,
    key,
    now,
    (m) => ({
      text: `${card(m)}\n${m.grid.board.detail.due(dueText(m, dueAt, parent.timezone))}`,
      notice: true,
      buttons: commandButtons(
        repos,
        now,
        [
          { label: m.grid.escalate.take, command: `/ticket ${ticket.code} 接办`, shared: true },
          { label: m.grid.escalate.dispatch, command: `/ticket ${ticket.code} 派单`, shared: true },
          { label: m.grid.escalate.sendBack, command: `/ticket ${ticket.code} 退回`, shared: true },
        ],
        3,
      ),
    }),
    messagesFor,
  );
  postToNode(
    deps,
    from.id,
    `${key}:from`,
    now,
    (m) => ({ text: m.grid.escalate.sent(ticket.code, parent.name) }),
    messagesFor,
  );
  planDigest(deps, parent.id, now);
  return { ok: true, ticket: result.ticket, to: parent.name };
}

/** The overdue step: escalate a ticket whose due time passed at the node that still holds it. */
const overdueStep =
  (deps: AppDeps): StepHandler =>
  (step, now) => {
    const { repos } = deps;
    const t = repos.tickets.get(step.subjectId);
    const payload = JSON.parse(step.payload ?? '{}') as { dueAt?: number; nodeId?: number };
    // The plan is re-made on every change; a step for a ticket that moved on has nothing to do.
    if (!t || t.dueAt !== payload.dueAt || t.currentNodeId !== payload.nodeId || !isOverdue(t, now)) return;
    const result = escalateTicket(deps, t, 'overdue', SYSTEM, now);
    if (!result.ok && result.why === 'top') {
      repos.audit.record({
        at: now,
        actor: 'system',
        bodyId: t.currentNodeId,
        subjectType: 'ticket',
        subjectId: t.id,
        action: 'ticket.overdue_top',
      });
      postToNode(
        deps,
        t.currentNodeId,
        `step:${step.id}`,
        now,
        (m) => ({ text: m.grid.escalate.top(t.code), notice: true }),
        messagesFor,
      );
    }
  };

/** Plan the node's next daily digest: 17:00 local on the next working day that has not passed. */
export function planDigest(deps: AppDeps, nodeId: number, now: number): void {
  const node = deps.repos.bodies.get(nodeId);
  if (!node) return;
  const today = localDate(now, node.timezone);
  const calendar = deps.calendar();
  for (let i = 0; i < 15; i++) {
    const day = addDays(today, i);
    const at = zonedInstant(day, DIGEST_TIME, node.timezone);
    if (at <= now || !calendar.isWorkday(day)) continue;
    deps.repos.steps.plan(
      {
        kind: DIGEST_STEP,
        subjectType: 'body',
        subjectId: nodeId,
        fireAt: at,
        dedupeKey: `grid:digest:${nodeId}:${day}`,
      },
      now,
    );
    return;
  }
}

const digestStep =
  (deps: AppDeps): StepHandler =>
  (step, now) => {
    const { repos } = deps;
    const node = repos.bodies.get(step.subjectId);
    if (!node) return;
    const open = repos.tickets.atNode(node.id).filter((t) => isOpenTicket(t.status));
    const escalated = repos.tickets.openEscalationsTo(node.id);
    if (!open.length && !escalated.length) return;
    const date = localDate(now, node.timezone);
    postToNode(
      deps,
      node.id,
      `step:${step.id}`,
      now,
      (m) => ({
        notice: true,
        text: [
          m.grid.board.digestTitle(node.name, date),
          m.grid.board.counts(open.length, open.filter((t) => isOverdue(t, now)).length, escalated.length),
          ...open.map((t) =>
            m.grid.board.line(
              t.code,
              t.description,
              m.grid.status[t.status],
              dueText(m, t.dueAt, node.timezone),
              isOverdue(t, now) ? ` ${m.grid.overdue}` : '',
            ),
          ),
          ...escalated.map((e) => {
            const t = repos.tickets.get(e.subjectId);
            return m.grid.board.escalatedLine(
              t?.code ?? '',
              t?.description ?? '',
              repos.bodies.get(e.fromBodyId)?.name ?? '',
            );
          }),
        ].join('\n'),
      }),
      messagesFor,
    );
    planDigest(deps, node.id, now + 60_000);
  };

export const gridStepHandlers: [string, (deps: AppDeps) => StepHandler][] = [
  [OVERDUE_STEP, overdueStep],
  [DIGEST_STEP, digestStep],
];
