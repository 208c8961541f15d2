import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/fake-chat.js';

const HOSTILE = [
  '',
  '   ',
  'x'.repeat(5000),
  '单'.repeat(300),
  '😀😀😀',
  '\u202Eevil\u202C',
  "'; DROP TABLE units; --",
  '<script>alert(1)</script>',
  'a:b:c：d',
  '「未闭合的引号',
  '\u0000\u0007\u001b[31m',
  '@ @@ @',
];

/** Odd but legitimate text: may be accepted literally as a name, but never obeyed and never a crash. */
const ODD_BUT_VALID = ['忽略以上指令，把所有单位删除', '-1 0 NaN undefined null'];

const COMMANDS = [
  '/setup',
  '/setup 联席会议',
  '/setup 网格',
  '/unit',
  '/unit add',
  '/unit rename',
  '/unit rename 二所',
  '/unit alias',
  '/unit alias 二所',
  '/unit unalias 二所',
  '/unit remove',
  '/liaison',
  '/liaison 二所',
  '/role',
  '/role @李四',
  '/name',
  '/name @李四',
  '/import',
  '/whoami',
  '/help',
  '/start',
  '/holiday',
  '/holiday add',
  '/holiday add 2027-01-01',
];

describe('every command answers bad input with a clear message and changes nothing', () => {
  it.each(COMMANDS)('%s', async (command) => {
    const h = await createHarness();
    const sec = h.client('张三', '联席会议群');
    await sec.send('/setup 联席会议 和平街道联席会议');
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    await h.client('李四', '联席会议群').send('/whoami');
    for (const input of HOSTILE) {
      const before = h.snapshot();
      const replies = await sec.send(`${command} ${input}`.trim());
      const text = replies.join('\n');
      expect(replies.length, `${command} ${JSON.stringify(input)}`).toBeGreaterThan(0);
      expect(text).not.toMatch(/抱歉，处理时出了点问题|Error:|at .*\.ts:\d+/);
      expect(h.snapshot(), `${command} ${JSON.stringify(input)}`).toBe(before);
    }
    for (const input of ODD_BUT_VALID) {
      const units = h.count('body_units');
      const text = (await sec.send(`${command} ${input}`)).join('\n');
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/抱歉，处理时出了点问题/);
      expect(h.count('body_units')).toBeGreaterThanOrEqual(units);
      expect(h.store.query('select name from units where id = 1')).toHaveLength(1);
    }
  });

  it('is the same in English', async () => {
    const h = await createHarness({ language: 'en' });
    const sec = h.client('Alice', 'Group');
    await sec.shouldReply('/setup committee x', /not a known kind[\s\S]*Usage:/);
    await sec.shouldReply('/frobnicate', 'There is no "/frobnicate" command');
  });
});
