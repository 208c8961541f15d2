/**
 * The follow-up cadence of supervised items (DESIGN.md §4.3, reference/domain.md §5): which reminders and
 * chases should exist for an item, when each fires, when it goes stale, who gets it, and the key that makes
 * "never twice" a database fact (`scheduled_steps.dedupe_key`). Pure: the caller passes the time zone, the
 * working-day calendar and the current instant; nothing reads the process clock or zone.
 *
 * How the caller uses it: after every accepted transition (and whenever the calendar or the body's cadence
 * changes) compute `planSteps` and reconcile with the stored rows — insert new keys, update `fireAt`/`staleAt`
 * of pending rows with the same key, cancel pending rows whose key is no longer planned. Sent rows stay.
 *
 * Decisions (and why):
 * - **Only a running deadline is followed up**: `assigned` and `in_progress`. Drafts are not items yet,
 *   `reported_done` waits for the secretary (no chasing), `parked` has a review date instead, closed and
 *   cancelled are over.
 * - **Acknowledgement steps are per unit row** (`unitId` set), counted from when that unit got the item
 *   (`assignedAt`, the row's own for a reassigned unit): "+1 working day" is the same wall-clock time on the
 *   next working day, after first moving an assignment made outside working hours to the next working-hours
 *   start — a unit always gets one full working day. A row that is acknowledged or returned gets none.
 * - **Date steps are per item** (no `unitId`): `liaison` in `to` means the liaisons of every unit still on
 *   the item (not returned), lead first — the deadline is the item's, and support units 必办 too.
 * - **Times**: date steps fire at the working-hours start of their day (`due_today` at `dueTodayTime`); any
 *   instant outside working days or hours moves to the next working-hours start. One exception: when the due
 *   date is a rest day (a literal date is kept, §4.2), `due_today` fires on the last working day before it —
 *   moving it forward would put a "due today" after the deadline.
 * - **Stale**: each step goes stale when the next step of its chain fires (ack reminder → escalation, due soon
 *   → due today, overdue chase → red), `due_today` at the end of the due day (24:00 local), the escalation
 *   one working day after it fires; `red` never (it lists the item for the 通报 until it is handled). Steps
 *   already stale at `now` are left out: the scheduler would only skip them.
 * - **A reply stops the current step**: a date step whose fire time is at or before the last reply is left
 *   out (answered or overtaken); an acknowledgement stops the unit's acknowledgement steps. The red step is
 *   also left out once the secretary accepted an explanation.
 * - **Date steps before the assignment are left out**: the 交办 notice already states a near deadline.
 * - **Dedupe keys** hold the item, the step, and what the step is about: the due date for date steps (an
 *   approved extension or due edit gives new keys, so the cadence starts over for the new date) and the
 *   unit plus its assignment instant for acknowledgement steps (a unit re-added by reassignment is chased
 *   anew). Fire times are not in the key: a calendar correction moves a pending step instead of doubling it.
 * - **Current vs original due**: planning and `warningLevel` use `currentDueDate` — the deadline in force,
 *   moved only by an approved extension or an audited edit. A late extension request is refused (lifecycle),
 *   so it never moves the current date and never clears "overdue". The original due date is kept on the item
 *   for statistics (on-time rate against the original) and is not used here.
 * @module
 */
import { addDays, mondayOf, parseYmd, zonedInstant } from './dates.js';
import {
  type AckStatus,
  type ItemState,
  type Recipient,
  RUNNING_STATUSES,
  type UnitRole,
} from './lifecycle.js';
import { wallClock } from './time.js';

/** The working-day calendar this module needs (a structural subset of bot/domain/calendar.ts). */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** The n-th working day after `date` (n ≥ 1; the start day is not counted). */
  addWorkdays(date: string, n: number): string;
  /** The first working day on or after `date`. */
  nextWorkday(date: string): string;
  /** Working days in (from, to]. */
  workdaysBetween(from: string, to: string): number;
}

export type WarningLevel = 'none' | 'blue' | 'yellow' | 'orange' | 'red';

export const STEP_KINDS = [
  'ack_reminder',
  'ack_escalation',
  'due_soon',
  'due_today',
  'overdue_chase',
  'red',
  'weekly_digest',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Level and recipients of each kind (DESIGN §4.3); the order here breaks ties between equal fire times. */
export const STEP_TABLE: Readonly<Record<StepKind, { level: WarningLevel; to: readonly Recipient[] }>> = {
  ack_reminder: { level: 'none', to: ['liaison'] },
  ack_escalation: { level: 'none', to: ['liaison', 'secretary'] },
  due_soon: { level: 'blue', to: ['liaison'] },
  due_today: { level: 'blue', to: ['liaison'] },
  overdue_chase: { level: 'yellow', to: ['liaison', 'secretary'] },
  red: { level: 'red', to: ['secretary', 'chair', 'group'] },
  weekly_digest: { level: 'none', to: ['secretary'] },
};

/**
 * A body's cadence. Offsets are in working days; `null` switches a step off. Times are `HH:mm` local.
 */
export interface CadenceConfig {
  workStart: string;
  workEnd: string;
  /** Unacknowledged this many working days after assignment → reminder to the liaison. */
  ackReminderWorkdays: number | null;
  /** … and this many → the liaison again, with the secretary. */
  ackEscalationWorkdays: number | null;
  /** Blue "due soon" this many working days before the due date. */
  dueSoonWorkdays: number | null;
  /** "Due today" on the due day at this time. */
  dueTodayTime: string | null;
  /** Yellow 催办 this many working days after the due date. */
  overdueChaseWorkdays: number | null;
  /** Red (listed for the 通报) this many working days after the due date, without an accepted explanation. */
  redWorkdays: number | null;
  /** Weekly digest day, 1 = Monday … 5 = Friday (an earlier working day of that week when it is a rest day). */
  digestWeekday: number;
  digestTime: string;
}

/** Per-body overrides, as stored in the body's settings; invalid values fall back to the defaults. */
export type CadenceOverrides = Partial<CadenceConfig>;

/** The defaults of DESIGN §4.3 and §4.2 (working hours 09:00–17:30). */
export const DEFAULT_CADENCE: Readonly<CadenceConfig> = Object.freeze({
  workStart: '09:00',
  workEnd: '17:30',
  ackReminderWorkdays: 1,
  ackEscalationWorkdays: 2,
  dueSoonWorkdays: 3,
  dueTodayTime: '09:00',
  overdueChaseWorkdays: 1,
  redWorkdays: 5,
  digestWeekday: 5,
  // Late Friday afternoon: the week's picture, still inside working hours.
  digestTime: '16:00',
});

/** The longest offset a body may configure; also bounds the day-by-day walks below. */
const MAX_OFFSET_WORKDAYS = 60;
/** A calendar with no working day in this many days is broken; steps depending on it are left out. */
const MAX_SCAN_DAYS = 400;

const normTime = (t: unknown): string | undefined => {
  if (typeof t !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(t.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
};

const offset = (v: unknown, fallback: number | null): number | null => {
  if (v === null) return null;
  return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_OFFSET_WORKDAYS
    ? (v as number)
    : fallback;
};

/** Defaults merged with a body's overrides; a malformed value keeps its default rather than breaking the plan. */
export function resolveCadence(overrides: CadenceOverrides = {}): CadenceConfig {
  const d = DEFAULT_CADENCE;
  let workStart = normTime(overrides.workStart) ?? d.workStart;
  let workEnd = normTime(overrides.workEnd) ?? d.workEnd;
  if (workStart >= workEnd) [workStart, workEnd] = [d.workStart, d.workEnd];
  const weekday = overrides.digestWeekday;
  return {
    workStart,
    workEnd,
    ackReminderWorkdays: offset(overrides.ackReminderWorkdays, d.ackReminderWorkdays),
    ackEscalationWorkdays: offset(overrides.ackEscalationWorkdays, d.ackEscalationWorkdays),
    dueSoonWorkdays: offset(overrides.dueSoonWorkdays, d.dueSoonWorkdays),
    dueTodayTime:
      overrides.dueTodayTime === null ? null : (normTime(overrides.dueTodayTime) ?? d.dueTodayTime),
    overdueChaseWorkdays: offset(overrides.overdueChaseWorkdays, d.overdueChaseWorkdays),
    redWorkdays: offset(overrides.redWorkdays, d.redWorkdays),
    digestWeekday: Number.isInteger(weekday) && weekday! >= 1 && weekday! <= 7 ? weekday! : d.digestWeekday,
    digestTime: normTime(overrides.digestTime) ?? d.digestTime,
  };
}

// === Inputs and outputs

/** A unit row as the cadence sees it (a structural subset of lifecycle's `UnitRow`). */
export interface CadenceUnit {
  unitId: number;
  role: UnitRole;
  ackStatus: AckStatus;
  ackAt?: number;
  /** When this unit got the item, if later than the item's assignment (reassignment). */
  assignedAt?: number;
}

/** What the cadence needs of an item (columns of `items`, its unit rows, and two facts from its history). */
export interface CadenceItem
  extends Pick<ItemState, 'status' | 'assignedAt' | 'originalDueDate' | 'currentDueDate'> {
  id: number;
  units: readonly CadenceUnit[];
  /** The latest substantive reply on the item (the lead's, normally), UTC ms. */
  lastReplyAt?: number;
  /** The secretary accepted the unit's explanation for being late: no red step. */
  explanationAccepted?: boolean;
}

export interface PlanEnv {
  /** The body's time zone, e.g. Asia/Shanghai. */
  tz: string;
  calendar: WorkCalendar;
  /** The current instant, UTC ms. */
  now: number;
  cadence?: CadenceOverrides;
}

/** A step that should exist in `scheduled_steps`. */
export interface PlannedStep {
  kind: StepKind;
  /** Set on per-unit steps: whose liaison `liaison` means. */
  unitId?: number;
  fireAt: number;
  /** After this instant the step is useless: the scheduler skips and logs it instead of sending it late. */
  staleAt?: number;
  level: WarningLevel;
  to: Recipient[];
  dedupeKey: string;
  /** The due date a date step is about. */
  dueDate?: string;
}

// === Working time

interface Hours {
  tz: string;
  cal: WorkCalendar;
  cfg: CadenceConfig;
}

/** The instant itself when inside working hours on a working day, else the next working-hours start. */
function intoWorkingHours(ms: number, h: Hours): number {
  const { date, time } = wallClock(ms, h.tz);
  if (h.cal.isWorkday(date)) {
    if (time < h.cfg.workStart) return zonedInstant(date, h.cfg.workStart, h.tz);
    if (time < h.cfg.workEnd) return ms;
  }
  return zonedInstant(h.cal.nextWorkday(addDays(date, 1)), h.cfg.workStart, h.tz);
}

/**
 * The instant itself when inside working hours on a working day, else the next working-hours start in the
 * zone — for anything the bot sends unprompted (§4.2).
 */
export function nextWorkingInstant(
  ms: number,
  tz: string,
  calendar: WorkCalendar,
  cadence?: CadenceOverrides,
) {
  return intoWorkingHours(ms, { tz, cal: calendar, cfg: resolveCadence(cadence) });
}

/** Same wall-clock time `n` working days later, after moving `ms` into working hours. */
function plusWorkdays(ms: number, n: number, h: Hours): number {
  const start = intoWorkingHours(ms, h);
  const { date, time } = wallClock(start, h.tz);
  return intoWorkingHours(zonedInstant(h.cal.addWorkdays(date, n), time, h.tz), h);
}

/** The n-th working day before `date` (n ≥ 1), walked day by day: the calendar only promises forward steps. */
function workdaysBefore(cal: WorkCalendar, date: string, n: number): string | undefined {
  let d = date;
  let left = n;
  for (let i = 0; i < MAX_SCAN_DAYS * n && left > 0; i++) {
    d = addDays(d, -1);
    if (cal.isWorkday(d)) left--;
  }
  return left === 0 ? d : undefined;
}

const endOfDay = (date: string, tz: string): number => zonedInstant(addDays(date, 1), '00:00', tz);

// === Planning

/**
 * The follow-up steps that should exist for an item now, sorted by fire time (ties in `STEP_KINDS` order,
 * then in the order of the item's unit rows). Deterministic: the same item, calendar and cadence give the
 * same steps and keys; `now` only drops steps that are already stale.
 * @example planSteps(item, { tz: 'Asia/Shanghai', calendar, now: Date.now() })
 */
export function planSteps(item: CadenceItem, env: PlanEnv): PlannedStep[] {
  if (!RUNNING_STATUSES.includes(item.status)) return [];
  const cfg = resolveCadence(env.cadence);
  const h: Hours = { tz: env.tz, cal: env.calendar, cfg };
  const steps = [...ackSteps(item, h), ...dateSteps(item, h)].filter(
    (s) => s.staleAt === undefined || (s.staleAt > s.fireAt && s.staleAt > env.now),
  );
  const rank = (k: StepKind) => STEP_KINDS.indexOf(k);
  return steps.sort((a, b) => a.fireAt - b.fireAt || rank(a.kind) - rank(b.kind));
}

function step(
  kind: StepKind,
  dedupeKey: string,
  fireAt: number,
  extra: { staleAt?: number; unitId?: number; dueDate?: string },
): PlannedStep {
  const s: PlannedStep = {
    kind,
    fireAt,
    level: STEP_TABLE[kind].level,
    to: [...STEP_TABLE[kind].to],
    dedupeKey,
  };
  if (extra.unitId !== undefined) s.unitId = extra.unitId;
  if (extra.staleAt !== undefined) s.staleAt = extra.staleAt;
  if (extra.dueDate !== undefined) s.dueDate = extra.dueDate;
  return s;
}

function ackSteps(item: CadenceItem, h: Hours): PlannedStep[] {
  const { ackReminderWorkdays: first, ackEscalationWorkdays: second } = h.cfg;
  const out: PlannedStep[] = [];
  for (const u of item.units) {
    const from = u.assignedAt ?? item.assignedAt;
    if (u.ackStatus !== 'pending' || from === undefined || !Number.isFinite(from)) continue;
    const key = (kind: StepKind) => `item:${item.id}:unit:${u.unitId}:${kind}:${from}`;
    const escalateAt = second === null ? undefined : plusWorkdays(from, second, h);
    if (first !== null) {
      const fireAt = plusWorkdays(from, first, h);
      const staleAt = escalateAt ?? plusWorkdays(fireAt, 1, h);
      out.push(step('ack_reminder', key('ack_reminder'), fireAt, { unitId: u.unitId, staleAt }));
    }
    if (escalateAt !== undefined) {
      const staleAt = plusWorkdays(escalateAt, 1, h);
      out.push(step('ack_escalation', key('ack_escalation'), escalateAt, { unitId: u.unitId, staleAt }));
    }
  }
  return out;
}

function dateSteps(item: CadenceItem, h: Hours): PlannedStep[] {
  const due = item.currentDueDate;
  if (due === undefined || !parseYmd(due)) return [];
  const { cfg, cal, tz } = h;
  const atStart = (date: string | undefined) =>
    date === undefined ? undefined : intoWorkingHours(zonedInstant(date, cfg.workStart, tz), h);
  const after = (n: number | null) => (n === null ? undefined : atStart(cal.addWorkdays(due, n)));

  const dueDayFire =
    cfg.dueTodayTime === null
      ? undefined
      : (() => {
          const day = cal.isWorkday(due) ? due : workdaysBefore(cal, due, 1);
          return day === undefined ? undefined : intoWorkingHours(zonedInstant(day, cfg.dueTodayTime, tz), h);
        })();
  const soonFire =
    cfg.dueSoonWorkdays === null ? undefined : atStart(workdaysBefore(cal, due, cfg.dueSoonWorkdays));
  const chaseFire = after(cfg.overdueChaseWorkdays);
  const redFire = after(cfg.redWorkdays);

  const key = (kind: StepKind) => `item:${item.id}:${kind}:${due}`;
  const planned: PlannedStep[] = [];
  const add = (kind: StepKind, fireAt: number | undefined, staleAt: number | undefined) => {
    if (fireAt !== undefined) planned.push(step(kind, key(kind), fireAt, { staleAt, dueDate: due }));
  };
  add('due_soon', soonFire, dueDayFire ?? endOfDay(due, tz));
  add('due_today', dueDayFire, endOfDay(due, tz));
  add(
    'overdue_chase',
    chaseFire,
    redFire ?? (chaseFire === undefined ? undefined : plusWorkdays(chaseFire, 1, h)),
  );
  if (!item.explanationAccepted) add('red', redFire, undefined);

  return planned.filter(
    (s) =>
      (item.assignedAt === undefined || s.fireAt >= item.assignedAt) &&
      (item.lastReplyAt === undefined || s.fireAt > item.lastReplyAt),
  );
}

// === Body-level steps

/**
 * When the weekly digest of the week holding `weekOf` goes to the secretary: the digest weekday (Friday by
 * default) at `digestTime`, or the last working day before it in the same Monday–Sunday week when it is a
 * rest day. Undefined when that week has no working day up to the digest day (a whole holiday week: the
 * previous digest covered it) or when `weekOf` is not a date.
 */
export function weeklyDigestAt(
  weekOf: string,
  tz: string,
  calendar: WorkCalendar,
  cadence?: CadenceOverrides,
): number | undefined {
  if (!parseYmd(weekOf)) return undefined;
  const cfg = resolveCadence(cadence);
  const monday = mondayOf(weekOf);
  // A digest time outside working hours would be pushed into the next week; use the day's start instead.
  const time =
    cfg.digestTime >= cfg.workStart && cfg.digestTime < cfg.workEnd ? cfg.digestTime : cfg.workStart;
  for (let d = addDays(monday, cfg.digestWeekday - 1); d >= monday; d = addDays(d, -1)) {
    if (calendar.isWorkday(d)) return zonedInstant(d, time, tz);
  }
  return undefined;
}

/** The dedupe key of a body's weekly digest: one per body and Monday–Sunday week. */
export const weeklyDigestKey = (bodyId: number, weekOf: string): string =>
  `body:${bodyId}:weekly_digest:${mondayOf(weekOf)}`;

// === Warning colour

/**
 * The item's warning colour today (三色单), from the same thresholds as the steps, on the CURRENT due date:
 * - `blue` from `dueSoonWorkdays` working days before the due date through the due date;
 * - `yellow` from the first day past the due date (overdue; the chase itself waits for a working day);
 * - `red` from `redWorkdays` working days after the due date, unless an explanation was accepted.
 * `none` otherwise, and for any item whose deadline is not running (draft, reported done, parked, final).
 * `orange` exists in the schema for bodies that use four colours; the default cadence does not produce it.
 */
export function warningLevel(
  item: Pick<CadenceItem, 'status' | 'currentDueDate' | 'explanationAccepted'>,
  today: string,
  calendar: WorkCalendar,
  cadence?: CadenceOverrides,
): 'none' | 'blue' | 'yellow' | 'red' {
  const due = item.currentDueDate;
  if (!RUNNING_STATUSES.includes(item.status) || due === undefined || !parseYmd(due)) return 'none';
  const cfg = resolveCadence(cadence);
  if (today > due) {
    const red = cfg.redWorkdays === null ? undefined : calendar.addWorkdays(due, cfg.redWorkdays);
    return red !== undefined && today >= red && !item.explanationAccepted ? 'red' : 'yellow';
  }
  const blueFrom =
    cfg.dueSoonWorkdays === null ? due : (workdaysBefore(calendar, due, cfg.dueSoonWorkdays) ?? due);
  return today >= blueFrom ? 'blue' : 'none';
}
