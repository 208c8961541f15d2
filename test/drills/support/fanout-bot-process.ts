/**
 * The bot as a process of its own, for the kill -9 drill: the same `createBot` composition as
 * `bot/main.ts` — a SQLite file, the real Telegram adapter (telegraf) pointed at a local API root, the
 * delivery loop with Telegram's rate rules, the product's pino logger on stderr — without the scheduler
 * (the drill's work is already in the outbox). SIGTERM stops it cleanly; the drill also kills it with
 * SIGKILL, which no code can observe.
 *
 * Run with `node --import tsx test/drills/support/fanout-bot-process.ts` and the environment:
 * `DRILL_DATABASE_PATH`, `DRILL_TELEGRAM_API_ROOT`, `DRILL_TELEGRAM_TOKEN`.
 * @module
 */
import { systemClock } from '../../../bot/core/ports.js';
import { telegramRateRules } from '../../../bot/core/rate-limiter.js';
import { createLogger } from '../../../bot/logger.js';
import { openDb } from '../../../db/client.js';
import { telegramBot } from '../../support/telegram-bot.js';

function required(key: string): string {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set`);
  return value;
}

async function main(): Promise<void> {
  const logger = createLogger('info');
  const store = openDb(required('DRILL_DATABASE_PATH'));
  const { bot } = telegramBot({
    store,
    clock: systemClock,
    logger,
    token: required('DRILL_TELEGRAM_TOKEN'),
    apiRoot: required('DRILL_TELEGRAM_API_ROOT'),
    adapter: {
      logger: logger.child({ platform: 'telegram' }),
      pollingTimeoutSeconds: 1,
      requestTimeoutMs: 5_000,
    },
    // Telegram's per-chat and per-group limits; the global one raised so 1,000 private chats take
    // seconds, not the half minute 30/s would (the drill is about crashes, not throughput).
    rateRules: telegramRateRules({ globalPerSecond: 1_000, chatPerSecond: 1, groupPerMinute: 20 }),
  });
  process.once('SIGTERM', () => {
    void bot.stop().then(() => {
      store.close();
      process.exit(0);
    });
  });
  await bot.start();
  logger.info('drill bot started');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
