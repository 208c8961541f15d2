import { describe, expect, it } from 'vitest';
import { at, boundGroup, deliveredTo, GROUP, occurrences, schedule, steps, tickAt } from './helpers.js';

const CHAT = `g:${GROUP}`;

/** 每月10日14:30: the first sitting is Thursday 2026-12-10 14:30. */
async function monthly() {
  const s = await boundGroup();
  await schedule(s.sec, '每月10日14:30 街道联席会议 地点:党群服务中心三楼');
  return s;
}

describe('J4 reminder plan: steps are rows with fire times in the body zone', () => {
  it('plans the topic call 7 days before, the notice 1 day before at 09:00 and a reminder 1 hour before', async () => {
    const { h } = await monthly();
    const first = occurrences(h)[0]!;
    const mine = steps(h).filter((s) => s.subject_id === first.id && s.kind !== 'meeting.roll');
    expect(mine.map((s) => [s.kind, s.fire_at, s.stale_at, s.status])).toEqual([
      ['meeting.topic_call', at('2026-12-03 09:00'), at('2026-12-10 14:30'), 'pending'],
      ['meeting.notice', at('2026-12-09 09:00'), at('2026-12-10 14:30'), 'pending'],
      ['meeting.reminder', at('2026-12-10 13:30'), at('2026-12-10 14:30'), 'pending'],
    ]);
    // The window: at least three sittings ahead, each with its reminders, and a roll at the first one.
    expect(occurrences(h).map((o) => o.scheduled_at)).toEqual([
      at('2026-12-10 14:30'),
      at('2027-01-10 14:30'),
      at('2027-02-10 14:30'),
    ]);
    expect(
      steps(h)
        .filter((s) => s.kind === 'meeting.roll')
        .map((s) => s.fire_at),
    ).toEqual([at('2026-12-10 14:30')]);
  });

  it('sends a notice due on a rest day on the working day before, and drops a weekly topic call', async () => {
    const { h, sec } = await boundGroup();
    await schedule(sec, '每周一9点 周例会');
    const rows = occurrences(h);
    const second = rows[1]!;
    expect(second.scheduled_at).toBe(at('2026-12-14 09:00'));
    const plan = steps(h).filter((s) => s.subject_id === second.id && s.kind !== 'meeting.roll');
    // 7 days before is the previous sitting itself: no topic call. Sunday's notice goes out on Friday.
    expect(plan.map((s) => [s.kind, s.fire_at])).toEqual([
      ['meeting.notice', at('2026-12-11 09:00')],
      ['meeting.reminder', at('2026-12-14 08:00')],
    ]);
  });
});

describe('J4 reminders are self-contained and sent exactly once', () => {
  it('sends the topic call, the notice and the reminder with everything in them', async () => {
    const { h, sec } = await monthly();
    const li = h.client('李四', GROUP);
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    await sec.send('/liaison 二所 @李四');

    const from = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-03 09:00'));
    const call = deliveredTo(h, CHAT, from);
    expect(call).toHaveLength(1);
    expect(call[0]).toContain('📣 议题征集｜街道联席会议 第1次');
    expect(call[0]).toContain('时间：2026年12月10日（周四）14:30');
    expect(call[0]).toContain('地点：党群服务中心三楼');
    expect(call[0]).toContain('议题：暂无');
    expect(call[0]).toContain('欢迎提交议题：/topic 议题内容');
    const sent = h.adapter.delivered.at(-1)!;
    expect(sent.msg.notice).toBe(true);
    expect(sent.msg.buttons?.flat().map((b) => b.label)).toEqual(['参会', '请假']);

    await li.shouldReply(
      '/topic 建设路3处老化线路改造',
      '收到议题「建设路3处老化线路改造」（区供电公司第二供电所）',
    );
    const before = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-09 09:00'));
    const notice = deliveredTo(h, CHAT, before);
    expect(notice).toHaveLength(1);
    expect(notice[0]).toContain('📅 会议通知｜街道联席会议 第1次');
    expect(notice[0]).toMatch(/议题（1）：\n1\. 建设路3处老化线路改造（区供电公司第二供电所） \[待定\]/);
    expect(notice[0]).toContain('请点「参会」或「请假」回复。');

    const last = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-10 13:30'));
    const reminder = deliveredTo(h, CHAT, last);
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toContain('⏰ 会前提醒｜街道联席会议 第1次');
    expect(reminder[0]).toContain('会议将于 60 分钟后开始。');
    expect(reminder[0]).not.toContain('补发');
  });

  it('does each reminder once when the tick runs twice for the same minute', async () => {
    const { h } = await monthly();
    const from = h.adapter.delivered.length;
    const outbox = h.count('outbox');
    expect(h.bot.tick(at('2026-12-09 09:00')).done).toBe(2); // the topic call (late) and the notice
    expect(h.bot.tick(at('2026-12-09 09:00')).done).toBe(0);
    expect(h.bot.tick(at('2026-12-09 09:00') + 30_000).done).toBe(0);
    h.clock.set(at('2026-12-09 09:00') + 30_000);
    await h.deliver();
    expect(h.count('outbox')).toBe(outbox + 2);
    const texts = deliveredTo(h, CHAT, from);
    expect(texts.filter((t) => t.includes('📅 会议通知'))).toHaveLength(1);
  });

  it('goes to every group chat of the body', async () => {
    const { h, sec } = await monthly();
    const leaders = h.client('张三', '领导群');
    await leaders.send('/setup 联席会议 和平街道联席会议');
    const from = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-09 09:00'));
    expect(deliveredTo(h, CHAT, from).filter((t) => t.includes('会议通知'))).toHaveLength(1);
    expect(deliveredTo(h, 'g:领导群', from).filter((t) => t.includes('会议通知'))).toHaveLength(1);
    void sec;
  });
});

describe('J4 in English', () => {
  it('sends the notice in the chat’s language, with the same buttons', async () => {
    const { h, sec } = await boundGroup({ language: 'en' });
    await sec.send('/meeting monthly on the 10th at 14:30 Street meeting place:Townhall');
    await sec.press('Confirm');
    const from = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-09 09:00'));
    const notice = deliveredTo(h, CHAT, from).find((t) => t.includes('Meeting notice'))!;
    expect(notice).toContain('📅 Meeting notice | Street meeting #1');
    expect(notice).toContain('Time: Thu 10 Dec 2026 14:30');
    expect(notice).toContain('Place: Townhall');
    expect(notice).toContain('Topics: none yet');
    expect(
      h.adapter.delivered
        .at(-1)!
        .msg.buttons?.flat()
        .map((b) => b.label),
    ).toEqual(['Attend', 'Excused']);
    await h.client('Bob', GROUP).press('Excused');
    await h.client('Bob', GROUP).shouldReply('Travelling', 'Who attends in your place?');
    await h.client('Bob', GROUP).shouldReply('none', 'Substitute: none');
  });
});

describe('C6 downtime across a reminder instant', () => {
  it('sends a missed reminder late while the meeting has not begun, and skips it (logged) after', async () => {
    const { h } = await monthly();
    // The bot is down from before the notice (12-09 09:00) until 12-10 10:00: the notice is still useful.
    const from = h.adapter.delivered.length;
    const late = await tickAt(h, at('2026-12-10 10:00'));
    expect(late.done).toBe(2); // the topic call and the notice, both before the meeting starts
    const texts = deliveredTo(h, CHAT, from);
    expect(texts.some((t) => t.includes('📅 会议通知') && t.includes('（系统恢复后补发）'))).toBe(true);

    // Down again across the 1-hour reminder until after the start: the reminder is stale.
    const before = h.adapter.delivered.length;
    const stale = await tickAt(h, at('2026-12-10 14:31'));
    expect(stale.skipped).toBe(1);
    expect(deliveredTo(h, CHAT, before).filter((t) => t.includes('会前提醒'))).toHaveLength(0);
    const reminder = steps(h).find(
      (s) => s.kind === 'meeting.reminder' && s.fire_at === at('2026-12-10 13:30'),
    )!;
    expect(reminder).toMatchObject({ status: 'skipped', note: 'stale' });
    // The restart does not send anything twice.
    const again = await tickAt(h, at('2026-12-10 14:32'));
    expect(again.done + again.skipped).toBe(0);
  });

  it('rolls the window forward when a sitting starts, also after downtime', async () => {
    const { h } = await monthly();
    await tickAt(h, at('2026-12-20 10:00'));
    const planned = occurrences(h).filter(
      (o) => o.status === 'planned' && o.scheduled_at > at('2026-12-20 10:00'),
    );
    expect(planned.map((o) => o.scheduled_at)).toEqual([
      at('2027-01-10 14:30'),
      at('2027-02-10 14:30'),
      at('2027-03-10 14:30'),
    ]);
    expect(occurrences(h).map((o) => o.seq_no)).toEqual([1, 2, 3, 4]);
    const roll = steps(h).filter((s) => s.kind === 'meeting.roll');
    expect(roll.map((s) => [s.fire_at, s.status])).toEqual([
      [at('2026-12-10 14:30'), 'done'],
      [at('2027-01-10 14:30'), 'pending'],
    ]);
  });
});

describe('/meeting remind: each reminder editable or off', () => {
  it('shows, changes, turns off and resets the plan, re-planning the steps', async () => {
    const { h, sec } = await monthly();
    const first = occurrences(h)[0]!;
    const of = () =>
      steps(h)
        .filter((s) => s.subject_id === first.id && s.status === 'pending' && s.kind !== 'meeting.roll')
        .map((s) => [s.kind, s.fire_at]);
    await sec.shouldReply(
      '/meeting remind',
      '「街道联席会议」的提醒：议题征集 会前7天 09:00；会议通知 会前1天 09:00；会前提醒 提前1小时',
    );
    await sec.shouldReply('/meeting remind 通知 2天前 15:00', '会议通知 会前2天 15:00');
    await sec.shouldReply('/meeting remind 议题征集 关', '议题征集 不发');
    await sec.shouldReply('/meeting remind 提醒 30分钟', '会前提醒 提前30分钟');
    expect(of()).toEqual([
      ['meeting.notice', at('2026-12-08 15:00')],
      ['meeting.reminder', at('2026-12-10 14:00')],
    ]);
    await sec.shouldReply('/meeting remind 提醒 2小时', '提前2小时');
    await sec.shouldReply(
      '/meeting remind 默认',
      '议题征集 会前7天 09:00；会议通知 会前1天 09:00；会前提醒 提前1小时',
    );
    expect(of()).toEqual([
      ['meeting.topic_call', at('2026-12-03 09:00')],
      ['meeting.notice', at('2026-12-09 09:00')],
      ['meeting.reminder', at('2026-12-10 13:30')],
    ]);
    // Nothing the plan no longer wants is sent.
    const from = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-08 15:00'));
    expect(deliveredTo(h, CHAT, from).filter((t) => t.includes('会议通知'))).toHaveLength(0);
  });

  it('refuses a bad offset and a member, changing nothing', async () => {
    const { h, sec } = await monthly();
    const before = JSON.stringify(steps(h));
    await sec.shouldReply('/meeting remind 通知 99天前', /看不懂「99天前」[\s\S]*用法/);
    await sec.shouldReply('/meeting remind 提醒 1分钟', '看不懂「1分钟」');
    await sec.shouldReply('/meeting remind 通知', '请写出提前多久');
    await sec.shouldReply('/meeting remind 早餐 1天', '「早餐」不是提醒种类');
    const li = h.client('李四', GROUP);
    await li.shouldReply('/meeting remind 通知 2天前', '只有秘书或召集人可以安排会议。');
    await li.shouldReply('/meeting remind', '会前提醒 提前1小时');
    expect(JSON.stringify(steps(h))).toBe(before);
  });
});
