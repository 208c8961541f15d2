import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../bot/domain/calendar.js';
import { addDays, zonedInstant } from '../../bot/domain/dates.js';
import {
  DEFAULT_LIMITS,
  type DueClock,
  findNearDuplicate,
  isFixableComplaint,
  isOverdue,
  mergeLimits,
  parseLimit,
  similarity,
  TICKET_STATUSES,
  type TicketState,
  ticketDueAt,
  transitionTicket,
} from '../../bot/domain/ticket-lifecycle.js';
import { localDate } from '../../bot/domain/time.js';
import { TICKET_STATUSES as SCHEMA_STATUSES } from '../../db/schema/grid.js';

const TZ = 'Asia/Shanghai';
const cal = createWorkCalendar();
const clock: DueClock = {
  localDate: (ms) => localDate(ms, TZ),
  endOfDay: (d) => zonedInstant(addDays(d, 1), '00:00', TZ),
  addWorkdays: (d, n) => cal.addWorkdays(d, n),
};
const at = (iso: string) => Date.parse(iso);
const base: TicketState = {
  status: 'reported',
  dueAt: null,
  handlingUnitId: null,
  difficult: false,
  acceptedAt: null,
  dispatchedAt: null,
  ackAt: null,
  respondedAt: null,
  responseText: null,
  verifiedAt: null,
  verifiedBy: null,
  verifyNote: null,
  closedAt: null,
  parkedReviewDate: null,
  satisfaction: null,
  satisfactionReason: null,
  mergedIntoId: null,
  returnCount: 0,
  reworkCount: 0,
  extensionCount: 0,
};

describe('ticket lifecycle', () => {
  it('has the schema statuses', () => {
    expect([...TICKET_STATUSES]).toEqual([...SCHEMA_STATUSES]);
  });

  it('goes reported → accepted → dispatched → returned → dispatched → acknowledged → responded → closed', () => {
    let s = base;
    const step = (e: Parameters<typeof transitionTicket>[1], now = 1000) => {
      const r = transitionTicket(s, e, now);
      if (!r.ok) throw new Error(r.reason);
      s = r.next;
      return r;
    };
    step({ type: 'accept' });
    step({ type: 'dispatch', unitId: 1, dueAt: 5000 });
    expect(transitionTicket(s, { type: 'dispatch', unitId: 1, dueAt: 6000 }, 1)).toEqual({
      ok: false,
      reason: 'same_unit',
    });
    expect(transitionTicket(s, { type: 'return', reason: ' ' }, 1)).toEqual({
      ok: false,
      reason: 'needs_reason',
    });
    step({ type: 'return', reason: '属地不符' });
    expect(s).toMatchObject({ status: 'return_requested', returnCount: 1 });
    step({ type: 'dispatch', unitId: 2, dueAt: 6000 });
    step({ type: 'acknowledge' });
    step({ type: 'respond', text: '已处置' });
    expect(transitionTicket(s, { type: 'verify', pass: false, note: '', by: 9 }, 1)).toEqual({
      ok: false,
      reason: 'needs_reason',
    });
    const r = step({ type: 'verify', pass: true, note: '', by: 9 }, 7000);
    expect(r).toMatchObject({ from: 'responded', to: 'closed' });
    expect(s).toMatchObject({ status: 'closed', closedAt: 7000, handlingUnitId: 2, verifiedBy: 9 });
  });

  it('refuses what the state does not allow', () => {
    expect(transitionTicket(base, { type: 'acknowledge' }, 1)).toEqual({ ok: false, reason: 'wrong_status' });
    expect(
      transitionTicket(base, { type: 'callback', satisfaction: 'satisfied', fixable: false }, 1),
    ).toEqual({
      ok: false,
      reason: 'wrong_status',
    });
    expect(transitionTicket({ ...base, status: 'closed' }, { type: 'escalate', difficult: true }, 1).ok).toBe(
      false,
    );
  });

  it('extends only before the due time and to a later one', () => {
    const s: TicketState = { ...base, status: 'in_grid', dueAt: 1000 };
    expect(transitionTicket(s, { type: 'extend', dueAt: 2000, reason: '' }, 500)).toEqual({
      ok: false,
      reason: 'needs_reason',
    });
    expect(transitionTicket(s, { type: 'extend', dueAt: 900, reason: '等配件' }, 500)).toEqual({
      ok: false,
      reason: 'date_not_later',
    });
    expect(transitionTicket(s, { type: 'extend', dueAt: 2000, reason: '等配件' }, 1001)).toEqual({
      ok: false,
      reason: 'extension_after_due',
    });
    const r = transitionTicket(s, { type: 'extend', dueAt: 2000, reason: '等配件' }, 1000);
    expect(r.ok && r.next).toMatchObject({ status: 'in_grid', dueAt: 2000, extensionCount: 1 });
  });

  it('parks with a review date and resumes with a fresh due time', () => {
    const s: TicketState = { ...base, status: 'in_progress', handlingUnitId: 3 };
    const p = transitionTicket(s, { type: 'park', reviewDate: '2027-03-01', reason: '待汛期后施工' }, 1);
    expect(p.ok && p.next).toMatchObject({ status: 'parked', parkedReviewDate: '2027-03-01' });
    const r = p.ok ? transitionTicket(p.next, { type: 'resume', dueAt: 99 }, 2) : p;
    expect(r.ok && r.next).toMatchObject({ status: 'in_progress', parkedReviewDate: null, dueAt: 99 });
  });

  it('callback: 满意 keeps it closed; a fixable 不满意 reopens it as rework; once only', () => {
    const closed: TicketState = { ...base, status: 'closed', closedAt: 5 };
    const ok = transitionTicket(
      closed,
      { type: 'callback', satisfaction: 'basically_satisfied', fixable: false },
      6,
    );
    expect(ok.ok && ok.next).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied' });
    if (ok.ok)
      expect(
        transitionTicket(ok.next, { type: 'callback', satisfaction: 'satisfied', fixable: false }, 7),
      ).toEqual({
        ok: false,
        reason: 'already_rated',
      });
    expect(
      transitionTicket(closed, { type: 'callback', satisfaction: 'dissatisfied', fixable: true }, 6),
    ).toEqual({
      ok: false,
      reason: 'needs_reason',
    });
    const re = transitionTicket(
      closed,
      { type: 'callback', satisfaction: 'dissatisfied', reason: '没修好', fixable: true },
      6,
    );
    expect(re).toMatchObject({ ok: true, to: 'in_progress', reopened: true });
    expect(re.ok && re.next).toMatchObject({
      reworkCount: 1,
      closedAt: null,
      satisfaction: 'dissatisfied',
      satisfactionReason: '没修好',
    });
    const kept = transitionTicket(
      closed,
      { type: 'callback', satisfaction: 'dissatisfied', reason: '政策不允许', fixable: false },
      6,
    );
    expect(kept).toMatchObject({ ok: true, to: 'closed' });
  });

  it('tells fixable complaints from objective limits', () => {
    expect(isFixableComplaint('晚上还是不亮')).toBe(true);
    expect(isFixableComplaint('属于历史遗留问题')).toBe(false);
    expect(isFixableComplaint('政策不允许加装')).toBe(false);
  });

  it('derives overdue for running tickets only', () => {
    expect(isOverdue({ status: 'dispatched', dueAt: 10 }, 11)).toBe(true);
    expect(isOverdue({ status: 'dispatched', dueAt: 10 }, 10)).toBe(false);
    expect(isOverdue({ status: 'responded', dueAt: 10 }, 11)).toBe(false);
    expect(isOverdue({ status: 'parked', dueAt: 10 }, 11)).toBe(false);
  });
});

describe('due times', () => {
  const monday9 = at('2026-11-30T09:00:00+08:00');
  it('hours for emergencies and urgent cases, working days otherwise', () => {
    expect(ticketDueAt({ urgency: 'emergency' }, monday9, DEFAULT_LIMITS, clock)).toBe(
      at('2026-11-30T11:00:00+08:00'),
    );
    expect(ticketDueAt({ urgency: 'urgent' }, monday9, DEFAULT_LIMITS, clock)).toBe(
      at('2026-12-01T09:00:00+08:00'),
    );
    expect(ticketDueAt({ urgency: 'normal' }, monday9, DEFAULT_LIMITS, clock)).toBe(
      at('2026-12-04T00:00:00+08:00'),
    );
  });
  it('a category applies when stricter', () => {
    expect(ticketDueAt({ urgency: 'normal', category: '供水' }, monday9, DEFAULT_LIMITS, clock)).toBe(
      at('2026-12-01T09:00:00+08:00'),
    );
    // 投诉 is 13 working days: looser than 3, so the urgency's 3 working days stand.
    expect(ticketDueAt({ urgency: 'normal', category: '投诉' }, monday9, DEFAULT_LIMITS, clock)).toBe(
      at('2026-12-04T00:00:00+08:00'),
    );
  });
  it('skips holidays and counts makeup workdays', () => {
    // Fri 2026-09-25 + 3 working days: 9-28 Mon, 9-29 Tue, 9-30 Wed (National Day from 10-01).
    const fri = at('2026-09-25T10:00:00+08:00');
    const d = ticketDueAt({ urgency: 'normal' }, fri, DEFAULT_LIMITS, clock);
    expect(localDate(d - 1, TZ)).toBe(cal.addWorkdays('2026-09-25', 3));
  });
  it('per-node overrides merge over ancestors and defaults', () => {
    const l = mergeLimits(
      { urgency: { normal: { workdays: 5 } } as never },
      { categories: { 投诉: { workdays: 10 } } },
    );
    expect(l.urgency.normal).toEqual({ workdays: 5 });
    expect(l.urgency.emergency).toEqual({ hours: 2 });
    expect(l.categories.投诉).toEqual({ workdays: 10 });
    expect(l.escalation).toEqual({ workdays: 2 });
  });
  it('parses limits', () => {
    expect(parseLimit('12小时')).toEqual({ hours: 12 });
    expect(parseLimit('3个工作日')).toEqual({ workdays: 3 });
    expect(parseLimit('5wd')).toEqual({ workdays: 5 });
    for (const bad of ['', '0小时', '很快', '1000小时', '3天', "1'; drop table tickets"])
      expect(parseLimit(bad)).toBeUndefined();
  });
});

describe('near duplicates', () => {
  const t = (
    id: number,
    description: string,
    reportedAt: number,
    extra: Partial<{ nodeId: number; location: string | null; status: 'reported' | 'closed' }> = {},
  ) => ({
    id,
    nodeId: 1,
    status: 'reported' as const,
    description,
    location: null,
    reportedAt,
    ...extra,
  });
  it('finds a similar open report of the same grid within the window', () => {
    const found = findNearDuplicate({ nodeId: 1, description: '5号楼楼道里堆放了杂物', at: 10_000 }, [
      t(1, '3号楼路灯不亮', 0),
      t(2, '5号楼楼道堆放杂物', 0),
    ]);
    expect(found?.id).toBe(2);
  });
  it('ignores other grids, closed tickets, other places and old reports', () => {
    const r = { nodeId: 1, description: '5号楼楼道堆放杂物', location: '5号楼', at: 100 * 3600_000 };
    expect(findNearDuplicate(r, [t(1, '5号楼楼道堆放杂物', r.at - 1, { nodeId: 2 })])).toBeUndefined();
    expect(findNearDuplicate(r, [t(1, '5号楼楼道堆放杂物', r.at - 1, { status: 'closed' })])).toBeUndefined();
    expect(
      findNearDuplicate(r, [t(1, '5号楼楼道堆放杂物', r.at - 1, { location: '6号楼' })]),
    ).toBeUndefined();
    expect(findNearDuplicate(r, [t(1, '5号楼楼道堆放杂物', 0)])).toBeUndefined();
  });
  it('similarity is symmetric and bounded, and never throws on odd text', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('', '')).toBe(0);
    for (const s of ['😀😀', '\u202e\u0000', "'; drop table x; --", 'x'.repeat(10_000)]) {
      const v = similarity(s, '楼道杂物');
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(similarity('楼道杂物', s)).toBe(v);
    }
  });
});
