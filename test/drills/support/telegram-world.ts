/**
 * The real bot on Telegram for the in-process drills: `createBot` with the real telegraf adapter against
 * the fake Bot API (optionally through the fault-injecting proxy), one fixed clock shared by the outbox,
 * its rate limiter and the fake's flood limits, and a recording logger. `restart()` builds a new bot and
 * adapter on the same database, as a new process would after a crash.
 * @module
 */

import type { TelegramAdapter } from '../../../bot/adapters/telegram/index.js';
import type { Bot } from '../../../bot/bot.js';
import type { Store } from '../../../db/client.js';
import { type FakeClock, fixedClock } from '../../support/fake-clock.js';
import {
  type FakeTelegram,
  startFakeTelegram,
  type TgChat,
  type TgMessage,
  type TgUpdate,
  type TgUser,
} from '../../support/fake-telegram.js';
import { telegramBot } from '../../support/telegram-bot.js';
import { testStore } from '../../support/test-db.js';
import { type ChaosProxy, type ChaosProxyOptions, startChaosProxy } from './chaos-proxy.js';
import { type RecordingLogger, recordingLogger } from './recording-logger.js';

export const BOT_USERNAME = 'yishi_drill_bot';

export interface TelegramWorld {
  readonly fake: FakeTelegram;
  readonly clock: FakeClock;
  readonly store: Store;
  readonly log: RecordingLogger;
  /** Present when the world was opened with `chaos`. */
  readonly proxy: ChaosProxy | undefined;
  /** The bot of the latest (re)start. */
  readonly bot: Bot;
  readonly adapter: TelegramAdapter;
  /** The secretary, who created the group. */
  readonly secretary: TgUser;
  readonly group: TgChat;
  /** Start (or start again, on the same database) a bot and its adapter; the previous one must be stopped. */
  restart(): Promise<void>;
  /** Stop the adapter's polling (telegraf confirms the offset of what it handled). */
  stop(): Promise<void>;
  /** Push an update and resolve once the bot has handled it. */
  handled(update: TgUpdate): Promise<TgUpdate>;
  /** Someone writes; `/cmd` in a group is addressed as `/cmd@bot`. Resolves once handled. */
  say(from: TgUser, chat: TgChat, text: string): Promise<TgUpdate>;
  /** Press the button labelled `label` on the latest bot message in `chat` that has it. Resolves once handled. */
  press(from: TgUser, chat: TgChat, label: string): Promise<TgUpdate>;
  /** Deliver the outbox, advancing the shared clock over every wait. */
  drain(maxRounds?: number): ReturnType<Bot['worker']['drain']>;
  close(): Promise<void>;
}

/** The world: fake (and proxy), a group with its secretary, and a first bot started. */
export async function openTelegramWorld(
  o: { chaos?: Omit<ChaosProxyOptions, 'target'>; requestTimeoutMs?: number; store?: Store } = {},
): Promise<TelegramWorld> {
  const clock = fixedClock('2026-11-30T09:00:00+08:00');
  const fake = await startFakeTelegram({ clock, bot: { username: BOT_USERNAME }, maxPollHoldMs: 100 });
  const proxy = o.chaos ? await startChaosProxy({ target: fake.apiRoot, ...o.chaos }) : undefined;
  const store = o.store ?? testStore();
  const log = recordingLogger();
  const secretary = fake.addUser({ id: 1001, firstName: '张三', username: 'zhangsan' });
  const group = fake.addGroup({ id: -1001234567890, title: '和平街道联席会议群', creator: secretary });
  let current: { bot: Bot; adapter: TelegramAdapter } | undefined;

  const restart = async () => {
    const { adapter, bot } = telegramBot({
      store,
      clock,
      logger: log,
      token: fake.token,
      apiRoot: proxy?.apiRoot ?? fake.apiRoot,
      adapter: { pollingTimeoutSeconds: 1, requestTimeoutMs: o.requestTimeoutMs },
    });
    // The adapter only: delivery is driven by `drain` on the fixed clock.
    await adapter.start(bot.app);
    current = { bot, adapter };
  };
  const now = () => {
    if (!current) throw new Error('no bot started');
    return current;
  };
  const handled = async (update: TgUpdate) => {
    await fake.processed(update);
    return update;
  };

  await restart();
  return {
    fake,
    clock,
    store,
    log,
    proxy,
    get bot() {
      return now().bot;
    },
    get adapter() {
      return now().adapter;
    },
    secretary,
    group,
    restart,
    stop: () => now().adapter.stop(),
    handled,
    say: (from, chat, text) =>
      handled(
        fake.pushMessage({
          chat,
          from,
          text: chat.type !== 'private' ? text.replace(/^(\/[^\s@]+)/u, `$1@${BOT_USERNAME}`) : text,
        }).update,
      ),
    press(from, chat, label) {
      const message = fake
        .botMessages(chat)
        .reverse()
        .find((m: TgMessage) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text === label));
      const button = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
      if (!message || !button?.callback_data) throw new Error(`no button ${label} in chat ${chat.id}`);
      return handled(fake.pushCallbackQuery({ from, message, data: button.callback_data }).update);
    },
    drain: (maxRounds) => now().bot.worker.drain({ advance: (ms) => clock.advance(ms), maxRounds }),
    async close() {
      await current?.adapter.stop().catch(() => undefined);
      await proxy?.close();
      await fake.close();
      store.close();
    },
  };
}
