/**
 * Drill: kill -9 the bot in the middle of a fan-out of 1,000 messages, twice, and restart it.
 *
 * The bot runs as a real child process (`support/fanout-bot-process.ts`: `createBot` over a SQLite file,
 * telegraf against the fake Bot API; the first run through a proxy that places the kill). The fan-out is
 * 1,000 notices already committed to the outbox, one per liaison's private chat, as a state change
 * would have left them.
 * - Kill 1 is placed: the proxy kills the process when the fake has accepted message #347 but before the
 *   answer reaches the bot, so exactly that message is in flight (posted, not yet marked sent).
 * - Kill 2 is a race: the test kills the process whenever it sees 700 messages delivered.
 * After each kill the database tells how many rows were in flight ('sending'). The promise checked:
 * every message is delivered, and no message more than once beyond the messages in flight at the kills.
 * Real time is unavoidable with a real process; every wait is on observable state with a deadline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fake-telegram.js';
import { type BotProcess, logEntries, spawnBotProcess } from './support/bot-process.js';
import { type ChaosProxy, startChaosProxy } from './support/chaos-proxy.js';
import { acceptedCopies, duplicatesIn, outboxStatuses, seedFanout } from './support/fanout.js';
import { waitFor } from './support/wait-for.js';

const FANOUT = 1_000;
/** Kill 1: while this message is in flight. */
const PLACED_KILL_AT = 347;
/** Kill 2: as soon as the test sees this many messages delivered. */
const RACED_KILL_AFTER = 700;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** The text of notice `n` (1-based); each is unique, so a delivery is identified by chat and text. */
const notice = (n: number) => `交办通知 #${n}：请于三个工作日内签收。`;

it('kill -9 twice during a fan-out of 1,000: all delivered, duplicates within the messages in flight', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-kill-drill-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'yishi.db');

  const fake = await startFakeTelegram({ limits: false, maxPollHoldMs: 200 });
  cleanups.push(() => fake.close());
  const liaisons = Array.from({ length: FANOUT }, (_, i) =>
    fake.addUser({ id: 700_000 + i, firstName: `联络员${i + 1}`, startedBot: true }),
  );
  seedFanout(
    databasePath,
    liaisons.map((user, i) => ({ chatId: user.id, texts: [notice(i + 1)] })),
  );

  let running: BotProcess | undefined;
  const proxy: ChaosProxy = await startChaosProxy({
    target: fake.apiRoot,
    beforeRelay: (req) => {
      if (req.method !== 'sendMessage' || req.n !== PLACED_KILL_AT) return undefined;
      // The fake has posted the message; the bot dies before it hears so.
      running?.child.kill('SIGKILL');
      return false;
    },
  });
  cleanups.push(() => proxy.close());
  const start = (apiRoot: string) => {
    running = spawnBotProcess({ databasePath, apiRoot, token: fake.token });
    const p = running;
    cleanups.push(() => void p.child.kill('SIGKILL'));
    return p;
  };
  /** Sends the fake accepted, duplicates included: cheap enough to poll. */
  const accepted = () => fake.outbound.length;

  // Run 1: killed by the proxy with message #347 in flight.
  const first = start(proxy.apiRoot);
  expect(await first.exited(15_000)).toBe('SIGKILL');
  const inFlightAtKill1 = outboxStatuses(databasePath).sending ?? 0;
  expect(inFlightAtKill1).toBe(1);
  expect(acceptedCopies(fake).size).toBe(PLACED_KILL_AT);

  // Run 2: killed by the test mid-way, at whatever point the sends have reached.
  const second = start(fake.apiRoot);
  await waitFor(() => accepted() >= RACED_KILL_AFTER, `${RACED_KILL_AFTER} deliveries`, {
    deadlineMs: 15_000,
    everyMs: 20,
  });
  second.child.kill('SIGKILL');
  expect(await second.exited()).toBe('SIGKILL');
  const inFlightAtKill2 = outboxStatuses(databasePath).sending ?? 0;
  expect(acceptedCopies(fake).size).toBeLessThan(FANOUT); // the kill really was mid fan-out

  // Run 3: finishes the fan-out, then stops cleanly.
  const third = start(fake.apiRoot);
  await waitFor(
    () => accepted() >= FANOUT && acceptedCopies(fake).size === FANOUT,
    'every message delivered',
    {
      deadlineMs: 15_000,
      everyMs: 20,
    },
  );
  third.child.kill('SIGTERM');
  expect(await third.exited()).toBe(0);

  const counts = acceptedCopies(fake);
  for (const [i, user] of liaisons.entries())
    expect(counts.get(`${user.id}|${notice(i + 1)}`), `notice ${i + 1}`).toBeGreaterThan(0);
  expect(duplicatesIn(counts)).toBeLessThanOrEqual(inFlightAtKill1 + inFlightAtKill2);
  // The placed kill's message is the one duplicate it may cause: it was posted, then sent again.
  expect(counts.get(`${liaisons[PLACED_KILL_AT - 1]!.id}|${notice(PLACED_KILL_AT)}`)).toBe(2);
  expect(outboxStatuses(databasePath)).toEqual({ sent: FANOUT });
  // Each restart said what it found.
  expect(logEntries(second, 'outbox rows left in flight by a crash are pending again')).toMatchObject([
    { rows: 1 },
  ]);
  expect(logEntries(third, 'outbox rows left in flight by a crash are pending again')).toHaveLength(
    inFlightAtKill2 > 0 ? 1 : 0,
  );
}, 60_000);
