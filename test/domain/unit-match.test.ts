import { describe, expect, it } from 'vitest';
import { levelFromName, levelFromWord } from '../../bot/domain/grid-levels.js';
import { checkName, checkPersonName } from '../../bot/domain/names.js';
import { matchUnit } from '../../bot/domain/unit-match.js';

const units = [
  { id: 1, name: '区供电公司第二供电所', aliases: ['二所', '供电所'] },
  { id: 2, name: '区供电公司第一供电所', aliases: ['一所'] },
  { id: 3, name: '幸福里社区居委会（党委）', aliases: [] },
];

describe('matchUnit', () => {
  it('finds by full name, alias, or a unique part', () => {
    expect(matchUnit('区供电公司第二供电所', units)).toMatchObject({
      kind: 'found',
      unit: { id: 1 },
      via: 'name',
    });
    expect(matchUnit(' 二 所 ', units)).toMatchObject({ kind: 'found', unit: { id: 1 }, via: 'alias' });
    expect(matchUnit('第一供电', units)).toMatchObject({ kind: 'found', unit: { id: 2 }, via: 'partial' });
    expect(matchUnit('幸福里社区居委会(党委)', units)).toMatchObject({ kind: 'found', unit: { id: 3 } });
  });

  it('reports ambiguity and misses without guessing', () => {
    expect(matchUnit('供电公司', units)).toMatchObject({
      kind: 'ambiguous',
      candidates: [{ id: 1 }, { id: 2 }],
    });
    expect(matchUnit('所', units)).toEqual({ kind: 'none' });
    expect(matchUnit('城管', units)).toEqual({ kind: 'none' });
    expect(matchUnit('', units)).toEqual({ kind: 'none' });
  });
});

describe('names and grid levels', () => {
  it.each([
    ['区供电公司第二供电所', null],
    ['幸福里社区居委会（党委）', null],
    ['', 'empty'],
    ['x'.repeat(61), 'too_long'],
    ['😀单位', 'bad_characters'],
    ["'; DROP TABLE units; --", 'bad_characters'],
    ['--', 'bad_characters'],
  ])('checkName(%j)', (name, problem) => {
    expect(checkName(name, 60)).toBe(problem);
  });

  it('checks person names', () => {
    expect(checkPersonName('阿依古丽·买买提')).toBeNull();
    expect(checkPersonName('王')).toBe('bad_characters');
    expect(checkPersonName('Zhou Ming')).toBeNull();
  });

  it('reads grid levels from words and names', () => {
    expect(levelFromWord('社区')).toBe('community');
    expect(levelFromName('幸福里社区第3网格')).toBe('grid');
    expect(levelFromName('幸福里社区')).toBe('community');
    expect(levelFromName('和平街道')).toBe('street');
    expect(levelFromName('5号楼')).toBe('building');
    expect(levelFromName('某某')).toBeUndefined();
  });
});
