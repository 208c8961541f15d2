/**
 * Direct messages with a group fallback (C16: DM first). The DM is queued in the outbox with the group to
 * fall back to; if the platform refuses it, the delivery failure handler posts it in the group with a
 * mention (and, on Telegram, a deep link that lets the person start the bot).
 * @module
 */
import type { ChatRow } from '../../db/repos/bodies.js';
import type { Repos } from '../../db/repos/index.js';
import type { Outgoing, Platform } from '../core/types.js';

/**
 * Queue a message for a person: to their account on the group's platform, falling back to the group.
 * A person with no account there is mentioned by name in the group straight away.
 */
export function enqueueDirect(
  repos: Repos,
  input: { personId: number; group: ChatRow; message: Outgoing; dedupeKey: string; now: number },
): 'direct' | 'group' {
  const { group, message, now } = input;
  const identity = repos.people.identitiesOf(input.personId).find((i) => i.platform === group.platform);
  if (identity) {
    repos.outbox.enqueue(
      {
        platform: group.platform as Platform,
        chatId: identity.userId,
        chatKind: 'direct',
        personId: input.personId,
        fallbackChatId: group.chatId,
      },
      message,
      { dedupeKey: input.dedupeKey, now },
    );
    return 'direct';
  }
  const name = repos.people.getPerson(input.personId)?.name ?? '';
  repos.outbox.enqueue(
    { platform: group.platform as Platform, chatId: group.chatId, chatKind: 'group' },
    { ...message, text: `@${name} ${message.text}` },
    { dedupeKey: input.dedupeKey, now },
  );
  return 'group';
}
