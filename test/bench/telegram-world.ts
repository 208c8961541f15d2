/**
 * A fake Telegram world for the benchmarks: the fake Bot API with groups, their secretaries and
 * liaisons, and a hook that reports every message the fake accepted the moment it accepted it, so a
 * benchmark can time "the reply arrived" without polling.
 * @module
 */
import type { Clock } from '../../bot/core/ports.js';
import {
  type FakeCall,
  type FakeTelegram,
  type OutboundRecord,
  startFakeTelegram,
  type TgChat,
  type TgUser,
} from '../support/fake-telegram.js';

export const BOT_USERNAME = 'yishi_bench_bot';

/** One group with its secretary and the liaison of its one unit (who has started the bot). */
export interface BenchGroup {
  index: number;
  group: TgChat;
  secretary: TgUser;
  liaison: TgUser;
}

export interface TelegramWorld {
  fake: FakeTelegram;
  groups: BenchGroup[];
  /** Called for every send or edit the fake accepted, with the chat it went to. */
  onOutbound(listener: (record: OutboundRecord) => void): void;
  close(): Promise<void>;
}

/**
 * Start the fake with `count` groups. `limits: false` turns the fake's flood limits off (the throughput
 * benchmark measures the bot, not Telegram's limits). Each group's "bot added" update is queued for the
 * first poll.
 */
export async function startTelegramWorld(o: {
  groups: number;
  clock?: Clock;
  limits?: false | { globalPerSecond: number; chatPerSecond: number; groupPerMinute: number };
}): Promise<TelegramWorld> {
  const fake = await startFakeTelegram({
    clock: o.clock,
    limits: o.limits,
    bot: { username: BOT_USERNAME },
  });
  const groups: BenchGroup[] = [];
  for (let i = 0; i < o.groups; i++) {
    const secretary = fake.addUser({ id: 100_000 + i, firstName: `秘书${i}`, username: `sec${i}` });
    const liaison = fake.addUser({
      id: 200_000 + i,
      firstName: `联络员${i}`,
      username: `liaison${i}`,
      startedBot: true,
    });
    const group = fake.addGroup({ id: -1_000_000_000 - i, title: `联席会议群${i}`, creator: secretary });
    fake.setMember(group, liaison, 'member');
    // Queued until a bot polls: the bot under test sees itself added, as in journey J1.
    fake.pushBotAdded(group, secretary);
    groups.push({ index: i, group, secretary, liaison });
  }
  const listeners: ((record: OutboundRecord) => void)[] = [];
  // The fake appends to `outbound` synchronously while it handles a send, before it answers the bot.
  const outbound = fake.outbound;
  const push = outbound.push.bind(outbound);
  outbound.push = (...records: OutboundRecord[]) => {
    const n = push(...records);
    for (const r of records) for (const l of listeners) l(r);
    return n;
  };
  return {
    fake,
    groups,
    onOutbound: (listener) => listeners.push(listener),
    close: () => fake.close(),
  };
}

/**
 * Resolves when the fake receives its next call of `method`, without polling (the fake's own
 * `waitForCall` spins on setImmediate, which would take a core from a process being timed).
 */
export function nextCall(fake: FakeTelegram, method: string): Promise<void> {
  return new Promise((resolve) => {
    const calls = fake.calls;
    const push = calls.push;
    calls.push = (...items: FakeCall[]) => {
      const n = push.apply(calls, items);
      if (items.some((c) => c.method === method)) {
        calls.push = push;
        resolve();
      }
      return n;
    };
  });
}

/** `/cmd args` as people address a bot in a group: `/cmd@bot args`. */
export function addressed(text: string): string {
  return text.replace(/^(\/[^\s@]+)/u, `$1@${BOT_USERNAME}`);
}
