/**
 * The composition root: the only module that reads the environment, opens the database, creates the
 * platform clients and starts the scheduler. Everything else receives what it needs as arguments.
 * @module
 */
import { dirname, join } from 'node:path';
import { openDb } from '../db/client.js';
import { createRepos } from '../db/repos/index.js';
import { createDeliveryFailureHandler } from '../jobs/delivery-failures.js';
import { createDeliveryWorker } from '../jobs/delivery-worker.js';
import { runDue } from '../jobs/run-due.js';
import { startScheduler } from '../jobs/scheduler.js';
import { createConsoleAdapter } from './adapters/console/index.js';
import { createApp } from './app.js';
import { createConfig, readEnv } from './config.js';
import { ConfigError } from './core/errors.js';
import { messagesFor } from './core/i18n/index.js';
import { type ChatAdapter, systemClock } from './core/ports.js';
import { consoleRateRules, createRateLimiter, type RateLimiter } from './core/rate-limiter.js';
import { createRouter } from './core/router.js';
import type { Platform } from './core/types.js';
import { mountFeatures } from './features/index.js';
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
  const repos = createRepos(store.db);

  const adapters = new Map<Platform, ChatAdapter>();
  const limiters = new Map<Platform, RateLimiter>();
  const consoleAdapter = createConsoleAdapter({
    input: process.stdin,
    output: process.stdout,
    clock,
    language: config.language,
    outDir: join(dirname(config.databasePath), 'out'),
    banner: messagesFor(config.language).console.banner(config.databasePath),
  });
  adapters.set('console', consoleAdapter);
  limiters.set('console', createRateLimiter(consoleRateRules()));

  const worker = createDeliveryWorker({
    store,
    adapters,
    limiters,
    clock,
    logger: logger.child({ component: 'delivery' }),
    maxAttempts: config.outbox.maxAttempts,
    onPermanentFailure: createDeliveryFailureHandler({ repos, clock, logger, language: config.language }),
  });
  const app = createApp(
    {
      store,
      repos,
      clock,
      logger,
      timezone: config.timezone,
      language: config.language,
      admins: new Set(config.admins.map((a) => `${a.platform}:${a.userId}`)),
      onOutbox: () => worker.kick(),
    },
    mountFeatures(createRouter()),
  );

  worker.start();
  const scheduler = startScheduler({
    clock,
    logger,
    timezone: config.timezone,
    tick: (now) => {
      runDue({ repos, tx: store.tx }, now);
    },
  });
  await consoleAdapter.start(app);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    await consoleAdapter.stop();
    await worker.stop();
    store.close();
    logger.info('stopped');
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  await consoleAdapter.closed;
  // Let the last replies reach the terminal before closing.
  await worker.drain({ maxRounds: 20 }).catch(() => undefined);
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
