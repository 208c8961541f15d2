/**
 * `createBot` with the real Telegram adapter (telegraf), wired the way bot/main.ts wires it, for the
 * end-to-end tests, the drills and the benchmarks: Asia/Shanghai, zh-CN, Telegram's own limits unless
 * told otherwise, and the bot's username read from the adapter once it has called getMe.
 * @module
 */
import {
  createTelegramAdapter,
  type TelegramAdapter,
  type TelegramAdapterOptions,
} from '../../bot/adapters/telegram/index.js';
import { type Bot, createBot } from '../../bot/bot.js';
import type { Clock, Logger } from '../../bot/core/ports.js';
import { type RateRule, telegramRateRules } from '../../bot/core/rate-limiter.js';
import type { Store } from '../../db/client.js';

export interface TelegramBotOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  token: string;
  apiRoot: string;
  /** Adapter settings beyond the token and API root (poll hold, request timeout, webhook, its own logger…). */
  adapter?: Partial<Omit<TelegramAdapterOptions, 'token' | 'apiRoot' | 'clock'>>;
  /** Outbound limits; Telegram's 30/s, 1/s per chat and 20/min per group by default. */
  rateRules?: RateRule[];
}

export function telegramBot(o: TelegramBotOptions): { bot: Bot; adapter: TelegramAdapter } {
  const adapter = createTelegramAdapter({
    token: o.token,
    apiRoot: o.apiRoot,
    logger: o.logger,
    clock: o.clock,
    language: 'zh-CN',
    ...o.adapter,
  });
  const bot = createBot({
    store: o.store,
    clock: o.clock,
    logger: o.logger,
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    adapters: [adapter],
    rateRules: {
      telegram:
        o.rateRules ?? telegramRateRules({ globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 }),
    },
    // A getter: the username is known only once the adapter has called getMe.
    botUsernames: {
      get telegram() {
        return adapter.botUsername;
      },
    },
  });
  return { bot, adapter };
}
