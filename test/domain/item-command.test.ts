import { describe, expect, it } from 'vitest';
import { parseItemCommand } from '../../bot/domain/item-command.js';

describe('parseItemCommand', () => {
  it.each([
    [
      '区供电公司第二供电所 牵头 社区居委会 配合 排查建设路3处老化线路 10月20日前',
      { lead: '区供电公司第二供电所', support: ['社区居委会'], rest: '排查建设路3处老化线路 10月20日前' },
    ],
    [
      '由二所牵头，居委会、物业配合，排查线路 月底前',
      { lead: '二所', support: ['居委会', '物业'], rest: '排查线路 月底前' },
    ],
    [
      '二所牵头 居委会 物业公司 配合 清理楼道',
      { lead: '二所', support: ['居委会', '物业公司'], rest: '清理楼道' },
    ],
    ['二所 排查老化线路 10月20日前', { lead: '二所', support: [], rest: '排查老化线路 10月20日前' }],
    ['二所，排查老化线路', { lead: '二所', support: [], rest: '排查老化线路' }],
    ['二所牵头负责：完成整改', { lead: '二所', support: [], rest: '完成整改' }],
  ])('%s', (text, expected) => {
    expect(parseItemCommand(text)).toMatchObject(expected);
  });

  it('keeps a reading without the 配合 part for content that merely says 配合', () => {
    const p = parseItemCommand('二所牵头 做好配合工作 月底前')!;
    expect(p).toMatchObject({ lead: '二所', support: ['做好'], rest: '工作 月底前' });
    expect(p.withoutSupport).toEqual({ lead: '二所', rest: '做好配合工作 月底前' });
  });

  it('returns nothing for empty input and never throws', () => {
    expect(parseItemCommand('   ')).toBeUndefined();
    for (const s of ['牵头', '配合', '牵头配合', '😀', 'a'.repeat(10000), '由', '，，，'])
      expect(() => parseItemCommand(s)).not.toThrow();
  });
});
