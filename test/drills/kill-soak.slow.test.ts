/**
 * Slow drill (`npm run drills` only; 20–30 s): kill -9 five times during a fan-out of 3,000 messages —
 * two notices to each of 1,500 liaisons — at seeded points, and restart each time.
 *
 * All runs go through the proxy, which places the kills on the n-th send: odd kills while the request
 * is on its way (the fake never sees it: in flight, not delivered), even kills after the fake posted the
 * message but before the answer reaches the bot (in flight and delivered: the one case that may
 * duplicate). Checked: every message delivered and every row `sent`; duplicates exactly the sends whose
 * answer a kill swallowed, never more than the rows in flight at the kills; and each liaison gets the
 * first notice before the second, across every crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fake-telegram.js';
import { type BotProcess, spawnBotProcess } from './support/bot-process.js';
import { startChaosProxy } from './support/chaos-proxy.js';
import { acceptedCopies, duplicatesIn, outboxStatuses, seedFanout } from './support/fanout.js';
import { seededRandom } from './support/seeded-random.js';
import { waitFor } from './support/wait-for.js';

const LIAISONS = 1_500;
const NOTICES = ['【交办通知】请签收新事项。', '【提醒】请于明日前反馈进展。'];
const KILLS = 5;
const SEED = 20_261_130;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** Distinct send numbers, spread over the fan-out, at which the kills fall. */
function killPoints(total: number): number[] {
  const rnd = seededRandom(SEED);
  const slice = Math.floor((total * 0.9) / KILLS);
  return Array.from({ length: KILLS }, (_, k) => 100 + k * slice + rnd.int(0, slice - 200));
}

it('kill -9 five times during a fan-out of 3,000: all delivered, in order, duplicates bounded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-kill-soak-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'yishi.db');
  const fake = await startFakeTelegram({ limits: false, maxPollHoldMs: 200 });
  cleanups.push(() => fake.close());
  const liaisons = Array.from({ length: LIAISONS }, (_, i) =>
    fake.addUser({ id: 800_000 + i, firstName: `联络员${i + 1}`, startedBot: true }),
  );
  seedFanout(
    databasePath,
    liaisons.map((u) => ({ chatId: u.id, texts: NOTICES })),
  );
  const total = LIAISONS * NOTICES.length;

  const points = killPoints(total);
  let running: BotProcess | undefined;
  const kill = () => {
    running?.child.kill('SIGKILL');
  };
  const proxy = await startChaosProxy({
    target: fake.apiRoot,
    decide: (req) => {
      const k = points.indexOf(req.n);
      if (req.method !== 'sendMessage' || k < 0 || k % 2 === 1) return undefined;
      kill(); // on its way: the fake never sees this request
      return { kind: 'timeout', delivered: false };
    },
    beforeRelay: (req) => {
      const k = points.indexOf(req.n);
      if (req.method !== 'sendMessage' || k < 0 || k % 2 === 0) return undefined;
      kill(); // posted, but the answer never arrives
      return false;
    },
  });
  cleanups.push(() => proxy.close());

  let inFlight = 0;
  for (let k = 0; k < KILLS; k++) {
    running = spawnBotProcess({ databasePath, apiRoot: proxy.apiRoot, token: fake.token });
    const p = running;
    cleanups.push(() => void p.child.kill('SIGKILL'));
    expect(await p.exited(30_000), `kill ${k + 1}`).toBe('SIGKILL');
    inFlight += outboxStatuses(databasePath).sending ?? 0;
  }
  expect(inFlight).toBe(KILLS);

  const last = spawnBotProcess({ databasePath, apiRoot: proxy.apiRoot, token: fake.token });
  cleanups.push(() => void last.child.kill('SIGKILL'));
  await waitFor(
    () => fake.outbound.length >= total && acceptedCopies(fake).size === total,
    'every message delivered',
    { deadlineMs: 60_000, everyMs: 50 },
  );
  last.child.kill('SIGTERM');
  expect(await last.exited()).toBe(0);

  const copies = acceptedCopies(fake);
  for (const u of liaisons)
    for (const text of NOTICES) expect(copies.get(`${u.id}|${text}`)).toBeGreaterThan(0);
  const duplicates = duplicatesIn(copies);
  expect(duplicates).toBe(proxy.acceptedButUnanswered('sendMessage').length);
  expect(duplicates).toBe(Math.floor(KILLS / 2));
  expect(duplicates).toBeLessThanOrEqual(inFlight);
  expect(outboxStatuses(databasePath)).toEqual({ sent: total });
  for (const u of liaisons) {
    const firsts = [...new Set(fake.botMessages(u.id).map((m) => m.text))];
    expect(firsts, `order in chat ${u.id}`).toEqual(NOTICES);
  }
}, 180_000);
