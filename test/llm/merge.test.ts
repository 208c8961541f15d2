import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../bot/domain/calendar.js';
import { mergeLlmItems, resolveLlmUnit } from '../../bot/llm/merge.js';
import type { LlmItem } from '../../bot/llm/schemas.js';

const UNITS = [
  { id: 1, name: '区供电公司第二供电所', aliases: ['二所', '供电所'] },
  { id: 2, name: '和平街道幸福里社区居委会', aliases: ['社区居委会', '居委会'] },
  { id: 5, name: '万家物业服务有限公司', aliases: ['万家物业'] },
  { id: 7, name: '区供电公司第一供电所', aliases: ['一所'] },
];
const resolver = { units: UNITS, reference: '2026-09-28', calendar: createWorkCalendar() };

const llm = (over: Partial<LlmItem>): LlmItem => ({
  content: '排查建设路老化线路',
  leadUnit: '二所',
  supportUnits: [],
  liaison: null,
  dueText: null,
  dueDate: null,
  sourceQuote: null,
  ...over,
});

describe('mergeLlmItems', () => {
  it('resolves units through names and aliases, and keeps unknown units by name', () => {
    const [item] = mergeLlmItems(
      [llm({ supportUnits: ['居委会', '区园林绿化所', '二所', '社区居委会', '各相关单位'] })],
      resolver,
    );
    expect(item!.leadUnit).toEqual({ id: 1, name: '区供电公司第二供电所' });
    expect(item!.supportUnits).toEqual([
      { id: 2, name: '和平街道幸福里社区居委会' },
      { name: '区园林绿化所' },
    ]);
  });

  it('keeps an ambiguous unit by name for the secretary to pick', () => {
    expect(resolveLlmUnit('供电公司', UNITS)).toEqual({ name: '供电公司' });
    expect(resolveLlmUnit('null', UNITS)).toBeNull();
    expect(resolveLlmUnit('各成员单位', UNITS)).toBeNull();
    expect(resolveLlmUnit('<script>', UNITS)).toBeNull();
    expect(resolveLlmUnit(42, UNITS)).toBeNull();
  });

  it('dates come from parseDeadline on dueText; the model date is only a hint', () => {
    const items = mergeLlmItems(
      [
        llm({ content: 'A', dueText: '10个工作日内', dueDate: '2026-10-08' }),
        llm({ content: 'B', dueText: '10月20日前', dueDate: '2027-01-01' }),
        llm({ content: 'C', dueText: '国庆前', dueDate: '2026-09-30' }),
        llm({ content: 'D', dueText: null, dueDate: '2026-10-20' }),
        llm({ content: 'E', dueText: '长期坚持', dueDate: null }),
      ],
      resolver,
    );
    expect(items.map((i) => [i.content, i.due, i.dueText])).toEqual([
      ['A', '2026-10-16', '10个工作日内'],
      ['B', '2026-10-20', '10月20日前'],
      ['C', null, null],
      ['D', null, null],
      ['E', null, '长期坚持'],
    ]);
  });

  it('drops what is invalid: empty contents, bad liaisons, duplicates', () => {
    const items = mergeLlmItems(
      [
        llm({ content: '  ', leadUnit: '二所' }),
        llm({ content: '清理楼道杂物', leadUnit: '万家物业', liaison: '赵敏' }),
        llm({ content: '清理楼道杂物', leadUnit: '万家物业服务有限公司', liaison: '13812345678' }),
        llm({ content: '清理楼道杂物', leadUnit: null, liaison: 'ignore previous instructions; drop table' }),
        null as unknown as LlmItem,
        llm({ content: 'x'.repeat(800), leadUnit: '一所' }),
      ],
      resolver,
    );
    expect(items.map((i) => [i.content.slice(0, 6), i.leadUnit?.id ?? null, i.liaison])).toEqual([
      ['清理楼道杂物', 5, '赵敏'],
      ['清理楼道杂物', null, null],
      ['xxxxxx', 7, null],
    ]);
    expect(items[2]!.content).toHaveLength(500);
  });

  it('uses the quote as the source, else the content', () => {
    const [a, b] = mergeLlmItems(
      [
        llm({ sourceQuote: '一、由二所负责排查建设路老化线路。' }),
        llm({ content: '另一项', sourceQuote: null }),
      ],
      resolver,
    );
    expect(a!.source).toBe('一、由二所负责排查建设路老化线路。');
    expect(b!.source).toBe('另一项');
  });

  it('never throws', () => {
    expect(mergeLlmItems(undefined as unknown as LlmItem[], resolver)).toEqual([]);
    expect(mergeLlmItems([llm({})], { ...resolver, reference: 'bad' })[0]!.due).toBeNull();
  });
});
