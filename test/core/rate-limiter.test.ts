import { describe, expect, it } from 'vitest';
import {
  consoleRateRules,
  createRateLimiter,
  type RateLimitedChat,
  telegramRateRules,
  wecomRateRules,
} from '../../bot/core/rate-limiter.js';

const T0 = Date.parse('2026-11-30T01:00:00Z');
const group = (chatId = '-100'): RateLimitedChat => ({ chatId, chatKind: 'group' });
const direct = (chatId = '42'): RateLimitedChat => ({ chatId, chatKind: 'direct' });
const telegram = () =>
  createRateLimiter(telegramRateRules({ globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 }));

describe('rate limiter', () => {
  it('builds the platform rule sets from the configured numbers', () => {
    expect(telegramRateRules({ globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 })).toEqual([
      { scope: 'global', limit: 30, windowMs: 1000 },
      { scope: 'chat', limit: 1, windowMs: 1000 },
      { scope: 'group', limit: 20, windowMs: 60_000 },
    ]);
    expect(wecomRateRules({ chatPerMinute: 20 })).toEqual([{ scope: 'chat', limit: 20, windowMs: 60_000 }]);
    expect(consoleRateRules()).toEqual([]);
  });

  it('enforces one message per second per chat', () => {
    const limiter = telegram();
    expect(limiter.delay(direct(), T0)).toBe(0);
    limiter.record(direct(), T0);
    expect(limiter.delay(direct(), T0)).toBe(1000);
    expect(limiter.delay(direct(), T0 + 999)).toBe(1);
    expect(limiter.delay(direct(), T0 + 1000)).toBe(0);
    expect(limiter.delay(direct('other'), T0)).toBe(0);
  });

  it('enforces twenty messages per minute per group', () => {
    const limiter = telegram();
    for (let i = 0; i < 20; i++) {
      expect(limiter.delay(group(), T0 + i * 1000)).toBe(0);
      limiter.record(group(), T0 + i * 1000);
    }
    // The 21st must wait until the first of the twenty leaves the one-minute window.
    expect(limiter.delay(group(), T0 + 20_000)).toBe(40_000);
    expect(limiter.delay(group(), T0 + 60_000)).toBe(0);
    expect(limiter.delay(group('-200'), T0 + 20_000)).toBe(0);
  });

  it('does not apply the group rule to direct chats', () => {
    const limiter = telegram();
    for (let i = 0; i < 25; i++) {
      expect(limiter.delay(direct(), T0 + i * 1000)).toBe(0);
      limiter.record(direct(), T0 + i * 1000);
    }
  });

  it('enforces thirty messages per second across all chats', () => {
    const limiter = telegram();
    for (let i = 0; i < 30; i++) {
      expect(limiter.delay(direct(`u${i}`), T0)).toBe(0);
      limiter.record(direct(`u${i}`), T0 + i * 10);
    }
    expect(limiter.delay(direct('u30'), T0 + 300)).toBe(700);
    expect(limiter.delay(direct('u30'), T0 + 1000)).toBe(0);
  });

  it('honours a pause of one chat or of the whole platform', () => {
    const limiter = telegram();
    limiter.pause({ chatId: '-100' }, T0 + 5000);
    expect(limiter.delay(group('-100'), T0)).toBe(5000);
    expect(limiter.delay(group('-200'), T0)).toBe(0);
    expect(limiter.delay(group('-100'), T0 + 5000)).toBe(0);

    limiter.pause('global', T0 + 2000);
    expect(limiter.delay(direct(), T0 + 500)).toBe(1500);
    // A shorter pause never shortens a longer one.
    limiter.pause({ chatId: '-100' }, T0 + 1000);
    limiter.pause({ chatId: '-100' }, T0 + 9000);
    limiter.pause({ chatId: '-100' }, T0 + 3000);
    expect(limiter.delay(group('-100'), T0)).toBe(9000);
  });

  it('keeps deciding correctly over many chats and a long time (pruned windows)', () => {
    const limiter = telegram();
    let now = T0;
    for (let i = 0; i < 10_000; i++) {
      now += 100;
      limiter.record(group(`g${i % 500}`), now);
    }
    expect(limiter.delay(group('g0'), now)).toBe(0);
    for (let i = 0; i < 20; i++) limiter.record(group('g1'), now + i * 1000);
    expect(limiter.delay(group('g1'), now + 20_000)).toBe(40_000);
  });

  it('with no rules never delays', () => {
    const limiter = createRateLimiter(consoleRateRules());
    for (let i = 0; i < 100; i++) limiter.record(direct(), T0);
    expect(limiter.delay(direct(), T0)).toBe(0);
  });

  it('rejects rules that could never allow a send', () => {
    expect(() => createRateLimiter([{ scope: 'chat', limit: 0, windowMs: 1000 }])).toThrow(RangeError);
    expect(() => createRateLimiter([{ scope: 'chat', limit: 1, windowMs: 0 }])).toThrow(RangeError);
  });
});
