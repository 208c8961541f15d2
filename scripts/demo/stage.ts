/**
 * The stage the tour plays on: the real bot (`createBot`) on a fresh in-memory database, speaking
 * through the real console adapter, with a simulated clock. The tour types lines into the adapter as
 * a person would at `npm start`, and lets time pass by moving the clock and running the scheduler tick,
 * so every bot line in the transcript is one the bot really sent.
 *
 * Delivery is driven instead of left to the background loop (as the feature tests do): after each line
 * and each tick the outbox is drained before the tour goes on, so replies appear under the line that
 * caused them and the transcript is the same on every run.
 * @module
 */
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../bot/adapters/console/index.js';
import { type Bot, createBot } from '../../bot/bot.js';
import type { AdapterHandlers } from '../../bot/core/ports.js';
import { silentLogger } from '../../bot/core/ports.js';
import { createWorkCalendar, type WorkCalendar } from '../../bot/domain/calendar.js';
import { openMemoryDb, type Store } from '../../db/client.js';
import { createSimulatedClock, describeInstant, type SimulatedClock, shanghai, TOUR_ZONE } from './clock.js';
import { createTranscript, type TextSink, type Transcript } from './transcript.js';

/** The scheduler runs every minute in production; a half-hour step is enough to hit every fire time. */
const TICK_MS = 30 * 60_000;

export interface StageOptions {
  sink: TextSink;
  /** Where the console adapter saves files the bot sends (minutes, ledger). */
  outDir: string;
  /** Shanghai wall clock of the first instant, e.g. `'2026-09-21 09:00'`. */
  start: string;
  color: boolean;
}

export interface Stage {
  readonly bot: Bot;
  readonly store: Store;
  readonly clock: SimulatedClock;
  readonly calendar: WorkCalendar;
  readonly transcript: Transcript;
  /** Type one line at the console prompt and wait until the bot has answered it. */
  type(line: string): Promise<void>;
  /** Let the simulated clock run to a Shanghai wall-clock time, ticking the scheduler on the way. */
  runUntil(local: string): Promise<void>;
  /** Messages the bot queued but did not get out (none, when every reply was shown). */
  undelivered(): number;
  /** Close the console (it says goodbye) and the database. */
  close(): Promise<void>;
}

export async function createStage(o: StageOptions): Promise<Stage> {
  const store = openMemoryDb();
  const clock = createSimulatedClock(shanghai(o.start));
  const calendar = createWorkCalendar();
  const bold = (s: string) => (o.color ? `\x1b[1m${s}\x1b[0m` : s);
  const transcript = createTranscript(o.sink, bold);
  const input = new PassThrough({ encoding: 'utf8' });
  const adapter = createConsoleAdapter({
    input,
    output: transcript.stream,
    clock,
    language: 'zh-CN',
    outDir: o.outDir,
    color: o.color,
  });
  const bot = createBot({
    store,
    clock,
    logger: silentLogger,
    timezone: TOUR_ZONE,
    language: 'zh-CN',
    adapters: [adapter],
  });
  /** Send what is due now; what waits for a later instant goes out when the clock gets there. */
  const deliver = async () => {
    await bot.worker.drain();
  };
  const handlers: AdapterHandlers = {
    async onMessage(msg) {
      await bot.app.onMessage(msg);
      await deliver();
    },
    async onButton(press) {
      await bot.app.onButton(press);
      await deliver();
    },
  };
  const firstPrompt = transcript.nextPrompt();
  await adapter.start(handlers);
  await firstPrompt;

  return {
    bot,
    store,
    clock,
    calendar,
    transcript,
    async type(line) {
      const answered = transcript.nextPrompt();
      transcript.expectEcho(line);
      input.write(`${line}\n`);
      await answered;
    },
    async runUntil(local) {
      const end = shanghai(local);
      while (clock.now() < end) {
        // Ticks fall on the half hours, like the minute scheduler would meet 09:00 and 13:30.
        const next = Math.min(end, (Math.floor(clock.now() / TICK_MS) + 1) * TICK_MS);
        clock.set(next);
        transcript.announce(`⏩ ${describeInstant(next, calendar)}`);
        bot.tick(next);
        await deliver();
      }
    },
    undelivered: () =>
      store.query<{ n: number }>(
        "select count(*) as n from outbox where status in ('pending', 'sending', 'failed')",
      )[0]!.n,
    async close() {
      transcript.forget();
      input.end();
      await adapter.closed;
      store.close();
    },
  };
}
