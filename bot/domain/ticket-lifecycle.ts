/**
 * The life of a grid ticket (网格工单), reference/domain.md §4.2, as one pure function:
 * `transitionTicket(state, event, now)` answers the next state plus what to announce, or a typed refusal
 * the bot explains in one sentence. A refusal changes nothing. Also pure: the due time of a ticket by
 * urgency and category (domain.md §1.4 limits, overridable per node) and the near-duplicate check.
 *
 * Decisions this module makes (and why):
 * - **The timer starts at dispatch**, not at 签收 (domain §4.2 #5: avoids the "sign late" loophole);
 *   handling in the grid, taking an escalated ticket and re-dispatching each set a fresh due time.
 * - **退单 goes back to the dispatcher** (`return_requested`), who re-dispatches (改派) to the same or
 *   another unit; `returnCount` counts the returns.
 * - **An extension must be asked for before the due time**, with a reason and a later time.
 * - **Verification closes or sends back**: a failed verification (or a fixable 不满意) is rework
 *   (`in_progress`, `reworkCount + 1`), handled by whoever held it last.
 * - **Escalation never changes the status**: it moves the ticket up the grid (`currentNodeId`, decided by
 *   the caller) and marks it difficult; what the upper node then does (take, dispatch, send back) does.
 * - **Overdue is derived**: open, running (not parked, not waiting for verification) and `now > dueAt`.
 * @module
 */

// === States and events

/** The same list as `TICKET_STATUSES` in db/schema/grid.ts. */
export const TICKET_STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'in_grid',
  'dispatched',
  'acknowledged',
  'return_requested',
  'in_progress',
  'responded',
  'verifying',
  'closed',
  'parked',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type Urgency = 'normal' | 'urgent' | 'emergency';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** Finished: nothing more happens unless a callback reopens it. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['rejected', 'closed'];
/** Statuses whose due time is running (can be overdue and escalated on overdue). */
export const RUNNING_STATUSES: readonly TicketStatus[] = [
  'reported',
  'accepted',
  'in_grid',
  'dispatched',
  'acknowledged',
  'return_requested',
  'in_progress',
];

export const isOpenTicket = (s: TicketStatus): boolean => !FINAL_STATUSES.includes(s);
export const isOverdue = (t: { status: TicketStatus; dueAt: number | null }, now: number): boolean =>
  RUNNING_STATUSES.includes(t.status) && t.dueAt !== null && now > t.dueAt;

/** The fields of a ticket the lifecycle reads and writes (same names as the row). */
export interface TicketState {
  status: TicketStatus;
  dueAt: number | null;
  handlingUnitId: number | null;
  difficult: boolean;
  acceptedAt: number | null;
  dispatchedAt: number | null;
  ackAt: number | null;
  respondedAt: number | null;
  responseText: string | null;
  verifiedAt: number | null;
  verifiedBy: number | null;
  verifyNote: string | null;
  closedAt: number | null;
  parkedReviewDate: string | null;
  satisfaction: Satisfaction | 'unreachable' | null;
  satisfactionReason: string | null;
  mergedIntoId: number | null;
  returnCount: number;
  reworkCount: number;
  extensionCount: number;
}

export type TicketEvent =
  /** 受理 (立案). */
  | { type: 'accept' }
  /** 不予受理. */
  | { type: 'reject'; reason: string }
  /** 网格自办 ("小事不出网格"), or an upper node taking an escalated ticket (接办). */
  | { type: 'handle'; dueAt: number }
  /** 派遣 to a unit, also re-dispatch (改派) after 退单 or from an upper node. */
  | { type: 'dispatch'; unitId: number; dueAt: number }
  /** 签收 by the unit. */
  | { type: 'acknowledge' }
  /** 退单 by the unit, with its reason (属地不符, 权属不清…). */
  | { type: 'return'; reason: string }
  /** 已处置: the handling result. */
  | { type: 'respond'; text: string }
  /** 核查: pass closes, fail is rework. */
  | { type: 'verify'; pass: boolean; note: string; by: number }
  /** 延期 with a reason, before the due time. */
  | { type: 'extend'; dueAt: number; reason: string }
  /** 挂账 with a review date. */
  | { type: 'park'; reviewDate: string; reason: string }
  | { type: 'resume'; dueAt: number }
  /** 疑难 / overdue: the caller moves the ticket to the parent node. */
  | { type: 'escalate'; difficult: boolean }
  /** A near-duplicate merged into an earlier ticket. */
  | { type: 'merge'; intoId: number }
  /** 回访: the reporter's satisfaction; a fixable 不满意 reopens the ticket as rework. */
  | { type: 'callback'; satisfaction: Satisfaction; reason?: string; fixable: boolean };

export type TicketRefusal =
  | 'wrong_status'
  | 'needs_reason'
  | 'extension_after_due'
  | 'date_not_later'
  | 'already_rated'
  | 'same_unit';

export type TicketResult =
  | { ok: true; next: TicketState; from: TicketStatus; to: TicketStatus; reopened?: boolean }
  | { ok: false; reason: TicketRefusal };

/** Which statuses each event may start from. */
const FROM: Record<TicketEvent['type'], readonly TicketStatus[]> = {
  accept: ['reported'],
  reject: ['reported'],
  handle: [
    'reported',
    'accepted',
    'in_grid',
    'dispatched',
    'acknowledged',
    'return_requested',
    'in_progress',
  ],
  dispatch: [
    'reported',
    'accepted',
    'in_grid',
    'dispatched',
    'acknowledged',
    'return_requested',
    'in_progress',
  ],
  acknowledge: ['dispatched'],
  return: ['dispatched', 'acknowledged'],
  respond: ['in_grid', 'dispatched', 'acknowledged', 'in_progress'],
  verify: ['responded', 'verifying'],
  extend: ['in_grid', 'dispatched', 'acknowledged', 'in_progress'],
  park: ['accepted', 'in_grid', 'dispatched', 'acknowledged', 'in_progress', 'return_requested'],
  resume: ['parked'],
  escalate: RUNNING_STATUSES,
  merge: ['reported', 'accepted'],
  callback: ['closed'],
};

/** Apply an event. Pure; `now` stamps the change. */
export function transitionTicket(state: TicketState, event: TicketEvent, now: number): TicketResult {
  if (!FROM[event.type].includes(state.status)) return { ok: false, reason: 'wrong_status' };
  const next: TicketState = { ...state };
  const done = (to: TicketStatus, reopened?: boolean): TicketResult => {
    next.status = to;
    return { ok: true, next, from: state.status, to, ...(reopened ? { reopened } : {}) };
  };
  const needs = (s: string | undefined) => !s?.trim();
  switch (event.type) {
    case 'accept':
      next.acceptedAt = now;
      return done('accepted');
    case 'reject':
      if (needs(event.reason)) return { ok: false, reason: 'needs_reason' };
      return done('rejected');
    case 'handle':
      next.acceptedAt ??= now;
      next.dueAt = event.dueAt;
      next.handlingUnitId = null;
      return done('in_grid');
    case 'dispatch':
      if (state.handlingUnitId === event.unitId && ['dispatched', 'acknowledged'].includes(state.status))
        return { ok: false, reason: 'same_unit' };
      next.acceptedAt ??= now;
      next.dispatchedAt = now;
      next.ackAt = null;
      next.handlingUnitId = event.unitId;
      next.dueAt = event.dueAt;
      return done('dispatched');
    case 'acknowledge':
      next.ackAt = now;
      return done('acknowledged');
    case 'return':
      if (needs(event.reason)) return { ok: false, reason: 'needs_reason' };
      next.returnCount += 1;
      return done('return_requested');
    case 'respond':
      if (needs(event.text)) return { ok: false, reason: 'needs_reason' };
      next.respondedAt = now;
      next.responseText = event.text.trim();
      return done('responded');
    case 'verify':
      next.verifiedAt = now;
      next.verifiedBy = event.by;
      next.verifyNote = event.note.trim() || null;
      if (!event.pass) {
        if (needs(event.note)) return { ok: false, reason: 'needs_reason' };
        next.reworkCount += 1;
        return done('in_progress');
      }
      next.closedAt = now;
      // A new closing asks the reporter again; the previous answer stays in the audit trail.
      next.satisfaction = null;
      next.satisfactionReason = null;
      return done('closed');
    case 'extend':
      if (needs(event.reason)) return { ok: false, reason: 'needs_reason' };
      if (state.dueAt !== null && now > state.dueAt) return { ok: false, reason: 'extension_after_due' };
      if (state.dueAt !== null && event.dueAt <= state.dueAt) return { ok: false, reason: 'date_not_later' };
      next.dueAt = event.dueAt;
      next.extensionCount += 1;
      return done(state.status);
    case 'park':
      if (needs(event.reason)) return { ok: false, reason: 'needs_reason' };
      next.parkedReviewDate = event.reviewDate;
      return done('parked');
    case 'resume':
      next.parkedReviewDate = null;
      next.dueAt = event.dueAt;
      return done(state.handlingUnitId ? 'in_progress' : 'in_grid');
    case 'escalate':
      next.difficult = state.difficult || event.difficult;
      return done(state.status);
    case 'merge':
      next.mergedIntoId = event.intoId;
      return done('rejected');
    case 'callback':
      if (state.satisfaction) return { ok: false, reason: 'already_rated' };
      if (event.satisfaction === 'dissatisfied' && needs(event.reason))
        return { ok: false, reason: 'needs_reason' };
      next.satisfaction = event.satisfaction;
      next.satisfactionReason = event.reason?.trim() || null;
      if (event.satisfaction === 'dissatisfied' && event.fixable) {
        next.reworkCount += 1;
        next.closedAt = null;
        return done('in_progress', true);
      }
      return done('closed');
  }
}

/**
 * Whether a 不满意 reason is something rework can fix. Subjective or handling complaints (not cleaned,
 * came back, nobody came) are; objective limits (policy, ownership, history, outside the remit) are not,
 * and reopening would only repeat the answer (domain.md §1.4: unsatisfactory for subjective reasons → redo).
 */
export function isFixableComplaint(reason: string): boolean {
  return !/(政策|规定|法规|历史遗留|产权|不属于|超出|无法解决|客观|policy|regulation|ownership)/i.test(
    reason,
  );
}

// === Due times

/** A limit: clock hours (emergencies) or working days (ends at 24:00 local on the Nth working day). */
export type Limit = { hours: number } | { workdays: number };

/** Time limits of a node (settings.ticketLimits); a node's own values override its ancestors'. */
export interface TicketLimits {
  urgency: Record<Urgency, Limit>;
  /** Per category (类别), applied when stricter than the urgency's limit. */
  categories: Record<string, Limit>;
  /** Time an upper node has to act on an escalated ticket before it goes one level higher. */
  escalation: Limit;
}

/**
 * Defaults from domain.md §1.4: emergencies 2 hours (life/property risk), urgent 24 hours (water, power,
 * gas, heat), an ordinary case 3 working days (the "113" rule; our default for 网格自办); consultations
 * 3 working days; complaints and reports 13 working days; an upper node 2 working days.
 */
export const DEFAULT_LIMITS: TicketLimits = {
  urgency: { emergency: { hours: 2 }, urgent: { hours: 24 }, normal: { workdays: 3 } },
  categories: {
    供水: { hours: 24 },
    供电: { hours: 24 },
    燃气: { hours: 24 },
    供暖: { hours: 24 },
    咨询: { workdays: 3 },
    投诉: { workdays: 13 },
    举报: { workdays: 13 },
  },
  escalation: { workdays: 2 },
};

/** Merge partial overrides (root first, then nearer nodes) over the defaults. */
export function mergeLimits(...overrides: (Partial<TicketLimits> | undefined)[]): TicketLimits {
  const out: TicketLimits = {
    urgency: { ...DEFAULT_LIMITS.urgency },
    categories: { ...DEFAULT_LIMITS.categories },
    escalation: DEFAULT_LIMITS.escalation,
  };
  for (const o of overrides) {
    if (!o) continue;
    Object.assign(out.urgency, o.urgency ?? {});
    Object.assign(out.categories, o.categories ?? {});
    if (o.escalation) out.escalation = o.escalation;
  }
  return out;
}

/** What the due-time arithmetic needs from the calendar and the time zone. */
export interface DueClock {
  /** `YYYY-MM-DD` of an instant in the node's time zone. */
  localDate(ms: number): string;
  /** The instant of 00:00 local on the day after `date` (a deadline ends at 24:00). */
  endOfDay(date: string): number;
  addWorkdays(date: string, n: number): string;
}

/** The instant a limit counted from `from` ends. */
export function limitEnd(limit: Limit, from: number, clock: DueClock): number {
  if ('hours' in limit) return from + limit.hours * 3600_000;
  return clock.endOfDay(clock.addWorkdays(clock.localDate(from), limit.workdays));
}

/** Due time of a ticket: its urgency's limit, or its category's when that is stricter. */
export function ticketDueAt(
  input: { urgency: Urgency; category?: string | null },
  from: number,
  limits: TicketLimits,
  clock: DueClock,
): number {
  const byUrgency = limitEnd(limits.urgency[input.urgency], from, clock);
  const cat = input.category ? limits.categories[input.category] : undefined;
  return cat ? Math.min(byUrgency, limitEnd(cat, from, clock)) : byUrgency;
}

/** Parse `12小时` / `3个工作日` / `3工作日` / `2h` / `5wd` into a limit (1–999). */
export function parseLimit(text: string): Limit | undefined {
  const m = /^\s*(\d{1,3})\s*(小时|h|hours?|个?工作日|wd|workdays?)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1) return undefined;
  return /小时|^h/i.test(m[2]!) ? { hours: n } : { workdays: n };
}

// === Near duplicates

const normalize = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...normalize(s)];
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two texts over character bigrams, 0…1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let both = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  if (total === 0) return 0;
  for (const [g, n] of x) both += Math.min(n, y.get(g) ?? 0);
  return (2 * both) / total;
}

export const DUPLICATE_WINDOW_MS = 48 * 3600_000;
export const DUPLICATE_THRESHOLD = 0.6;

/**
 * The earlier open ticket of the same grid a new report most likely repeats: reported within the window,
 * description similar enough, and the same place when both name one.
 */
export function findNearDuplicate<
  T extends {
    id: number;
    nodeId: number;
    status: TicketStatus;
    description: string;
    location: string | null;
    reportedAt: number;
  },
>(
  report: { nodeId: number; description: string; location?: string | null; at: number },
  candidates: readonly T[],
): T | undefined {
  let best: { t: T; score: number } | undefined;
  for (const t of candidates) {
    if (t.nodeId !== report.nodeId || !isOpenTicket(t.status)) continue;
    if (report.at - t.reportedAt > DUPLICATE_WINDOW_MS || report.at < t.reportedAt) continue;
    if (report.location && t.location && normalize(report.location) !== normalize(t.location)) continue;
    const score = similarity(report.description, t.description);
    if (score >= DUPLICATE_THRESHOLD && (!best || score > best.score)) best = { t, score };
  }
  return best?.t;
}
