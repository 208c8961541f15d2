/**
 * Drill: WeCom misbehaves. The real bot (WeCom adapter on the real SDK, outbox, delivery worker, WeCom's
 * 20/min per-conversation rule) delivers 320 notices to 4 group chats and 16 single chats, and answers a
 * `/whoami` in each single chat, while the fake long-connection server, steered by a seeded `chaos`,
 * answers about 10% of message commands with errcode -1 (系统繁忙, transient), withholds about 5% of
 * acks (capped at 3, since the SDK waits a hard-coded 5 s of real time for each; about half of them after
 * accepting the message) and starts up to two short bursts of errcode 45009 (接口调用超过限制). The
 * clock is fixed and advanced only by the worker's drain; the fake stamps every frame with it.
 *
 * Promised and checked:
 * - nothing is lost: every notice and reply is delivered and every outbox row ends `sent`;
 * - duplicates only from withheld acks: each message arrives once, plus once more for every attempt the
 *   server accepted without acking (bound: duplicates = accepted-but-unacked ≤ acks dropped ≤ 3);
 * - the limits: after a 45009 the adapter declares `RATE_LIMIT_WAIT_MS` (60 s) and the worker pauses
 *   that conversation only: nothing goes to it for 60 s of clock time while other chats go on; and no
 *   conversation gets more than 20 attempts in any minute;
 * - per-chat order: each chat's notices arrive in queue order (a duplicate only right after its original).
 */
import { afterEach, expect, it } from 'vitest';
import { RATE_LIMIT_WAIT_MS } from '../../bot/adapters/wecom/errors.js';
import type { ClientFrame, Delivery } from '../support/fake-wecom.js';
import { seededRandom } from './support/seeded-random.js';
import { openWecomWorld, type WecomWorld } from './support/wecom-world.js';

/** Under this seed both kinds of lost ack occur (accepted before, and not) and two 45009 bursts. */
const SEED = 3;
const GROUPS = Array.from({ length: 4 }, (_, i) => `wrkGroup${i + 1}`);
const NOTICES_PER_GROUP = 40; // twice what a conversation may get per minute
const USERS = Array.from({ length: 16 }, (_, i) => `liaison${String(i + 1).padStart(2, '0')}`);
const NOTICES_PER_USER = 10;
const CHAT_PER_MINUTE = 20;
const MAX_DROPPED_ACKS = 3;

let world: WecomWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

it('busy errcodes, lost acks and 45009 bursts: nothing lost, duplicates only from lost acks, limits kept', async () => {
  const w = await openWecomWorld({ chatPerMinute: CHAT_PER_MINUTE });
  world = w;
  const { fake, clock } = w;
  // Each liaison opens the single chat with a command (the reply answers through the callback frame).
  const replyChat = new Map<string, string>();
  for (const user of USERS) replyChat.set((await w.say(user, '/whoami')).reqId, user);
  /** The conversation a message command goes to: a push names it, a reply answers a callback in it. */
  const chatOf = (f: ClientFrame): string =>
    f.frame.cmd === 'aibot_send_msg' ? f.frame.body?.chatid : (replyChat.get(f.frame.headers.req_id) ?? '');
  const attempt = (f: ClientFrame) => ({ chat: chatOf(f), at: f.at! });

  const expected = new Map<string, string[]>();
  const { outbox } = w.bot.repos;
  const now = clock.now();
  w.store.tx(() => {
    const queue = (chatId: string, chatKind: 'group' | 'direct', count: number) => {
      const texts = Array.from({ length: count }, (_, i) => `【通知】${chatId} 第${i + 1}条`);
      for (const [i, text] of texts.entries())
        outbox.enqueue(
          { platform: 'wecom', chatId, chatKind },
          { text },
          { dedupeKey: `drill:${chatId}:${i}`, now },
        );
      expected.set(chatId, texts);
    };
    for (const g of GROUPS) queue(g, 'group', NOTICES_PER_GROUP);
    for (const u of USERS) queue(u, 'direct', NOTICES_PER_USER);
  });

  const rnd = seededRandom(SEED);
  fake.chaos({
    rng: rnd.next,
    errorRate: 0.1,
    errcode: -1,
    dropAckRate: 0.05,
    maxDroppedAcks: MAX_DROPPED_ACKS,
    deliveredWhenAckDropped: 0.5,
    burst: { rate: 0.02, length: [2, 4], errcode: 45009, max: 2 },
  });
  const result = await w.drain(100_000);
  fake.chaos(undefined);
  expect(result.failed).toBe(0);

  // Nothing lost.
  expect(outbox.counts()).toMatchObject({ pending: 0, sending: 0, failed: 0 });
  expect(w.store.query<{ status: string }>('select distinct status from outbox')).toEqual([
    { status: 'sent' },
  ]);
  const copies = new Map<string, Delivery[]>();
  for (const d of fake.deliveries) {
    const key = `${d.chatId}|${d.text}`;
    copies.set(key, [...(copies.get(key) ?? []), d]);
  }
  for (const [chatId, texts] of expected)
    for (const text of texts) expect(copies.get(`${chatId}|${text}`)?.length ?? 0, text).toBeGreaterThan(0);
  for (const user of USERS)
    expect(
      fake.deliveries.some((d) => d.chatId === user && d.text.startsWith('您是')),
      `the reply to ${user}`,
    ).toBe(true);

  // Duplicates: per message exactly one extra copy for each accepted-but-unacked attempt, nothing else.
  const faults = fake.chaosFaults;
  const dropped = faults.filter((f) => f.kind === 'drop-ack');
  let duplicates = 0;
  for (const [key, list] of copies) {
    const unacked = list.filter((d) => d.ackDropped).length;
    expect(list.length - 1, `copies of ${key}`).toBe(unacked);
    duplicates += list.length - 1;
  }
  expect(duplicates).toBe(dropped.filter((f) => f.delivered).length);
  expect(duplicates).toBeLessThanOrEqual(dropped.length);

  // The plan really was hostile, in about the proportions asked for.
  const sends = fake.frames.filter((f) => isMessageCommand(f));
  const busy = faults.filter((f) => f.kind === 'error');
  const limited = faults.filter((f) => f.kind === 'rate-limit');
  expect(busy.length / sends.length).toBeGreaterThan(0.06);
  expect(dropped).toHaveLength(MAX_DROPPED_ACKS);
  expect(duplicates).toBeGreaterThan(0);
  expect(dropped.some((f) => !f.delivered)).toBe(true);
  expect(limited.length).toBeGreaterThanOrEqual(4);

  // After a 45009: the adapter declares a 60 s wait and the worker sends nothing more to that
  // conversation before it is over, then resumes; the pause is per conversation, so others go on.
  expect(RATE_LIMIT_WAIT_MS).toBe(60_000);
  for (const f of limited) {
    const later = sends.filter((s) => s.seq > f.seq);
    const sameChat = later.filter((s) => chatOf(s) === f.chatId);
    expect(sameChat.length, `a send to ${f.chatId} after the 45009`).toBeGreaterThan(0);
    expect(sameChat[0]!.at! - f.at!, `wait after the 45009 to ${f.chatId}`).toBeGreaterThanOrEqual(
      RATE_LIMIT_WAIT_MS,
    );
  }
  const first = limited[0]!;
  expect(
    sends.some(
      (s) => chatOf(s) !== first.chatId && s.at! > first.at! && s.at! < first.at! + RATE_LIMIT_WAIT_MS,
    ),
  ).toBe(true);

  // The per-conversation limit, checked independently: at most 20 attempts in any minute (the 45009
  // answers not counted, as WeCom refused those), hence at most 20 messages too.
  const rateLimitedSeqs = new Set(limited.map((f) => f.seq));
  expectWithinPerMinute(sends.filter((s) => !rateLimitedSeqs.has(s.seq)).map(attempt));
  const stamp = new Map(fake.frames.map((f) => [f.seq, f.at!]));
  expectWithinPerMinute(fake.deliveries.map((d) => ({ chat: d.chatId, at: stamp.get(d.seq)! })));

  // Per-chat order: the notices of each chat, adjacent copies collapsed, are the queue.
  for (const [chatId, texts] of expected) {
    const seen = fake.deliveries
      .filter((d) => d.chatId === chatId && d.text.startsWith('【通知】'))
      .map((d) => d.text)
      .filter((t, i, all) => t !== all[i - 1]);
    expect(seen).toEqual(texts);
  }
  expect(w.log.entries.filter((e) => e.level === 'error')).toEqual([]);
}, 40_000);

function isMessageCommand(f: ClientFrame): boolean {
  return f.frame.cmd === 'aibot_send_msg' || f.frame.cmd === 'aibot_respond_msg';
}

/** At most `CHAT_PER_MINUTE` of `events` per conversation in any minute of clock time. */
function expectWithinPerMinute(events: { chat: string; at: number }[]): void {
  const byChat = new Map<string, number[]>();
  for (const e of events) byChat.set(e.chat, [...(byChat.get(e.chat) ?? []), e.at]);
  for (const [chat, times] of byChat)
    for (let i = CHAT_PER_MINUTE; i < times.length; i++)
      expect(
        times[i]! - times[i - CHAT_PER_MINUTE]!,
        `${chat}: ${CHAT_PER_MINUTE}/min`,
      ).toBeGreaterThanOrEqual(60_000);
}
