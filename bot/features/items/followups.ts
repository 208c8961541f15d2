/**
 * Follow-up steps (C16, DESIGN §4.3) as the scheduler runs them: acknowledgement reminders, due soon,
 * due today, the yellow chase and the red listing, each to its recipients (DM first, group fallback),
 * raising the item's warning colour; and the secretary's weekly digest.
 * @module
 */
import type { StepRow } from '../../../db/repos/steps.js';
import type { AppDeps } from '../../core/context.js';
import type { Messages } from '../../core/i18n/index.js';
import type { StepHandler } from '../../core/router.js';
import { STEP_KINDS, type StepKind, type WarningLevel } from '../../domain/cadence.js';
import { isOpen } from '../../domain/lifecycle.js';
import { localDate } from '../../domain/time.js';
import { DIGEST_STEP, planDigest } from './engine.js';
import { deliver, dueText, liaisonButtons } from './notices.js';
import { describeItem, summarizeItem } from './summary.js';

interface StepPayload {
  unitId?: number;
  level: WarningLevel;
  to: ('liaison' | 'secretary' | 'chair' | 'group')[];
  dueDate?: string;
}

const LEVEL_ORDER: WarningLevel[] = ['none', 'blue', 'yellow', 'orange', 'red'];
/** Every cadence step but the body-level digest (handled as `body.weekly_digest`). */
const ITEM_STEP_KINDS = STEP_KINDS.filter(
  (k): k is Exclude<StepKind, 'weekly_digest'> => k !== 'weekly_digest',
);

/** The handler for one follow-up step kind. */
function itemStep(kind: StepKind): (deps: AppDeps) => StepHandler {
  return (deps) => (step: StepRow, now: number) => {
    const { repos } = deps;
    const item = repos.items.get(step.subjectId);
    // The plan is re-made on every change; a step for an item that moved on has nothing to say.
    if (!item || !['assigned', 'in_progress'].includes(item.status)) return;
    const body = repos.bodies.get(item.bodyId)!;
    const payload = JSON.parse(step.payload ?? '{}') as StepPayload;
    const rows = repos.items.unitsOf(item.id);
    const code = item.code ?? `#${item.id}`;
    const text = (m: Messages): string => {
      const unit = rows.find((r) => r.unitId === payload.unitId);
      switch (kind) {
        case 'ack_reminder':
          return m.items.follow.ackReminder(code, item.content);
        case 'ack_escalation':
          return m.items.follow.ackEscalation(code, unit?.unitName ?? '');
        case 'due_soon':
          return m.items.follow.dueSoon(code, item.content, dueText(m, item.currentDueDate));
        case 'due_today':
          return m.items.follow.dueToday(code, item.content);
        case 'overdue_chase':
          return m.items.follow.overdueChase(code, item.content, dueText(m, item.currentDueDate));
        default:
          return m.items.follow.red(
            code,
            item.content,
            rows.map((r) => r.unitName).join('、'),
            dueText(m, item.currentDueDate),
          );
      }
    };
    // Unit steps go to that unit's liaison; item steps to every unit still on the item.
    const targets =
      payload.unitId !== undefined
        ? rows.filter((r) => r.unitId === payload.unitId)
        : rows.filter((r) => r.ackStatus !== 'returned');
    for (const to of payload.to) {
      const key = `step:${step.id}:${to}`;
      if (to === 'liaison') {
        for (const row of targets) {
          deliver(deps, { body, to, unitRow: row, key: `${key}:${row.unitId}`, now }, (m) => ({
            text: text(m),
            buttons: liaisonButtons(repos, m, code, now),
            notice: true,
          }));
        }
      } else {
        deliver(deps, { body, to, key, now }, (m) => ({ text: text(m), notice: true }));
      }
    }
    const raised =
      LEVEL_ORDER.indexOf(payload.level) > LEVEL_ORDER.indexOf(item.warningLevel)
        ? payload.level
        : item.warningLevel;
    const chased = kind === 'overdue_chase' || kind === 'red';
    repos.items.update(
      item.id,
      { warningLevel: raised, chaseCount: item.chaseCount + (chased ? 1 : 0) },
      now,
    );
    repos.audit.record({
      at: now,
      actor: 'system',
      bodyId: item.bodyId,
      subjectType: 'item',
      subjectId: item.id,
      action: `item.followup.${kind}`,
      toState: raised,
      data: { stepId: step.id, lateByMs: now - step.fireAt },
    });
    planDigest(deps, item.bodyId, now);
  };
}

/** The weekly digest to the secretaries: counts and the open items by unit. */
const digestStep =
  (deps: AppDeps): StepHandler =>
  (step, now) => {
    const { repos } = deps;
    const body = repos.bodies.get(step.subjectId);
    if (!body) return;
    const today = localDate(now, body.timezone);
    const items = repos.items.ofBody(body.id).filter((i) => isOpen(i.status));
    const summaries = items.map((i) => summarizeItem(repos, i, today));
    deliver(deps, { body, to: 'secretary', key: `step:${step.id}`, now }, (m) => ({
      notice: true,
      text: [
        m.items.follow.digestTitle(body.name, today),
        summaries.length
          ? m.items.follow.digestCounts(
              summaries.length,
              summaries.filter((s) => s.overdue).length,
              summaries.filter((s) => s.status === 'reported_done').length,
            )
          : m.items.follow.digestNone,
        ...summaries.map((s) => `· ${describeItem(m, s)}`),
      ].join('\n'),
    }));
    if (items.length) planDigest(deps, body.id, now + 60_000);
  };

/** Step kinds and their handlers, for the router. */
export const itemStepHandlers: [string, (deps: AppDeps) => StepHandler][] = [
  ...ITEM_STEP_KINDS.map((k) => [`item.${k}`, itemStep(k)] as [string, (deps: AppDeps) => StepHandler]),
  [DIGEST_STEP, digestStep],
];
