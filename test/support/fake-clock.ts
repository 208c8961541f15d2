import type { Clock } from '../../bot/core/ports.js';

export interface FakeClock extends Clock {
  set(at: number | string): void;
  advance(ms: number): void;
}

/** A clock fixed at an instant (ISO string with offset, or epoch ms) that only moves when told to. */
export function fixedClock(start: number | string = '2026-11-30T09:00:00+08:00'): FakeClock {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    set(at) {
      t = typeof at === 'number' ? at : Date.parse(at);
    },
    advance(ms) {
      t += ms;
    },
  };
}
