/**
 * The composition root: the only module that reads the environment, opens the database, creates the
 * platform clients and starts the scheduler. Everything else receives what it needs as arguments.
 * With no platform configured it opens the terminal chat.
 * @module
 */
import { dirname, join } from 'node:path';
import { openDb, type Store } from '../db/client.js';
import { createRepos } from '../db/repos/index.js';
import { startScheduler } from '../jobs/scheduler.js';
import { createConsoleAdapter } from './adapters/console/index.js';
import { createTelegramAdapter, type TelegramAdapter } from './adapters/telegram/index.js';
import { createWecomAdapter, directoryFrom } from './adapters/wecom/index.js';
import { type Bot, createBot } from './bot.js';
import { type Config, createConfig, readEnv } from './config.js';
import { ConfigError } from './core/errors.js';
import { messagesFor } from './core/i18n/index.js';
import { type ChatAdapter, type Clock, type Logger, systemClock } from './core/ports.js';
import { consoleRateRules, type RateRule, telegramRateRules, wecomRateRules } from './core/rate-limiter.js';
import type { Platform } from './core/types.js';
import { createLlmClient } from './llm/client.js';
import { createLogger } from './logger.js';

interface Platforms {
  adapters: ChatAdapter[];
  rateRules: Partial<Record<Platform, RateRule[]>>;
  telegram?: TelegramAdapter;
  console?: ReturnType<typeof createConsoleAdapter>;
}

/** The configured platforms' adapters, or the terminal chat when none is configured. */
function createPlatforms(
  config: Config,
  store: Store,
  clock: Clock,
  logger: Logger,
  bot: () => Bot | undefined,
): Platforms {
  const p: Platforms = { adapters: [], rateRules: {} };
  if (config.telegram) {
    p.telegram = createTelegramAdapter({
      ...config.telegram,
      logger: logger.child({ platform: 'telegram' }),
      clock,
      language: config.language,
    });
    p.adapters.push(p.telegram);
    p.rateRules.telegram = telegramRateRules(config.outbox);
  }
  if (config.wecom) {
    p.adapters.push(
      createWecomAdapter({
        ...config.wecom,
        logger: logger.child({ platform: 'wecom' }),
        clock,
        language: config.language,
        directory: directoryFrom(createRepos(store.db).people),
        // The outbox is the resend queue: after a reconnect, deliver what waited.
        onReconnect: () => bot()?.worker.kick(),
      }),
    );
    p.rateRules.wecom = wecomRateRules({ chatPerMinute: config.outbox.wecomChatPerMinute });
  }
  if (p.adapters.length === 0) {
    p.console = createConsoleAdapter({
      input: process.stdin,
      output: process.stdout,
      clock,
      language: config.language,
      outDir: join(dirname(config.databasePath), 'out'),
      banner: messagesFor(config.language).console.banner(config.databasePath),
    });
    p.adapters.push(p.console);
    p.rateRules.console = consoleRateRules();
  }
  return p;
}

async function main(): Promise<void> {
  const config = createConfig(readEnv(process.env));
  const clock = systemClock;
  const terminal = !config.telegram && !config.wecom;
  // The terminal is busy being a chat, so logs go to a file there.
  const logger = createLogger(
    config.logLevel,
    terminal ? join(dirname(config.databasePath), 'yishi.log') : undefined,
  );
  const store = openDb(config.databasePath);
  let bot: Bot | undefined;
  const platforms = createPlatforms(config, store, clock, logger, () => bot);
  const telegram = platforms.telegram;
  bot = createBot({
    store,
    clock,
    logger,
    timezone: config.timezone,
    language: config.language,
    admins: config.admins,
    adapters: platforms.adapters,
    rateRules: platforms.rateRules,
    maxAttempts: config.outbox.maxAttempts,
    llm: createLlmClient(
      config.openai && { ...config.openai, baseUrl: config.openai.baseUrl },
      logger.child({ component: 'llm' }),
    ),
    // A getter: the username is known only after getMe.
    botUsernames: {
      get telegram() {
        return telegram?.botUsername;
      },
    },
  });
  const running = bot;
  const scheduler = startScheduler({
    clock,
    logger,
    timezone: config.timezone,
    tick: (now) => void running.tick(now),
  });
  await running.start();
  logger.info({ platforms: platforms.adapters.map((a) => a.platform) }, 'yishi started');

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    await running.stop();
    store.close();
    logger.info('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  if (platforms.console) {
    await platforms.console.closed;
    // Let the last replies reach the terminal before closing.
    await running.worker.drain({ maxRounds: 20 }).catch(() => undefined);
    await shutdown(0);
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
