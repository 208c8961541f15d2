/**
 * A clock that runs `rate` times faster than real time, for the fan-out benchmark: the fake's flood
 * limits, the bot's rate limiter and the delivery worker's timers all read (and sleep on) this one
 * clock, so a 100-second fan-out under Telegram's limits takes 100 / rate seconds of real time.
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../bot/core/ports.js';

export interface ScaledClock extends Clock {
  readonly rate: number;
}

/** Reads `start` (epoch ms) now, then advances `rate` clock ms per real ms. */
export function scaledClock(start: number, rate: number): ScaledClock {
  const origin = performance.now();
  return {
    rate,
    // Whole milliseconds, like Date.now(): the outbox stores instants as integers.
    now: () => start + Math.floor((performance.now() - origin) * rate),
  };
}
