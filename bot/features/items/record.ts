/**
 * /item (J5, C10–C12): record an agreed item as a draft — lead and support units resolved through
 * aliases, the liaison from each unit's current assignment (or named), the deadline phrase resolved
 * on the official calendar and echoed with its weekday — then confirm, edit or drop it.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { ItemRow } from '../../../db/repos/items.js';
import type { UnitWithAliases } from '../../../db/repos/units.js';
import { parseArgs } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { Messages } from '../../core/i18n/index.js';
import { addDays } from '../../domain/dates.js';
import { type DeadlineResult, formatDeadline, parseDeadline } from '../../domain/deadline.js';
import { parseItemCommand } from '../../domain/item-command.js';
import { localDate } from '../../domain/time.js';
import { matchUnit } from '../../domain/unit-match.js';
import { resolvePerson, resolveUnit } from '../resolve.js';

const OPTION_KEYS = {
  联络员: 'liaison',
  liaison: 'liaison',
  时限: 'due',
  期限: 'due',
  due: 'due',
  内容: 'content',
  content: 'content',
};
/** With no deadline given, the body's default applies after confirmation (domain.md: 会议纪要事项 20 日). */
export const DEFAULT_DUE_DAYS = 20;
const MAX_CONTENT = 500;

export interface DraftDue {
  date: string | null;
  text: string | null;
  result: DeadlineResult;
}

/** Resolve a deadline phrase against today in the body's zone; no phrase → the default, said so. */
export function resolveDue(ctx: Context, body: BodyRow, text: string): DraftDue & { rest: string } {
  const today = localDate(ctx.now, body.timezone);
  const result = parseDeadline(text, today, ctx.deps.calendar());
  if (result.kind === 'date') return { date: result.date, text: result.matched, result, rest: result.rest };
  if (result.kind === 'none') return { date: null, text: result.matched, result, rest: result.rest };
  if (result.reason !== 'no_phrase')
    throw new UserInputError((m) => m.items.record.badDeadline(result.detail ?? text), 'item');
  return { date: addDays(today, DEFAULT_DUE_DAYS), text: null, result, rest: text };
}

/** The draft card: what will be assigned to whom by when, with 确认 / 修改 / 删除. */
export function showDraft(ctx: Context, item: ItemRow): void {
  const { m } = ctx;
  const lines = [m.items.record.draftTitle(item.id), m.items.record.content(item.content)];
  for (const u of ctx.deps.repos.items.unitsOf(item.id)) {
    const liaison = u.liaisonName ? m.items.record.liaison(u.liaisonName) : m.items.record.noLiaison;
    lines.push((u.role === 'lead' ? m.items.record.lead : m.items.record.support)(u.unitName, liaison));
  }
  lines.push(dueLine(m, item, ctx.deps.calendar()));
  ctx.choose(lines.join('\n'), [
    { label: m.items.record.confirm, command: `/item confirm ${item.id}` },
    { label: m.items.record.edit, command: `/item edit ${item.id}` },
    { label: m.items.record.drop, command: `/item delete ${item.id}` },
  ]);
}

function dueLine(
  m: Messages,
  item: ItemRow,
  calendar: {
    holidayName(d: string): string | undefined;
    isWorkday(d: string): boolean;
    hasData(y: number): boolean;
  },
): string {
  if (!item.currentDueDate) return m.items.record.noDueDate;
  const date = formatDeadline(item.currentDueDate, m.language as 'zh-CN' | 'en');
  const warnings: string[] = [];
  if (!calendar.isWorkday(item.currentDueDate))
    warnings.push(m.items.record.restDay(calendar.holidayName(item.currentDueDate) ?? ''));
  if (!calendar.hasData(Number(item.currentDueDate.slice(0, 4))))
    warnings.push(m.items.record.noCalendar(item.currentDueDate.slice(0, 4)));
  const said = item.dueText ? m.items.record.said(item.dueText) : m.items.record.defaultDue(DEFAULT_DUE_DAYS);
  return [m.items.record.due(date, said), ...warnings].join('\n');
}

/** `/item …` with units, content and deadline: a draft and its card. */
export function recordItem(ctx: Context, args: string): void {
  const body = ctx.requireBody();
  ctx.authorize('items');
  const { positional, options } = parseArgs(args, OPTION_KEYS);
  const parsed = parseItemCommand(positional.join(' '));
  if (!parsed) throw new UserInputError((m) => m.common.usage(m.items.record.usage));
  const units = ctx.deps.repos.units.ofBody(body.id);
  const retry = (query: string) => (full: string) => `/item ${args.replace(query, full)}`;
  const lead = resolveUnit(ctx, body, parsed.lead, { retry: retry(parsed.lead), offerAdd: true });
  if (!lead) return;
  // 配合 may be an ordinary word of the content: only names that are units make support units.
  const supportNamesAreUnits =
    parsed.support.length > 0 && parsed.support.every((s) => matchUnit(s, units).kind !== 'none');
  const rest = supportNamesAreUnits || !parsed.withoutSupport ? parsed.rest : parsed.withoutSupport.rest;
  const support: UnitWithAliases[] = [];
  for (const name of supportNamesAreUnits ? parsed.support : []) {
    const unit = resolveUnit(ctx, body, name, { retry: retry(name) });
    if (!unit) return;
    if (unit.id !== lead.id && !support.some((s) => s.id === unit.id)) support.push(unit);
  }
  const due = options.due !== undefined ? resolveDue(ctx, body, options.due) : resolveDue(ctx, body, rest);
  const content = (options.due !== undefined ? rest : due.rest).trim();
  if (!content) throw new UserInputError((m) => m.items.record.needContent, 'item');
  if ([...content].length > MAX_CONTENT)
    throw new UserInputError((m) => m.common.tooLong(MAX_CONTENT), 'item');
  ctx.mutate(() => {
    const named = options.liaison ? resolvePerson(ctx, options.liaison).person.id : undefined;
    const liaisonOf = (unitId: number) => ctx.deps.repos.liaisons.main(body.id, unitId)?.personId ?? null;
    const item = ctx.deps.repos.items.createDraft({
      bodyId: body.id,
      content,
      sourceMeetingId: ctx.deps.repos.items.currentMeetingOf(body.id, ctx.now)?.id ?? null,
      sourceQuote: ctx.msg.text.slice(0, 1000),
      dueText: due.text,
      dueDate: due.date,
      createdBy: ctx.person.id,
      units: [
        { unitId: lead.id, role: 'lead', liaisonPersonId: named ?? liaisonOf(lead.id) },
        ...support.map((s) => ({ unitId: s.id, role: 'support' as const, liaisonPersonId: liaisonOf(s.id) })),
      ],
      now: ctx.now,
    });
    ctx.audit({ subjectType: 'item', subjectId: item.id, action: 'item.draft', toState: 'draft' });
    showDraft(ctx, item);
  });
}
