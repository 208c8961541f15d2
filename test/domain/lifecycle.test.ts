import { describe, expect, it } from 'vitest';
import {
  type Effect,
  ITEM_EVENTS,
  ITEM_STATUSES,
  type ItemEvent,
  type ItemEventType,
  type ItemState,
  type ItemStatus,
  isFinal,
  isOpen,
  isOverdue,
  overdueUnitIds,
  REFUSALS,
  type TransitionRefusal,
  type TransitionResult,
  transition,
} from '../../bot/domain/lifecycle.js';
import { ITEM_STATUSES as SCHEMA_STATUSES } from '../../db/schema/items.js';

// === Fixtures: lead unit 1, support unit 2, unit 3 not on the item. Assigned Monday 2026-09-14, due 09-28.

const LEAD = 1;
const SUPPORT = 2;
const OTHER = 3;
const DUE = '2026-09-28';
const at = (iso: string) => Date.parse(iso);
const T_ASSIGN = at('2026-09-14T10:00:00+08:00');

/** Inputs are frozen deep: a transition that mutated its input would throw. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const draft = (over: Partial<ItemState> = {}): ItemState =>
  deepFreeze({
    status: 'draft',
    originalDueDate: DUE,
    currentDueDate: DUE,
    extensionCount: 0,
    reworkCount: 0,
    chaseCount: 0,
    units: [
      { unitId: LEAD, role: 'lead', ackStatus: 'pending' },
      { unitId: SUPPORT, role: 'support', ackStatus: 'pending' },
    ],
    ...over,
  });

/** Apply an event that must be accepted; the result is frozen so later steps cannot mutate it either. */
function step(item: ItemState, event: ItemEvent, today = '2026-09-15', now?: number) {
  const r = transition(item, event, now === undefined ? { today } : { today, now });
  if (!r.ok) throw new Error(`${event.type} refused: ${r.reason}`);
  return deepFreeze(r);
}

const refusal = (item: ItemState, event: ItemEvent, today = '2026-09-15'): TransitionRefusal | undefined => {
  const r = transition(item, event, { today });
  return r.ok ? undefined : r.reason;
};

const assigned = () => step(draft(), { type: 'confirm' }, '2026-09-14', T_ASSIGN).next;
const inProgress = () => step(assigned(), { type: 'acknowledge', unitId: LEAD }).next;
const withPending = () =>
  step(inProgress(), {
    type: 'request_extension',
    unitId: LEAD,
    proposedDate: '2026-10-16',
    reason: '材料未到',
  }).next;
const reportedDone = () => step(inProgress(), { type: 'report_done', unitId: LEAD }, '2026-09-25').next;
const closed = () => step(reportedDone(), { type: 'verify' }).next;
const parked = () => step(inProgress(), { type: 'park', reviewDate: '2026-12-31' }).next;
const cancelled = () => step(inProgress(), { type: 'cancel', reason: '会议决定撤销' }).next;

const byStatus: Record<ItemStatus, () => ItemState> = {
  draft: () => draft(),
  assigned,
  in_progress: inProgress,
  reported_done: reportedDone,
  closed,
  parked,
  cancelled,
};

/** A well-formed example of each event (it may still be refused for a reason other than the status). */
const SAMPLE: Record<ItemEventType, ItemEvent> = {
  confirm: { type: 'confirm' },
  acknowledge: { type: 'acknowledge', unitId: SUPPORT },
  progress: { type: 'progress', unitId: LEAD, text: '已协调物业', percent: 30 },
  report_done: { type: 'report_done', unitId: LEAD, text: '已整改完毕' },
  request_extension: {
    type: 'request_extension',
    unitId: LEAD,
    proposedDate: '2026-10-16',
    reason: '材料未到',
  },
  approve_extension: { type: 'approve_extension', date: '2026-10-16' },
  reject_extension: { type: 'reject_extension', reason: '理由不充分' },
  verify: { type: 'verify' },
  return_for_rework: { type: 'return_for_rework', reason: '现场仍有垃圾' },
  not_our_remit: { type: 'not_our_remit', unitId: SUPPORT, reason: '属城管职责', suggestedUnit: '城管' },
  reassign: { type: 'reassign', leadUnitId: OTHER },
  park: { type: 'park', reviewDate: '2026-12-31' },
  resume: { type: 'resume' },
  cancel: { type: 'cancel', reason: '会议决定撤销' },
  edit_due: { type: 'edit_due', date: '2026-10-09', reason: '会议调整时限' },
};

/** DESIGN §4.1 / domain.md §4.1: where each event applies. */
const ALLOWED: Record<ItemEventType, ItemStatus[]> = {
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

const STATUS_REFUSAL: Partial<Record<ItemStatus, TransitionRefusal>> = {
  closed: 'already_closed',
  cancelled: 'already_cancelled',
  draft: 'not_open',
};

const STATUS_CODES: TransitionRefusal[] = ['already_closed', 'already_cancelled', 'not_open', 'wrong_state'];

describe('vocabulary', () => {
  it('uses the statuses of the schema, in order', () => {
    expect([...ITEM_STATUSES]).toEqual([...SCHEMA_STATUSES]);
  });

  it('has one sample and one status rule per event, and unique refusal codes', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...ITEM_EVENTS].sort());
    expect(new Set(REFUSALS).size).toBe(REFUSALS.length);
  });

  it.each(ITEM_STATUSES)('isOpen / isFinal for %s', (status) => {
    expect(isOpen(status)).toBe(['assigned', 'in_progress', 'reported_done', 'parked'].includes(status));
    expect(isFinal(status)).toBe(status === 'closed' || status === 'cancelled');
  });
});

describe('status guard: every event × every status', () => {
  const cases = ITEM_EVENTS.flatMap((e) => ITEM_STATUSES.map((s) => [e, s] as const));
  it.each(cases)('%s in %s', (event, status) => {
    const item = byStatus[status]();
    const r = transition(item, SAMPLE[event], { today: '2026-09-16' });
    if (ALLOWED[event].includes(status)) {
      // Allowed here: whatever happens, it is not refused because of the status.
      if (!r.ok) expect(STATUS_CODES).not.toContain(r.reason);
    } else {
      expect(r).toEqual({ ok: false, reason: STATUS_REFUSAL[status] ?? 'wrong_state' });
    }
  });
});

describe('confirm (draft → assigned)', () => {
  it('freezes the original due date, stamps the assignment and notifies every unit and the group', () => {
    const r = step(draft(), { type: 'confirm' }, '2026-09-14', T_ASSIGN);
    expect(r.next).toEqual({ ...draft(), status: 'assigned', assignedAt: T_ASSIGN });
    expect(r.effects).toEqual([
      { type: 'audit', event: 'confirm', from: 'draft', to: 'assigned' },
      { type: 'notify', to: 'liaison', what: 'assignment', unitId: LEAD },
      { type: 'notify', to: 'liaison', what: 'assignment', unitId: SUPPORT },
      { type: 'notify', to: 'group', what: 'assignment_summary' },
    ]);
  });

  it('takes the due date given at confirmation (the body default when the draft had none)', () => {
    const item = draft({ originalDueDate: undefined, currentDueDate: undefined });
    const r = step(item, { type: 'confirm', dueDate: '2026-10-04' }, '2026-09-14');
    expect(r.next.originalDueDate).toBe('2026-10-04');
    expect(r.next.currentDueDate).toBe('2026-10-04');
    expect(r.next.assignedAt).toBeUndefined(); // no clock given, nothing invented
  });

  it('accepts a due date of today', () => {
    expect(step(draft(), { type: 'confirm', dueDate: '2026-09-14' }, '2026-09-14').next.status).toBe(
      'assigned',
    );
  });
});

describe('acknowledge', () => {
  it('a support unit acknowledging updates its row only: the item waits for its lead', () => {
    const r = step(assigned(), { type: 'acknowledge', unitId: SUPPORT }, '2026-09-14', T_ASSIGN + 60_000);
    expect(r.next.status).toBe('assigned');
    expect(r.next.units).toEqual([
      { unitId: LEAD, role: 'lead', ackStatus: 'pending' },
      { unitId: SUPPORT, role: 'support', ackStatus: 'acknowledged', ackAt: T_ASSIGN + 60_000 },
    ]);
    expect(r.effects).toEqual([
      { type: 'audit', event: 'acknowledge', from: 'assigned', to: 'assigned' },
      { type: 'feedback', unitId: SUPPORT, intent: 'acknowledge' },
    ]);
  });

  it('the lead acknowledging starts the handling (assigned → in_progress)', () => {
    const r = step(assigned(), { type: 'acknowledge', unitId: LEAD }, '2026-09-14', T_ASSIGN + 1000);
    expect(r.next.status).toBe('in_progress');
    expect(r.next.units[0]).toEqual({
      unitId: LEAD,
      role: 'lead',
      ackStatus: 'acknowledged',
      ackAt: T_ASSIGN + 1000,
    });
  });

  it('a unit that had returned the item takes it back, and the secretary hears of it', () => {
    const returned = step(inProgress(), SAMPLE.not_our_remit).next;
    const r = step(returned, { type: 'acknowledge', unitId: SUPPORT });
    expect(r.next.units[1]?.ackStatus).toBe('acknowledged');
    expect(r.effects).toContainEqual({
      type: 'notify',
      to: 'secretary',
      what: 'acknowledged',
      unitId: SUPPORT,
    });
  });
});

describe('progress', () => {
  it('a first reply from the lead acknowledges it and starts the handling', () => {
    const now = at('2026-09-15T11:00:00+08:00');
    const r = step(
      assigned(),
      { type: 'progress', unitId: LEAD, text: ' 已协调物业 ', percent: 30 },
      '2026-09-15',
      now,
    );
    expect(r.next.status).toBe('in_progress');
    expect(r.next.units[0]).toEqual({
      unitId: LEAD,
      role: 'lead',
      ackStatus: 'acknowledged',
      ackAt: now,
      lastFeedbackAt: now,
    });
    expect(r.effects).toEqual([
      { type: 'audit', event: 'progress', from: 'assigned', to: 'in_progress' },
      { type: 'feedback', unitId: LEAD, intent: 'progress', text: '已协调物业', percent: 30 },
    ]);
  });

  it('a support unit reporting progress does not move the item', () => {
    const r = step(assigned(), { type: 'progress', unitId: SUPPORT, text: '已排查' });
    expect(r.next.status).toBe('assigned');
    expect(r.next.units[1]?.ackStatus).toBe('acknowledged');
  });

  it('keeps an acknowledged row acknowledged with its first ackAt', () => {
    const ack = step(assigned(), { type: 'acknowledge', unitId: LEAD }, '2026-09-14', 1).next;
    const r = step(ack, { type: 'progress', unitId: LEAD, text: '推进中' }, '2026-09-15', 2);
    expect(r.next.units[0]).toMatchObject({ ackAt: 1, lastFeedbackAt: 2 });
  });

  it('is recorded on a parked item, which stays parked', () => {
    expect(step(parked(), { type: 'progress', unitId: LEAD, text: '资金已申请' }).next.status).toBe('parked');
  });

  it.each([0, 100])('accepts percent %i', (percent) => {
    expect(
      transition(
        inProgress(),
        { type: 'progress', unitId: LEAD, text: 'x', percent },
        { today: '2026-09-15' },
      ).ok,
    ).toBe(true);
  });
});

describe('report_done', () => {
  it('the lead moves the item to reported_done, judged against both due dates', () => {
    const now = at('2026-09-25T16:00:00+08:00');
    const r = step(
      inProgress(),
      { type: 'report_done', unitId: LEAD, text: '已整改完毕' },
      '2026-09-25',
      now,
    );
    expect(r.next).toMatchObject({
      status: 'reported_done',
      reportedDoneAt: now,
      reportedDoneOn: '2026-09-25',
    });
    expect(r.effects).toEqual([
      { type: 'audit', event: 'report_done', from: 'in_progress', to: 'reported_done' },
      {
        type: 'feedback',
        unitId: LEAD,
        intent: 'done',
        text: '已整改完毕',
        onTime: true,
        onTimeOriginal: true,
      },
      { type: 'notify', to: 'secretary', what: 'verify_requested' },
    ]);
  });

  it('a late report is flagged late against the original due date even after an extension', () => {
    const extended = step(withPending(), { type: 'approve_extension', date: '2026-10-16' }).next;
    const r = step(extended, { type: 'report_done', unitId: LEAD }, '2026-10-12');
    expect(r.effects).toContainEqual({
      type: 'feedback',
      unitId: LEAD,
      intent: 'done',
      onTime: true,
      onTimeOriginal: false,
    });
  });

  it('straight from assigned: the report is also the acknowledgement', () => {
    const r = step(assigned(), { type: 'report_done', unitId: LEAD });
    expect(r.next.status).toBe('reported_done');
    expect(r.next.units[0]?.ackStatus).toBe('acknowledged');
  });

  it("a support unit's done is recorded as progress (100 %) and the lead's liaison is told", () => {
    const r = step(inProgress(), { type: 'report_done', unitId: SUPPORT, text: '配合部分已完成' });
    expect(r.next.status).toBe('in_progress');
    expect(r.next.units[1]?.ackStatus).toBe('acknowledged');
    expect(r.effects).toEqual([
      { type: 'audit', event: 'report_done', from: 'in_progress', to: 'in_progress' },
      { type: 'feedback', unitId: SUPPORT, intent: 'progress', percent: 100, text: '配合部分已完成' },
      { type: 'notify', to: 'liaison', what: 'support_done', unitId: LEAD },
    ]);
  });

  it('withdraws a pending extension request', () => {
    const r = step(withPending(), { type: 'report_done', unitId: LEAD });
    expect(r.next.pendingExtension).toBeUndefined();
    expect(r.effects).toContainEqual({
      type: 'extension',
      status: 'withdrawn',
      unitId: LEAD,
      proposedDate: '2026-10-16',
    });
  });
});

describe('extensions', () => {
  it('an in-time request is pending, acknowledged and sent to the secretary', () => {
    const r = step(assigned(), SAMPLE.request_extension, '2026-09-20');
    expect(r.next.status).toBe('in_progress');
    expect(r.next.pendingExtension).toEqual({
      unitId: LEAD,
      proposedDate: '2026-10-16',
      reason: '材料未到',
      requestedOn: '2026-09-20',
    });
    expect(r.effects).toEqual([
      { type: 'audit', event: 'request_extension', from: 'assigned', to: 'in_progress', reason: '材料未到' },
      { type: 'feedback', unitId: LEAD, intent: 'extension', reason: '材料未到', proposedDate: '2026-10-16' },
      {
        type: 'extension',
        status: 'pending',
        unitId: LEAD,
        proposedDate: '2026-10-16',
        reason: '材料未到',
        filedBeforeDue: true,
      },
      { type: 'notify', to: 'secretary', what: 'extension_requested' },
    ]);
  });

  it('may be filed on the due day itself (a deadline ends at 24:00)', () => {
    expect(step(inProgress(), SAMPLE.request_extension, DUE).next.pendingExtension).toBeDefined();
  });

  it('is refused the day after the due date, and nothing changes', () => {
    const item = inProgress();
    expect(transition(item, SAMPLE.request_extension, { today: '2026-09-29' })).toEqual({
      ok: false,
      reason: 'extension_after_due',
    });
  });

  it('a second request also goes to the chair (leader approval)', () => {
    const once = step(step(withPending(), { type: 'approve_extension', date: '2026-10-16' }).next, {
      type: 'request_extension',
      unitId: LEAD,
      proposedDate: '2026-10-30',
      reason: '施工队未到位',
    });
    expect(once.effects).toContainEqual({ type: 'notify', to: 'chair', what: 'extension_requested' });
  });

  it('approval names the date (it may differ from the proposal) and resets the cadence', () => {
    const r = step(withPending(), { type: 'approve_extension', date: '2026-10-20', note: '同意' });
    expect(r.next).toMatchObject({ currentDueDate: '2026-10-20', originalDueDate: DUE, extensionCount: 1 });
    expect(r.next.pendingExtension).toBeUndefined();
    expect(r.effects).toEqual([
      { type: 'audit', event: 'approve_extension', from: 'in_progress', to: 'in_progress', reason: '同意' },
      {
        type: 'extension',
        status: 'approved',
        unitId: LEAD,
        proposedDate: '2026-10-16',
        approvedDate: '2026-10-20',
      },
      { type: 'cadence_reset', previousDueDate: DUE, dueDate: '2026-10-20', cause: 'extension' },
      { type: 'notify', to: 'liaison', what: 'extension_approved', unitId: LEAD },
    ]);
  });

  it('approval after the due date is allowed: the request was filed in time', () => {
    expect(
      step(withPending(), { type: 'approve_extension', date: '2026-10-16' }, '2026-09-30').next
        .currentDueDate,
    ).toBe('2026-10-16');
  });

  it('rejection keeps the due date and tells the liaison why', () => {
    const r = step(withPending(), { type: 'reject_extension', reason: ' 理由不充分 ' });
    expect(r.next).toEqual({ ...inProgress(), units: withPending().units });
    expect(r.effects).toEqual([
      {
        type: 'audit',
        event: 'reject_extension',
        from: 'in_progress',
        to: 'in_progress',
        reason: '理由不充分',
      },
      {
        type: 'extension',
        status: 'rejected',
        unitId: LEAD,
        proposedDate: '2026-10-16',
        reason: '理由不充分',
      },
      { type: 'notify', to: 'liaison', what: 'extension_rejected', unitId: LEAD },
    ]);
  });
});

describe('verification', () => {
  it('verify closes the item and tells every unit', () => {
    const r = step(reportedDone(), { type: 'verify', note: '现场核查通过' });
    expect(r.next.status).toBe('closed');
    expect(r.effects).toEqual([
      { type: 'audit', event: 'verify', from: 'reported_done', to: 'closed', reason: '现场核查通过' },
      { type: 'notify', to: 'liaison', what: 'closed', unitId: LEAD },
      { type: 'notify', to: 'liaison', what: 'closed', unitId: SUPPORT },
    ]);
  });

  it('return for rework counts it, clears the report and keeps the due date', () => {
    const r = step(reportedDone(), { type: 'return_for_rework', reason: '现场仍有垃圾' });
    expect(r.next.status).toBe('in_progress');
    expect(r.next.reworkCount).toBe(1);
    expect(r.next.reportedDoneOn).toBeUndefined();
    expect(r.next.reportedDoneAt).toBeUndefined();
    expect(r.next.currentDueDate).toBe(DUE);
    expect(r.effects).toEqual([
      {
        type: 'audit',
        event: 'return_for_rework',
        from: 'reported_done',
        to: 'in_progress',
        reason: '现场仍有垃圾',
      },
      { type: 'notify', to: 'liaison', what: 'returned_for_rework', unitId: LEAD },
    ]);
  });
});

describe('not our remit and reassignment', () => {
  it('marks the row returned; the item stays open with its status and due date', () => {
    const now = at('2026-09-15T09:30:00+08:00');
    const r = step(inProgress(), SAMPLE.not_our_remit, '2026-09-15', now);
    expect(r.next.status).toBe('in_progress');
    expect(r.next.currentDueDate).toBe(DUE);
    expect(r.next.units[1]).toEqual({
      unitId: SUPPORT,
      role: 'support',
      ackStatus: 'returned',
      lastFeedbackAt: now,
    });
    expect(r.effects).toEqual([
      { type: 'audit', event: 'not_our_remit', from: 'in_progress', to: 'in_progress', reason: '属城管职责' },
      {
        type: 'feedback',
        unitId: SUPPORT,
        intent: 'not_our_remit',
        reason: '属城管职责',
        suggestedUnit: '城管',
      },
      { type: 'notify', to: 'secretary', what: 'remit_disputed', unitId: SUPPORT },
    ]);
  });

  it('the lead returning an assigned item leaves it assigned', () => {
    const r = step(assigned(), { type: 'not_our_remit', unitId: LEAD, reason: '非我单位职责' });
    expect(r.next.status).toBe('assigned');
    expect(r.next.units[0]?.ackStatus).toBe('returned');
  });

  it('reassigning to a new lead drops the old lead, keeps the support row and re-issues the 交办', () => {
    const now = at('2026-09-16T10:00:00+08:00');
    const start = step(inProgress(), { type: 'acknowledge', unitId: SUPPORT }).next;
    const r = step(start, { type: 'reassign', leadUnitId: OTHER, reason: '改派城管' }, '2026-09-16', now);
    expect(r.next.status).toBe('assigned');
    expect(r.next.units).toEqual([
      { unitId: OTHER, role: 'lead', ackStatus: 'pending', assignedAt: now },
      { unitId: SUPPORT, role: 'support', ackStatus: 'acknowledged' },
    ]);
    expect(r.effects).toEqual([
      { type: 'audit', event: 'reassign', from: 'in_progress', to: 'assigned', reason: '改派城管' },
      { type: 'notify', to: 'liaison', what: 'assignment', unitId: OTHER },
      { type: 'notify', to: 'liaison', what: 'released', unitId: LEAD },
      { type: 'notify', to: 'group', what: 'assignment_summary' },
    ]);
  });

  it('returned rows are replaced by the units named', () => {
    const returned = step(inProgress(), SAMPLE.not_our_remit).next;
    const r = step(returned, { type: 'reassign', leadUnitId: LEAD, supportUnitIds: [OTHER] });
    expect(r.next.status).toBe('in_progress'); // the lead is the same and had acknowledged
    expect(r.next.units.map((u) => [u.unitId, u.role, u.ackStatus])).toEqual([
      [LEAD, 'lead', 'acknowledged'],
      [OTHER, 'support', 'pending'],
    ]);
    expect(r.effects).toContainEqual({ type: 'notify', to: 'liaison', what: 'released', unitId: SUPPORT });
  });

  it('a support unit promoted to lead keeps its acknowledgement', () => {
    const start = step(inProgress(), { type: 'acknowledge', unitId: SUPPORT }).next;
    const r = step(start, { type: 'reassign', leadUnitId: SUPPORT, supportUnitIds: [] });
    expect(r.next.status).toBe('in_progress');
    expect(r.next.units).toEqual([{ unitId: SUPPORT, role: 'lead', ackStatus: 'acknowledged' }]);
  });

  it('confirming the original owner after a return re-issues the item to it', () => {
    const returned = step(assigned(), { type: 'not_our_remit', unitId: LEAD, reason: '非我单位职责' }).next;
    const r = step(returned, { type: 'reassign', leadUnitId: LEAD });
    expect(r.next.units[0]).toMatchObject({ unitId: LEAD, ackStatus: 'pending' });
    expect(r.effects).toContainEqual({ type: 'notify', to: 'liaison', what: 'assignment', unitId: LEAD });
  });

  it('a pending extension survives a change of support units but not of lead', () => {
    const keep = step(withPending(), { type: 'reassign', leadUnitId: LEAD, supportUnitIds: [OTHER] });
    expect(keep.next.pendingExtension).toBeDefined();
    const drop = step(withPending(), { type: 'reassign', leadUnitId: OTHER });
    expect(drop.next.pendingExtension).toBeUndefined();
    expect(drop.effects).toContainEqual({
      type: 'extension',
      status: 'withdrawn',
      unitId: LEAD,
      proposedDate: '2026-10-16',
    });
  });
});

describe('park, resume, cancel, edit_due', () => {
  it('park needs a later review date and withdraws a pending extension', () => {
    const r = step(withPending(), { type: 'park', reviewDate: '2026-12-31', reason: '待资金下达' });
    expect(r.next).toMatchObject({ status: 'parked', parkedReviewDate: '2026-12-31' });
    expect(r.next.pendingExtension).toBeUndefined();
    expect(r.effects[0]).toEqual({
      type: 'audit',
      event: 'park',
      from: 'in_progress',
      to: 'parked',
      reason: '待资金下达',
    });
    expect(r.effects).toContainEqual({ type: 'notify', to: 'liaison', what: 'parked', unitId: LEAD });
  });

  it('resume clears the review date', () => {
    const r = step(parked(), { type: 'resume' });
    expect(r.next.status).toBe('in_progress');
    expect(r.next.parkedReviewDate).toBeUndefined();
    expect(r.effects).toContainEqual({ type: 'notify', to: 'liaison', what: 'resumed', unitId: SUPPORT });
  });

  it('cancel from any open status, with a reason; a cancelled draft notifies nobody', () => {
    for (const status of ['assigned', 'in_progress', 'reported_done', 'parked'] as const) {
      const r = step(byStatus[status](), { type: 'cancel', reason: '决定撤销' });
      expect(r.next.status).toBe('cancelled');
      expect(r.effects).toContainEqual({ type: 'notify', to: 'liaison', what: 'cancelled', unitId: LEAD });
    }
    expect(step(draft(), { type: 'cancel', reason: '非议定事项' }).effects).toEqual([
      { type: 'audit', event: 'cancel', from: 'draft', to: 'cancelled', reason: '非议定事项' },
    ]);
  });

  it('edit_due moves only the current due date after assignment, audited', () => {
    const r = step(inProgress(), SAMPLE.edit_due);
    expect(r.next).toMatchObject({ originalDueDate: DUE, currentDueDate: '2026-10-09', extensionCount: 0 });
    expect(r.effects).toEqual([
      { type: 'audit', event: 'edit_due', from: 'in_progress', to: 'in_progress', reason: '会议调整时限' },
      { type: 'cadence_reset', previousDueDate: DUE, dueDate: '2026-10-09', cause: 'edit' },
      { type: 'notify', to: 'liaison', what: 'due_changed', unitId: LEAD },
      { type: 'notify', to: 'liaison', what: 'due_changed', unitId: SUPPORT },
    ]);
  });

  it('edit_due may also shorten the deadline', () => {
    expect(
      step(inProgress(), { type: 'edit_due', date: '2026-09-21', reason: '提前' }).next.currentDueDate,
    ).toBe('2026-09-21');
  });

  it('edit_due on a draft moves both dates and needs no reason', () => {
    const r = step(draft(), { type: 'edit_due', date: '2026-10-09', reason: '' });
    expect(r.next).toMatchObject({ originalDueDate: '2026-10-09', currentDueDate: '2026-10-09' });
  });
});

describe('every refusal', () => {
  const item = inProgress();
  const returnedSupport = () => step(inProgress(), SAMPLE.not_our_remit).next;
  const cases: [TransitionRefusal, () => ItemState, ItemEvent, string?][] = [
    ['already_closed', closed, SAMPLE.cancel],
    ['already_cancelled', cancelled, SAMPLE.progress],
    ['not_open', draft, SAMPLE.acknowledge],
    ['wrong_state', assigned, SAMPLE.verify],
    ['unknown_unit', () => item, { type: 'acknowledge', unitId: OTHER }],
    ['unit_returned', returnedSupport, { type: 'progress', unitId: SUPPORT, text: '已排查' }],
    ['unit_returned', returnedSupport, { type: 'report_done', unitId: SUPPORT }],
    ['not_lead', () => item, { ...SAMPLE.request_extension, unitId: SUPPORT } as ItemEvent],
    ['already_acknowledged', () => item, { type: 'acknowledge', unitId: LEAD }],
    ['already_returned', returnedSupport, SAMPLE.not_our_remit],
    ['needs_reason', () => item, { ...SAMPLE.request_extension, reason: '  ' } as ItemEvent],
    ['needs_reason', withPending, { type: 'reject_extension', reason: '' }],
    ['needs_reason', reportedDone, { type: 'return_for_rework', reason: '' }],
    ['needs_reason', () => item, { type: 'not_our_remit', unitId: LEAD, reason: '' }],
    ['needs_reason', () => item, { type: 'cancel', reason: ' ' }],
    ['needs_reason', () => item, { type: 'edit_due', date: '2026-10-09', reason: '' }],
    ['needs_text', () => item, { type: 'progress', unitId: LEAD, text: ' ' }],
    ['bad_percent', () => item, { type: 'progress', unitId: LEAD, text: 'x', percent: 101 }],
    ['bad_percent', () => item, { type: 'progress', unitId: LEAD, text: 'x', percent: -1 }],
    ['bad_percent', () => item, { type: 'progress', unitId: LEAD, text: 'x', percent: 33.3 }],
    ['bad_date', () => item, { ...SAMPLE.request_extension, proposedDate: '2026-02-30' } as ItemEvent],
    ['bad_date', withPending, { type: 'approve_extension', date: '下周五' }],
    ['bad_date', () => draft(), { type: 'confirm', dueDate: '2026/10/01' }],
    ['bad_date', () => item, { type: 'park', reviewDate: '12-31' }],
    ['bad_date', () => item, { type: 'edit_due', date: '', reason: 'x' }],
    [
      'needs_due_date',
      () => draft({ originalDueDate: undefined, currentDueDate: undefined }),
      SAMPLE.confirm,
    ],
    [
      'needs_lead',
      () => draft({ units: [{ unitId: SUPPORT, role: 'support', ackStatus: 'pending' }] }),
      SAMPLE.confirm,
    ],
    [
      'needs_lead',
      () =>
        draft({
          units: [
            { unitId: LEAD, role: 'lead', ackStatus: 'pending' },
            { unitId: OTHER, role: 'lead', ackStatus: 'pending' },
          ],
        }),
      SAMPLE.confirm,
    ],
    ['due_in_past', () => draft(), { type: 'confirm', dueDate: '2026-09-14' }, '2026-09-15'],
    ['due_in_past', () => item, { type: 'edit_due', date: '2026-09-14', reason: 'x' }, '2026-09-15'],
    ['needs_review_date', () => item, { type: 'park', reviewDate: '' }],
    ['needs_review_date', () => item, { type: 'park', reviewDate: '2026-09-15' }, '2026-09-15'],
    ['extension_after_due', () => item, SAMPLE.request_extension, '2026-09-29'],
    ['date_not_later', () => item, { ...SAMPLE.request_extension, proposedDate: DUE } as ItemEvent],
    ['date_not_later', withPending, { type: 'approve_extension', date: '2026-09-20' }],
    ['date_unchanged', () => item, { type: 'edit_due', date: DUE, reason: 'x' }],
    ['extension_pending', withPending, SAMPLE.request_extension],
    ['no_pending_extension', () => item, SAMPLE.approve_extension],
    ['no_pending_extension', () => item, SAMPLE.reject_extension],
    ['no_change', () => item, { type: 'reassign', leadUnitId: LEAD }],
    ['unknown_event', () => item, { type: 'escalate' } as unknown as ItemEvent],
  ];

  it('the table covers every refusal code', () => {
    expect(new Set(cases.map(([code]) => code))).toEqual(new Set(REFUSALS));
  });

  it.each(cases)('%s', (code, make, event, today = '2026-09-15') => {
    const before = make();
    const snapshot = structuredClone(before);
    expect(refusal(before, event, today)).toBe(code);
    expect(before).toEqual(snapshot); // a refused action changes nothing
  });

  it('a late extension is refused as late, before its other faults', () => {
    const late: ItemEvent = {
      type: 'request_extension',
      unitId: LEAD,
      proposedDate: '2026-09-01',
      reason: '',
    };
    expect(refusal(item, late, '2026-10-08')).toBe('extension_after_due');
  });
});

describe('overdue is derived', () => {
  it.each([
    ['2026-09-27', false],
    [DUE, false],
    ['2026-09-29', true],
  ])('in progress, due 2026-09-28: overdue on %s is %s', (today, expected) => {
    expect(isOverdue(inProgress(), today)).toBe(expected);
  });

  it.each(['reported_done', 'parked', 'closed', 'cancelled', 'draft'] as const)(
    '%s is never overdue',
    (status) => {
      expect(isOverdue(byStatus[status](), '2027-01-01')).toBe(false);
    },
  );

  it('an item without a due date is never overdue', () => {
    expect(isOverdue({ status: 'assigned' }, '2030-01-01')).toBe(false);
  });

  it('flags every unit still on the item, not the ones that returned it', () => {
    const returned = step(inProgress(), SAMPLE.not_our_remit).next;
    expect(overdueUnitIds(returned, '2026-09-29')).toEqual([LEAD]);
    expect(overdueUnitIds(returned, DUE)).toEqual([]);
  });

  it('an approved extension clears overdue; a refused late request does not', () => {
    const extended = step(
      withPending(),
      { type: 'approve_extension', date: '2026-10-16' },
      '2026-09-30',
    ).next;
    expect(isOverdue(extended, '2026-09-30')).toBe(false);
    const late = inProgress();
    expect(refusal(late, SAMPLE.request_extension, '2026-09-30')).toBe('extension_after_due');
    expect(isOverdue(late, '2026-09-30')).toBe(true);
  });
});

describe('journey: lead + support, extension, rework, verification', () => {
  it('runs from draft to closed', () => {
    const log: { status: ItemStatus; effects: Effect[] }[] = [];
    const go = (item: ItemState, event: ItemEvent, today: string, now?: number): ItemState => {
      const r: TransitionResult = transition(item, event, now === undefined ? { today } : { today, now });
      if (!r.ok) throw new Error(`${event.type}: ${r.reason}`);
      log.push({ status: r.next.status, effects: r.effects });
      return deepFreeze(r.next);
    };

    let item = go(draft(), { type: 'confirm' }, '2026-09-14', T_ASSIGN);
    item = go(item, { type: 'acknowledge', unitId: SUPPORT }, '2026-09-14');
    expect(item.status).toBe('assigned');
    item = go(item, { type: 'acknowledge', unitId: LEAD }, '2026-09-15');
    expect(item.status).toBe('in_progress');
    item = go(item, { type: 'progress', unitId: SUPPORT, text: '已完成线路排查' }, '2026-09-17');
    item = go(item, { type: 'progress', unitId: LEAD, text: '已协调施工队', percent: 40 }, '2026-09-18');
    item = go(
      item,
      { type: 'request_extension', unitId: LEAD, proposedDate: '2026-10-16', reason: '材料未到' },
      '2026-09-24',
    );
    item = go(item, { type: 'approve_extension', date: '2026-10-16' }, '2026-09-25');
    expect(item).toMatchObject({ originalDueDate: DUE, currentDueDate: '2026-10-16', extensionCount: 1 });
    expect(log.at(-1)?.effects).toContainEqual({
      type: 'cadence_reset',
      previousDueDate: DUE,
      dueDate: '2026-10-16',
      cause: 'extension',
    });
    expect(isOverdue(item, '2026-10-08')).toBe(false); // past the original date, within the approved one
    item = go(item, { type: 'report_done', unitId: SUPPORT, text: '配合部分完成' }, '2026-10-09');
    expect(item.status).toBe('in_progress');
    item = go(item, { type: 'report_done', unitId: LEAD, text: '已整改完毕' }, '2026-10-12');
    expect(item.status).toBe('reported_done');
    item = go(item, { type: 'return_for_rework', reason: '仍有两处未更换' }, '2026-10-13');
    expect(item).toMatchObject({ status: 'in_progress', reworkCount: 1 });
    item = go(item, { type: 'report_done', unitId: LEAD, text: '已全部更换' }, '2026-10-15');
    item = go(item, { type: 'verify', note: '核查通过' }, '2026-10-16');

    expect(item).toMatchObject({
      status: 'closed',
      originalDueDate: DUE,
      currentDueDate: '2026-10-16',
      extensionCount: 1,
      reworkCount: 1,
      chaseCount: 0,
      reportedDoneOn: '2026-10-15',
    });
    expect(log.map((l) => l.status)).toEqual([
      'assigned',
      'assigned',
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'reported_done',
      'in_progress',
      'reported_done',
      'closed',
    ]);
    // Every accepted step is audited, first.
    expect(log.every((l) => l.effects[0]?.type === 'audit')).toBe(true);
    // Closed means closed.
    for (const type of ITEM_EVENTS) expect(refusal(item, SAMPLE[type])).toBe('already_closed');
  });

  it('a late extension request is refused and the item stays overdue against its due date', () => {
    const item = inProgress();
    const r = transition(
      item,
      { type: 'request_extension', unitId: LEAD, proposedDate: '2026-10-30', reason: '施工队未到位' },
      { today: '2026-10-08' },
    );
    expect(r).toEqual({ ok: false, reason: 'extension_after_due' });
    expect(isOverdue(item, '2026-10-08')).toBe(true);
  });
});
