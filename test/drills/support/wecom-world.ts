/**
 * The real bot on WeCom for the in-process drills: `createBot` with the real WeCom adapter and SDK
 * against the fake long-connection server, one fixed clock shared by the outbox, its rate limiter and
 * the fake's frame stamps, and a recording logger. Only the adapter is started: delivery is driven by
 * `drain` on the fixed clock.
 * @module
 */
import { createWecomAdapter, directoryFrom, type WecomAdapter } from '../../../bot/adapters/wecom/index.js';
import { type Bot, createBot } from '../../../bot/bot.js';
import type { AdapterHandlers } from '../../../bot/core/ports.js';
import { wecomRateRules } from '../../../bot/core/rate-limiter.js';
import type { Store } from '../../../db/client.js';
import { createRepos } from '../../../db/repos/index.js';
import { type FakeClock, fixedClock } from '../../support/fake-clock.js';
import { type FakeWecom, type InjectedCallback, startFakeWecom } from '../../support/fake-wecom.js';
import { testStore } from '../../support/test-db.js';
import { type RecordingLogger, recordingLogger } from './recording-logger.js';
import { waitFor } from './wait-for.js';

export interface WecomWorld {
  readonly fake: FakeWecom;
  readonly clock: FakeClock;
  readonly store: Store;
  readonly log: RecordingLogger;
  readonly bot: Bot;
  readonly adapter: WecomAdapter;
  /** A text from `from` (in group `chatId`, @-mentioning the bot, when given); resolves once handled. */
  say(from: string, text: string, chatId?: string): Promise<InjectedCallback>;
  /** Deliver the outbox, advancing the shared clock over every wait. */
  drain(maxRounds?: number): ReturnType<Bot['worker']['drain']>;
  close(): Promise<void>;
}

/** @example const w = await openWecomWorld({ chatPerMinute: 20 }); w.bot.repos.outbox.enqueue(…); await w.drain(); */
export async function openWecomWorld(o: { chatPerMinute?: number } = {}): Promise<WecomWorld> {
  const clock = fixedClock('2026-11-30T09:00:00+08:00');
  const fake = await startFakeWecom({ botId: 'aibDRILL', secret: 'drill-secret', clock });
  const store = testStore();
  const log = recordingLogger();
  const adapter = createWecomAdapter({
    botId: fake.botId,
    secret: fake.secret,
    wsUrl: fake.url,
    logger: log,
    clock,
    language: 'zh-CN',
    directory: directoryFrom(createRepos(store.db).people),
    reconnect: { intervalMs: 20, maxAuthFailures: 3 },
    startTimeoutMs: 5_000,
  });
  const bot = createBot({
    store,
    clock,
    logger: log,
    timezone: 'Asia/Shanghai',
    language: 'zh-CN',
    adapters: [adapter],
    rateRules: { wecom: wecomRateRules({ chatPerMinute: o.chatPerMinute ?? 20 }) },
  });
  const handled = handledCounter(bot.app);
  await adapter.start(handled.handlers);
  return {
    fake,
    clock,
    store,
    log,
    bot,
    adapter,
    async say(from, text, chatId) {
      const target = handled.done + 1;
      const callback = fake.pushText({ from, chatId, text: chatId ? `@议事\u2005${text}` : text });
      await waitFor(() => handled.done >= target, `the bot to handle "${text}" from ${from}`);
      return callback;
    },
    drain: (maxRounds) => bot.worker.drain({ advance: (ms) => clock.advance(ms), maxRounds }),
    async close() {
      await adapter.stop().catch(() => undefined);
      await fake.close();
      store.close();
    },
  };
}

/** Wraps the bot's handlers so a drill can wait until a callback was fully handled. */
function handledCounter(app: AdapterHandlers) {
  let done = 0;
  const wrap =
    <T>(fn: (x: T) => Promise<void>) =>
    async (x: T) => {
      try {
        await fn(x);
      } finally {
        done++;
      }
    };
  const handlers: AdapterHandlers = {
    onMessage: wrap(app.onMessage),
    onButton: wrap(app.onButton),
    onMembership: wrap((e) => app.onMembership!(e)),
  };
  return {
    handlers,
    get done() {
      return done;
    },
  };
}
