/**
 * Drill: fuzz every parser with 10,500 generated inputs (fast-check, fixed seed). Each parser promises
 * to be total — "never throws" is in the doc comments of parseDeadline, parseSchedule and classifyReply;
 * the command parsers have no error type at all — so no exception of any kind is allowed. Beyond not
 * throwing, each result is checked against what its callers rely on:
 * - parseCommand: null, an unknown word, or a registered command with trimmed arguments;
 * - tokenize / parseArgs / splitList: tokens are never lost or invented, options use known keys only,
 *   list items are trimmed, non-empty and unique;
 * - parseItemCommand: nothing only for blank input, otherwise a lead and the rest;
 * - classifyReply: a known intent, a confidence in [0, 1], a percentage in [0, 100], a proposed date
 *   that is a real date after today;
 * - parseDeadline: a real date within the documented window (62 days back, 3,660 ahead), or a reason;
 * - parseSchedule: a rule that survives the database round trip (JSON, then validateRule) unchanged
 *   and yields occurrences after the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseCommand, splitList, tokenize } from '../../bot/core/command.js';
import { createRouter } from '../../bot/core/router.js';
import { createWorkCalendar } from '../../bot/domain/calendar.js';
import { addDays, parseYmd } from '../../bot/domain/dates.js';
import { MAX_HORIZON_DAYS, PAST_GRACE_DAYS, parseDeadline } from '../../bot/domain/deadline.js';
import { parseItemCommand } from '../../bot/domain/item-command.js';
import { nextOccurrences, parseSchedule, validateRule } from '../../bot/domain/recurrence.js';
import { classifyReply, REPLY_INTENTS } from '../../bot/domain/reply-classifier.js';
import { mountFeatures } from '../../bot/features/index.js';
import { FUZZ_SEED, hostileText } from './support/hostile-text.js';

const calendar = createWorkCalendar();
const router = mountFeatures(createRouter());
const OPTION_KEYS: Record<string, string> = { 别名: 'aliases', 类型: 'kind', 地点: 'place', 上级: 'parent' };

/** Run a property with the drills' seed; returns the number of inputs it tried. */
function check<T>(arb: fc.Arbitrary<T>, numRuns: number, predicate: (value: T) => void): void {
  fc.assert(
    fc.property(arb, (value) => {
      predicate(value);
    }),
    { seed: FUZZ_SEED, numRuns },
  );
}

/** A day as the bot computes "today": sometimes broken, as a bad row or a bug might make it. */
const reference = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n)) },
  { weight: 1, arbitrary: fc.constantFrom('', 'not-a-date', '2026-02-30', '0000-01-01', '9999-12-31') },
);
const isRealDate = (s: string | undefined) => s !== undefined && parseYmd(s) !== undefined;

describe('fuzz: the parsers are total and their results keep their promises (10,500 inputs)', () => {
  it('parseCommand (2,000)', () => {
    const options = fc.record({
      bare: fc.boolean(),
      botUsername: fc.option(fc.constantFrom('yishi_bot', 'Yishi_Bot', ''), { nil: undefined }),
    });
    const text = fc.oneof(
      hostileText,
      hostileText.map((t) => `/${t}`),
      fc
        .tuple(fc.constantFrom('/unit', '／单位', '/item@yishi_bot', '/help@other_bot', '帮助'), hostileText)
        .map(([c, t]) => `${c} ${t}`),
    );
    check(fc.tuple(text, options), 2_000, ([t, o]) => {
      const parsed = parseCommand(t, router, o);
      if (parsed === null) return;
      if ('unknown' in parsed) {
        expect(typeof parsed.unknown).toBe('string');
        return;
      }
      expect(router.get(parsed.name)).toBeDefined();
      expect(parsed.args).toBe(parsed.args.trim());
    });
  });

  it('tokenize, parseArgs and splitList (2,000)', () => {
    check(hostileText, 2_000, (t) => {
      const tokens = tokenize(t);
      if (!/["“「『']/.test(t)) expect(tokens).toEqual(t.split(/[\s\u3000]+/).filter(Boolean));
      const { positional, options } = parseArgs(t, OPTION_KEYS);
      expect(positional.length + Object.keys(options).length).toBeLessThanOrEqual(tokens.length);
      for (const key of Object.keys(options)) expect(Object.values(OPTION_KEYS)).toContain(key);
      const list = splitList(t);
      expect(new Set(list).size).toBe(list.length);
      for (const item of list) {
        expect(item).toBe(item.trim());
        expect(item).not.toBe('');
        expect(item).not.toMatch(/[,，、;；/]/);
      }
    });
  });

  it('parseItemCommand (1,500)', () => {
    check(hostileText, 1_500, (t) => {
      const parsed = parseItemCommand(t);
      if (t.trim() === '') {
        expect(parsed).toBeUndefined();
        return;
      }
      expect(parsed).toBeDefined();
      expect(typeof parsed!.lead).toBe('string');
      expect(typeof parsed!.rest).toBe('string');
      for (const name of parsed!.support) expect(name).not.toBe('');
    });
  });

  it('classifyReply (1,500)', () => {
    check(fc.tuple(hostileText, reference, fc.boolean()), 1_500, ([t, today, withCalendar]) => {
      const r = classifyReply(t, withCalendar ? { today, calendar } : { today });
      expect(REPLY_INTENTS).toContain(r.intent);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      if (r.percent !== undefined) expect(r.percent >= 0 && r.percent <= 100).toBe(true);
      if (r.proposedDate !== undefined) {
        expect(isRealDate(r.proposedDate)).toBe(true);
        expect(r.proposedDate > today).toBe(true);
      }
    });
  });

  it('parseDeadline (2,000)', () => {
    check(fc.tuple(hostileText, reference), 2_000, ([t, ref]) => {
      const r = parseDeadline(t, ref, calendar);
      expect(['date', 'none', 'unknown']).toContain(r.kind);
      if (r.kind !== 'date') return;
      expect(isRealDate(r.date)).toBe(true);
      expect(r.date >= addDays(ref, -PAST_GRACE_DAYS)).toBe(true);
      expect(r.date <= addDays(ref, MAX_HORIZON_DAYS)).toBe(true);
    });
  });

  it('parseSchedule, and the rules it returns (1,500)', () => {
    const instant = fc.integer({
      min: Date.parse('2024-01-01T00:00:00Z'),
      max: Date.parse('2030-12-31T00:00:00Z'),
    });
    const tz = fc.constantFrom('Asia/Shanghai', 'Asia/Shanghai', 'UTC', 'America/New_York', 'Not/AZone');
    check(fc.tuple(hostileText, instant, tz), 1_500, ([t, ref, zone]) => {
      const r = parseSchedule(t, ref, zone);
      if (!r.ok) {
        expect(['no_schedule', 'bad_day', 'bad_time', 'bad_weekday', 'ambiguous']).toContain(r.problem);
        return;
      }
      // Stored as JSON and read back by validateRule: the same rule.
      expect(validateRule(JSON.parse(JSON.stringify(r.rule)))).toEqual(r.rule);
      const next = nextOccurrences(r.rule, {
        after: ref,
        count: 3,
        tz: zone,
        calendar,
        holidayPolicy: 'next_workday',
      });
      expect(next.length).toBeLessThanOrEqual(3);
      for (const o of next) expect(o.at).toBeGreaterThan(ref);
    });
  });
});
