/**
 * The messages an item's lifecycle causes: the 交办 notice to each unit's liaison (DM first, group
 * fallback) with its action buttons, the group summary, the secretary's verify and extension requests
 * with decision buttons, and the liaison's news. All written to the outbox in the caller's transaction.
 * @module
 */
import type { BodyRow, ChatRow } from '../../../db/repos/bodies.js';
import type { Repos } from '../../../db/repos/index.js';
import type { ItemRow, ItemUnitView } from '../../../db/repos/items.js';
import type { Role } from '../../../db/repos/roles.js';
import type { AppDeps } from '../../core/context.js';
import { type Messages, messagesFor } from '../../core/i18n/index.js';
import type { Outgoing, Platform } from '../../core/types.js';
import { formatDeadline } from '../../domain/deadline.js';
import type { Effect, ItemEvent } from '../../domain/lifecycle.js';
import { type CommandOption, commandButtons } from '../buttons.js';
import { enqueueDirect } from '../direct.js';
import type { ItemActor } from './engine.js';

type Notice = Extract<Effect, { type: 'notify' }>;

export interface NoticeInput {
  item: ItemRow;
  body: BodyRow;
  notice: Notice;
  event: ItemEvent;
  who: ItemActor;
  now: number;
  seq: number;
}

/** The group chats of a body, the one where the action happened first. */
export function groupsOf(repos: Repos, bodyId: number, preferChatId?: number): ChatRow[] {
  const groups = repos.bodies.chatsOf(bodyId).filter((c) => c.kind === 'group');
  return groups.sort((a, b) => Number(b.id === preferChatId) - Number(a.id === preferChatId));
}

export const dueText = (m: Messages, date: string | null | undefined): string =>
  date ? formatDeadline(date, m.language as 'zh-CN' | 'en') : m.items.noDue;

/** The five things a liaison can do with an item, as buttons. */
export function liaisonButtons(repos: Repos, m: Messages, code: string, now: number): Outgoing['buttons'] {
  const options: CommandOption[] = [
    { label: m.items.assign.ack, command: `/task ${code} 签收` },
    { label: m.items.assign.progress, command: `/task ${code} 进展` },
    { label: m.items.assign.done, command: `/task ${code} 办结` },
    { label: m.items.assign.extend, command: `/task ${code} 延期` },
    { label: m.items.assign.notOurs, command: `/task ${code} 非本单位` },
  ];
  return commandButtons(repos, now, options, 3);
}

/**
 * Send one message to the people a notice is for. Liaisons and secretaries get a DM (falling back to
 * the body's group); the group gets a post in each of its chats.
 */
export function deliver(
  deps: AppDeps,
  input: {
    body: BodyRow;
    to: 'liaison' | 'secretary' | 'chair' | 'group';
    unitRow?: ItemUnitView;
    key: string;
    now: number;
    preferChatId?: number;
  },
  build: (m: Messages) => Outgoing,
): void {
  const { repos } = deps;
  const groups = groupsOf(repos, input.body.id, input.preferChatId);
  const group = groups[0];
  const m = messagesFor(group?.language ?? deps.language);
  if (input.to === 'group') {
    for (const chat of groups) {
      repos.outbox.enqueue(
        { platform: chat.platform as Platform, chatId: chat.chatId, chatKind: 'group' },
        build(messagesFor(chat.language ?? deps.language)),
        {
          dedupeKey: `${input.key}:group:${chat.id}`,
          now: input.now,
        },
      );
    }
    return;
  }
  const people =
    input.to === 'liaison'
      ? input.unitRow?.liaisonPersonId
        ? [input.unitRow.liaisonPersonId]
        : []
      : holders(repos, input.body.id, input.to === 'secretary' ? 'secretary' : 'chair');
  if (!group) return;
  if (people.length === 0 && input.to === 'liaison' && input.unitRow) {
    // No liaison: tell the group, naming the unit, so the message is not lost.
    const out = build(m);
    repos.outbox.enqueue(
      { platform: group.platform as Platform, chatId: group.chatId, chatKind: 'group' },
      { ...out, text: `${m.items.record.noUnitsLiaison(input.unitRow.unitName)}\n\n${out.text}` },
      { dedupeKey: `${input.key}:nolaison:${input.unitRow.unitId}`, now: input.now },
    );
    return;
  }
  for (const personId of people) {
    enqueueDirect(repos, {
      personId,
      group,
      message: build(m),
      dedupeKey: `${input.key}:p${personId}`,
      now: input.now,
    });
  }
}

const holders = (repos: Repos, bodyId: number, role: Role): number[] =>
  repos.roles
    .holders(bodyId)
    .filter((h) => h.role === role)
    .map((h) => h.personId);

/** Turn one `notify` effect into messages. */
export function sendNotice(deps: AppDeps, input: NoticeInput): void {
  const { repos } = deps;
  const { item, body, notice, event, now } = input;
  const code = item.code ?? `#${item.id}`;
  const rows = repos.items.unitsOf(item.id);
  const row = notice.unitId !== undefined ? rows.find((r) => r.unitId === notice.unitId) : undefined;
  const lead = rows.find((r) => r.role === 'lead');
  const key = `item:${item.id}:${notice.what}:${notice.to}:${notice.unitId ?? ''}:${now}:${input.seq}`;
  const send = (build: (m: Messages) => Outgoing, to = notice.to, unitRow = row) =>
    deliver(deps, { body, to, unitRow, key, now, preferChatId: input.who.chatId }, build);
  const reason = 'reason' in event ? (event.reason ?? '') : '';

  switch (notice.what) {
    case 'assignment':
      return send((m) => ({
        text: m.items.assign.notice(
          code,
          item.content,
          row?.unitName ?? '',
          row?.role === 'lead' ? m.items.assign.roleLead : m.items.assign.roleSupport,
          dueText(m, item.currentDueDate),
          body.name,
        ),
        buttons: liaisonButtons(repos, m, code, now),
      }));
    case 'assignment_summary':
      return send((m) => ({
        text: m.items.assign.summary(
          code,
          item.content,
          rows
            .map((r) =>
              (r.role === 'lead' ? m.items.record.lead : m.items.record.support)(
                r.unitName,
                r.liaisonName ? m.items.record.liaison(r.liaisonName) : m.items.record.noLiaison,
              ),
            )
            .join('\n'),
          dueText(m, item.currentDueDate),
        ),
      }));
    case 'support_done':
      return send(
        (m) => ({
          text: m.items.act.supportDone(
            code,
            rows.find((r) => r.role === 'support' && r.unitId !== lead?.unitId)?.unitName ?? '',
          ),
        }),
        'liaison',
        lead,
      );
    case 'verify_requested': {
      const text = event.type === 'report_done' ? (event.text ?? '') : '';
      return send((m) => ({
        text: m.items.act.verifyRequest(code, lead?.unitName ?? '', text),
        buttons: commandButtons(
          repos,
          now,
          [
            { label: m.items.act.verifyOk, command: `/task ${code} 通过` },
            { label: m.items.act.verifyReturn, command: `/task ${code} 退回` },
          ],
          2,
        ),
      }));
    }
    case 'extension_requested': {
      if (event.type !== 'request_extension') return;
      const second = item.extensionCount >= 1;
      return send((m) => ({
        text: m.items.act.extensionRequest(
          code,
          lead?.unitName ?? '',
          dueText(m, item.currentDueDate),
          dueText(m, event.proposedDate),
          event.reason,
          second ? m.items.act.secondExtension : '',
        ),
        buttons: commandButtons(
          repos,
          now,
          [
            { label: m.items.act.approve, command: `/task ${code} 批准 ${event.proposedDate}` },
            { label: m.items.act.reject, command: `/task ${code} 驳回` },
          ],
          2,
        ),
      }));
    }
    case 'extension_approved':
      return send((m) => ({ text: m.items.act.approved(code, dueText(m, item.currentDueDate)) }));
    case 'extension_rejected':
      return send((m) => ({ text: m.items.act.rejected(code, reason) }));
    case 'closed':
      return send((m) => ({ text: m.items.act.verified(code) }));
    case 'returned_for_rework':
      return send((m) => ({
        text: m.items.act.returned(code, reason),
        buttons: liaisonButtons(repos, m, code, now),
      }));
    case 'remit_disputed': {
      const suggested = event.type === 'not_our_remit' ? (event.suggestedUnit ?? '') : '';
      return send((m) => ({ text: m.items.act.remitDisputed(code, row?.unitName ?? '', reason, suggested) }));
    }
    case 'released':
      return send((m) => ({ text: m.items.act.reassigned(code, lead?.unitName ?? '') }));
    case 'parked':
      return send((m) => ({ text: m.items.act.parked(code, dueText(m, item.parkedReviewDate)) }));
    case 'resumed':
      return send((m) => ({ text: m.items.act.resumed(code) }));
    case 'cancelled':
      return send((m) => ({ text: m.items.act.cancelled(code, reason) }));
    case 'due_changed':
      return send((m) => ({ text: m.items.act.dueEdited(code, dueText(m, item.currentDueDate)) }));
    case 'acknowledged':
      // The secretary sees acknowledgements on the board; a message each time would be noise.
      return;
  }
}
