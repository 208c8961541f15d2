/**
 * The schedule as rows (DESIGN.md §5.4): a confirmed series materialises a rolling window of sittings,
 * and each sitting gets its reminder steps with fire times computed in the body's zone. A roll step at
 * each sitting's start extends the window, so the scheduler tick keeps everything going by itself.
 *
 * Reminder steps are keyed by sitting, kind and fire time: planning again is a no-op, a step already
 * sent for that instant is never planned again, and `staleAt` = the meeting's start makes a reminder
 * missed during downtime go out late while it is still useful and be skipped (and logged) after.
 * @module
 */
import type { OccurrenceRow, SeriesRow } from '../../../db/repos/meetings.js';
import { MERGED_REASON } from '../../../db/repos/meetings.js';
import type { StepRow } from '../../../db/repos/steps.js';
import type { AppDeps } from '../../core/context.js';
import type { StepHandlerFactory } from '../../core/router.js';
import { addDays, zonedInstant } from '../../domain/dates.js';
import { type HolidayPolicy, nextOccurrences } from '../../domain/recurrence.js';
import { wallClock } from '../../domain/time.js';
import { DAY, planOf, type ReminderKey, type ReminderPlan, ruleOf } from './common.js';

/** Sittings are materialised this far ahead, and at least {@link MIN_AHEAD} of them. */
export const WINDOW_MS = 60 * DAY;
export const MIN_AHEAD = 3;
/** Bounds one materialisation (a daily rule over the window, plus cancelled ones). */
const MAX_BATCH = 120;

export const STEP_KIND: Record<ReminderKey, string> = {
  topicCall: 'meeting.topic_call',
  notice: 'meeting.notice',
  reminder: 'meeting.reminder',
};
export const ROLL_KIND = 'meeting.roll';

export interface PlannedReminder {
  kind: string;
  fireAt: number;
}

/**
 * When a sitting's reminders fire. Day offsets land on a working day (a notice due on a Sunday goes out
 * on Friday, DESIGN.md §4.2); a reminder that would fire at or before the previous sitting (a weekly
 * meeting's topic call 7 days before) or at or after the meeting itself is left out.
 */
export function reminderTimes(
  deps: AppDeps,
  occ: Pick<OccurrenceRow, 'scheduledAt'>,
  plan: ReminderPlan,
  tz: string,
  previousAt: number | undefined,
): PlannedReminder[] {
  const cal = deps.calendar();
  const out: PlannedReminder[] = [];
  const date = wallClock(occ.scheduledAt, tz).date;
  for (const key of ['topicCall', 'notice'] as const) {
    const offset = plan[key];
    if (!offset) continue;
    let day = addDays(date, -offset.days);
    if (!cal.isWorkday(day)) day = cal.addWorkdays(day, -1);
    out.push({ kind: STEP_KIND[key], fireAt: zonedInstant(day, offset.time, tz) });
  }
  if (plan.reminder)
    out.push({ kind: STEP_KIND.reminder, fireAt: occ.scheduledAt - plan.reminder.minutes * 60_000 });
  return out.filter((r) => r.fireAt < occ.scheduledAt && (previousAt === undefined || r.fireAt > previousAt));
}

const stepKey = (occId: number, kind: string, fireAt: number) => `meeting:${occId}:${kind}:${fireAt}`;

/**
 * Plan a sitting's reminders as of `now` and cancel its pending ones that no longer fit (after a move
 * or a changed plan). A reminder already sent for the same instant is not sent again.
 */
export function planReminders(deps: AppDeps, series: SeriesRow, occ: OccurrenceRow, now: number): void {
  const { repos } = deps;
  const steps = repos.steps.of('meeting', [occ.id]).filter((s) => s.kind.startsWith('meeting.'));
  if (occ.status !== 'planned') {
    repos.steps.cancelPending('meeting', occ.id);
    return;
  }
  const previous = repos.meetings.previousOf(occ);
  const wanted = reminderTimes(deps, occ, planOf(series), series.timezone, previous?.scheduledAt);
  const same = (s: StepRow, w: PlannedReminder) => s.kind === w.kind && s.fireAt === w.fireAt;
  const keep = steps.filter((s) => s.status === 'pending' && wanted.some((w) => same(s, w)));
  repos.steps.cancelPending(
    'meeting',
    occ.id,
    keep.map((s) => s.dedupeKey),
  );
  for (const w of wanted) {
    if (w.fireAt <= now) continue;
    if (steps.some((s) => same(s, w) && (s.status === 'pending' || s.status === 'done'))) continue;
    // A step cancelled for this very instant earlier (moved away and back) is planned under a new key.
    const base = stepKey(occ.id, w.kind, w.fireAt);
    const taken = steps.filter((s) => s.dedupeKey === base || s.dedupeKey.startsWith(`${base}#`)).length;
    repos.steps.plan(
      {
        kind: w.kind,
        subjectType: 'meeting',
        subjectId: occ.id,
        fireAt: w.fireAt,
        staleAt: occ.scheduledAt,
        dedupeKey: taken ? `${base}#${taken}` : base,
        payload: { at: occ.scheduledAt },
      },
      now,
    );
  }
}

/** Where an original instant of the rule lands under a holiday policy (one-offs never move). */
export function placeOriginal(
  deps: AppDeps,
  originalAt: number,
  tz: string,
  policy: HolidayPolicy,
  once: boolean,
): number {
  if (policy === 'keep' || once) return originalAt;
  const cal = deps.calendar();
  const w = wallClock(originalAt, tz);
  if (cal.isWorkday(w.date)) return originalAt;
  const target = cal.nextWorkday(w.date);
  return target > w.date ? zonedInstant(target, w.time, tz) : originalAt;
}

/**
 * Make sure the next sittings of an active series exist as rows (the window: {@link WINDOW_MS} ahead and
 * at least {@link MIN_AHEAD}), number them, plan their reminders and the next roll. Idempotent.
 * Returns the sittings it created.
 */
export function ensureWindow(deps: AppDeps, series: SeriesRow, now: number): OccurrenceRow[] {
  const { repos } = deps;
  if (series.status !== 'active') return [];
  const rule = ruleOf(series);
  const tz = series.timezone;
  const occs = nextOccurrences(rule, {
    after: now,
    count: MAX_BATCH,
    tz,
    calendar: deps.calendar(),
    holidayPolicy: series.holidayPolicy,
  });
  const existing = new Map(repos.meetings.occurrencesOf(series.id).map((o) => [o.originalAt, o]));
  const created: OccurrenceRow[] = [];
  let ahead = 0;
  for (const occ of occs) {
    if (occ.at > now + WINDOW_MS && ahead >= MIN_AHEAD) break;
    const row = existing.get(occ.originalAt);
    if (row) {
      if (row.status === 'planned') ahead++;
      continue;
    }
    const inserted = repos.meetings.insertOccurrence({
      bodyId: series.bodyId,
      seriesId: series.id,
      title: series.name,
      kind: rule.kind === 'once' ? 'adhoc' : 'regular',
      scheduledAt: occ.at,
      originalAt: occ.originalAt,
      place: series.place,
      onlineLink: series.onlineLink,
      chairPersonId: series.chairPersonId,
      now,
    });
    if (inserted) {
      created.push(inserted);
      ahead++;
    }
    // Sittings that 顺延 merged into this one are kept as placeholders so they are never generated again.
    for (const merged of occ.mergedFrom ?? []) {
      if (existing.has(merged)) continue;
      repos.meetings.insertOccurrence({
        bodyId: series.bodyId,
        seriesId: series.id,
        title: series.name,
        kind: 'regular',
        scheduledAt: merged,
        originalAt: merged,
        status: 'cancelled',
        cancelReason: MERGED_REASON,
        now,
      });
    }
  }
  repos.meetings.renumber(series.id, series.seqStart, now);
  const future = repos.meetings
    .occurrencesOf(series.id)
    .filter((o) => o.status === 'planned' && o.scheduledAt > now);
  for (const o of future) planReminders(deps, series, o, now);
  const next = future[0];
  if (next) {
    repos.steps.plan(
      {
        kind: ROLL_KIND,
        subjectType: 'body',
        subjectId: series.bodyId,
        fireAt: next.scheduledAt,
        dedupeKey: `meeting-series:${series.id}:roll:${next.scheduledAt}`,
        payload: { seriesId: series.id },
      },
      now,
    );
  }
  return created;
}

/** Re-plan every future sitting of a series (after its plan or holiday policy changed). */
export function replanSeries(deps: AppDeps, series: SeriesRow, now: number): void {
  for (const o of deps.repos.meetings.occurrencesOf(series.id))
    if (o.status === 'planned' && o.scheduledAt > now) planReminders(deps, series, o, now);
}

/** The roll step: extend the window of a series that is still active. */
export const rollStep: StepHandlerFactory = (deps) => (step, now) => {
  const payload = step.payload ? (JSON.parse(step.payload) as { seriesId?: number }) : {};
  const series = payload.seriesId ? deps.repos.meetings.getSeries(payload.seriesId) : undefined;
  if (series?.status === 'active') ensureWindow(deps, series, now);
};
