/**
 * The tour's simulated clock and how it reads aloud. The bot is given this clock instead of the system
 * one, so days pass in milliseconds: the tour moves it and runs the scheduler tick for each half hour
 * on the way. Wall-clock times are Asia/Shanghai, as everywhere in the bot.
 * @module
 */
import type { Clock } from '../../bot/core/ports.js';
import type { WorkCalendar } from '../../bot/domain/calendar.js';
import { weekdayOf, zonedInstant } from '../../bot/domain/dates.js';
import { wallClock } from '../../bot/domain/time.js';

export const TOUR_ZONE = 'Asia/Shanghai';

/** A clock that only moves when told to. */
export interface SimulatedClock extends Clock {
  set(instant: number): void;
}

export function createSimulatedClock(start: number): SimulatedClock {
  let now = start;
  return {
    now: () => now,
    set(instant) {
      if (instant < now) throw new RangeError('the simulated clock does not go backwards');
      now = instant;
    },
  };
}

/** `'2026-09-21 09:00'` (Shanghai wall clock) as an instant. */
export function shanghai(local: string): number {
  const [date = '', time = '00:00'] = local.split(' ');
  return zonedInstant(date, time, TOUR_ZONE);
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * `2026年10月10日（周六·调休上班）09:00`: the date, the weekday, and what the official calendar says
 * about the day when it is not an ordinary one.
 */
export function describeInstant(instant: number, calendar: WorkCalendar): string {
  const { date, time } = wallClock(instant, TOUR_ZONE);
  const [y, m, d] = date.split('-').map(Number);
  const weekday = WEEKDAYS[weekdayOf(date)] ?? '';
  const holiday = calendar.holidayName(date);
  const tag = holiday
    ? `·${holiday}休息`
    : calendar.isMakeupWorkday(date)
      ? '·调休上班'
      : calendar.isRestDay(date)
        ? '·休息日'
        : '';
  return `${y}年${m}月${d}日（${weekday}${tag}）${time}`;
}
