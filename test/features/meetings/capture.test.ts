import { describe, expect, it } from 'vitest';
import type { Harness } from '../../support/fake-chat.js';
import { at, boundGroup, GROUP, meetingSnapshot, occurrences, schedule, steps } from './helpers.js';

const captured = (h: Harness) =>
  h.store.query<{ sender_name: string; text: string }>(
    'select sender_name, text from captured_messages order by sent_at, id',
  );

async function meetingToday(platform: 'telegram' | 'wecom', seesAll: boolean) {
  const s = await boundGroup({ platform });
  s.h.adapter.capabilities.seesAllGroupMessages = seesAll;
  await schedule(s.sec, '12月10日15:00 专题会');
  s.h.clock.set(at('2026-12-10 13:00'));
  return s;
}

describe('J5 /meeting start and /meeting end', () => {
  it('marks the sitting held and captures the discussion where the bot sees every message', async () => {
    const { h, sec } = await meetingToday('telegram', true);
    await sec.shouldReply(
      '/meeting start',
      '▶ 会议开始：专题会（2026年12月10日（周四）15:00）\n我会记录本群的讨论',
    );
    const occ = occurrences(h)[0]!;
    expect(occ.status).toBe('held');
    // The 1-hour reminder (14:00) is not sent once the meeting has begun.
    expect(
      steps(h).filter((s) => s.subject_id === occ.id && s.status === 'pending' && s.kind !== 'meeting.roll'),
    ).toEqual([]);

    const wang = h.client('王五', GROUP);
    await wang.shouldNotReply('建设路的线路改造需要居委会配合入户');
    await h.client('李四', GROUP).shouldNotReply('居委会下周一起配合');
    await sec.send('/meeting list');
    await sec.shouldReply(
      '/meeting end',
      '⏹ 会议结束：专题会（2026年12月10日（周四）15:00）\n记录了 2 条发言，可用于纪要。',
    );
    expect(captured(h)).toEqual([
      { sender_name: '王五', text: '建设路的线路改造需要居委会配合入户' },
      { sender_name: '李四', text: '居委会下周一起配合' },
    ]);
    // After the end nothing more is captured.
    await wang.send('散会了');
    expect(captured(h)).toHaveLength(2);
    await sec.shouldReply('/meeting end', '现在没有进行中的会议。');
    await sec.shouldReply('/meeting start', '近期没有安排会议。');
  });

  it('explains Telegram privacy mode and asks for the notes to be pasted', async () => {
    const { h, sec } = await meetingToday('telegram', false);
    const start = (await sec.send('/meeting start')).join('\n');
    expect(start).toContain('注意：我看不到本群的全部消息');
    expect(start).toContain('@BotFather 发送 /setprivacy');
    expect(start).toContain('Disable');
    expect(start).toContain('设为群管理员');
    await sec.shouldReply(
      '/meeting end',
      /我只看到了 0 条 @我 的消息。\n请把会议记录（或要点）直接粘贴发给我/,
    );
    const notes = '一、建设路3处老化线路由二所牵头整改，12月20日前完成。\n二、居委会配合入户通知。';
    await sec.shouldReply(notes, `✅ 已保存会议记录（${[...notes].length} 字）`);
    expect(captured(h)).toEqual([{ sender_name: '张三', text: notes }]);
  });

  it('explains that WeCom only shows messages that @ the bot, and keeps those', async () => {
    const { h, sec } = await meetingToday('wecom', false);
    await sec.shouldReply('/meeting start', '企业微信群里，机器人只能看到 @它 的消息');
    await h.client('王五', GROUP).send('路灯本周修好');
    await sec.shouldReply('/meeting end', '我只看到了 1 条 @我 的消息');
    expect(captured(h)).toEqual([{ sender_name: '王五', text: '路灯本周修好' }]);
    await sec.shouldReply('取消', '好的，已取消。');
    expect(captured(h)).toHaveLength(1);
  });

  it('refuses a member, a second start and a start with no meeting near', async () => {
    const { h, sec } = await meetingToday('telegram', true);
    const li = h.client('李四', GROUP);
    await li.send('/whoami');
    const before = meetingSnapshot(h);
    await li.shouldReply('/meeting start', '只有秘书或召集人可以安排会议。');
    expect(meetingSnapshot(h)).toBe(before);
    h.clock.set(at('2026-12-01 09:00'));
    await sec.shouldReply(
      '/meeting start',
      '现在没有要开的会议（下次：专题会（2026年12月10日（周四）15:00））',
    );
    h.clock.set(at('2026-12-10 14:50'));
    await sec.send('/meeting start');
    await sec.shouldReply(
      '/meeting start',
      '专题会（2026年12月10日（周四）15:00） 正在进行中，请先发送 /meeting end 结束。',
    );
  });
});
