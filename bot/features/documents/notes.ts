/**
 * `/notes <会议记录>` (J5, C10, C26–C27): the agreed items found in pasted notes — or, with no text, in
 * the discussion captured between /meeting start and /meeting end — each shown as a draft with
 * 确认交办 / 修改 / 删除. The deterministic extractor always works; with a model configured it is asked
 * first and its answer is validated and resolved the same way, falling back (and saying so) on any
 * failure. Notes are data: whatever they say, only the secretary's confirmation creates items.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { type ExtractedItem, extractItems } from '../../domain/extract.js';
import { localDate } from '../../domain/time.js';
import { mergeLlmItems } from '../../llm/merge.js';
import { showDraft } from '../items/record.js';

const MAX_DRAFTS = 30;

async function findItems(
  ctx: Context,
  body: BodyRow,
  text: string,
  reference: string,
): Promise<{ items: ExtractedItem[]; deferred: string[]; fellBack: boolean }> {
  const units = ctx.deps.repos.units.ofBody(body.id);
  const calendar = ctx.deps.calendar();
  const rules = extractItems(text, { units, reference, calendar });
  const llm = ctx.deps.llm;
  if (!llm) return { items: rules.items, deferred: rules.deferredTopics, fellBack: false };
  const answer = await llm.extractItems(text, { units: units.map((u) => u.name), reference });
  if (!answer.ok) return { items: rules.items, deferred: rules.deferredTopics, fellBack: true };
  return {
    items: mergeLlmItems(answer.items, { units, reference, calendar }),
    deferred: rules.deferredTopics,
    fellBack: false,
  };
}

export const notesCommand: CommandSpec = {
  name: 'notes',
  aliases: ['笔记', '提取事项'],
  action: 'items',
  where: 'bound',
  usage: (m) => m.documents.notesUsage,
  async handle(ctx) {
    const body = ctx.requireBody();
    ctx.authorize('items');
    const { repos } = ctx.deps;
    const meeting = repos.items.currentMeetingOf(body.id, ctx.now);
    let text = ctx.command.args.trim();
    if (!text) {
      const held = repos.meetings.lastHeld(body.id);
      text = held
        ? repos.meetings
            .capturedOf(held.id)
            .map((c) => `${c.senderName}：${c.text}`)
            .join('\n')
        : '';
    }
    if (!text) throw new UserInputError((m) => m.common.usage(m.documents.notesUsage));
    const occ = meeting ? repos.meetings.getOccurrence(meeting.id) : undefined;
    const reference = localDate(occ?.scheduledAt ?? ctx.now, body.timezone);
    const found = await findItems(ctx, body, text, reference);
    const lines: string[] = [];
    if (found.fellBack) lines.push(ctx.m.documents.llmFellBack);
    const usable = found.items.filter((i) => i.leadUnit?.id !== undefined).slice(0, MAX_DRAFTS);
    const unknown = found.items.filter((i) => i.leadUnit?.id === undefined);
    lines.push(usable.length ? ctx.m.documents.found(usable.length) : ctx.m.documents.noneFound);
    for (const i of unknown) lines.push(ctx.m.documents.unknownUnit(i.leadUnit?.name ?? '', i.content));
    if (found.deferred.length) lines.push(ctx.m.documents.deferredFound(found.deferred.join('；')));
    ctx.mutate(() => {
      ctx.reply(lines.join('\n'));
      for (const i of usable) {
        const support = i.supportUnits.filter((s) => s.id !== undefined && s.id !== i.leadUnit!.id);
        const liaisonOf = (unitId: number) => repos.liaisons.main(body.id, unitId)?.personId ?? null;
        const draft = repos.items.createDraft({
          bodyId: body.id,
          content: i.content,
          sourceMeetingId: meeting?.id ?? null,
          sourceQuote: i.source.slice(0, 1000),
          dueText: i.dueText,
          dueDate: i.due,
          createdBy: ctx.person.id,
          units: [
            { unitId: i.leadUnit!.id!, role: 'lead', liaisonPersonId: liaisonOf(i.leadUnit!.id!) },
            ...support.map((s) => ({
              unitId: s.id!,
              role: 'support' as const,
              liaisonPersonId: liaisonOf(s.id!),
            })),
          ],
          now: ctx.now,
        });
        ctx.audit({
          subjectType: 'item',
          subjectId: draft.id,
          action: 'item.draft',
          toState: 'draft',
          data: { from: 'notes' },
        });
        showDraft(ctx, draft);
      }
    });
  },
};
