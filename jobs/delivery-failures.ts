/**
 * What the bot does when a message cannot be delivered (called by the delivery worker inside the same
 * transaction that marks the row failed): a refused DM becomes a group post that mentions the person;
 * a chat the bot was removed from is marked inactive; a migrated group keeps its binding under the
 * new id and gets the message there; anything else is recorded in the audit trail and logged.
 * @module
 */
import { PermanentDeliveryError } from '../bot/core/errors.js';
import { messagesFor } from '../bot/core/i18n/index.js';
import type { Clock, Logger } from '../bot/core/ports.js';
import type { Platform, UserRef } from '../bot/core/types.js';
import type { Repos } from '../db/repos/index.js';
import type { OutboxRow } from '../db/repos/outbox.js';

export interface DeliveryFailureDeps {
  repos: Repos;
  clock: Clock;
  logger: Logger;
  language: 'zh-CN' | 'en';
  /** A deep link that lets the person start the bot (Telegram), when the platform has one. */
  directLinkUrl?: (platform: Platform, token: string) => string | undefined;
}

/** How long a deep-link token from a DM fallback stays valid. */
const LINK_TTL_MS = 30 * 24 * 3600_000;

export function createDeliveryFailureHandler(deps: DeliveryFailureDeps) {
  const { repos, clock, logger } = deps;
  return function onPermanentFailure(row: OutboxRow, error: Error): void {
    const now = clock.now();
    const t = row.target;
    const reason = error instanceof PermanentDeliveryError ? error.reason : 'other';
    const chat = t.chatKind === 'group' ? repos.bodies.getChat(t.platform, t.chatId) : undefined;
    const m = messagesFor(chat?.language ?? deps.language);

    if (reason === 'dm_not_allowed' && t.chatKind === 'direct') {
      const identity = repos.people.getIdentity(t.platform, t.chatId);
      if (identity) repos.people.setDmStatus(identity.id, 'unreachable', now);
      if (t.fallbackChatId) {
        const name = identity ? (repos.people.getPerson(identity.personId)?.name ?? t.chatId) : t.chatId;
        const mention: UserRef = { platform: t.platform as Platform, userId: t.chatId, displayName: name };
        const personId = identity?.personId ?? t.personId;
        const url = personId
          ? deps.directLinkUrl?.(t.platform, repos.actions.linkTokenFor(personId, now, LINK_TTL_MS))
          : undefined;
        const linkRow = url ? [[{ id: 'link', label: m.delivery.startBot, url }]] : [];
        repos.outbox.enqueue(
          { platform: t.platform, chatId: t.fallbackChatId, chatKind: 'group' },
          {
            ...row.message,
            text: `${m.delivery.dmFallback(name)}\n\n${row.message.text}`,
            mentions: [mention, ...(row.message.mentions ?? [])],
            buttons: [...(row.message.buttons ?? []), ...linkRow],
          },
          { dedupeKey: `fallback:${row.id}`, now },
        );
        return;
      }
    }
    if (reason === 'chat_gone' && t.chatKind === 'group')
      repos.bodies.setChatActive(t.platform, t.chatId, false, now);
    if (reason === 'chat_migrated' && error instanceof PermanentDeliveryError && error.detail?.newChatId) {
      const newChatId = error.detail.newChatId;
      repos.bodies.migrateChat(t.platform, t.chatId, newChatId, now);
      repos.outbox.enqueue({ ...t, chatId: newChatId }, row.message, {
        dedupeKey: `migrated:${row.id}`,
        now,
      });
      return;
    }
    repos.audit.record({
      at: now,
      actor: 'system',
      bodyId: chat?.bodyId,
      subjectType: 'outbox',
      subjectId: row.id,
      action: 'delivery.failed',
      reason: error.message.slice(0, 500),
      data: { platform: t.platform, chatId: t.chatId, reason },
    });
    logger.error(
      { outboxId: row.id, platform: t.platform, chatId: t.chatId, reason, err: error.message },
      'message undeliverable',
    );
  };
}
