/**
 * `/task <code> <action>` (C14–C15): the liaison's 签收 / 进展 / 办结 / 延期 / 非本单位, and the secretary's
 * 批准 / 驳回 / 通过 / 退回 / 改派 / 挂账 / 恢复 / 撤销 / 修改. A liaison's action without its text asks for it
 * (the next message answers). A secretary acting for a liaison is recorded as acting on their behalf.
 * @module
 */
import type { ItemRow, ItemUnitView } from '../../../db/repos/items.js';
import { parseArgs, tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { parseDeadline } from '../../domain/deadline.js';
import type { ItemEvent } from '../../domain/lifecycle.js';
import { parseNumber } from '../../domain/reply-classifier.js';
import { localDate } from '../../domain/time.js';
import { resolveUnit } from '../resolve.js';
import { showItem } from './boards.js';
import { applyItemEvent } from './engine.js';
import { dueText } from './notices.js';

export type LiaisonVerb = 'ack' | 'progress' | 'done' | 'extend' | 'not_ours';
type SecretaryVerb =
  | 'approve'
  | 'reject'
  | 'verify'
  | 'return'
  | 'reassign'
  | 'park'
  | 'resume'
  | 'cancel'
  | 'edit';

const VERBS: Record<string, LiaisonVerb | SecretaryVerb> = {
  签收: 'ack',
  ack: 'ack',
  进展: 'progress',
  报进展: 'progress',
  progress: 'progress',
  办结: 'done',
  已办结: 'done',
  done: 'done',
  延期: 'extend',
  申请延期: 'extend',
  extend: 'extend',
  非本单位: 'not_ours',
  非本单位职责: 'not_ours',
  notours: 'not_ours',
  批准: 'approve',
  approve: 'approve',
  驳回: 'reject',
  reject: 'reject',
  通过: 'verify',
  销号: 'verify',
  verify: 'verify',
  退回: 'return',
  退回重办: 'return',
  return: 'return',
  改派: 'reassign',
  reassign: 'reassign',
  挂账: 'park',
  park: 'park',
  恢复: 'resume',
  resume: 'resume',
  撤销: 'cancel',
  cancel: 'cancel',
  修改: 'edit',
  edit: 'edit',
};
const LIAISON_VERBS = new Set<string>(['ack', 'progress', 'done', 'extend', 'not_ours']);
/** Conversation kind: the liaison's answer to 报进展 / 已办结 / 申请延期 / 非本单位职责. */
export const ITEM_ANSWER = 'item.answer';

export const taskCommand: CommandSpec = {
  name: 'task',
  aliases: ['督办'],
  usage: (m) => m.items.act.usage,
  async handle(ctx) {
    const [code = '', word = '', ...rest] = tokenize(ctx.command.args);
    if (!code) throw new UserInputError((m) => m.common.usage(m.items.act.usage));
    const item = findItem(ctx, code);
    if (!word) return showItem(ctx, item);
    const verb = VERBS[word.toLowerCase()];
    if (!verb) throw new UserInputError((m) => m.common.usage(m.items.act.usage));
    const text = rest.join(' ').trim();
    if (LIAISON_VERBS.has(verb)) return liaisonAction(ctx, item, verb as LiaisonVerb, text);
    return secretaryAction(ctx, item, verb as SecretaryVerb, text);
  },
};

/** An item by its code (HP-2026-001) in a body the caller may see. */
export function findItem(ctx: Context, code: string): ItemRow {
  const item = ctx.deps.repos.items.byCode(code);
  if (!item || (ctx.body && item.bodyId !== ctx.body.id))
    throw new UserInputError((m) => m.items.record.notFound(code));
  return item;
}

/** The caller's unit on the item: the one they are liaison of, or (for a secretary) the lead. */
function actingUnit(
  ctx: Context,
  item: ItemRow,
  verb: LiaisonVerb,
): { row: ItemUnitView; onBehalf: boolean } {
  const rows = ctx.deps.repos.items.unitsOf(item.id);
  const liaisonUnits = new Set(ctx.deps.repos.liaisons.unitsOf(item.bodyId, ctx.person.id));
  const mine = rows.filter((r) => r.liaisonPersonId === ctx.person.id || liaisonUnits.has(r.unitId));
  if (mine.length > 1) {
    const lead = mine.find((r) => r.role === 'lead');
    if (!lead || verb === 'ack') throw new UserInputError((m) => m.items.act.whichUnit);
    return { row: lead, onBehalf: false };
  }
  if (mine.length === 1) return { row: mine[0]!, onBehalf: false };
  const lead = rows.find((r) => r.role === 'lead')!;
  const decision = authorizeFor(ctx, item, lead.unitId);
  if (!decision.onBehalf) throw new UserInputError((m) => m.items.act.notInvolved(item.code ?? ''));
  return { row: lead, onBehalf: true };
}

/** Permission for a unit's action on an item, checked against the item's own body. */
function authorizeFor(ctx: Context, item: ItemRow, unitId: number): { onBehalf: boolean } {
  const roles = new Set(ctx.deps.repos.roles.rolesOf(item.bodyId, ctx.person.id));
  const liaisonOf = new Set(ctx.deps.repos.liaisons.unitsOf(item.bodyId, ctx.person.id));
  if (liaisonOf.has(unitId)) return { onBehalf: false };
  if (roles.has('secretary') || ctx.actor.isAdmin) return { onBehalf: true };
  ctx.authorize('liaison.act', { unitId });
  return { onBehalf: false };
}

async function liaisonAction(ctx: Context, item: ItemRow, verb: LiaisonVerb, text: string): Promise<void> {
  const { row, onBehalf } = actingUnit(ctx, item, verb);
  const code = item.code ?? '';
  if (!text && verb !== 'ack') {
    const ask = {
      progress: ctx.m.items.act.askProgress(code),
      done: ctx.m.items.act.askDone(code),
      extend: ctx.m.items.act.askExtension(code, dueText(ctx.m, item.currentDueDate)),
      not_ours: ctx.m.items.act.askNotOurs(code),
    }[verb];
    ctx.ask(ask, { kind: ITEM_ANSWER, payload: { itemId: item.id, verb } });
    return;
  }
  const event = liaisonEvent(ctx, item, verb, row.unitId, text);
  run(ctx, item, event, onBehalf, () => {
    const said = {
      ack: ctx.m.items.act.acked(code, row.unitName),
      progress: ctx.m.items.act.progressSaved(code),
      done: row.role === 'lead' ? ctx.m.items.act.doneSaved(code) : ctx.m.items.act.progressSaved(code),
      extend: ctx.m.items.act.extensionSaved(
        code,
        event.type === 'request_extension' ? dueText(ctx.m, event.proposedDate) : '',
      ),
      not_ours: ctx.m.items.act.notOursSaved(code),
    }[verb];
    return said + (onBehalf ? ctx.m.items.act.onBehalf(row.unitName) : '');
  });
}

/** The liaison's answer to the question asked above. */
export async function itemAnswer(ctx: Context, payload: unknown): Promise<void> {
  const { itemId, verb } = payload as { itemId: number; verb: LiaisonVerb };
  const item = ctx.deps.repos.items.get(itemId);
  if (!item) return;
  const text =
    ctx.msg.text.trim() || (ctx.msg.files.length ? ctx.msg.files.map((f) => f.name ?? '').join(' ') : '');
  if (!text) {
    ctx.reply(ctx.m.items.refusal.needs_text!);
    return;
  }
  await liaisonAction(ctx, item, verb, text);
}

function liaisonEvent(
  ctx: Context,
  item: ItemRow,
  verb: LiaisonVerb,
  unitId: number,
  text: string,
): ItemEvent {
  switch (verb) {
    case 'ack':
      return { type: 'acknowledge', unitId };
    case 'progress':
      return { type: 'progress', unitId, text, percent: percentIn(text) };
    case 'done':
      return { type: 'report_done', unitId, text };
    case 'extend': {
      const { date, reason } = extensionDate(ctx, item, text);
      return { type: 'request_extension', unitId, proposedDate: date, reason };
    }
    case 'not_ours': {
      const { positional, options } = parseArgs(text, {
        建议: 'suggest',
        建议单位: 'suggest',
        suggest: 'suggest',
      });
      return { type: 'not_our_remit', unitId, reason: positional.join(' '), suggestedUnit: options.suggest };
    }
  }
}

const percentIn = (text: string): number | undefined => {
  const m = /(\d{1,3})\s*[%％]/.exec(text);
  return m ? Math.min(100, Number(m[1])) : undefined;
};

/** `12月20日 材料未到` or `10个工作日 …` (added to the current deadline) → a date and a reason. */
function extensionDate(ctx: Context, item: ItemRow, text: string): { date: string; reason: string } {
  const body = ctx.deps.repos.bodies.get(item.bodyId)!;
  const calendar = ctx.deps.calendar();
  const workdays = /^(?:延期|延长|再)?\s*([0-9一二两三四五六七八九十]+)\s*个?工作日/.exec(text);
  if (workdays && item.currentDueDate) {
    const n = parseNumber(workdays[1]!);
    if (n && n > 0 && n <= 250)
      return {
        date: calendar.addWorkdays(item.currentDueDate, n),
        reason: text.slice(workdays[0].length).trim(),
      };
  }
  const parsed = parseDeadline(text, localDate(ctx.now, body.timezone), calendar);
  if (parsed.kind !== 'date') throw new UserInputError((m) => m.items.act.badDate(text));
  return { date: parsed.date, reason: parsed.rest.replace(/^(原因|因为|因)[:：]?/, '').trim() };
}

function secretaryAction(ctx: Context, item: ItemRow, verb: SecretaryVerb, text: string): void {
  const action =
    verb === 'approve' || verb === 'reject'
      ? 'extensions'
      : verb === 'verify' || verb === 'return'
        ? 'verify'
        : 'items';
  authorizeIn(ctx, item, action);
  const code = item.code ?? '';
  const body = ctx.deps.repos.bodies.get(item.bodyId)!;
  const today = localDate(ctx.now, body.timezone);
  const dateOf = (s: string) => {
    const parsed = parseDeadline(s, today, ctx.deps.calendar());
    if (parsed.kind !== 'date') throw new UserInputError((m) => m.items.act.badDate(s));
    return parsed;
  };
  const needReason = () => {
    if (!text) throw new UserInputError((m) => m.items.act.needReason, 'task');
    return text;
  };
  let event: ItemEvent;
  switch (verb) {
    case 'approve': {
      const pending = ctx.deps.repos.items.pendingExtension(item.id);
      const date = text ? dateOf(text).date : pending?.proposedDueDate;
      if (!date) throw new UserInputError((m) => m.items.refusal.no_pending_extension!);
      event = { type: 'approve_extension', date };
      break;
    }
    case 'reject':
      event = { type: 'reject_extension', reason: needReason() };
      break;
    case 'verify':
      event = { type: 'verify', note: text || undefined };
      break;
    case 'return':
      event = { type: 'return_for_rework', reason: needReason() };
      break;
    case 'reassign': {
      const unit = resolveUnit(ctx, body, needReason(), { retry: (full) => `/task ${code} 改派 ${full}` });
      if (!unit) return;
      event = { type: 'reassign', leadUnitId: unit.id };
      break;
    }
    case 'park': {
      const parsed = dateOf(needReason());
      event = { type: 'park', reviewDate: parsed.date, reason: parsed.rest || undefined };
      break;
    }
    case 'resume':
      event = { type: 'resume' };
      break;
    case 'cancel':
      event = { type: 'cancel', reason: needReason() };
      break;
    case 'edit':
      return editItem(ctx, item, text);
  }
  run(ctx, item, event, false, (updated) => {
    const said: Record<string, string> = {
      approve: ctx.m.items.act.approved(code, dueText(ctx.m, updated.currentDueDate)),
      reject: ctx.m.items.act.rejected(code, text),
      verify: ctx.m.items.act.verified(code),
      return: ctx.m.items.act.returned(code, text),
      reassign: ctx.m.items.act.reassigned(
        code,
        ctx.deps.repos.items.unitsOf(item.id).find((u) => u.role === 'lead')?.unitName ?? '',
      ),
      park: ctx.m.items.act.parked(code, dueText(ctx.m, updated.parkedReviewDate)),
      resume: ctx.m.items.act.resumed(code),
      cancel: ctx.m.items.act.cancelled(code, text),
    };
    return said[verb] ?? '';
  });
}

/** `修改 时限:… 内容:…`: an audited change of the deadline (edit_due) and/or the wording. */
function editItem(ctx: Context, item: ItemRow, text: string): void {
  const { options } = parseArgs(text, {
    时限: 'due',
    期限: 'due',
    due: 'due',
    内容: 'content',
    content: 'content',
    原因: 'reason',
    reason: 'reason',
  });
  if (options.due === undefined && !options.content)
    throw new UserInputError((m) => m.common.usage(m.items.act.usage));
  const body = ctx.deps.repos.bodies.get(item.bodyId)!;
  const due =
    options.due !== undefined
      ? parseDeadline(options.due, localDate(ctx.now, body.timezone), ctx.deps.calendar())
      : undefined;
  if (due && due.kind !== 'date') throw new UserInputError((m) => m.items.act.badDate(options.due!));
  const code = item.code ?? '';
  ctx.mutate(() => {
    const lines: string[] = [];
    if (options.content) {
      ctx.deps.repos.items.update(item.id, { content: options.content }, ctx.now);
      ctx.audit({
        subjectType: 'item',
        subjectId: item.id,
        action: 'item.edit_content',
        fromState: item.content,
        toState: options.content,
      });
      lines.push(ctx.m.items.act.contentEdited(code));
    }
    if (due?.kind === 'date') {
      const result = applyItemEvent(
        ctx.deps,
        ctx.deps.repos.items.get(item.id)!,
        { type: 'edit_due', date: due.date, reason: options.reason ?? options.due! },
        whoOf(ctx, false),
        ctx.now,
      );
      if (!result.ok) throw new UserInputError((m) => m.items.refusal[result.reason] ?? result.reason);
      lines.push(ctx.m.items.act.dueEdited(code, dueText(ctx.m, due.date)));
    }
    ctx.reply(lines.join('\n'));
  });
}

function authorizeIn(ctx: Context, item: ItemRow, action: 'extensions' | 'verify' | 'items'): void {
  const roles = new Set(ctx.deps.repos.roles.rolesOf(item.bodyId, ctx.person.id));
  if (ctx.actor.isAdmin || roles.has('secretary') || roles.has('chair')) return;
  ctx.authorize(action);
}

const whoOf = (ctx: Context, onBehalf: boolean) => ({
  evidence: ctx.msg.files.map((f) => ({ name: f.name ?? '', mime: f.mime, size: f.size })),
  personId: ctx.person.id,
  actor: `${ctx.msg.sender.platform}:${ctx.msg.sender.userId}`,
  onBehalf,
  sourceMessage: `${ctx.msg.chat.platform}:${ctx.msg.chat.chatId}:${ctx.msg.id}`,
  chatId: ctx.chat.id,
});

/** Apply an event in one transaction with its reply; a refusal is one sentence and changes nothing. */
function run(
  ctx: Context,
  item: ItemRow,
  event: ItemEvent,
  onBehalf: boolean,
  said: (updated: ItemRow) => string,
): void {
  ctx.mutate(() => {
    const result = applyItemEvent(ctx.deps, item, event, whoOf(ctx, onBehalf), ctx.now);
    if (!result.ok) throw new UserInputError((m) => m.items.refusal[result.reason] ?? result.reason);
    ctx.reply(said(result.item));
  });
}
