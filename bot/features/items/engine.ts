/**
 * The item engine: load an item's state, apply a lifecycle event (bot/domain/lifecycle.ts), persist
 * the new state and its effects (feedback, extension requests, audit), send the notices the effects
 * call for, and re-plan the follow-up steps. Everything runs inside the caller's transaction, so the
 * state change and the messages it causes commit together.
 * @module
 */
import { type BodyRow, settingsOf } from '../../../db/repos/bodies.js';
import type { Repos } from '../../../db/repos/index.js';
import type { ItemRow } from '../../../db/repos/items.js';
import type { AppDeps } from '../../core/context.js';
import {
  type CadenceOverrides,
  planSteps,
  warningLevel,
  weeklyDigestAt,
  weeklyDigestKey,
} from '../../domain/cadence.js';
import { addDays } from '../../domain/dates.js';
import {
  type Effect,
  type ItemEvent,
  type ItemState,
  isOpen,
  type TransitionRefusal,
  transition,
} from '../../domain/lifecycle.js';
import { localDate } from '../../domain/time.js';
import { planBulletin } from '../stats/plan.js';
import { sendNotice } from './notices.js';

/** Who caused an event, for the audit trail (留痕). */
export interface ItemActor {
  personId?: number;
  /** `platform:userId`, or `system` for the scheduler. */
  actor: string;
  /** A secretary acting for a liaison. */
  onBehalf?: boolean;
  sourceMessage?: string;
  /** Where the action happened, to fall back to when a DM cannot be delivered. */
  chatId?: number;
  /** Files sent with a report (evidence of completion): noted on the feedback. */
  evidence?: { name: string; mime?: string; size?: number }[];
}

export type ApplyResult =
  | { ok: true; item: ItemRow; effects: Effect[] }
  | { ok: false; reason: TransitionRefusal };

/** The lifecycle's view of an item row and its unit rows. */
export function loadState(repos: Repos, item: ItemRow, tz: string): ItemState {
  const pending = repos.items.pendingExtension(item.id);
  const rows = repos.items.unitsOf(item.id);
  const unitOfRow = new Map(rows.map((r) => [r.id, r.unitId]));
  return {
    status: item.status,
    originalDueDate: item.originalDueDate ?? undefined,
    currentDueDate: item.currentDueDate ?? undefined,
    parkedReviewDate: item.parkedReviewDate ?? undefined,
    extensionCount: item.extensionCount,
    reworkCount: item.reworkCount,
    chaseCount: item.chaseCount,
    assignedAt: item.assignedAt ?? undefined,
    reportedDoneAt: item.reportedDoneAt ?? undefined,
    reportedDoneOn: item.reportedDoneAt ? localDate(item.reportedDoneAt, tz) : undefined,
    units: rows.map((r) => ({
      unitId: r.unitId,
      role: r.role,
      ackStatus: r.ackStatus,
      ackAt: r.ackAt ?? undefined,
      lastFeedbackAt: r.lastFeedbackAt ?? undefined,
      assignedAt: r.createdAt,
    })),
    pendingExtension: pending
      ? {
          unitId:
            (pending.itemUnitId && unitOfRow.get(pending.itemUnitId)) ||
            rows.find((r) => r.role === 'lead')?.unitId ||
            0,
          proposedDate: pending.proposedDueDate,
          reason: pending.reason,
          requestedOn: localDate(pending.requestedAt, tz),
        }
      : undefined,
  };
}

/** Apply an event to an item and persist everything it causes. Call inside a transaction. */
export function applyItemEvent(
  deps: AppDeps,
  item: ItemRow,
  event: ItemEvent,
  who: ItemActor,
  now: number,
): ApplyResult {
  const { repos } = deps;
  const body = repos.bodies.get(item.bodyId)!;
  const before = loadState(repos, item, body.timezone);
  const result = transition(before, event, { today: localDate(now, body.timezone), now });
  if (!result.ok) return result;
  const { next, effects } = result;
  persistState(repos, item, before, next, event, now);
  const rows = repos.items.unitsOf(item.id);
  const rowOf = (unitId: number) => rows.find((r) => r.unitId === unitId);
  for (const e of effects) {
    if (e.type === 'audit') {
      repos.audit.record({
        at: now,
        actor: who.actor,
        actorPersonId: who.personId,
        bodyId: item.bodyId,
        subjectType: 'item',
        subjectId: item.id,
        action: `item.${e.event}`,
        fromState: e.from,
        toState: e.to,
        reason: e.reason ?? ('reason' in event ? (event.reason ?? null) : null),
        data: { event, onBehalf: who.onBehalf ?? false },
        sourceMessage: who.sourceMessage,
      });
    } else if (e.type === 'feedback') {
      repos.items.addFeedback({
        itemId: item.id,
        itemUnitId: rowOf(e.unitId)?.id ?? null,
        personId: who.personId ?? null,
        intent: e.intent,
        text: e.text ?? null,
        percent: e.percent ?? null,
        reason: e.reason ?? null,
        suggestedUnit: e.suggestedUnit ?? null,
        evidence: who.evidence?.length ? JSON.stringify(who.evidence) : null,
        parser: who.onBehalf ? 'human' : 'button',
        sourceMessageId: who.sourceMessage ?? null,
        at: now,
      });
    } else if (e.type === 'extension') {
      persistExtension(repos, item, e, rowOf(e.unitId)?.id, who, now);
    } else if (e.type === 'cadence_reset' && item.warningLevel === 'blue') {
      // 🔵 said "due soon" of the old date: recompute it for the new one. Yellow and red stay, since they
      // record that the item was overdue (DESIGN §4.3).
      const today = localDate(now, body.timezone);
      const level = warningLevel(
        { status: next.status, currentDueDate: e.dueDate },
        today,
        deps.calendar(),
        cadenceOf(body),
      );
      repos.items.update(item.id, { warningLevel: level }, now);
    }
  }
  const updated = repos.items.get(item.id)!;
  let seq = 0;
  for (const e of effects) {
    if (e.type === 'notify')
      sendNotice(deps, { item: updated, body, notice: e, event, who, now, seq: seq++ });
  }
  replanItem(deps, updated, now);
  return { ok: true, item: updated, effects };
}

function persistState(
  repos: Repos,
  item: ItemRow,
  before: ItemState,
  next: ItemState,
  event: ItemEvent,
  now: number,
): void {
  const patch: Partial<ItemRow> = {
    status: next.status,
    originalDueDate: next.originalDueDate ?? null,
    currentDueDate: next.currentDueDate ?? null,
    parkedReviewDate: next.parkedReviewDate ?? null,
    extensionCount: next.extensionCount,
    reworkCount: next.reworkCount,
    assignedAt: next.assignedAt ?? item.assignedAt,
    reportedDoneAt: next.reportedDoneAt ?? null,
  };
  if (next.status === 'closed' && before.status !== 'closed')
    Object.assign(patch, { closedAt: now, verifiedAt: now });
  if (next.status === 'cancelled' && before.status !== 'cancelled') patch.cancelledAt = now;
  if (next.status === 'closed' || next.status === 'cancelled') patch.warningLevel = 'none';
  repos.items.update(item.id, patch, now);
  if (event.type === 'reassign') syncUnits(repos, item.id, next, now);
  const rows = repos.items.unitsOf(item.id);
  for (const u of next.units) {
    const row = rows.find((r) => r.unitId === u.unitId);
    if (!row) continue;
    repos.items.updateUnit(row.id, {
      ackStatus: u.ackStatus,
      ackAt: u.ackAt ?? null,
      lastFeedbackAt: u.lastFeedbackAt ?? null,
    });
  }
}

/** After a reassignment: rows for new units (with their liaison), none for dropped ones. */
function syncUnits(repos: Repos, itemId: number, next: ItemState, now: number): void {
  const item = repos.items.get(itemId)!;
  const rows = repos.items.unitsOf(itemId);
  for (const row of rows)
    if (!next.units.some((u) => u.unitId === row.unitId)) repos.items.removeUnit(row.id);
  for (const u of next.units) {
    const row = rows.find((r) => r.unitId === u.unitId);
    if (row && row.role === u.role) continue;
    const liaison = row?.liaisonPersonId ?? repos.liaisons.main(item.bodyId, u.unitId)?.personId ?? null;
    repos.items.addUnit(itemId, { unitId: u.unitId, role: u.role, liaisonPersonId: liaison }, now);
  }
}

function persistExtension(
  repos: Repos,
  item: ItemRow,
  e: Extract<Effect, { type: 'extension' }>,
  itemUnitId: number | undefined,
  who: ItemActor,
  now: number,
): void {
  if (e.status === 'pending') {
    repos.items.requestExtension({
      itemId: item.id,
      itemUnitId: itemUnitId ?? null,
      requestedBy: who.personId ?? null,
      requestedAt: now,
      originalDueDate: item.currentDueDate,
      proposedDueDate: e.proposedDate,
      reason: e.reason ?? '',
      filedBeforeDue: e.filedBeforeDue ?? true,
    });
    return;
  }
  const pending = repos.items.pendingExtension(item.id);
  if (!pending) return;
  repos.items.decideExtension(pending.id, {
    status: e.status,
    by: who.personId,
    at: now,
    approvedDueDate: e.approvedDate,
    note: e.reason,
  });
}

/** The body's cadence settings (per-body overrides of DESIGN §4.3), if any. */
export function cadenceOf(body: BodyRow): CadenceOverrides {
  return (settingsOf(body).cadence as CadenceOverrides | undefined) ?? {};
}

/**
 * Bring the item's follow-up steps in line with its state: plan what the cadence wants (new keys are
 * inserted, existing ones kept) and cancel pending steps it no longer wants.
 */
export function replanItem(deps: AppDeps, item: ItemRow, now: number): void {
  const { repos } = deps;
  const body = repos.bodies.get(item.bodyId)!;
  const rows = repos.items.unitsOf(item.id);
  const lead = rows.find((r) => r.role === 'lead');
  const planned = planSteps(
    {
      id: item.id,
      status: item.status,
      assignedAt: item.assignedAt ?? undefined,
      originalDueDate: item.originalDueDate ?? undefined,
      currentDueDate: item.currentDueDate ?? undefined,
      units: rows.map((r) => ({
        unitId: r.unitId,
        role: r.role,
        ackStatus: r.ackStatus,
        ackAt: r.ackAt ?? undefined,
        assignedAt: r.createdAt,
      })),
      lastReplyAt: lead?.lastFeedbackAt ?? undefined,
    },
    { tz: body.timezone, calendar: deps.calendar(), now, cadence: cadenceOf(body) },
  );
  repos.steps.cancelPending(
    'item',
    item.id,
    planned.map((p) => p.dedupeKey),
  );
  for (const p of planned) {
    repos.steps.plan(
      {
        kind: `item.${p.kind}`,
        subjectType: 'item',
        subjectId: item.id,
        fireAt: p.fireAt,
        staleAt: p.staleAt,
        dedupeKey: p.dedupeKey,
        payload: { unitId: p.unitId, level: p.level, to: p.to, dueDate: p.dueDate },
      },
      now,
    );
  }
  if (isOpen(item.status)) {
    planDigest(deps, item.bodyId, now);
    planBulletin(deps, item.bodyId, now);
  }
}

/** The step kind of the secretary's weekly digest. */
export const DIGEST_STEP = 'body.weekly_digest';

/** Plan this week's digest for a body (once per week, by its dedupe key). */
export function planDigest(deps: AppDeps, bodyId: number, now: number): void {
  const body = deps.repos.bodies.get(bodyId);
  if (!body) return;
  const today = localDate(now, body.timezone);
  for (const week of [today, addDays(today, 7)]) {
    const at = weeklyDigestAt(week, body.timezone, deps.calendar(), cadenceOf(body));
    if (at === undefined || at <= now) continue;
    deps.repos.steps.plan(
      {
        kind: DIGEST_STEP,
        subjectType: 'body',
        subjectId: bodyId,
        fireAt: at,
        dedupeKey: weeklyDigestKey(bodyId, week),
      },
      now,
    );
    return;
  }
}
