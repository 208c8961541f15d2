/**
 * The real bot on a database the drill chooses (a file copied from a template, so each cell of the
 * authorization matrix starts from the same world), with the feature harness's fake chat adapter and
 * a fixed clock. Like `test/support/fake-chat.ts`, people type into chats and get the bot's answers
 * back; unlike it, the store is passed in, and message ids carry a prefix so that worlds built from
 * one template never reuse an id the template's dedupe table already holds.
 * @module
 */
import { type Bot, createBot } from '../../../bot/bot.js';
import { silentLogger } from '../../../bot/core/ports.js';
import type { ButtonPress, ChatRef, Incoming, UserRef } from '../../../bot/core/types.js';
import type { Store } from '../../../db/client.js';
import { createFakeAdapter, type Delivered, type FakeAdapter } from '../../support/fake-chat.js';
import type { FakeClock } from '../../support/fake-clock.js';

/** A group by title, or the user's private chat with the bot. */
export type Where = string | { direct: true };

export interface ChatWorld {
  readonly bot: Bot;
  readonly store: Store;
  readonly clock: FakeClock;
  readonly adapter: FakeAdapter;
  /** `user` writes `text` in `where`; resolves with the texts the bot sent to that chat (or to the user). */
  say(user: string, where: Where, text: string, files?: { name: string; data: Buffer }[]): Promise<string[]>;
  /** `user` presses the button whose label contains `label`, on the latest message in `where` that has one. */
  press(user: string, where: Where, label: string): Promise<string[]>;
}

/** A bot over `store`; `idPrefix` keeps message ids unique across worlds sharing a template. */
export async function openChatWorld(o: {
  store: Store;
  clock: FakeClock;
  admins?: string[];
  idPrefix: string;
}): Promise<ChatWorld> {
  const platform = 'telegram';
  const adapter = createFakeAdapter(platform);
  const bot = createBot({
    store: o.store,
    clock: o.clock,
    logger: silentLogger,
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    admins: (o.admins ?? []).map((userId) => ({ platform, userId })),
    adapters: [adapter],
  });
  await adapter.start(bot.app);
  let seq = 0;
  const chatOf = (user: string, where: Where): ChatRef =>
    typeof where === 'string'
      ? { platform, chatId: `g:${where}`, kind: 'group', title: where }
      : { platform, chatId: user, kind: 'direct' };
  const userOf = (user: string): UserRef => ({ platform, userId: user, displayName: user });

  /** Run `act`, deliver the outbox, and read what reached this chat or this user. */
  async function exchange(user: string, chat: ChatRef, act: () => Promise<void>): Promise<string[]> {
    const mark = adapter.delivered.length;
    await act();
    await bot.worker.drain({ advance: (ms) => o.clock.advance(ms) });
    return adapter.delivered
      .slice(mark)
      .filter((d) => d.chat.chatId === chat.chatId || (d.chat.kind === 'direct' && d.chat.chatId === user))
      .map((d) => d.msg.text);
  }

  return {
    bot,
    store: o.store,
    clock: o.clock,
    adapter,
    say(user, where, text, files = []) {
      const chat = chatOf(user, where);
      const msg: Incoming = {
        id: `${o.idPrefix}${++seq}`,
        chat,
        sender: userOf(user),
        receivedAt: o.clock.now(),
        rawText: text,
        text,
        mentions: [...text.matchAll(/@(\S+)/g)].map((m) => userOf(m[1]!)),
        mentionsBot: true,
        files: files.map((f) => ({ name: f.name, size: f.data.length, fetch: async () => f.data })),
      };
      return exchange(user, chat, () => adapter.handlers().onMessage(msg));
    },
    press(user, where, label) {
      const chat = chatOf(user, where);
      const has = (d: Delivered) => d.msg.buttons?.flat().some((b) => b.label.includes(label));
      const target = [...adapter.delivered].reverse().find((d) => d.chat.chatId === chat.chatId && has(d));
      if (!target) throw new Error(`no button ${label} in ${chat.chatId}`);
      const press: ButtonPress = {
        id: `${o.idPrefix}p${++seq}`,
        buttonId: target.msg.buttons!.flat().find((b) => b.label.includes(label))!.id,
        user: userOf(user),
        chat,
        message: { platform, chatId: chat.chatId, messageId: target.messageId },
        receivedAt: o.clock.now(),
      };
      return exchange(user, chat, () => adapter.handlers().onButton(press));
    },
  };
}
