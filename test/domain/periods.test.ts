import { describe, expect, it } from 'vitest';
import { parsePeriod, previousMonth } from '../../bot/domain/periods.js';

const TODAY = '2026-11-28';
const span = (t: string, today = TODAY) => {
  const p = parsePeriod(t, today);
  return p ? `${p.kind} ${p.start}..${p.end}` : undefined;
};

describe('statistics periods as people name them', () => {
  it.each([
    ['本月', 'month 2026-11-01..2026-11-30'],
    ['this month', 'month 2026-11-01..2026-11-30'],
    ['上月', 'month 2026-10-01..2026-10-31'],
    ['上个月', 'month 2026-10-01..2026-10-31'],
    ['10月', 'month 2026-10-01..2026-10-31'],
    ['十月', 'month 2026-10-01..2026-10-31'],
    ['12月', 'month 2025-12-01..2025-12-31'],
    ['2026年2月', 'month 2026-02-01..2026-02-28'],
    ['2026-10', 'month 2026-10-01..2026-10-31'],
    ['2024/2', 'month 2024-02-01..2024-02-29'],
    ['本季度', 'quarter 2026-10-01..2026-12-31'],
    ['上季度', 'quarter 2026-07-01..2026-09-30'],
    ['三季度', 'quarter 2026-07-01..2026-09-30'],
    ['第一季度', 'quarter 2026-01-01..2026-03-31'],
    ['2025年第四季度', 'quarter 2025-10-01..2025-12-31'],
    ['2026Q3', 'quarter 2026-07-01..2026-09-30'],
    ['Q2', 'quarter 2026-04-01..2026-06-30'],
    ['今年', 'year 2026-01-01..2026-12-31'],
    ['去年', 'year 2025-01-01..2025-12-31'],
    ['2025年', 'year 2025-01-01..2025-12-31'],
    ['2025', 'year 2025-01-01..2025-12-31'],
    ['2026-10-01至2026-10-15', 'range 2026-10-01..2026-10-15'],
    ['2026-9-1..2026-9-30', 'range 2026-09-01..2026-09-30'],
  ])('%s', (text, expected) => {
    expect(span(text)).toBe(expected);
  });

  it('takes a month or quarter not yet reached this year as last year’s', () => {
    expect(span('十二月', '2027-01-05')).toBe('month 2026-12-01..2026-12-31');
    expect(span('上季度', '2027-02-01')).toBe('quarter 2026-10-01..2026-12-31');
    expect(previousMonth('2027-01-05').start).toBe('2026-12-01');
  });

  it.each([
    '',
    '10',
    '13月',
    '2026-13',
    '第五季度',
    '2026-10-31至2026-10-01',
    '2026-02-30至2026-03-01',
    '明年',
    '1999年',
    'hello',
  ])('refuses %j', (text) => {
    expect(parsePeriod(text, TODAY)).toBeUndefined();
  });
});
