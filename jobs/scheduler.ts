/**
 * The tick: node-cron calls `tick` every minute (and once at start), in the body's time zone. This is
 * the only file that imports node-cron; everything it runs takes `now` as an argument.
 * @module
 */
import cron from 'node-cron';
import type { Clock, Logger } from '../bot/core/ports.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Run `tick(now)` now and at the start of every minute; a slow tick never overlaps the next. */
export function startScheduler(opts: {
  clock: Clock;
  logger: Logger;
  timezone: string;
  tick: (now: number) => void | Promise<void>;
}): Scheduler {
  const run = async () => {
    try {
      await opts.tick(opts.clock.now());
    } catch (err) {
      opts.logger.error({ err }, 'scheduler tick failed');
    }
  };
  void run();
  const task = cron.schedule('* * * * *', run, { timezone: opts.timezone, name: 'run-due', noOverlap: true });
  return {
    stop: async () => {
      await task.destroy();
    },
  };
}
