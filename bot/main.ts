/**
 * The composition root: the only module that reads the environment, opens the database, creates the
 * platform clients and starts the scheduler. Everything else receives what it needs as arguments.
 * @module
 */
import { dirname, join } from 'node:path';
import { openDb } from '../db/client.js';
import { startScheduler } from '../jobs/scheduler.js';
import { createConsoleAdapter } from './adapters/console/index.js';
import { createBot } from './bot.js';
import { createConfig, readEnv } from './config.js';
import { ConfigError } from './core/errors.js';
import { messagesFor } from './core/i18n/index.js';
import { systemClock } from './core/ports.js';
import { consoleRateRules } from './core/rate-limiter.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = createConfig(readEnv(process.env));
  if (config.telegram || config.wecom) {
    const which = [
      config.telegram && 'Telegram (TELEGRAM_BOT_TOKEN)',
      config.wecom && 'WeCom (WECOM_BOT_ID)',
    ].filter(Boolean);
    throw new ConfigError(
      `${which.join(' and ')} configured, but this build has no platform adapter yet (issues #3 and #4).\n` +
        'Unset those keys to use the terminal chat.',
    );
  }
  const clock = systemClock;
  const logFile = join(dirname(config.databasePath), 'yishi.log');
  const logger = createLogger(config.logLevel, logFile);
  const store = openDb(config.databasePath);
  const consoleAdapter = createConsoleAdapter({
    input: process.stdin,
    output: process.stdout,
    clock,
    language: config.language,
    outDir: join(dirname(config.databasePath), 'out'),
    banner: messagesFor(config.language).console.banner(config.databasePath),
  });
  const bot = createBot({
    store,
    clock,
    logger,
    timezone: config.timezone,
    language: config.language,
    admins: config.admins,
    adapters: [consoleAdapter],
    rateRules: { console: consoleRateRules() },
    maxAttempts: config.outbox.maxAttempts,
  });
  const scheduler = startScheduler({
    clock,
    logger,
    timezone: config.timezone,
    tick: (now) => {
      bot.tick(now);
    },
  });
  await bot.start();

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    await bot.stop();
    store.close();
    logger.info('stopped');
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  await consoleAdapter.closed;
  // Let the last replies reach the terminal before closing.
  await bot.worker.drain({ maxRounds: 20 }).catch(() => undefined);
  await shutdown();
  process.exit(0);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
