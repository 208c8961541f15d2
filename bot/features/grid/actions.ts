/**
 * `/ticket <code> <action>` (C23–C25): triage, handling in the grid, dispatch to a unit (its liaison gets
 * 签收 / 退单 / 已处置, DM first with group fallback), return and re-dispatch, extension, parking, the
 * escalation choices of an upper node (take, dispatch to a co-building unit — also a supervised item —,
 * send back with guidance), verification, and the reporter's satisfaction callback. An action that needs
 * a text without one asks for it (the next message answers). Every change is audited.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { TicketRow } from '../../../db/repos/tickets.js';
import { tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { PermissionDeniedError, UserInputError } from '../../core/errors.js';
import { messagesFor } from '../../core/i18n/index.js';
import type { CommandSpec } from '../../core/router.js';
import { parseYmd } from '../../domain/dates.js';
import {
  isFixableComplaint,
  limitEnd,
  parseLimit,
  type Satisfaction,
  type TicketEvent,
  ticketDueAt,
} from '../../domain/ticket-lifecycle.js';
import { localDate } from '../../domain/time.js';
import { commandButtons } from '../buttons.js';
import { applyItemEvent } from '../items/engine.js';
import { resolveUnit } from '../resolve.js';
import { showTicket } from './boards.js';
import {
  applyTicketEvent,
  canDispatch,
  canVerify,
  dueClockOf,
  dueText,
  isHandlerLiaison,
  liaisonOf,
  limitsOf,
  planOverdue,
  postToNode,
  sendToPerson,
  unitName,
  whoOf,
} from './engine.js';
import { escalateTicket } from './escalation.js';

type Verb =
  | 'accept'
  | 'reject'
  | 'handle'
  | 'dispatch'
  | 'ack'
  | 'return'
  | 'respond'
  | 'pass'
  | 'fail'
  | 'extend'
  | 'park'
  | 'resume'
  | 'escalate'
  | 'take'
  | 'send_back'
  | 'merge'
  | Satisfaction;

const VERBS: Record<string, Verb> = {
  受理: 'accept',
  accept: 'accept',
  不予受理: 'reject',
  reject: 'reject',
  自办: 'handle',
  网格自办: 'handle',
  handle: 'handle',
  派单: 'dispatch',
  派遣: 'dispatch',
  改派: 'dispatch',
  dispatch: 'dispatch',
  签收: 'ack',
  ack: 'ack',
  退单: 'return',
  return: 'return',
  已处置: 'respond',
  处置: 'respond',
  respond: 'respond',
  通过: 'pass',
  核查通过: 'pass',
  pass: 'pass',
  不通过: 'fail',
  核查不通过: 'fail',
  fail: 'fail',
  延期: 'extend',
  extend: 'extend',
  挂账: 'park',
  park: 'park',
  恢复: 'resume',
  resume: 'resume',
  上报: 'escalate',
  疑难: 'escalate',
  escalate: 'escalate',
  接办: 'take',
  take: 'take',
  退回: 'send_back',
  退回指导: 'send_back',
  sendback: 'send_back',
  合并: 'merge',
  merge: 'merge',
  满意: 'satisfied',
  基本满意: 'basically_satisfied',
  不满意: 'dissatisfied',
  satisfied: 'satisfied',
  dissatisfied: 'dissatisfied',
};

/** Verbs that need a text, and which question asks for it when it is missing. */
const NEEDS_TEXT: Partial<Record<Verb, 'reason' | 'unit' | 'result'>> = {
  reject: 'reason',
  dispatch: 'unit',
  return: 'reason',
  respond: 'result',
  fail: 'reason',
  send_back: 'reason',
  dissatisfied: 'reason',
};

/** Conversation kind: the answer to a question asked for a ticket action. */
export const TICKET_ANSWER = 'grid.answer';

export const ticketCommand: CommandSpec = {
  name: 'ticket',
  aliases: ['工单'],
  usage: (m) => m.grid.act.usage,
  async handle(ctx) {
    const [code = '', word = '', ...rest] = tokenize(ctx.command.args);
    if (!code) throw new UserInputError((m) => m.common.usage(m.grid.act.usage));
    const ticket = findTicket(ctx, code);
    if (!word) return showTicket(ctx, ticket);
    const verb = VERBS[word.toLowerCase()];
    if (!verb) throw new UserInputError((m) => m.common.usage(m.grid.act.usage));
    act(ctx, ticket, verb, rest.join(' ').trim());
  },
};

export function findTicket(ctx: Context, code: string): TicketRow {
  const t = ctx.deps.repos.tickets.byCode(code);
  if (!t) throw new UserInputError((m) => m.grid.act.notFound(code));
  return t;
}

/** The answer to a question asked above. */
export function ticketAnswer(ctx: Context, payload: unknown): void {
  const { ticketId, verb } = payload as { ticketId: number; verb: Verb };
  const t = ctx.deps.repos.tickets.get(ticketId);
  if (!t) return;
  const text = ctx.msg.text.trim();
  if (!text) {
    ctx.reply(ctx.m.grid.act.refusal.needs_reason);
    return;
  }
  act(ctx, t, verb, text);
}

const deny = (say: (m: Context['m']) => string): never => {
  throw new PermissionDeniedError(say);
};

function act(ctx: Context, t: TicketRow, verb: Verb, text: string): void {
  checkPermission(ctx, t, verb);
  const need = NEEDS_TEXT[verb];
  if (need && !text) {
    const q =
      need === 'unit'
        ? ctx.m.grid.act.askUnit(t.code)
        : need === 'result'
          ? ctx.m.grid.act.askResult(t.code)
          : ctx.m.grid.act.askReason(t.code, verbWord(verb));
    ctx.ask(q, { kind: TICKET_ANSWER, payload: { ticketId: t.id, verb } });
    return;
  }
  switch (verb) {
    case 'accept':
      return run(ctx, t, { type: 'accept' }, () => ctx.m.grid.act.accepted(t.code));
    case 'reject':
      return run(ctx, t, { type: 'reject', reason: text }, () => ctx.m.grid.act.rejected(t.code, text));
    case 'handle':
      return handle(ctx, t);
    case 'dispatch':
      return dispatch(ctx, t, text);
    case 'ack':
      return run(ctx, t, { type: 'acknowledge' }, () =>
        ctx.m.grid.act.acked(t.code, unitName(ctx.deps.repos, t.handlingUnitId)),
      );
    case 'return':
      return run(ctx, t, { type: 'return', reason: text }, (u) => {
        const said = ctx.m.grid.act.returned(t.code, unitName(ctx.deps.repos, u.handlingUnitId), text);
        postToNode(
          ctx.deps,
          u.currentNodeId,
          `ticket:${t.id}:return:${ctx.msg.chat.platform}:${ctx.msg.id}`,
          ctx.now,
          (m) => ({
            text: m.grid.act.returned(t.code, unitName(ctx.deps.repos, u.handlingUnitId), text),
          }),
          messagesFor,
        );
        return said;
      });
    case 'respond':
      return run(ctx, t, { type: 'respond', text }, (u) => {
        const by = u.handlingUnitId ? unitName(ctx.deps.repos, u.handlingUnitId) : ctx.person.name;
        postToNode(
          ctx.deps,
          u.nodeId,
          `ticket:${t.id}:respond:${ctx.msg.chat.platform}:${ctx.msg.id}`,
          ctx.now,
          (m) => ({
            text: m.grid.act.verifyCard(t.code, t.description, by, text),
            buttons: commandButtons(
              ctx.deps.repos,
              ctx.now,
              [
                { label: m.grid.act.verifyOk, command: `/ticket ${t.code} 通过`, shared: true },
                { label: m.grid.act.verifyFail, command: `/ticket ${t.code} 不通过`, shared: true },
              ],
              2,
            ),
          }),
          messagesFor,
        );
        return ctx.m.grid.act.responded(t.code);
      });
    case 'pass':
      return verify(ctx, t, true, text);
    case 'fail':
      return verify(ctx, t, false, text);
    case 'extend':
      return extend(ctx, t, text);
    case 'park':
      return park(ctx, t, text);
    case 'resume': {
      const dueAt = freshDue(ctx, t);
      return run(ctx, t, { type: 'resume', dueAt }, (u) => ctx.m.grid.act.resumed(t.code, due(ctx, u)));
    }
    case 'escalate':
      return ctx.mutate(() => {
        const r = escalateTicket(ctx.deps, t, 'difficult', whoOf(ctx), ctx.now, text || undefined);
        if (!r.ok)
          throw new UserInputError((m) =>
            r.why === 'top' ? m.grid.escalate.noParent : m.grid.act.refusal.wrong_status,
          );
        ctx.reply(ctx.m.grid.escalate.sent(t.code, r.to));
      });
    case 'take':
      return take(ctx, t);
    case 'send_back':
      return sendBack(ctx, t, text);
    case 'merge':
      return merge(ctx, t, text);
    default:
      return callback(ctx, t, verb, text);
  }
}

function checkPermission(ctx: Context, t: TicketRow, verb: Verb): void {
  switch (verb) {
    case 'ack':
    case 'return':
      if (!isHandlerLiaison(ctx, t) && !canDispatch(ctx, t)) deny((mm) => mm.grid.act.notInvolved);
      return;
    case 'respond':
    case 'extend':
      if (t.handlingUnitId ? isHandlerLiaison(ctx, t) || canDispatch(ctx, t) : canVerify(ctx, t)) return;
      return deny((mm) => mm.grid.act.notInvolved);
    case 'pass':
    case 'fail':
      if (!canVerify(ctx, t)) deny((mm) => mm.grid.act.notWorker);
      return;
    case 'escalate':
      // 疑难: the grid leader of the node (§4.4), or a worker of the grid it was reported in.
      if (!canDispatch(ctx, t) && !(t.currentNodeId === t.nodeId && canVerify(ctx, t)))
        deny((mm) => mm.grid.act.notDispatcher);
      return;
    case 'satisfied':
    case 'basically_satisfied':
    case 'dissatisfied':
      if (t.reporterPersonId !== ctx.person.id && !ctx.actor.isAdmin) deny((mm) => mm.grid.act.onlyReporter);
      return;
    default:
      if (!canDispatch(ctx, t)) deny((mm) => mm.grid.act.notDispatcher);
  }
}

const verbWord = (verb: Verb): string => Object.entries(VERBS).find(([, v]) => v === verb)?.[0] ?? verb;

const due = (ctx: Context, t: TicketRow): string =>
  dueText(ctx.m, t.dueAt, ctx.deps.repos.bodies.get(t.currentNodeId)!.timezone);

/** A fresh due time at the node holding the ticket, by its urgency and category. */
function freshDue(ctx: Context, t: TicketRow, node?: BodyRow): number {
  const n = node ?? ctx.deps.repos.bodies.get(t.currentNodeId)!;
  return ticketDueAt(t, ctx.now, limitsOf(ctx.deps.repos, n), dueClockOf(ctx.deps, n.timezone));
}

/** Apply in one transaction with the reply; a refusal is one sentence and changes nothing. */
function run(
  ctx: Context,
  t: TicketRow,
  event: TicketEvent,
  said: (updated: TicketRow) => string,
  opts: Parameters<typeof applyTicketEvent>[5] = {},
): void {
  ctx.mutate(() => {
    const r = applyTicketEvent(ctx.deps, t, event, whoOf(ctx), ctx.now, opts);
    if (!r.ok) throw new UserInputError((m) => m.grid.act.refusal[r.reason]);
    ctx.reply(said(r.ticket));
  });
}

function handle(ctx: Context, t: TicketRow): void {
  const dueAt = freshDue(ctx, t);
  run(ctx, t, { type: 'handle', dueAt }, (u) => ctx.m.grid.act.handled(t.code, due(ctx, u)));
}

/** The parent takes an escalated ticket and handles it itself. */
function take(ctx: Context, t: TicketRow): void {
  const { repos } = ctx.deps;
  const waiting = repos.tickets.openEscalation(t.id, t.currentNodeId);
  if (!waiting) throw new UserInputError((m) => m.grid.escalate.noOpen(t.code));
  const node = repos.bodies.get(t.currentNodeId)!;
  const dueAt = freshDue(ctx, t, node);
  run(
    ctx,
    t,
    { type: 'handle', dueAt },
    (u) => {
      repos.tickets.decideEscalation(waiting.id, { status: 'taken', by: ctx.person.id, now: ctx.now });
      postToNode(
        ctx.deps,
        waiting.fromBodyId,
        `ticket:${t.id}:taken:${ctx.msg.chat.platform}:${ctx.msg.id}`,
        ctx.now,
        (m) => ({
          text: m.grid.escalate.taken(t.code, node.name, due(ctx, u)),
        }),
        messagesFor,
      );
      return ctx.m.grid.escalate.taken(t.code, node.name, due(ctx, u));
    },
    { action: 'ticket.take' },
  );
}

/** The parent sends an escalated ticket back to the node below, with guidance. */
function sendBack(ctx: Context, t: TicketRow, guidance: string): void {
  const { repos } = ctx.deps;
  const waiting = repos.tickets.openEscalation(t.id, t.currentNodeId);
  if (!waiting) throw new UserInputError((m) => m.grid.escalate.noOpen(t.code));
  const below = repos.bodies.get(waiting.fromBodyId)!;
  const dueAt = limitEnd(limitsOf(repos, below).escalation, ctx.now, dueClockOf(ctx.deps, below.timezone));
  // The status stays; the ticket returns to the node below with a fresh time to act on the guidance.
  run(
    ctx,
    t,
    { type: 'escalate', difficult: false },
    () => {
      repos.tickets.decideEscalation(waiting.id, {
        status: 'returned',
        by: ctx.person.id,
        now: ctx.now,
        note: guidance,
      });
      postToNode(
        ctx.deps,
        below.id,
        `ticket:${t.id}:back:${ctx.msg.chat.platform}:${ctx.msg.id}`,
        ctx.now,
        (m) => ({
          text: m.grid.escalate.backTo(t.code, below.name, guidance),
        }),
        messagesFor,
      );
      return ctx.m.grid.escalate.backTo(t.code, below.name, guidance);
    },
    { action: 'ticket.send_back', reason: guidance, extra: { currentNodeId: below.id, dueAt } },
  );
}

/**
 * Dispatch to a unit: one of the node's own units, or a co-building unit of its joint meeting — then the
 * ticket also becomes a supervised item of that joint meeting (sourceType grid_escalation).
 */
function dispatch(ctx: Context, t: TicketRow, query: string): void {
  const { repos } = ctx.deps;
  const node = repos.bodies.get(t.currentNodeId)!;
  const joint = node.jointBodyId ? repos.bodies.get(node.jointBodyId) : undefined;
  const own = repos.units.ofBody(node.id);
  const inJoint = joint ? repos.units.ofBody(joint.id) : [];
  const where = own.length && (!joint || matchesAny(query, own)) ? node : (joint ?? node);
  const unit = resolveUnit(ctx, where, query, {
    retry: (full) => `/ticket ${t.code} 派单 ${full}`,
    usageOf: 'ticket',
  });
  if (!unit) return;
  const asItem = joint !== undefined && where.id === joint.id && inJoint.some((u) => u.id === unit.id);
  const dueAt = freshDue(ctx, t, node);
  ctx.mutate(() => {
    const r = applyTicketEvent(
      ctx.deps,
      t,
      { type: 'dispatch', unitId: unit.id, dueAt },
      whoOf(ctx),
      ctx.now,
      {
        reason: unit.name,
      },
    );
    if (!r.ok) throw new UserInputError((m) => m.grid.act.refusal[r.reason]);
    let ticket = r.ticket;
    const waiting = repos.tickets.openEscalation(t.id, node.id);
    if (waiting)
      repos.tickets.decideEscalation(waiting.id, {
        status: 'dispatched',
        by: ctx.person.id,
        now: ctx.now,
        note: unit.name,
      });
    let itemCode: string | undefined;
    if (asItem && joint && !ticket.itemId) {
      itemCode = superviseAsItem(ctx, ticket, joint.id, unit.id);
      ticket = repos.tickets.get(t.id)!;
    }
    notifyDispatch(ctx, ticket, node);
    ctx.reply(
      ctx.m.grid.act.dispatched(t.code, unit.name, due(ctx, ticket)) +
        (itemCode ? `\n${ctx.m.grid.act.dispatchedItem(t.code, itemCode)}` : ''),
    );
  });
}

const matchesAny = (query: string, units: { name: string; aliases: string[] }[]): boolean =>
  units.some((u) => u.name.includes(query) || query.includes(u.name) || u.aliases.includes(query));

/** Create the supervised item (draft, then confirm) for a ticket dispatched to a co-building unit. */
function superviseAsItem(ctx: Context, t: TicketRow, jointId: number, unitId: number): string | undefined {
  const { repos } = ctx.deps;
  const joint = repos.bodies.get(jointId)!;
  const liaison = repos.liaisons.main(jointId, unitId)?.personId ?? null;
  const tz = joint.timezone;
  const dueDate = t.dueAt !== null ? localDate(t.dueAt - 1, tz) : null;
  const draft = repos.items.createDraft({
    bodyId: jointId,
    content: `${t.description}${t.location ? `（${t.location}）` : ''}`,
    sourceType: 'grid_escalation',
    sourceQuote: t.code,
    dueDate,
    createdBy: ctx.person.id,
    units: [{ unitId, role: 'lead', liaisonPersonId: liaison }],
    now: ctx.now,
  });
  const year = Number(localDate(ctx.now, tz).slice(0, 4));
  repos.items.update(
    draft.id,
    { sourceTicketId: t.id, code: repos.items.nextCode(joint.codePrefix, year) },
    ctx.now,
  );
  const result = applyItemEvent(
    ctx.deps,
    repos.items.get(draft.id)!,
    { type: 'confirm', dueDate: dueDate ?? undefined },
    { personId: ctx.person.id, actor: whoOf(ctx).actor, sourceMessage: whoOf(ctx).sourceMessage },
    ctx.now,
  );
  if (!result.ok) return undefined;
  repos.tickets.update(t.id, { itemId: draft.id }, ctx.now);
  return result.item.code ?? undefined;
}

/** The liaison of the unit gets the ticket with 签收 / 退单 / 已处置 (DM first, group fallback). */
function notifyDispatch(ctx: Context, t: TicketRow, node: BodyRow): void {
  const { repos } = ctx.deps;
  const liaison = liaisonOf(repos, t);
  const key = `ticket:${t.id}:dispatch:${ctx.msg.chat.platform}:${ctx.msg.id}`;
  const build = (m: Context['m']) => ({
    text: m.grid.act.dispatchNotice(
      t.code,
      t.description,
      t.location ?? '',
      dueText(m, t.dueAt, node.timezone),
      node.name,
    ),
    buttons: commandButtons(
      repos,
      ctx.now,
      [
        { label: m.grid.act.ack, command: `/ticket ${t.code} 签收` },
        { label: m.grid.act.returnBtn, command: `/ticket ${t.code} 退单` },
        { label: m.grid.act.respondBtn, command: `/ticket ${t.code} 已处置` },
      ],
      3,
    ),
  });
  if (liaison) {
    sendToPerson(ctx.deps, liaison, node.id, key, ctx.now, build, messagesFor);
    return;
  }
  const name = unitName(repos, t.handlingUnitId);
  postToNode(
    ctx.deps,
    node.id,
    key,
    ctx.now,
    (m) => {
      const out = build(m);
      return { ...out, text: `${m.grid.act.noLiaison(name)}\n\n${out.text}` };
    },
    messagesFor,
  );
}

function verify(ctx: Context, t: TicketRow, pass: boolean, note: string): void {
  const { repos } = ctx.deps;
  ctx.mutate(() => {
    const r = applyTicketEvent(
      ctx.deps,
      t,
      { type: 'verify', pass, note, by: ctx.person.id },
      whoOf(ctx),
      ctx.now,
      {
        action: pass ? 'ticket.verify' : 'ticket.verify_fail',
      },
    );
    if (!r.ok) throw new UserInputError((m) => m.grid.act.refusal[r.reason]);
    const u = r.ticket;
    if (!pass) {
      notifyRework(ctx, u, note);
      ctx.reply(ctx.m.grid.act.rework(t.code, note));
      return;
    }
    closeItem(ctx, u, note);
    if (u.reporterPersonId) {
      sendToPerson(
        ctx.deps,
        u.reporterPersonId,
        u.nodeId,
        `ticket:${t.id}:callback:${ctx.msg.chat.platform}:${ctx.msg.id}`,
        ctx.now,
        (m) => ({
          text: m.grid.act.callbackAsk(t.code, t.description, u.responseText ?? ''),
          buttons: commandButtons(
            repos,
            ctx.now,
            [
              { label: m.grid.satisfaction.satisfied, command: `/ticket ${t.code} 满意` },
              { label: m.grid.satisfaction.basically_satisfied, command: `/ticket ${t.code} 基本满意` },
              { label: m.grid.satisfaction.dissatisfied, command: `/ticket ${t.code} 不满意` },
            ],
            3,
          ),
        }),
        messagesFor,
      );
    }
    ctx.reply(ctx.m.grid.act.closed(t.code));
  });
}

/** A ticket closed in the grid closes its supervised item too (report done by the lead, then verify). */
function closeItem(ctx: Context, t: TicketRow, note: string): void {
  if (!t.itemId) return;
  const { repos } = ctx.deps;
  const who = {
    personId: ctx.person.id,
    actor: whoOf(ctx).actor,
    sourceMessage: whoOf(ctx).sourceMessage,
    onBehalf: true,
  };
  let item = repos.items.get(t.itemId);
  const lead = item && repos.items.unitsOf(item.id).find((r) => r.role === 'lead');
  if (!item || !lead) return;
  if (item.status === 'assigned' || item.status === 'in_progress') {
    const r = applyItemEvent(
      ctx.deps,
      item,
      { type: 'report_done', unitId: lead.unitId, text: t.responseText ?? '' },
      who,
      ctx.now,
    );
    if (r.ok) item = r.item;
  }
  if (item.status === 'reported_done')
    applyItemEvent(ctx.deps, item, { type: 'verify', note: note || t.code }, who, ctx.now);
}

/** Rework goes to whoever handled it: the unit's liaison, or the grid holding it. */
function notifyRework(ctx: Context, t: TicketRow, note: string): void {
  const key = `ticket:${t.id}:rework:${ctx.msg.chat.platform}:${ctx.msg.id}`;
  const build = (m: Context['m']) => ({ text: m.grid.act.reworkNotice(t.code, t.description, note) });
  const liaison = liaisonOf(ctx.deps.repos, t);
  if (liaison && sendToPerson(ctx.deps, liaison, t.currentNodeId, key, ctx.now, build, messagesFor)) return;
  postToNode(ctx.deps, t.currentNodeId, key, ctx.now, build, messagesFor);
}

function extend(ctx: Context, t: TicketRow, text: string): void {
  const [first = '', ...rest] = tokenize(text);
  const limit = parseLimit(first);
  const reason = rest.join(' ').trim();
  if (!limit || !reason) throw new UserInputError((m) => m.grid.act.badExtension, 'ticket');
  const node = ctx.deps.repos.bodies.get(t.currentNodeId)!;
  // The extension counts from the current due time (or now, if it has none).
  const from = t.dueAt ?? ctx.now;
  const dueAt =
    'hours' in limit
      ? from + limit.hours * 3600_000
      : limitEnd(limit, from - 1, dueClockOf(ctx.deps, node.timezone));
  run(ctx, t, { type: 'extend', dueAt, reason }, (u) => {
    postToNode(
      ctx.deps,
      u.currentNodeId,
      `ticket:${t.id}:extend:${ctx.msg.chat.platform}:${ctx.msg.id}`,
      ctx.now,
      (m) => ({
        text: m.grid.act.extended(t.code, dueText(m, u.dueAt, node.timezone)),
      }),
      messagesFor,
    );
    return ctx.m.grid.act.extended(t.code, due(ctx, u));
  });
}

function park(ctx: Context, t: TicketRow, text: string): void {
  const [date = '', ...rest] = tokenize(text);
  const reason = rest.join(' ').trim();
  if (!parseYmd(date) || !reason) throw new UserInputError((m) => m.grid.act.badParkDate, 'ticket');
  run(ctx, t, { type: 'park', reviewDate: date, reason }, () => ctx.m.grid.act.parked(t.code, date));
}

function merge(ctx: Context, t: TicketRow, code: string): void {
  if (!code) throw new UserInputError((m) => m.common.usage(m.grid.act.usage));
  const into = findTicket(ctx, code);
  if (into.id === t.id) throw new UserInputError((m) => m.grid.act.mergeSelf);
  run(ctx, t, { type: 'merge', intoId: into.id }, () => ctx.m.grid.act.merged(t.code, into.code), {
    reason: into.code,
  });
}

function callback(ctx: Context, t: TicketRow, satisfaction: Satisfaction, reason: string): void {
  const fixable = satisfaction === 'dissatisfied' && isFixableComplaint(reason);
  const what = ctx.m.grid.satisfaction[satisfaction];
  run(
    ctx,
    t,
    { type: 'callback', satisfaction, reason: reason || undefined, fixable },
    (u) => {
      if (satisfaction !== 'dissatisfied') return ctx.m.grid.act.rated(t.code, what);
      if (u.status === 'closed') {
        postToNode(
          ctx.deps,
          u.nodeId,
          `ticket:${t.id}:unhappy:${ctx.msg.chat.platform}:${ctx.msg.id}`,
          ctx.now,
          (m) => ({
            text: `${m.grid.act.notReopened(t.code)}（${reason}）`,
          }),
          messagesFor,
        );
        return ctx.m.grid.act.notReopened(t.code);
      }
      // Reopened as rework: a fresh due time where it is held, and the handler is told.
      const dueAt = freshDue(ctx, u);
      const again = ctx.deps.repos.tickets.update(u.id, { dueAt }, ctx.now);
      planOverdue(ctx.deps, again, ctx.now);
      notifyRework(ctx, again, reason);
      postToNode(
        ctx.deps,
        u.nodeId,
        `ticket:${t.id}:reopen:${ctx.msg.chat.platform}:${ctx.msg.id}`,
        ctx.now,
        (m) => ({
          text: m.grid.act.reopened(t.code, reason),
        }),
        messagesFor,
      );
      return ctx.m.grid.act.reopened(t.code, reason);
    },
    { action: 'ticket.callback', reason: reason || what },
  );
}
