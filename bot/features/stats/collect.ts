/**
 * From the database to the facts `computeMetrics` counts: a body's items (attributed to their lead
 * unit) and the tickets of its grid subtree (attributed to the handling unit, or to the grid node that
 * handles them itself), with the history the rows alone forget — deadlines moved by approved
 * extensions and audited edits, returns (非本单位职责 / 退单), re-dispatches and callbacks — read from
 * the extension requests and the audit trail.
 * @module
 */
import type { AuditRow } from '../../../db/repos/audit.js';
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { Repos } from '../../../db/repos/index.js';
import type { ItemRow } from '../../../db/repos/items.js';
import type { TicketRow } from '../../../db/repos/tickets.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import { addDays, zonedInstant } from '../../domain/dates.js';
import {
  type CallbackFact,
  type CaseFact,
  computeMetrics,
  type DispatchFact,
  type DueChange,
  type MetricsReport,
  type Satisfaction,
  type Subject,
} from '../../domain/metrics.js';
import type { Period } from '../../domain/periods.js';
import { localDate } from '../../domain/time.js';
import { ackWorkdaysOf, adjustmentsOf, scoringOf } from './settings.js';

export interface Facts {
  cases: CaseFact[];
  dispatches: DispatchFact[];
  callbacks: CallbackFact[];
}

/** The instant a deadline given as a local date ends (24:00 of that day). */
export const endOfDay = (date: string, tz: string): number => zonedInstant(addDays(date, 1), '00:00', tz);

const unitSubject = (id: number, name: string): Subject => ({ key: `unit:${id}`, name });
const nodeSubject = (node: BodyRow): Subject => ({ key: `node:${node.id}`, name: node.name });

const eventOf = (a: AuditRow): Record<string, unknown> => {
  try {
    return ((JSON.parse(a.data ?? '{}') as { event?: Record<string, unknown> }).event ?? {}) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
};

function groupBy<T>(rows: readonly T[], key: (row: T) => number | null): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/** Audit events by the id of their subject. */
const byId = (rows: readonly AuditRow[]) => groupBy(rows, (a) => a.subjectId);

const ITEM_STATE: Record<ItemRow['status'], CaseFact['state']> = {
  draft: 'open',
  assigned: 'open',
  in_progress: 'open',
  reported_done: 'done',
  closed: 'closed',
  parked: 'parked',
  cancelled: 'cancelled',
};

function itemFacts(repos: Repos, body: BodyRow, now: number, out: Facts): void {
  const tz = body.timezone;
  const items = repos.stats.itemsOf(body.id);
  const ids = items.map((i) => i.id);
  const rowsOf = groupBy(repos.stats.unitRowsOf(ids), (r) => r.itemId);
  const extensionsOf = groupBy(repos.stats.approvedExtensionsOf(ids), (e) => e.itemId);
  const audit = byId(
    repos.stats.auditOf('item', ids, ['item.edit_due', 'item.not_our_remit', 'item.reassign']),
  );
  const returnedUnitIds = [
    ...new Set(
      [...audit.values()]
        .flat()
        .filter((a) => a.action === 'item.not_our_remit')
        .map((a) => Number(eventOf(a).unitId)),
    ),
  ];
  const names = repos.stats.unitNames(returnedUnitIds);

  for (const item of items) {
    if (item.assignedAt === null) continue;
    const assignedAt = item.assignedAt;
    const rows = rowsOf.get(item.id) ?? [];
    const events = audit.get(item.id) ?? [];
    const lead = rows.find((r) => r.role === 'lead') ?? rows[0];
    const changes: DueChange[] = [
      ...(extensionsOf.get(item.id) ?? []).map((e) => ({
        filedAt: e.requestedAt,
        toAt: endOfDay(e.approvedDueDate ?? e.proposedDueDate, tz),
        inTime: e.filedBeforeDue,
      })),
      ...events
        .filter(
          (a) => a.action === 'item.edit_due' && a.at > assignedAt && typeof eventOf(a).date === 'string',
        )
        .map((a) => ({ filedAt: a.at, toAt: endOfDay(eventOf(a).date as string, tz), inTime: true })),
    ];
    const state = ITEM_STATE[item.status];
    out.cases.push({
      kind: 'item',
      ref: item.code ?? `#${item.id}`,
      title: item.content,
      subject: lead ? unitSubject(lead.unitId, lead.unitName) : { key: 'unit:?', name: '—' },
      state,
      assignedAt,
      originalDueAt: item.originalDueDate ? endOfDay(item.originalDueDate, tz) : null,
      currentDueAt: item.currentDueDate ? endOfDay(item.currentDueDate, tz) : null,
      dueChanges: changes,
      doneAt: state === 'done' || state === 'closed' ? item.reportedDoneAt : null,
      reworkCount: item.reworkCount,
      extensionCount: item.extensionCount,
    });

    // A cancelled item's assignments are not held against anyone.
    if (state === 'cancelled') continue;
    // Each unit was given the item at its assignment, or when a reassignment named it.
    const givenAt = (unitId: number, before: number): number =>
      events
        .filter((a) => a.action === 'item.reassign' && a.at <= before)
        .filter((a) => {
          const e = eventOf(a);
          return (
            e.leadUnitId === unitId || (Array.isArray(e.supportUnitIds) && e.supportUnitIds.includes(unitId))
          );
        })
        .reduce((at, a) => Math.max(at, a.at), assignedAt);
    const ref = item.code ?? `#${item.id}`;
    for (const r of rows) {
      if (r.ackStatus === 'returned') continue; // counted from its return event below
      out.dispatches.push({
        subject: unitSubject(r.unitId, r.unitName),
        ref,
        dispatchedAt: Math.max(givenAt(r.unitId, r.ackAt ?? now), r.createdAt),
        answeredAt: r.ackAt,
        returned: false,
      });
    }
    for (const a of events.filter((x) => x.action === 'item.not_our_remit')) {
      const unitId = Number(eventOf(a).unitId);
      const name = rows.find((r) => r.unitId === unitId)?.unitName ?? names.get(unitId) ?? `#${unitId}`;
      out.dispatches.push({
        subject: unitSubject(unitId, name),
        ref,
        dispatchedAt: givenAt(unitId, a.at),
        answeredAt: a.at,
        returned: true,
      });
    }
  }
}

const TICKET_STATE: Record<TicketRow['status'], CaseFact['state']> = {
  reported: 'open',
  accepted: 'open',
  rejected: 'cancelled',
  in_grid: 'open',
  dispatched: 'open',
  acknowledged: 'open',
  return_requested: 'open',
  in_progress: 'open',
  responded: 'done',
  verifying: 'done',
  closed: 'closed',
  parked: 'parked',
};

/** The grid nodes at and below a body. */
function subtree(repos: Repos, body: BodyRow): BodyRow[] {
  const out: BodyRow[] = [];
  const queue = [body];
  const seen = new Set<number>();
  while (queue.length) {
    const b = queue.shift()!;
    if (seen.has(b.id)) continue;
    seen.add(b.id);
    out.push(b);
    queue.push(...repos.bodies.children(b.id));
  }
  return out;
}

function ticketFacts(repos: Repos, body: BodyRow, out: Facts): void {
  const nodes = new Map(subtree(repos, body).map((n) => [n.id, n]));
  const tickets = repos.stats.ticketsOf([...nodes.keys()]);
  if (!tickets.length) return;
  const ids = tickets.map((t) => t.id);
  const audit = byId(repos.stats.auditOf('ticket', ids, TICKET_ACTIONS));
  const names = repos.stats.unitNames([
    ...new Set([
      ...tickets.flatMap((t) => (t.handlingUnitId ? [t.handlingUnitId] : [])),
      ...[...audit.values()]
        .flat()
        .flatMap((a) => (eventOf(a).type === 'dispatch' ? [Number(eventOf(a).unitId)] : [])),
    ]),
  ]);
  const unit = (id: number) => unitSubject(id, names.get(id) ?? `#${id}`);

  for (const t of tickets) {
    const node = nodes.get(t.currentNodeId) ?? repos.bodies.get(t.currentNodeId);
    const subject = t.handlingUnitId
      ? unit(t.handlingUnitId)
      : node
        ? nodeSubject(node)
        : { key: 'node:?', name: '—' };
    const events = audit.get(t.id) ?? [];
    // Replay the deadline: dispatch, handling and resuming set it afresh; extensions move it.
    let original: number | null = null;
    let changes: DueChange[] = [];
    for (const a of events) {
      const e = eventOf(a);
      if (
        (e.type === 'dispatch' || e.type === 'handle' || e.type === 'resume') &&
        typeof e.dueAt === 'number'
      ) {
        original = e.dueAt;
        changes = [];
      } else if (e.type === 'extend' && typeof e.dueAt === 'number') {
        changes.push({ filedAt: a.at, toAt: e.dueAt, inTime: true });
      }
    }
    const state = TICKET_STATE[t.status];
    out.cases.push({
      kind: 'ticket',
      ref: t.code,
      title: t.description,
      subject,
      state: t.mergedIntoId ? 'cancelled' : state,
      assignedAt: t.dispatchedAt ?? t.acceptedAt,
      originalDueAt: original ?? t.dueAt,
      currentDueAt: t.dueAt,
      dueChanges: changes,
      doneAt: state === 'done' || state === 'closed' ? (t.respondedAt ?? t.verifiedAt ?? t.closedAt) : null,
      reworkCount: t.reworkCount,
      extensionCount: t.extensionCount,
    });

    // Dispatches and their answers (签收 or 退单), in order; a rejected or merged ticket's are not held against anyone.
    if (state === 'cancelled' || t.mergedIntoId) continue;
    let open: DispatchFact | undefined;
    for (const a of events) {
      const e = eventOf(a);
      if (e.type === 'dispatch' && typeof e.unitId === 'number') {
        open = {
          subject: unit(e.unitId),
          ref: t.code,
          dispatchedAt: a.at,
          answeredAt: null,
          returned: false,
        };
        out.dispatches.push(open);
      } else if (open && open.answeredAt === null && (e.type === 'acknowledge' || e.type === 'return')) {
        open.answeredAt = a.at;
        open.returned = e.type === 'return';
      } else if (e.type === 'callback' && typeof e.satisfaction === 'string') {
        out.callbacks.push({ subject, ref: t.code, at: a.at, satisfaction: e.satisfaction as Satisfaction });
      }
    }
  }
}

const TICKET_ACTIONS = [
  'ticket.dispatch',
  'ticket.handle',
  'ticket.take',
  'ticket.resume',
  'ticket.extend',
  'ticket.acknowledge',
  'ticket.return',
  'ticket.callback',
];

/** Every fact about a body's items and its grid subtree's tickets. */
export function gatherFacts(repos: Repos, body: BodyRow, now: number): Facts {
  const facts: Facts = { cases: [], dispatches: [], callbacks: [] };
  itemFacts(repos, body, now, facts);
  ticketFacts(repos, body, facts);
  return facts;
}

export interface StatsReport extends MetricsReport {
  body: BodyRow;
  period: Period;
  /** The moment the figures were taken. */
  now: number;
}

/** The statistics of a body over a period, scored by the body's rules. */
export function buildReport(
  repos: Repos,
  calendar: WorkCalendar,
  body: BodyRow,
  period: Period,
  now: number,
  facts: Facts = gatherFacts(repos, body, now),
): StatsReport {
  const tz = body.timezone;
  const ackDays = ackWorkdaysOf(body);
  const report = computeMetrics({
    ...facts,
    period: { startAt: zonedInstant(period.start, '00:00', tz), endAt: endOfDay(period.end, tz) },
    now,
    rules: scoringOf(body),
    ackDeadline: (at) => endOfDay(calendar.addWorkdays(localDate(at, tz), ackDays), tz),
    workdays: (from, to) => calendar.workdaysBetween(localDate(from, tz), localDate(to, tz)),
    adjustments: period.kind === 'year' ? adjustmentsOf(body, period.year) : undefined,
  });
  return { ...report, body, period, now };
}
