/**
 * Benchmark 2, fan-out against Telegram's flood limits. 3,000 follow-up messages (text and five
 * liaison buttons) to 300 chats wait in the outbox; the delivery worker's production loop sends them
 * through the real Telegram adapter to the fake Bot API, which enforces 30/s overall, 1/s per chat
 * and 20/min per group and answers 429 to any send beyond them. The fake, the worker's rate limiter
 * and the worker's sleeps all run on one clock {@link RATE} times faster than real time.
 *
 * The baseline is the theoretical optimum under those limits ({@link optimumMs}); the figure is the
 * achieved time ÷ that optimum, and every 429 the fake had to send counts against the bot.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramAdapter } from '../../bot/adapters/telegram/index.js';
import { createRateLimiter, telegramRateRules } from '../../bot/core/rate-limiter.js';
import type { Outgoing } from '../../bot/core/types.js';
import { openDb } from '../../db/client.js';
import { createOutboxRepo, type OutboxTarget } from '../../db/repos/outbox.js';
import { createDeliveryWorker } from '../../jobs/delivery-worker.js';
import { benchLogger } from './bench-logger.js';
import { scaledClock } from './scaled-clock.js';
import type { BenchRow } from './table.js';
import { startTelegramWorld } from './telegram-world.js';
import { withWatchdog } from './watchdog.js';

/**
 * Clock ms per real ms: the ~100 s the limits impose take ~33 s. Real-time costs (a send's round trip,
 * a timer firing late, a query) weigh RATE times more on the clock than in production, so a larger
 * rate would overstate the worker's lag.
 */
const RATE = 3;
const LIMITS = { globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 };
/** 150 groups and their 150 liaisons' private chats: 300 chats. */
const GROUPS = 150;
/** Messages per chat: 30 busy groups over the per-group limit, 120 quiet groups, 150 DMs. */
const BUSY_GROUPS = 30;
const PER_BUSY_GROUP = 30;
const PER_QUIET_GROUP = 10;
const PER_DM = 6;
const GOAL = 1.1;
/** Real time after which a fan-out that has not finished counts as broken. */
const WATCHDOG_MS = 120_000;

interface Chat {
  target: OutboxTarget;
  messages: number;
}

export async function fanout(): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-fanout-'));
  const clock = scaledClock(Date.parse('2026-12-01T09:00:00+08:00'), RATE);
  const world = await startTelegramWorld({ groups: GROUPS, clock, limits: LIMITS });
  const store = openDb(join(dir, 'yishi.db'));
  try {
    const chats: Chat[] = world.groups.flatMap((g, i) => [
      {
        target: { platform: 'telegram', chatId: String(g.group.id), chatKind: 'group' },
        messages: i < BUSY_GROUPS ? PER_BUSY_GROUP : PER_QUIET_GROUP,
      },
      {
        target: { platform: 'telegram', chatId: String(g.liaison.id), chatKind: 'direct' },
        messages: PER_DM,
      },
    ]);
    const total = chats.reduce((n, c) => n + c.messages, 0);
    enqueueFanout(createOutboxRepo(store.db), store.tx, chats, clock.now());

    const logger = benchLogger(dir);
    const adapter = createTelegramAdapter({
      token: world.fake.token,
      apiRoot: world.fake.apiRoot,
      logger,
      clock,
      language: 'zh-CN',
    });
    const worker = createDeliveryWorker({
      store,
      adapters: new Map([['telegram', adapter]]),
      limiters: new Map([['telegram', createRateLimiter(telegramRateRules(LIMITS))]]),
      clock,
      logger,
      clockRate: RATE,
    });
    let sent = 0;
    let lastAt = 0;
    const done = new Promise<void>((resolve) => {
      world.onOutbound((r) => {
        lastAt = r.at;
        if (++sent === total) resolve();
      });
    });
    const startedAt = clock.now();
    worker.start();
    await withWatchdog(done, `fan-out: ${total} messages`, WATCHDOG_MS);
    await worker.stop();

    const achievedMs = lastAt - startedAt;
    const optimum = optimumMs(
      chats.map((c) => ({ messages: c.messages, group: c.target.chatKind === 'group' })),
      LIMITS,
    );
    const rejected = world.fake.calls.filter((c) => c.error?.code === 429).length;
    const ratio = achievedMs / optimum;
    return {
      name: `fan-out: ${total} follow-ups to ${chats.length} chats under 30/s, 1/s/chat, 20/min/group`,
      subject: { value: achievedMs / 1000, unit: 's (clock)' },
      baseline: { value: optimum / 1000, unit: 's optimum' },
      ratio,
      goal: `≤ ${GOAL}×, 0 × 429`,
      met: ratio <= GOAL && rejected === 0 && logger.errors === 0,
      note: `${rejected} × 429 received; clock ×${RATE} (fake, limiter and worker timers), ${(achievedMs / RATE / 1000).toFixed(1)} s real`,
      details: { total, chats: chats.length, rate: RATE, achievedMs, optimumMs: optimum, rejected },
    };
  } finally {
    await world.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The earliest instant the last message can go out, counted from the first send at 0, under sliding
 * windows (a send at t counts against every window that contains t, i.e. until t + window):
 * - globally at most G per second, so send k (0-based, any chat) cannot go before ⌊k / G⌋ s: with N
 *   messages the last is at ⌊(N − 1) / G⌋ s — 99 s for 3,000 at 30/s;
 * - one chat at most 1 per second, so its k-th message cannot go before k s;
 * - a group also at most P per minute, so its k-th message (0-based) cannot go before
 *   ⌊k / P⌋ min + (k mod P) s: each minute opens with a burst of at most P, one per second.
 * Every schedule obeys all three, so the largest is a lower bound on any schedule's makespan; the
 * achieved time ÷ this bound overstates the bot's distance from the true optimum, never understates it.
 */
export function optimumMs(
  chats: { messages: number; group: boolean }[],
  limits: { globalPerSecond: number; chatPerSecond: number; groupPerMinute: number },
): number {
  const total = chats.reduce((n, c) => n + c.messages, 0);
  const globalMs = Math.floor((total - 1) / limits.globalPerSecond) * 1000;
  const chatMs = (k: number) => Math.floor(k / limits.chatPerSecond) * 1000;
  const groupMs = (k: number) =>
    Math.floor(k / limits.groupPerMinute) * 60_000 + chatMs(k % limits.groupPerMinute);
  const perChat = chats.map((c) => (c.group ? groupMs(c.messages - 1) : chatMs(c.messages - 1)));
  return Math.max(globalMs, ...perChat);
}

/**
 * Write the fan-out as one tick would: one transaction, chats interleaved in a fixed shuffled order
 * (a tick walks items, not chats), each chat's messages in order.
 */
function enqueueFanout(
  repo: ReturnType<typeof createOutboxRepo>,
  tx: <T>(fn: () => T) => T,
  chats: Chat[],
  now: number,
): void {
  const queue = chats.flatMap((c, ci) => Array.from({ length: c.messages }, () => ci));
  shuffle(queue, 20261201);
  const next = new Map<number, number>();
  tx(() => {
    queue.forEach((ci, i) => {
      const n = (next.get(ci) ?? 0) + 1;
      next.set(ci, n);
      repo.enqueue(chats[ci]!.target, followUp(ci, n), { dedupeKey: `bench:fanout:${i}`, now });
    });
  });
}

/** A 催办 notice the size and shape of a real one: text and the five liaison buttons. */
function followUp(chat: number, n: number): Outgoing {
  const code = `YS-2026-${String(chat * 100 + n).padStart(4, '0')}`;
  return {
    text: `🟡 催办 ${code}：排查建设路3处老化线路\n完成时限：2026年11月30日（周一），已超期 1 个工作日。\n请回复办结情况，或说明原因并提出新的完成时限。`,
    buttons: ['签收', '报进展', '已办结', '申请延期', '非本单位职责'].map((label, i) => [
      { id: `cmd:b${chat}x${n}x${i}`, label },
    ]),
    notice: true,
  };
}

/** Fisher–Yates with a small deterministic generator (mulberry32), so every run sends the same order. */
function shuffle<T>(xs: T[], seed: number): void {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}
