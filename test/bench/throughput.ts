/**
 * Benchmark 1, update throughput. 2,000 group commands — `/item` (a draft with buttons), a press of its
 * 确认交办 button (assignment: the draft is edited, the liaison gets a DM, the group a summary) and
 * `/tasks` (the board) — go through the fake Bot API into the real bot: `createBot` with the real
 * Telegram adapter (telegraf, long polling), a database file, the production logger and the delivery
 * worker's own loop. The same 2,000 go through a bare telegraf bot that answers "ok" to everything, on
 * the same fake, in the same run.
 *
 * Load is a closed loop: {@link CLIENTS} groups each send their next command as soon as every message
 * the previous one causes has reached the fake, so latency is a command's own (push → last reply at
 * the fake), not time spent queued behind 2,000 others. Rate limits are off on both sides (the fake's
 * and the bot's own limiter): they are benchmark 2's subject, here they would only measure Telegram.
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Markup, Telegraf } from 'telegraf';
import { normalizeApiRoot } from '../../bot/adapters/telegram/index.js';
import { systemClock } from '../../bot/core/ports.js';
import { telegramRateRules } from '../../bot/core/rate-limiter.js';
import { openDb } from '../../db/client.js';
import type { TgMessage, TgUpdate } from '../support/fake-telegram.js';
import { telegramBot } from '../support/telegram-bot.js';
import { benchLogger } from './bench-logger.js';
import { type BenchRow, percentile } from './table.js';
import { addressed, type BenchGroup, startTelegramWorld, type TelegramWorld } from './telegram-world.js';
import { withWatchdog } from './watchdog.js';

const COMMANDS = 2000;
const CLIENTS = 50;
const ROUNDS = 2;
/** One untimed round per client first, so neither bot is measured while the JIT warms up. */
const WARMUP_CYCLES = 1;
/** A run that has not finished by then is reported as broken, not waited for. */
const WATCHDOG_MS = 180_000;
const GOAL = 1.5;

type Kind = 'item' | 'press' | 'tasks';
const CYCLE: Kind[] = ['item', 'press', 'tasks'];

/** What a bot under test must provide: start on the world, and how many messages each kind causes. */
interface Variant {
  name: string;
  /** Messages one command of each kind makes the fake accept in its client's group and liaison DM. */
  perCommand: Record<Kind, number>;
  /** Start, with setup done and the fake's queue empty; returns how to stop and check the run. */
  start(world: TelegramWorld, dir: string): Promise<{ stop(): Promise<void>; check(): string[] }>;
  /** Callback data a press sends; without it the fake takes the pressed message's first button. */
  pressData?: string;
}

interface RunResult {
  totalMs: number;
  latencies: number[];
  problems: string[];
}

export async function throughput(): Promise<BenchRow> {
  // Alternating rounds; each side's fastest run counts (the least disturbed by anything else running).
  const bareRuns: RunResult[] = [];
  const sameRuns: RunResult[] = [];
  const floorRuns: RunResult[] = [];
  const realRuns: RunResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await runVariant(bareVariant));
    sameRuns.push(await runVariant(sameMessagesVariant(false)));
    floorRuns.push(await runVariant(sameMessagesVariant(true)));
    realRuns.push(await runVariant(realVariant));
  }
  const fastest = (runs: RunResult[]) => runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const bare = fastest(bareRuns);
  const same = fastest(sameRuns);
  const floor = fastest(floorRuns);
  const real = fastest(realRuns);
  const ratio = real.totalMs / bare.totalMs;
  const problems = [
    ...bareRuns.flatMap((r) => r.problems.map((p) => `bare: ${p}`)),
    ...sameRuns.flatMap((r) => r.problems.map((p) => `bare, same messages: ${p}`)),
    ...floorRuns.flatMap((r) => r.problems.map((p) => `durable floor: ${p}`)),
    ...realRuns.flatMap((r) => r.problems.map((p) => `bot: ${p}`)),
  ];
  const lat = (r: RunResult) =>
    `p50 ${percentile(r.latencies, 0.5).toFixed(1)} / p99 ${percentile(r.latencies, 0.99).toFixed(1)} ms`;
  return {
    name: `throughput: ${COMMANDS} group commands (/item, 确认交办, /tasks), ${CLIENTS} groups`,
    subject: { value: (real.totalMs / COMMANDS) * 1000, unit: 'µs/command' },
    baseline: { value: (bare.totalMs / COMMANDS) * 1000, unit: 'µs/command' },
    ratio,
    goal: `≤ ${GOAL}×`,
    met: ratio <= GOAL && problems.length === 0,
    note:
      `fastest of ${ROUNDS} runs each; bot ${lat(real)}; bare telegraf ${lat(bare)}; the bot sends ${messagesPerCycle(realVariant)} messages ` +
      `per 3 commands, the bare bot ${messagesPerCycle(bareVariant)}; a bare bot sending the bot's messages ` +
      `${perCommand(same)} µs/command; the same plus the least durable bookkeeping (dedupe mark, outbox, sent marks on a file) ` +
      `${perCommand(floor)} µs/command = ${(floor.totalMs / bare.totalMs).toFixed(2)}× the bare bot, the floor of any bot that loses nothing ` +
      `(the bot is ${(real.totalMs / floor.totalMs).toFixed(1)}× the floor); ` +
      'fake and bot rate limits off' +
      (problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''),
    details: {
      commands: COMMANDS,
      clients: CLIENTS,
      bot: summary(real),
      bare: summary(bare),
      bareSameMessages: summary(same),
      durableFloor: summary(floor),
      floorRunsMs: floorRuns.map((r) => r.totalMs),
      sameRunsMs: sameRuns.map((r) => r.totalMs),
      botRunsMs: realRuns.map((r) => r.totalMs),
      bareRunsMs: bareRuns.map((r) => r.totalMs),
    },
  };
}

const perCommand = (r: RunResult) => ((r.totalMs / COMMANDS) * 1000).toFixed(0);

const messagesPerCycle = (v: Variant) => CYCLE.reduce((n, kind) => n + v.perCommand[kind], 0);

function summary(r: RunResult) {
  return {
    totalMs: r.totalMs,
    commandsPerSecond: (COMMANDS / r.totalMs) * 1000,
    p50Ms: percentile(r.latencies, 0.5),
    p90Ms: percentile(r.latencies, 0.9),
    p99Ms: percentile(r.latencies, 0.99),
    maxMs: Math.max(...r.latencies),
    problems: r.problems,
  };
}

/** The commands each client sends: cycles of /item, 确认交办, /tasks, cut to `count` in total. */
function scriptFor(client: number, count: number, offset = 0): Kind[] {
  const share = Math.floor(count / CLIENTS) + (client < count % CLIENTS ? 1 : 0);
  return Array.from({ length: share }, (_, i) => CYCLE[(i + offset) % CYCLE.length]!);
}

async function runVariant(variant: Variant): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), `yishi-bench-${variant.name}-`));
  const world = await startTelegramWorld({ groups: CLIENTS, limits: false });
  try {
    const running = await variant.start(world, dir);
    const clients = world.groups.map((g) => createClient(world, g, variant));
    // Warm-up, then the measured run; each client keeps its place in the cycle.
    await Promise.all(clients.map((c) => c.run(Array(WARMUP_CYCLES).fill(CYCLE).flat())));
    const warm = WARMUP_CYCLES * CYCLE.length;
    const latencies: number[] = [];
    const t0 = performance.now();
    await withWatchdog(
      Promise.all(clients.map((c, i) => c.run(scriptFor(i, COMMANDS, warm), latencies))),
      `throughput (${variant.name}): replies`,
      WATCHDOG_MS,
    );
    const totalMs = performance.now() - t0;
    const problems = running.check();
    await running.stop();
    return { totalMs, latencies, problems };
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Client {
  run(kinds: Kind[], latencies?: number[]): Promise<void>;
}

/** One group's secretary, sending a command whenever the replies to the previous one have all arrived. */
function createClient(world: TelegramWorld, g: BenchGroup, variant: Variant): Client {
  const { fake } = world;
  let arrived = 0;
  let lastGroupMessage: number | undefined;
  let waiter: { target: number; resolve: () => void } | undefined;
  world.onOutbound((r) => {
    if (r.chatId !== g.group.id && r.chatId !== g.liaison.id) return;
    arrived++;
    if (r.chatId === g.group.id && r.method === 'sendMessage') lastGroupMessage = r.messageId;
    if (waiter && arrived >= waiter.target) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  });

  const push = (kind: Kind): TgUpdate => {
    if (kind === 'press') {
      if (lastGroupMessage === undefined) throw new Error(`${variant.name}: nothing to press in ${g.index}`);
      // The fake reads only the chat and id; without `data` it takes the message's first button.
      const message = { message_id: lastGroupMessage, chat: g.group } as TgMessage;
      return fake.pushCallbackQuery({ from: g.secretary, message, data: variant.pressData }).update;
    }
    const text = kind === 'item' ? `/item 所${g.index} 排查线路隐患 10个工作日内` : '/tasks';
    return fake.pushMessage({ chat: g.group, from: g.secretary, text: addressed(text) }).update;
  };

  let expected = 0;
  return {
    async run(kinds, latencies) {
      for (const kind of kinds) {
        expected += variant.perCommand[kind];
        const done = new Promise<void>((resolve) => {
          waiter = { target: expected, resolve };
        });
        const start = performance.now();
        push(kind);
        await done;
        latencies?.push(performance.now() - start);
      }
    },
  };
}

/** Resolves once the bot has handled (and telegraf confirmed) every update pushed so far. */
async function settled(world: TelegramWorld): Promise<void> {
  const last = world.fake.pending().at(-1);
  if (last) await world.fake.processed(last);
}

// === The bare telegraf bot: the floor a Telegram bot in Node cannot go below on this machine

const bareVariant: Variant = {
  name: 'bare',
  perCommand: { item: 1, press: 1, tasks: 1 },
  pressData: 'ok',
  async start(world) {
    const bot = new Telegraf(world.fake.token, {
      telegram: { apiRoot: normalizeApiRoot(world.fake.apiRoot), webhookReply: false },
    });
    let replies = 0;
    bot.on('message', async (ctx) => {
      await ctx.reply('ok');
      replies++;
    });
    bot.on('callback_query', async (ctx) => {
      // Like the real adapter, a failed answer does not stop the reply. (The fake's query ids can
      // collide — id 1 and id 17 both become 1234567891777777777 — so a second answer may fail.)
      await ctx.answerCbQuery().catch(() => undefined);
      await ctx.reply('ok');
      replies++;
    });
    const polling = bot.launch();
    await settled(world);
    return {
      async stop() {
        bot.stop('bench done');
        await polling;
      },
      check: () => (replies > 0 ? [] : ['no replies']),
    };
  },
};

/**
 * A bare telegraf bot that puts the bot's own messages on the wire — a draft with a button for `/item`;
 * for the press the answer, the edit of the draft, a DM to the liaison and the group summary; a reply
 * for `/tasks` — and does nothing else: how much of the gap is the messaging itself. With `durable`, it
 * also does the least bookkeeping that "nothing is lost" needs, on a database file built from the real
 * migrations: the update's dedupe mark and its messages in the outbox in one transaction before sending,
 * and each message marked sent after — the floor of any bot that keeps the project's promise.
 */
function sameMessagesVariant(durable: boolean): Variant {
  return {
    name: durable ? 'bare-durable' : 'bare-same',
    perCommand: realPerCommand(),
    pressData: 'ok',
    async start(world, dir) {
      const bot = new Telegraf(world.fake.token, {
        telegram: { apiRoot: normalizeApiRoot(world.fake.apiRoot), webhookReply: false },
      });
      const store = durable ? openDb(join(dir, 'floor.db')) : undefined;
      let seq = 0;
      /** Record the update and the messages it causes; returns how to mark each one sent. */
      const record = (updateId: number, messages: number): ((i: number) => void) => {
        if (!store) return () => undefined;
        const ids: number[] = [];
        store.tx(() => {
          store.query(
            `insert into processed_updates (platform, update_id, processed_at) values ('telegram', ?, ?) returning 1`,
            String(updateId),
            Date.now(),
          );
          for (let i = 0; i < messages; i++) {
            const [row] = store.query<{ id: number }>(
              `insert into outbox (dedupe_key, platform, chat_id, chat_kind, payload, next_attempt_at, created_at)
               values (?, 'telegram', 'c', 'group', '{"text":"ok"}', 0, 0) returning id`,
              `k${++seq}`,
            );
            ids.push(row!.id);
          }
        });
        return (i) =>
          store.query(
            `update outbox set status = 'sent', sent_at = ? where id = ? returning 1`,
            Date.now(),
            ids[i],
          );
      };
      const liaisonOf = new Map(world.groups.map((g) => [g.group.id, g.liaison.id]));
      let replies = 0;
      bot.on('message', async (ctx) => {
        const text = 'text' in ctx.message ? ctx.message.text : '';
        const sent = record(ctx.update.update_id, 1);
        await ctx.reply(
          'ok',
          text.includes('/item') ? Markup.inlineKeyboard([Markup.button.callback('ok', 'ok')]) : {},
        );
        sent(0);
        replies++;
      });
      bot.on('callback_query', async (ctx) => {
        const sent = record(ctx.update.update_id, 3);
        await ctx.answerCbQuery().catch(() => undefined);
        await ctx.editMessageText('ok');
        sent(0);
        const liaison = liaisonOf.get(ctx.chat?.id ?? 0);
        if (liaison !== undefined) await ctx.telegram.sendMessage(liaison, 'ok');
        sent(1);
        await ctx.reply('ok');
        sent(2);
        replies++;
      });
      const polling = bot.launch();
      await settled(world);
      // The liaisons start the bot, as they do for the real one, so DMs reach them.
      for (const g of world.groups)
        world.fake.pushMessage({ chat: world.fake.privateChat(g.liaison), from: g.liaison, text: '/start' });
      await settled(world);
      return {
        async stop() {
          bot.stop('bench done');
          await polling;
          store?.close();
        },
        check: () => (replies > 0 ? [] : ['no replies']),
      };
    },
  };
}

/** Messages the real bot sends per command kind (edits included), in a group and its liaison's DM. */
function realPerCommand(): Record<Kind, number> {
  return { item: 1, press: 3, tasks: 1 };
}

const realVariant: Variant = {
  name: 'bot',
  perCommand: realPerCommand(),
  async start(world, dir) {
    const { fake } = world;
    const logger = benchLogger(dir);
    const store = openDb(join(dir, 'yishi.db'));
    // The limiter runs, but with limits the benchmark never reaches.
    const { bot } = telegramBot({
      store,
      clock: systemClock,
      logger,
      token: fake.token,
      apiRoot: fake.apiRoot,
      adapter: { logger: logger.child({ platform: 'telegram' }) },
      rateRules: telegramRateRules({ globalPerSecond: 1e6, chatPerSecond: 1e6, groupPerMinute: 1e6 }),
    });
    await bot.start();
    await settled(world);
    // Setup through the same pipeline: a body per group, a unit, its liaison (who has started the bot).
    const say = (g: BenchGroup, text: string) =>
      fake.pushMessage({ chat: g.group, from: g.secretary, text: addressed(text) });
    // Telegraf handles a batch concurrently, so each step waits for the one before it.
    for (const g of world.groups) say(g, `/setup 联席会议 第${g.index}联席会议`);
    await settled(world);
    for (const g of world.groups) say(g, `/unit add 第${g.index}供电所 别名:所${g.index}`);
    for (const g of world.groups)
      fake.pushMessage({ chat: fake.privateChat(g.liaison), from: g.liaison, text: '/start' });
    await settled(world);
    for (const g of world.groups) say(g, `/liaison 所${g.index} @${g.liaison.username}`);
    await settled(world);
    await bot.worker.drain();
    const errorsBefore = logger.errors;
    return {
      async stop() {
        await bot.stop();
        store.close();
      },
      check() {
        const problems: string[] = [];
        if (logger.errors > errorsBefore) problems.push(`${logger.errors - errorsBefore} errors logged`);
        const assigned = store.query<{ n: number }>(
          `select count(*) as n from items where status = 'assigned'`,
        )[0]!.n;
        const presses = CLIENTS * WARMUP_CYCLES + countKind('press');
        if (assigned !== presses) problems.push(`${assigned} items assigned for ${presses} presses`);
        return problems;
      },
    };
  },
};

function countKind(kind: Kind): number {
  let n = 0;
  for (let c = 0; c < CLIENTS; c++)
    n += scriptFor(c, COMMANDS, WARMUP_CYCLES * CYCLE.length).filter((k) => k === kind).length;
  return n;
}
