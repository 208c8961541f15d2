/**
 * Drill: the platform misbehaves. The real bot (telegraf adapter, outbox, delivery worker, Telegram's
 * rate rules) sends 300 notices and answers 20 commands while a seeded proxy in front of the fake Bot
 * API answers about 10% of sends with a 5xx, lets about 5% time out (half of those after the fake
 * posted the message, so only the answer is lost) and now and then starts a burst of 429s with a
 * `retry_after`. The fake enforces Telegram's flood limits on the shared fixed clock.
 *
 * Promised and checked:
 * - nothing is lost: every message is delivered and every outbox row ends `sent`;
 * - duplicates only where a timeout hid a send that had happened: each request the fake accepted but
 *   whose answer never reached the bot causes exactly one extra copy, and nothing else does
 *   (bound: duplicates ≤ sends that timed out after reaching the platform ≤ timeouts injected);
 * - limits respected: the only 429s are the injected ones, the fake records no violation, and an
 *   independent check of the accepted sends finds none either;
 * - per-chat order: the first copy of each chat's notices arrives in the order they were queued.
 */
import { afterEach, expect, it } from 'vitest';
import type { OutboundRecord, TgChat, TgUser } from '../support/fake-telegram.js';
import type { Fault, ProxiedRequest } from './support/chaos-proxy.js';
import { acceptedCopies, duplicatesIn } from './support/fanout.js';
import { seededRandom } from './support/seeded-random.js';
import { openTelegramWorld, type TelegramWorld } from './support/telegram-world.js';

const SEED = 20_261_130;
const GROUPS = 4;
const NOTICES_PER_GROUP = 30; // more than the 20 a group may get per minute
const DIRECT_CHATS = 20;
const NOTICES_PER_DIRECT = 9;

/** The seeded fault plan for sendMessage: 10% 5xx, 5% timeouts, 2% starts a burst of 2–5 429s. */
function faultPlan(seed: number) {
  const rnd = seededRandom(seed);
  let enabled = false;
  let burst = { left: 0, retryAfterSeconds: 1 };
  const decide = (req: ProxiedRequest): Fault | undefined => {
    if (!enabled || req.method !== 'sendMessage') return undefined;
    if (burst.left > 0) {
      burst.left--;
      return { kind: 'rate-limit', retryAfterSeconds: burst.retryAfterSeconds };
    }
    const r = rnd.next();
    if (r < 0.1) return { kind: 'server-error', status: ([500, 502, 503, 504] as const)[rnd.int(0, 3)]! };
    if (r < 0.15) return { kind: 'timeout', delivered: rnd.next() < 0.5 };
    if (r < 0.17) {
      burst = { left: rnd.int(1, 4), retryAfterSeconds: rnd.int(1, 5) };
      return { kind: 'rate-limit', retryAfterSeconds: burst.retryAfterSeconds };
    }
    return undefined;
  };
  const enable = () => {
    enabled = true;
  };
  return { decide, enable };
}

let world: TelegramWorld | undefined;
afterEach(() => world?.close());

it('5xx, timeouts and 429 bursts: nothing lost, duplicates only from timeouts, limits respected', async () => {
  const plan = faultPlan(SEED);
  // A short client timeout, so the injected timeouts cost a quarter second each.
  const w = await openTelegramWorld({ chaos: { decide: plan.decide }, requestTimeoutMs: 250 });
  world = w;
  const { fake, secretary } = w;
  const groups: TgChat[] = [w.group];
  for (let g = 1; g < GROUPS; g++)
    groups.push(fake.addGroup({ id: -1001234567890 - g, title: `第${g + 1}网格群`, creator: secretary }));
  for (const g of groups) await w.handled(fake.pushBotAdded(g, secretary));
  const people: TgUser[] = Array.from({ length: DIRECT_CHATS }, (_, i) =>
    fake.addUser({
      id: 5000 + i,
      firstName: `联络员${i + 1}`,
      username: `liaison_${i + 1}`,
      startedBot: true,
    }),
  );
  await w.drain(); // the greetings, before the platform turns bad
  plan.enable();

  const expected = new Map<number, string[]>();
  const { outbox } = w.bot.repos;
  const now = w.clock.now();
  w.store.tx(() => {
    const queue = (chat: TgChat, count: number) => {
      const texts = Array.from({ length: count }, (_, i) => `【通知】${chat.id} 第${i + 1}条`);
      for (const [i, text] of texts.entries()) {
        outbox.enqueue(
          {
            platform: 'telegram',
            chatId: String(chat.id),
            chatKind: chat.type === 'private' ? 'direct' : 'group',
          },
          { text },
          { dedupeKey: `drill:${chat.id}:${i}`, now },
        );
      }
      expected.set(chat.id, texts);
    };
    for (const g of groups) queue(g, NOTICES_PER_GROUP);
    for (const p of people) queue(fake.privateChat(p), NOTICES_PER_DIRECT);
  });
  for (const p of people) await w.say(p, fake.privateChat(p), '/whoami');

  const result = await w.drain(100_000);
  expect(result.failed).toBe(0);

  // Nothing lost.
  const copies = acceptedCopies(fake);
  for (const [chatId, texts] of expected)
    for (const text of texts) expect(copies.get(`${chatId}|${text}`), text).toBeGreaterThan(0);
  for (const p of people)
    expect(
      fake.botMessages(p.id).some((m) => m.text?.startsWith('您是')),
      `reply to ${p.id}`,
    ).toBe(true);
  expect(
    w.store.query<{ status: string; n: number }>('select status, count(*) as n from outbox group by status'),
  ).toEqual([{ status: 'sent', n: expect.any(Number) }]);

  // Duplicates: exactly the sends whose answer was lost, and never more than the timeouts injected.
  const proxy = w.proxy!;
  const duplicates = duplicatesIn(copies);
  const lostAnswers = proxy.acceptedButUnanswered('sendMessage').length;
  const faults = proxy.requests.filter((r) => r.fault).map((r) => r.fault!);
  const timeouts = faults.filter((f) => f.kind === 'timeout').length;
  expect(duplicates).toBe(lostAnswers);
  expect(duplicates).toBeLessThanOrEqual(timeouts);

  // The plan really was hostile, in about the proportions asked for.
  const sends = proxy.requests.filter((r) => r.method === 'sendMessage').length;
  const rateLimited = faults.filter((f) => f.kind === 'rate-limit').length;
  expect(faults.filter((f) => f.kind === 'server-error').length / sends).toBeGreaterThan(0.06);
  expect(timeouts / sends).toBeGreaterThan(0.02);
  expect(rateLimited).toBeGreaterThanOrEqual(5);
  expect(lostAnswers).toBeGreaterThan(0);

  // Limits: the only 429s the bot saw were injected; the fake saw no send beyond its limits.
  expect(proxy.requests.filter((r) => r.upstreamStatus === 429)).toEqual([]);
  expect(fake.violations).toEqual([]);
  expectWithinTelegramLimits(fake.outbound);

  // Per-chat order of first copies.
  for (const [chatId, texts] of expected) {
    const firsts = [...new Set(fake.botMessages(chatId).map((m) => m.text ?? ''))].filter((t) =>
      t.startsWith('【通知】'),
    );
    expect(firsts).toEqual(texts);
  }
  expect(w.log.entries.filter((e) => e.level === 'error')).toEqual([]);
}, 60_000);

/** Telegram's limits checked over the accepted sends, independently of the fake's own accounting. */
function expectWithinTelegramLimits(outbound: OutboundRecord[]): void {
  const byChat = new Map<number, number[]>();
  for (const o of outbound) byChat.set(o.chatId, [...(byChat.get(o.chatId) ?? []), o.at]);
  for (const [chatId, times] of byChat) {
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!, `chat ${chatId} 1/s`).toBeGreaterThanOrEqual(1000);
    if (chatId < 0)
      for (let i = 20; i < times.length; i++)
        expect(times[i]! - times[i - 20]!, `group ${chatId} 20/min`).toBeGreaterThanOrEqual(60_000);
  }
  const all = outbound.map((o) => o.at);
  for (let i = 30; i < all.length; i++)
    expect(all[i]! - all[i - 30]!, 'global 30/s').toBeGreaterThanOrEqual(1000);
}
