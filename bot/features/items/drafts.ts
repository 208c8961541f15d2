/**
 * `/item` and its draft step: record (record.ts), then confirm (立项 → 交办: a code, the liaisons'
 * notices, the group summary, the follow-up plan), edit, or delete. Only confirmed items are supervised.
 * @module
 */
import type { ItemRow } from '../../../db/repos/items.js';
import { parseArgs, tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { localDate } from '../../domain/time.js';
import { resolvePerson } from '../resolve.js';
import { applyItemEvent } from './engine.js';
import { recordItem, resolveDue, showDraft } from './record.js';

const SUB: Record<string, 'confirm' | 'edit' | 'delete'> = {
  confirm: 'confirm',
  确认: 'confirm',
  edit: 'edit',
  修改: 'edit',
  delete: 'delete',
  删除: 'delete',
};
const EDIT_KEYS = {
  内容: 'content',
  content: 'content',
  时限: 'due',
  期限: 'due',
  due: 'due',
  联络员: 'liaison',
  liaison: 'liaison',
};

export const itemCommand: CommandSpec = {
  name: 'item',
  aliases: ['事项', '立项'],
  action: 'items',
  where: 'bound',
  usage: (m) => m.items.record.usage,
  handle(ctx) {
    const [word = '', id = '', ...rest] = tokenize(ctx.command.args);
    const sub = SUB[word.toLowerCase()];
    if (!sub || !/^\d+$/.test(id)) return recordItem(ctx, ctx.command.args);
    ctx.authorize('items');
    const draft = draftOf(ctx, id);
    if (sub === 'delete') {
      ctx.mutate(() => {
        ctx.deps.repos.items.deleteDraft(draft.id);
        ctx.audit({
          subjectType: 'item',
          subjectId: draft.id,
          action: 'item.draft_deleted',
          fromState: 'draft',
        });
        ctx.reply(ctx.m.items.record.deleted(draft.id));
      });
      return;
    }
    if (sub === 'edit') return editDraft(ctx, draft, rest.join(' '));
    confirmDraft(ctx, draft);
  },
};

function draftOf(ctx: Context, id: string): ItemRow {
  const item = ctx.deps.repos.items.get(Number(id));
  if (!item || item.bodyId !== ctx.body?.id)
    throw new UserInputError((m) => m.items.record.notFound(`#${id}`));
  if (item.status !== 'draft') throw new UserInputError((m) => m.items.record.notDraft(id));
  return item;
}

function editDraft(ctx: Context, draft: ItemRow, args: string): void {
  const { options } = parseArgs(args, EDIT_KEYS);
  if (!options.content && options.due === undefined && !options.liaison) {
    ctx.reply(ctx.m.items.record.editUsage(draft.id));
    return;
  }
  const body = ctx.requireBody();
  const due = options.due !== undefined ? resolveDue(ctx, body, options.due) : undefined;
  if (options.content !== undefined && !options.content.trim())
    throw new UserInputError((m) => m.items.record.needContent);
  ctx.mutate(() => {
    const { repos } = ctx.deps;
    repos.items.update(
      draft.id,
      {
        ...(options.content ? { content: options.content.trim() } : {}),
        ...(due ? { originalDueDate: due.date, currentDueDate: due.date, dueText: due.text } : {}),
      },
      ctx.now,
    );
    if (options.liaison) {
      const person = resolvePerson(ctx, options.liaison).person;
      const lead = repos.items.unitsOf(draft.id).find((u) => u.role === 'lead');
      if (lead) repos.items.updateUnit(lead.id, { liaisonPersonId: person.id });
    }
    ctx.audit({ subjectType: 'item', subjectId: draft.id, action: 'item.draft_edited', data: options });
    showDraft(ctx, repos.items.get(draft.id)!);
  });
}

/** 立项 → 交办: give it a code, fill missing liaisons from the current assignments, and assign. */
function confirmDraft(ctx: Context, draft: ItemRow): void {
  const body = ctx.requireBody();
  ctx.mutate(() => {
    const { repos } = ctx.deps;
    for (const row of repos.items.unitsOf(draft.id)) {
      if (!row.liaisonPersonId) {
        const liaison = repos.liaisons.main(body.id, row.unitId);
        if (liaison) repos.items.updateUnit(row.id, { liaisonPersonId: liaison.personId });
      }
    }
    const year = Number(localDate(ctx.now, body.timezone).slice(0, 4));
    repos.items.update(draft.id, { code: repos.items.nextCode(body.codePrefix, year) }, ctx.now);
    const result = applyItemEvent(
      ctx.deps,
      repos.items.get(draft.id)!,
      { type: 'confirm', dueDate: draft.currentDueDate ?? undefined },
      {
        personId: ctx.person.id,
        actor: `${ctx.msg.sender.platform}:${ctx.msg.sender.userId}`,
        sourceMessage: ctx.msg.id,
        chatId: ctx.chat.id,
      },
      ctx.now,
    );
    if (!result.ok) throw new UserInputError((m) => m.items.refusal[result.reason] ?? result.reason);
  });
}
