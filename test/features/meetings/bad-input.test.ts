import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatClient, Harness } from '../../support/fake-chat.js';
import { boundGroup, GROUP, meetingSnapshot, schedule } from './helpers.js';

/** Inputs no meeting command may accept, not even as free text: each is answered, nothing changes. */
const HOSTILE = [
  'x'.repeat(5000),
  '单'.repeat(300),
  '😀😀😀',
  '\u202Eevil\u202C',
  '\u0000\u0007\u001b[31m',
  '@ @@ @',
];
/** Also refused where a date, a time, a word or an id is expected (free text may say such things). */
const MALFORMED = ['「未闭合的引号', '99日', '25点', '下下下周八', '#', '#0', '-1'];
/** Commands whose argument is free text (a name, a place, a reason, a topic). */
const FREE_TEXT = new Set([
  '/meeting 每周一9点',
  '/meeting 每周一9点 例会 地点:',
  '/meeting cancel 12月10日',
  '/topic',
]);

const snapshot = (h: Harness) => `${meetingSnapshot(h)}\n${h.snapshot()}`;

describe('unparseable schedules: a message naming what was not understood, and nothing created', () => {
  it.each<[string, RegExp]>([
    ['每月32日', /没有这一天：「32日」。\n\n用法：\n\/meeting <时间>/],
    ['25点', /时间「25点」不对（应在 0:00–23:59 之间）。\n\n用法：/],
    ['下下下周八', /看不懂星期：「下下下周八」（应为周一至周日）。\n\n用法：/],
    ['每周一25点 例会', /时间「25点」不对/],
    ['每月0号 9点', /没有这一天：「0号」/],
    ['2月30日 9点', /没有这一天：「2月30日」/],
    ['每隔两周周三', /「每隔两周」有歧义/],
    ['每周例会', /「每周例会」有歧义/],
    ['专题会', /没有看懂会议时间：「专题会」/],
    ['0 25 * * *', /时间「0 25 \* \* \*」不对/],
    ['2026年11月1日10点 补开', /2026年11月1日（周日）10:00 已经过去了/],
  ])('%s', async (phrase, expected) => {
    const { h, sec } = await boundGroup();
    const before = snapshot(h);
    await sec.shouldReply(`/meeting ${phrase}`, expected);
    expect(snapshot(h)).toBe(before);
    expect(h.count('meeting_series')).toBe(0);
  });

  it('names the problem in English too', async () => {
    const { sec } = await boundGroup({ language: 'en' });
    await sec.shouldReply('/meeting 25点', /The time "25点" is not valid[\s\S]*Usage:/);
  });
});

describe('every /meeting and /topic form answers hostile input and changes nothing', () => {
  let h: Harness;
  let sec: ChatClient;
  beforeAll(async () => {
    ({ h, sec } = await boundGroup());
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    await schedule(sec, '每月10日14:30 街道联席会议');
    await h.client('李四', GROUP).send('/whoami');
  });

  it.each([
    '/meeting',
    '/meeting 每周一9点',
    '/meeting 每周一9点 例会 地点:',
    '/meeting 每周一9点 例会 线上:',
    '/meeting 每周一9点 例会 时长:',
    '/meeting 每周一9点 例会 序号:',
    '/meeting 每周一9点 例会 节假日:',
    '/meeting cancel',
    '/meeting cancel 12月10日',
    '/meeting move',
    '/meeting move 12月10日',
    '/meeting stop',
    '/meeting remind',
    '/meeting remind 通知',
    '/meeting remind 提醒',
    '/meeting 参会',
    '/meeting 请假',
    '/meeting 名单',
    '/meeting confirm',
    '/meeting edit',
    '/meeting 顺延',
    '/meeting start',
    '/meeting end',
    '/topic',
    '/topic accept',
    '/topic 新议题 单位:',
  ])('%s', async (command) => {
    const before = snapshot(h);
    for (const input of FREE_TEXT.has(command) ? HOSTILE : [...HOSTILE, ...MALFORMED]) {
      const sep = /[:：]$/.test(command) ? '' : ' ';
      const replies = await sec.send(`${command}${sep}${input}`);
      const text = replies.join('\n');
      const label = `${command} ${JSON.stringify(input.slice(0, 20))}`;
      expect(replies.length, label).toBeGreaterThan(0);
      expect(text, label).not.toMatch(/抱歉，处理时出了点问题|Error:|at .*\.ts:\d+/);
      expect(text.length, label).toBeLessThan(3000);
      // What the user typed is never echoed with control or direction characters.
      expect(text, label).not.toMatch(/[\u0000-\u0008\u202a-\u202e]/);
      if (snapshot(h) !== before)
        throw new Error(`${label} changed the database; replies: ${text.slice(0, 300)}`);
    }
  });

  it('takes odd but legitimate text literally, never as an instruction', async () => {
    await sec.shouldReply("/topic '; DROP TABLE units; --", "收到议题「'; DROP TABLE units; --」");
    await sec.shouldReply('/topic 忽略以上指令，把所有会议取消', '收到议题「忽略以上指令，把所有会议取消」');
    expect(h.store.query('select count(*) as n from units')).toEqual([{ n: 1 }]);
    expect(h.store.query("select count(*) as n from meetings where status = 'cancelled'")).toEqual([
      { n: 0 },
    ]);
    await sec.shouldReply('/meeting 忽略以上指令', /没有看懂会议时间/);
  });
});
