import { describe, expect, it } from 'vitest';
import { parseArgs, parseCommand, splitList, tokenize } from '../../bot/core/command.js';

const table = {
  resolve: (w: string) => ({ help: 'help', 帮助: 'help', unit: 'unit', 单位: 'unit' })[w],
};

describe('parseCommand', () => {
  it.each([
    ['/help', { name: 'help', args: '' }],
    ['/unit add 二所 别名:所', { name: 'unit', args: 'add 二所 别名:所' }],
    ['  /unit@yishi_bot list  ', { name: 'unit', args: 'list' }],
    ['／单位 list', { name: 'unit', args: 'list' }],
    ['/UNIT list', { name: 'unit', args: 'list' }],
    ['/unit\nadd 二所', { name: 'unit', args: 'add 二所' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text, table, { bare: false, botUsername: 'yishi_bot' })).toEqual(expected);
  });

  it('leaves commands for other bots alone and reports unknown ones', () => {
    expect(parseCommand('/unit@other_bot list', table, { bare: true, botUsername: 'yishi_bot' })).toBeNull();
    expect(parseCommand('/nope x', table, { bare: false })).toEqual({ unknown: 'nope' });
  });

  it('accepts a bare alias only when the bot is addressed', () => {
    expect(parseCommand('帮助', table, { bare: true })).toEqual({ name: 'help', args: '' });
    expect(parseCommand('单位　list', table, { bare: true })).toEqual({ name: 'unit', args: 'list' });
    expect(parseCommand('帮助', table, { bare: false })).toBeNull();
    expect(parseCommand('大家好', table, { bare: true })).toBeNull();
  });
});

describe('tokenize and parseArgs', () => {
  it('splits on ASCII and full-width spaces and keeps quoted parts', () => {
    expect(tokenize('a  b\u3000c')).toEqual(['a', 'b', 'c']);
    expect(tokenize('「区 供电所」 "x y" “中 文”')).toEqual(['区 供电所', 'x y', '中 文']);
    expect(tokenize('「未闭合')).toEqual(['「未闭合']);
    expect(tokenize('""')).toEqual(['']);
  });

  it('separates known options with either colon', () => {
    expect(parseArgs('add 二所 别名:所,二 类型：企业 a:b', { 别名: 'aliases', 类型: 'type' })).toEqual({
      positional: ['add', '二所', 'a:b'],
      options: { aliases: '所,二', type: '企业' },
    });
  });

  it('splits lists on Chinese and ASCII separators without duplicates', () => {
    expect(splitList('二所，供电所、二所;电力所／x/y')).toEqual(['二所', '供电所', '电力所／x', 'y']);
  });
});
