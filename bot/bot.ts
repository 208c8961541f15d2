/**
 * The bot assembled from its parts: repositories over a store, the update pipeline with every feature,
 * the delivery worker with a rate limiter per platform, and the delivery-failure handler. The
 * composition root builds one with real adapters; end-to-end tests build one against local fakes.
 * @module
 */
import type { Store } from '../db/client.js';
import { createRepos, type Repos } from '../db/repos/index.js';
import { createDeliveryFailureHandler } from '../jobs/delivery-failures.js';
import { createDeliveryWorker, type DeliveryWorker } from '../jobs/delivery-worker.js';
import { type RunDueResult, runDue } from '../jobs/run-due.js';
import { type App, createApp } from './app.js';
import type { AppDeps } from './core/context.js';
import type { ChatAdapter, Clock, Logger } from './core/ports.js';
import { createRateLimiter, type RateRule } from './core/rate-limiter.js';
import { createRouter } from './core/router.js';
import type { Platform } from './core/types.js';
import { createWorkCalendar, type WorkCalendar } from './domain/calendar.js';
import { mountFeatures } from './features/index.js';
import type { LlmClient } from './llm/client.js';

export interface BotOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  timezone: string;
  language: 'zh-CN' | 'en';
  /** Configured admins (`BOT_ADMINS`). */
  admins?: { platform: Platform; userId: string }[];
  adapters: ChatAdapter[];
  /** Outbound limits per platform; a platform without rules is unlimited. */
  rateRules?: Partial<Record<Platform, RateRule[]>>;
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  /** Bot usernames per platform, so `/cmd@other_bot` is not taken for ours. */
  botUsernames?: Partial<Record<Platform, string>>;
  /** The optional language model. */
  llm?: LlmClient | null;
}

export interface Bot {
  app: App;
  repos: Repos;
  worker: DeliveryWorker;
  /** The scheduler tick as of an instant: due steps (reminders, follow-ups) and housekeeping. */
  tick(now: number): RunDueResult;
  /** Start the adapters, then the delivery loop. */
  start(): Promise<void>;
  /** Stop the adapters and let the delivery loop finish its current send. */
  stop(): Promise<void>;
}

/** @example const bot = createBot({ store, clock, logger, timezone, language, adapters: [consoleAdapter] }); */
export function createBot(o: BotOptions): Bot {
  const repos = createRepos(o.store.db);
  const adapters = new Map(o.adapters.map((a) => [a.platform, a]));
  const limiters = new Map(
    Object.entries(o.rateRules ?? {}).map(([platform, rules]) => [
      platform as Platform,
      createRateLimiter(rules ?? []),
    ]),
  );
  const worker = createDeliveryWorker({
    store: o.store,
    adapters,
    limiters,
    clock: o.clock,
    logger: o.logger.child({ component: 'delivery' }),
    maxAttempts: o.maxAttempts,
    backoff: o.backoff,
    onPermanentFailure: createDeliveryFailureHandler({
      repos,
      clock: o.clock,
      logger: o.logger,
      language: o.language,
      directLinkUrl: (platform, token) => adapters.get(platform)?.directLinkUrl?.(token),
    }),
  });
  let calendar: WorkCalendar | undefined;
  const deps: AppDeps = {
    calendar: () => {
      calendar ??= createWorkCalendar(repos.holidays.all());
      return calendar;
    },
    invalidateCalendar: () => {
      calendar = undefined;
    },
    store: o.store,
    repos,
    clock: o.clock,
    logger: o.logger,
    timezone: o.timezone,
    language: o.language,
    admins: new Set((o.admins ?? []).map((a) => `${a.platform}:${a.userId}`)),
    onOutbox: () => worker.kick(),
    botUsernames: o.botUsernames,
    capabilities: (platform) => adapters.get(platform as Platform)?.capabilities,
    llm: o.llm ?? null,
  };
  const router = mountFeatures(createRouter());
  const app = createApp(deps, router);
  const stepHandlers = router.stepHandlers(deps);
  return {
    app,
    repos,
    worker,
    tick: (now) =>
      runDue(
        { repos, tx: o.store.tx, logger: o.logger, handlers: stepHandlers, onOutbox: deps.onOutbox },
        now,
      ),
    async start() {
      for (const adapter of o.adapters) await adapter.start(app);
      worker.start();
    },
    async stop() {
      for (const adapter of o.adapters) await adapter.stop();
      await worker.stop();
    },
  };
}
