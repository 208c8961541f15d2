/**
 * The life of a supervised item (督办事项), DESIGN.md §4.1 and reference/domain.md §4.1, as one pure
 * function: `transition(item, event, ctx)` answers either the next state plus the effects the caller must
 * persist and announce, or a typed refusal the bot explains in one sentence. A refusal changes nothing.
 *
 * Decisions this module makes (and why):
 * - **In progress = the lead is on it.** An item moves `assigned → in_progress` when the LEAD unit
 *   acknowledges or sends its first substantive reply (progress, extension request, done). A support unit's
 *   acknowledgement or progress only updates its own row: the lead answers for the item (牵头负全责, and a
 *   joint item is reported by the lead), and an item whose lead has not signed must keep looking unsigned so
 *   the acknowledgement chase to the lead goes on. Any substantive reply also acknowledges the replying row.
 * - **Only the lead reports done.** A support unit's "done" is accepted and recorded as progress at 100 %
 *   of its part (feedback intent `progress`), and the lead's liaison is told; the item does not move.
 * - **Only the lead asks for an extension** (`not_lead` otherwise): the deadline is the item's, and the
 *   lead files the single result. A second extension also notifies the chair (leader approval, §4.1 #7).
 * - **Extensions must be filed in time.** The due day itself still counts (a deadline ends at 24:00 local),
 *   so `request_extension` is refused with `extension_after_due` only when `today > currentDueDate`. The
 *   proposed date must be later than the current due date (`date_not_later`). One pending request at a time.
 * - **`originalDueDate` is frozen at assignment.** Before that (`draft`) `edit_due` moves both dates; after,
 *   only `currentDueDate` moves (approved extension or audited `edit_due`), so statistics keep the original.
 * - **Overdue is derived**, never stored as a status: `isOverdue` = status `assigned`/`in_progress` and
 *   `today > currentDueDate`. `reported_done` stops the clock (on-time is judged on the report date) and
 *   `parked` suspends it (a review date replaces the deadline).
 * - **Not our remit** marks the unit row `returned`; the item stays open with its status and due date (the
 *   timer keeps running unless the secretary changes it); the secretary decides with `reassign` (to another
 *   unit, or back to the same unit, which re-issues the assignment) or the unit takes it back by
 *   acknowledging. A returned row cannot report progress, done or ask for an extension (`unit_returned`).
 * - **Reassign** (改派) names the lead and optionally the support units. Returned rows are dropped unless
 *   named again (then they start over as pending); the old lead is dropped unless named as support; a row
 *   kept in the item keeps its acknowledgement. The status becomes `in_progress` if the new lead has already
 *   acknowledged, else `assigned` (a fresh 交办 to the new lead). The due date is unchanged.
 * - A pending extension request is withdrawn by anything that makes it moot: done, park, cancel, reassign.
 * - `chaseCount` is carried, never changed here: the scheduler counts the chases it actually sends.
 * - Every accepted transition may change the follow-up plan, so the caller re-plans (`planSteps` in
 *   cadence.ts is cheap and idempotent) after each one; `cadence_reset` additionally marks a moved due date.
 * @module
 */
import { parseYmd } from './dates.js';

// === States

/** Item statuses; the same list as `ITEM_STATUSES` in db/schema/items.ts (a test keeps them equal). */
export const ITEM_STATUSES = [
  'draft',
  'assigned',
  'in_progress',
  'reported_done',
  'closed',
  'parked',
  'cancelled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses of a supervised, unfinished item (a draft is not supervised yet; closed and cancelled are final). */
export const OPEN_STATUSES: readonly ItemStatus[] = ['assigned', 'in_progress', 'reported_done', 'parked'];

/** Statuses whose deadline is running: the only ones that can be overdue or chased. */
export const RUNNING_STATUSES: readonly ItemStatus[] = ['assigned', 'in_progress'];

export type UnitRole = 'lead' | 'support';
export type AckStatus = 'pending' | 'acknowledged' | 'returned';

/** One unit on an item (a row of `item_units`). Instants are UTC epoch ms. */
export interface UnitRow {
  unitId: number;
  role: UnitRole;
  ackStatus: AckStatus;
  ackAt?: number;
  lastFeedbackAt?: number;
  /**
   * When this unit was given the item, when later than the item's assignment (a unit added by `reassign`);
   * the acknowledgement chase counts from it. Absent: the item's `assignedAt`.
   */
  assignedAt?: number;
}

/** An extension request waiting for the secretary (a `pending` row of `extension_requests`). */
export interface PendingExtension {
  unitId: number;
  proposedDate: string;
  reason: string;
  /** Local date the request was filed (always on or before the due date: late requests are refused). */
  requestedOn: string;
}

/** What the state machine needs of an item (columns of `items` plus its unit rows). */
export interface ItemState {
  status: ItemStatus;
  /** Due date at assignment (`YYYY-MM-DD`); never changes after `confirm`. */
  originalDueDate?: string;
  /** Due date in force: moved by an approved extension or an audited edit. */
  currentDueDate?: string;
  /** While parked: the date the secretary looks at it again. */
  parkedReviewDate?: string;
  extensionCount: number;
  reworkCount: number;
  chaseCount: number;
  /** Instant of the 交办 (set by `confirm` from `ctx.now`). */
  assignedAt?: number;
  /** Instant the lead reported done (from `ctx.now`); cleared by rework. */
  reportedDoneAt?: number;
  /** Local date the lead reported done: the on-time judgement compares it with the due dates. */
  reportedDoneOn?: string;
  units: UnitRow[];
  pendingExtension?: PendingExtension;
}

// === Events

/** Every event the machine accepts. */
export const ITEM_EVENTS = [
  'confirm',
  'acknowledge',
  'progress',
  'report_done',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'verify',
  'return_for_rework',
  'not_our_remit',
  'reassign',
  'park',
  'resume',
  'cancel',
  'edit_due',
] as const;
export type ItemEventType = (typeof ITEM_EVENTS)[number];

export type ItemEvent =
  /** Secretary confirms a draft (立项 → 交办); `dueDate` overrides the draft's (e.g. the body's default). */
  | { type: 'confirm'; dueDate?: string }
  /** A unit signs for the item (签收). */
  | { type: 'acknowledge'; unitId: number }
  | { type: 'progress'; unitId: number; text: string; percent?: number }
  | { type: 'report_done'; unitId: number; text?: string }
  | { type: 'request_extension'; unitId: number; proposedDate: string; reason: string }
  /** The approval names the date, which may differ from the one proposed. */
  | { type: 'approve_extension'; date: string; note?: string }
  | { type: 'reject_extension'; reason: string }
  /** Secretary verifies a reported completion (核查 → 销号). */
  | { type: 'verify'; note?: string }
  | { type: 'return_for_rework'; reason: string }
  | { type: 'not_our_remit'; unitId: number; reason: string; suggestedUnit?: string }
  | { type: 'reassign'; leadUnitId: number; supportUnitIds?: readonly number[]; reason?: string }
  | { type: 'park'; reviewDate: string; reason?: string }
  | { type: 'resume' }
  | { type: 'cancel'; reason: string }
  | { type: 'edit_due'; date: string; reason: string };

export interface TransitionContext {
  /** Today in the body's time zone, `YYYY-MM-DD`. */
  today: string;
  /** The current instant (UTC ms), stamped on acknowledgements, replies and reports when given. */
  now?: number;
}

// === Refusals

/** Why an event was refused; each has one sentence in the bot's i18n tables. */
export const REFUSALS = [
  /** The item is closed (销号); nothing more can happen to it. */
  'already_closed',
  /** The item was cancelled. */
  'already_cancelled',
  /** The item is still a draft: not assigned yet, so units cannot act on it. */
  'not_open',
  /** The event does not apply in the item's current status. */
  'wrong_state',
  /** The unit has no row on this item. */
  'unknown_unit',
  /** The unit said "not our remit"; it must acknowledge again (or be reassigned) before acting. */
  'unit_returned',
  /** Only the lead unit may do this. */
  'not_lead',
  'already_acknowledged',
  'already_returned',
  'needs_reason',
  'needs_text',
  /** Percent must be an integer 0–100. */
  'bad_percent',
  /** Not a real `YYYY-MM-DD` date. */
  'bad_date',
  /** Confirming needs a due date. */
  'needs_due_date',
  /** Confirming needs exactly one lead unit. */
  'needs_lead',
  /** A due date cannot be set before today. */
  'due_in_past',
  /** Parking needs a review date after today. */
  'needs_review_date',
  /** Extension requests must be filed by the due date. */
  'extension_after_due',
  /** The new date must be later than the current due date. */
  'date_not_later',
  /** The new due date equals the current one. */
  'date_unchanged',
  /** Another extension request is already waiting for a decision. */
  'extension_pending',
  'no_pending_extension',
  /** A reassignment that changes no unit. */
  'no_change',
  /** Not one of ITEM_EVENTS (a stale or forged button payload). */
  'unknown_event',
] as const;
export type TransitionRefusal = (typeof REFUSALS)[number];

// === Effects

export type Recipient = 'secretary' | 'liaison' | 'chair' | 'group';

/** What a notice is about; the text lives in the i18n tables. */
export type NoticeKind =
  | 'assignment'
  | 'assignment_summary'
  | 'acknowledged'
  | 'support_done'
  | 'verify_requested'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  | 'closed'
  | 'returned_for_rework'
  | 'remit_disputed'
  | 'released'
  | 'parked'
  | 'resumed'
  | 'cancelled'
  | 'due_changed';

/** The `feedback.intent` values this machine records. */
export type FeedbackIntent = 'acknowledge' | 'progress' | 'done' | 'extension' | 'not_our_remit';

/** Data the caller persists or announces after an accepted transition (never text). */
export type Effect =
  /** One per accepted transition: the audit row (who and when are the caller's). */
  | { type: 'audit'; event: ItemEventType; from: ItemStatus; to: ItemStatus; reason?: string }
  /** A notice; `unitId` names the unit whose liaison is meant when `to` is `liaison`. */
  | { type: 'notify'; to: Recipient; what: NoticeKind; unitId?: number }
  /** A `feedback` row. `onTime*` on a lead's done: report date ≤ current / original due date. */
  | {
      type: 'feedback';
      unitId: number;
      intent: FeedbackIntent;
      text?: string;
      percent?: number;
      reason?: string;
      suggestedUnit?: string;
      proposedDate?: string;
      onTime?: boolean;
      onTimeOriginal?: boolean;
    }
  /** Create or decide the `extension_requests` row. */
  | {
      type: 'extension';
      status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
      unitId: number;
      proposedDate: string;
      approvedDate?: string;
      reason?: string;
      filedBeforeDue?: boolean;
    }
  /** The due date moved: date-based follow-up steps start over from the new date (new dedupe keys). */
  | { type: 'cadence_reset'; previousDueDate?: string; dueDate: string; cause: 'extension' | 'edit' };

export type TransitionResult =
  | { ok: true; next: ItemState; effects: Effect[] }
  | { ok: false; reason: TransitionRefusal };

// === Derived flags

/** A supervised item not yet finished: assigned, in progress, reported done (awaiting verification), parked. */
export const isOpen = (status: ItemStatus): boolean => OPEN_STATUSES.includes(status);

/** Closed or cancelled: no event applies any more. */
export const isFinal = (status: ItemStatus): boolean => status === 'closed' || status === 'cancelled';

/**
 * Overdue (derived, never a status): the deadline is running and today is after the current due date. The
 * due date itself is still in time (a deadline ends at 24:00 local).
 */
export function isOverdue(item: Pick<ItemState, 'status' | 'currentDueDate'>, today: string): boolean {
  return (
    RUNNING_STATUSES.includes(item.status) && item.currentDueDate !== undefined && today > item.currentDueDate
  );
}

/** The units whose row carries the overdue flag: every unit still on an overdue item (returned rows are not). */
export function overdueUnitIds(
  item: Pick<ItemState, 'status' | 'currentDueDate' | 'units'>,
  today: string,
): number[] {
  if (!isOverdue(item, today)) return [];
  return item.units.filter((u) => u.ackStatus !== 'returned').map((u) => u.unitId);
}

// === The machine

type Handler<E extends ItemEvent> = (item: ItemState, event: E, ctx: TransitionContext) => TransitionResult;
type HandlerTable = { [K in ItemEventType]: Handler<Extract<ItemEvent, { type: K }>> };

/** Where each event may happen; other statuses are refused before the handler runs. */
const ALLOWED_IN: Record<ItemEventType, readonly ItemStatus[]> = {
  confirm: ['draft'],
  acknowledge: ['assigned', 'in_progress'],
  progress: ['assigned', 'in_progress', 'parked'],
  report_done: ['assigned', 'in_progress'],
  request_extension: ['assigned', 'in_progress'],
  approve_extension: ['assigned', 'in_progress'],
  reject_extension: ['assigned', 'in_progress'],
  verify: ['reported_done'],
  return_for_rework: ['reported_done'],
  not_our_remit: ['assigned', 'in_progress'],
  reassign: ['assigned', 'in_progress'],
  park: ['in_progress'],
  resume: ['parked'],
  cancel: ['draft', 'assigned', 'in_progress', 'reported_done', 'parked'],
  edit_due: ['draft', 'assigned', 'in_progress', 'reported_done', 'parked'],
};

/**
 * Apply an event to an item. Pure: the input is not modified. Checks run in a fixed order — the item's
 * status, then the unit (exists, not returned, lead where needed), then timing, then the event's fields — so
 * the refusal is the most fundamental reason (a late extension is refused as late, not for a missing reason).
 * @example transition(item, { type: 'acknowledge', unitId: 7 }, { today: '2026-09-15' })
 */
export function transition(item: ItemState, event: ItemEvent, ctx: TransitionContext): TransitionResult {
  // Events arrive from buttons and stored payloads: an unknown one is refused, not a crash.
  if (!(ITEM_EVENTS as readonly string[]).includes(event?.type)) return refuse('unknown_event');
  const refused = statusRefusal(item.status, event.type);
  if (refused) return refuse(refused);
  const handler = HANDLERS[event.type] as Handler<ItemEvent>;
  return handler(item, event, ctx);
}

function statusRefusal(status: ItemStatus, type: ItemEventType): TransitionRefusal | undefined {
  if (ALLOWED_IN[type].includes(status)) return undefined;
  if (status === 'closed') return 'already_closed';
  if (status === 'cancelled') return 'already_cancelled';
  if (status === 'draft') return 'not_open';
  return 'wrong_state';
}

const refuse = (reason: TransitionRefusal): TransitionResult => ({ ok: false, reason });

function accept(
  item: ItemState,
  next: ItemState,
  type: ItemEventType,
  effects: Effect[],
  reason?: string,
): TransitionResult {
  const audit: Effect = { type: 'audit', event: type, from: item.status, to: next.status };
  if (reason !== undefined) audit.reason = reason;
  return { ok: true, next, effects: [audit, ...effects] };
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const isDate = (s: string | undefined): s is string => typeof s === 'string' && parseYmd(s) !== undefined;
const leadOf = (item: ItemState): UnitRow | undefined => item.units.find((u) => u.role === 'lead');

/** The unit's row, or the refusal for a unit that cannot act (unknown, or it returned the item). */
function actingRow(item: ItemState, unitId: number, allowReturned = false): UnitRow | TransitionRefusal {
  const row = item.units.find((u) => u.unitId === unitId);
  if (!row) return 'unknown_unit';
  if (row.ackStatus === 'returned' && !allowReturned) return 'unit_returned';
  return row;
}

/** A substantive reply from a row: acknowledges it (once) and stamps the reply time. */
function replied(row: UnitRow, ctx: TransitionContext, isFeedback: boolean): UnitRow {
  const next: UnitRow = { ...row };
  if (row.ackStatus !== 'acknowledged') {
    next.ackStatus = 'acknowledged';
    if (ctx.now !== undefined) next.ackAt = ctx.now;
  }
  if (isFeedback && ctx.now !== undefined) next.lastFeedbackAt = ctx.now;
  return next;
}

/** Replace one row; a lead's reply starts the handling of an assigned item. */
function withRow(item: ItemState, row: UnitRow): ItemState {
  const units = item.units.map((u) => (u.unitId === row.unitId ? row : u));
  const status =
    item.status === 'assigned' && row.role === 'lead' && row.ackStatus === 'acknowledged'
      ? 'in_progress'
      : item.status;
  return { ...item, units, status };
}

function withoutPending(item: ItemState): { next: ItemState; effects: Effect[] } {
  const pending = item.pendingExtension;
  if (!pending) return { next: item, effects: [] };
  const { pendingExtension: _, ...rest } = item;
  return {
    next: rest,
    effects: [
      { type: 'extension', status: 'withdrawn', unitId: pending.unitId, proposedDate: pending.proposedDate },
    ],
  };
}

const liaisons = (rows: readonly UnitRow[], what: NoticeKind): Effect[] =>
  rows
    .filter((u) => u.ackStatus !== 'returned')
    .map((u) => ({ type: 'notify', to: 'liaison', what, unitId: u.unitId }));

const validPercent = (p: number | undefined): boolean =>
  p === undefined || (Number.isInteger(p) && p >= 0 && p <= 100);

const HANDLERS: HandlerTable = {
  confirm(item, event, ctx) {
    const due = event.dueDate ?? item.currentDueDate;
    if (due === undefined) return refuse('needs_due_date');
    if (!isDate(due)) return refuse('bad_date');
    if (due < ctx.today) return refuse('due_in_past');
    if (item.units.filter((u) => u.role === 'lead').length !== 1) return refuse('needs_lead');
    const next: ItemState = {
      ...item,
      status: 'assigned',
      originalDueDate: due,
      currentDueDate: due,
      units: item.units.map((u) => ({ ...u, ackStatus: 'pending' })),
    };
    if (ctx.now !== undefined) next.assignedAt = ctx.now;
    return accept(item, next, 'confirm', [
      ...liaisons(next.units, 'assignment'),
      { type: 'notify', to: 'group', what: 'assignment_summary' },
    ]);
  },

  acknowledge(item, event, ctx) {
    const row = actingRow(item, event.unitId, true);
    if (typeof row === 'string') return refuse(row);
    if (row.ackStatus === 'acknowledged') return refuse('already_acknowledged');
    // A returned row that acknowledges takes the item back: the dispute is withdrawn.
    const next = withRow(item, replied(row, ctx, false));
    return accept(item, next, 'acknowledge', [
      { type: 'feedback', unitId: row.unitId, intent: 'acknowledge' },
      ...(row.ackStatus === 'returned'
        ? [{ type: 'notify', to: 'secretary', what: 'acknowledged', unitId: row.unitId } as const]
        : []),
    ]);
  },

  progress(item, event, ctx) {
    const row = actingRow(item, event.unitId);
    if (typeof row === 'string') return refuse(row);
    if (blank(event.text)) return refuse('needs_text');
    if (!validPercent(event.percent)) return refuse('bad_percent');
    const next = withRow(item, replied(row, ctx, true));
    const fb: Effect = { type: 'feedback', unitId: row.unitId, intent: 'progress', text: event.text.trim() };
    if (event.percent !== undefined) fb.percent = event.percent;
    return accept(item, next, 'progress', [fb]);
  },

  report_done(item, event, ctx) {
    const row = actingRow(item, event.unitId);
    if (typeof row === 'string') return refuse(row);
    const text = event.text?.trim() || undefined;
    if (row.role !== 'lead') {
      // A support unit finishing its part is progress on the item; the lead reports the whole.
      const next = withRow(item, replied(row, ctx, true));
      const fb: Effect = { type: 'feedback', unitId: row.unitId, intent: 'progress', percent: 100 };
      if (text) fb.text = text;
      const lead = leadOf(item);
      return accept(item, next, 'report_done', [
        fb,
        ...(lead
          ? [{ type: 'notify', to: 'liaison', what: 'support_done', unitId: lead.unitId } as const]
          : []),
      ]);
    }
    const { next: cleared, effects: withdrawn } = withoutPending(item);
    const next: ItemState = {
      ...withRow(cleared, replied(row, ctx, true)),
      status: 'reported_done',
      reportedDoneOn: ctx.today,
    };
    if (ctx.now !== undefined) next.reportedDoneAt = ctx.now;
    const fb: Effect = {
      type: 'feedback',
      unitId: row.unitId,
      intent: 'done',
      onTime: item.currentDueDate === undefined || ctx.today <= item.currentDueDate,
      onTimeOriginal: item.originalDueDate === undefined || ctx.today <= item.originalDueDate,
    };
    if (text) fb.text = text;
    return accept(item, next, 'report_done', [
      fb,
      ...withdrawn,
      { type: 'notify', to: 'secretary', what: 'verify_requested' },
    ]);
  },

  request_extension(item, event, ctx) {
    const row = actingRow(item, event.unitId);
    if (typeof row === 'string') return refuse(row);
    if (row.role !== 'lead') return refuse('not_lead');
    if (item.pendingExtension) return refuse('extension_pending');
    if (item.currentDueDate !== undefined && ctx.today > item.currentDueDate)
      return refuse('extension_after_due');
    if (blank(event.reason)) return refuse('needs_reason');
    if (!isDate(event.proposedDate)) return refuse('bad_date');
    if (item.currentDueDate !== undefined && event.proposedDate <= item.currentDueDate) {
      return refuse('date_not_later');
    }
    const reason = event.reason.trim();
    const next: ItemState = {
      ...withRow(item, replied(row, ctx, true)),
      pendingExtension: {
        unitId: row.unitId,
        proposedDate: event.proposedDate,
        reason,
        requestedOn: ctx.today,
      },
    };
    return accept(
      item,
      next,
      'request_extension',
      [
        {
          type: 'feedback',
          unitId: row.unitId,
          intent: 'extension',
          reason,
          proposedDate: event.proposedDate,
        },
        {
          type: 'extension',
          status: 'pending',
          unitId: row.unitId,
          proposedDate: event.proposedDate,
          reason,
          filedBeforeDue: true,
        },
        { type: 'notify', to: 'secretary', what: 'extension_requested' },
        // A second extension needs the leader's approval (domain.md §4.1 #7).
        ...(item.extensionCount >= 1
          ? [{ type: 'notify', to: 'chair', what: 'extension_requested' } as const]
          : []),
      ],
      reason,
    );
  },

  approve_extension(item, event) {
    const pending = item.pendingExtension;
    if (!pending) return refuse('no_pending_extension');
    if (!isDate(event.date)) return refuse('bad_date');
    if (item.currentDueDate !== undefined && event.date <= item.currentDueDate)
      return refuse('date_not_later');
    const { next: cleared } = withoutPending(item);
    const next: ItemState = {
      ...cleared,
      currentDueDate: event.date,
      extensionCount: item.extensionCount + 1,
    };
    const reset: Effect = { type: 'cadence_reset', dueDate: event.date, cause: 'extension' };
    if (item.currentDueDate !== undefined) reset.previousDueDate = item.currentDueDate;
    return accept(
      item,
      next,
      'approve_extension',
      [
        {
          type: 'extension',
          status: 'approved',
          unitId: pending.unitId,
          proposedDate: pending.proposedDate,
          approvedDate: event.date,
        },
        reset,
        { type: 'notify', to: 'liaison', what: 'extension_approved', unitId: pending.unitId },
      ],
      event.note?.trim() || undefined,
    );
  },

  reject_extension(item, event) {
    const pending = item.pendingExtension;
    if (!pending) return refuse('no_pending_extension');
    if (blank(event.reason)) return refuse('needs_reason');
    const reason = event.reason.trim();
    const { next } = withoutPending(item);
    return accept(
      item,
      next,
      'reject_extension',
      [
        {
          type: 'extension',
          status: 'rejected',
          unitId: pending.unitId,
          proposedDate: pending.proposedDate,
          reason,
        },
        { type: 'notify', to: 'liaison', what: 'extension_rejected', unitId: pending.unitId },
      ],
      reason,
    );
  },

  verify(item, event) {
    const next: ItemState = { ...item, status: 'closed' };
    return accept(item, next, 'verify', liaisons(item.units, 'closed'), event.note?.trim() || undefined);
  },

  return_for_rework(item, event) {
    if (blank(event.reason)) return refuse('needs_reason');
    const { reportedDoneAt: _at, reportedDoneOn: _on, ...rest } = item;
    const next: ItemState = { ...rest, status: 'in_progress', reworkCount: item.reworkCount + 1 };
    const lead = leadOf(item);
    return accept(
      item,
      next,
      'return_for_rework',
      lead ? [{ type: 'notify', to: 'liaison', what: 'returned_for_rework', unitId: lead.unitId }] : [],
      event.reason.trim(),
    );
  },

  not_our_remit(item, event, ctx) {
    const row = actingRow(item, event.unitId, true);
    if (typeof row === 'string') return refuse(row);
    if (row.ackStatus === 'returned') return refuse('already_returned');
    if (blank(event.reason)) return refuse('needs_reason');
    const returned: UnitRow = { ...row, ackStatus: 'returned' };
    if (ctx.now !== undefined) returned.lastFeedbackAt = ctx.now;
    // The item keeps its status and due date: the secretary decides (reassign or confirm the owner).
    const next: ItemState = {
      ...item,
      units: item.units.map((u) => (u.unitId === row.unitId ? returned : u)),
    };
    const reason = event.reason.trim();
    const fb: Effect = { type: 'feedback', unitId: row.unitId, intent: 'not_our_remit', reason };
    const suggested = event.suggestedUnit?.trim();
    if (suggested) fb.suggestedUnit = suggested;
    return accept(
      item,
      next,
      'not_our_remit',
      [fb, { type: 'notify', to: 'secretary', what: 'remit_disputed', unitId: row.unitId }],
      reason,
    );
  },

  reassign(item, event, ctx) {
    const { units, fresh, dropped } = reassignedRows(item.units, event.leadUnitId, event.supportUnitIds, ctx);
    if (fresh.length === 0 && dropped.length === 0 && sameRoles(item.units, units))
      return refuse('no_change');
    const { next: cleared, effects: withdrawn } =
      item.pendingExtension?.unitId === event.leadUnitId ? { next: item, effects: [] } : withoutPending(item);
    const leadAcknowledged = units.find((u) => u.role === 'lead')?.ackStatus === 'acknowledged';
    const next: ItemState = { ...cleared, units, status: leadAcknowledged ? 'in_progress' : 'assigned' };
    return accept(
      item,
      next,
      'reassign',
      [
        ...withdrawn,
        ...fresh.map(
          (u): Effect => ({ type: 'notify', to: 'liaison', what: 'assignment', unitId: u.unitId }),
        ),
        ...dropped.map(
          (u): Effect => ({ type: 'notify', to: 'liaison', what: 'released', unitId: u.unitId }),
        ),
        { type: 'notify', to: 'group', what: 'assignment_summary' },
      ],
      event.reason?.trim() || undefined,
    );
  },

  park(item, event, ctx) {
    if (!isDate(event.reviewDate)) return refuse(blank(event.reviewDate) ? 'needs_review_date' : 'bad_date');
    // A review date of today or earlier would make the park a no-op the scheduler immediately undoes.
    if (event.reviewDate <= ctx.today) return refuse('needs_review_date');
    const { next: cleared, effects: withdrawn } = withoutPending(item);
    const next: ItemState = { ...cleared, status: 'parked', parkedReviewDate: event.reviewDate };
    return accept(
      item,
      next,
      'park',
      [...withdrawn, ...liaisons(item.units, 'parked')],
      event.reason?.trim() || undefined,
    );
  },

  resume(item) {
    const { parkedReviewDate: _, ...rest } = item;
    const next: ItemState = { ...rest, status: 'in_progress' };
    return accept(item, next, 'resume', liaisons(item.units, 'resumed'));
  },

  cancel(item, event) {
    if (blank(event.reason)) return refuse('needs_reason');
    const { next: cleared, effects: withdrawn } = withoutPending(item);
    const next: ItemState = { ...cleared, status: 'cancelled' };
    // A draft was never announced, so nobody needs to hear it is gone.
    const notices = item.status === 'draft' ? [] : liaisons(item.units, 'cancelled');
    return accept(item, next, 'cancel', [...withdrawn, ...notices], event.reason.trim());
  },

  edit_due(item, event, ctx) {
    if (!isDate(event.date)) return refuse('bad_date');
    if (event.date === item.currentDueDate) return refuse('date_unchanged');
    if (event.date < ctx.today) return refuse('due_in_past');
    if (item.status === 'draft') {
      // Before assignment the deadline is still being settled: both dates follow the edit.
      const next: ItemState = { ...item, originalDueDate: event.date, currentDueDate: event.date };
      return accept(item, next, 'edit_due', [], event.reason?.trim() || undefined);
    }
    if (blank(event.reason)) return refuse('needs_reason');
    const next: ItemState = { ...item, currentDueDate: event.date };
    const reset: Effect = { type: 'cadence_reset', dueDate: event.date, cause: 'edit' };
    if (item.currentDueDate !== undefined) reset.previousDueDate = item.currentDueDate;
    return accept(
      item,
      next,
      'edit_due',
      [reset, ...liaisons(item.units, 'due_changed')],
      event.reason.trim(),
    );
  },
};

/**
 * The rows after 改派: the named lead and supports, in that order. A row already on the item and not
 * returned keeps its acknowledgement; anything else starts pending, stamped with `now`.
 */
function reassignedRows(
  rows: readonly UnitRow[],
  leadUnitId: number,
  supportUnitIds: readonly number[] | undefined,
  ctx: TransitionContext,
): { units: UnitRow[]; fresh: UnitRow[]; dropped: UnitRow[] } {
  const live = new Map(rows.filter((u) => u.ackStatus !== 'returned').map((u) => [u.unitId, u]));
  const supports =
    supportUnitIds ??
    rows.filter((u) => u.role === 'support' && u.ackStatus !== 'returned').map((u) => u.unitId);
  const wanted: [number, UnitRole][] = [[leadUnitId, 'lead']];
  for (const id of supports) if (!wanted.some(([w]) => w === id)) wanted.push([id, 'support']);
  const fresh: UnitRow[] = [];
  const units = wanted.map(([unitId, role]): UnitRow => {
    const kept = live.get(unitId);
    if (kept) return { ...kept, role };
    const row: UnitRow = { unitId, role, ackStatus: 'pending' };
    if (ctx.now !== undefined) row.assignedAt = ctx.now;
    fresh.push(row);
    return row;
  });
  // A returned row named again is fresh, not dropped: the unit stays and its dispute is over.
  const dropped = rows.filter((u) => !units.some((n) => n.unitId === u.unitId));
  return { units, fresh, dropped };
}

const sameRoles = (a: readonly UnitRow[], b: readonly UnitRow[]): boolean =>
  a.length === b.length && a.every((u) => b.some((v) => v.unitId === u.unitId && v.role === u.role));
