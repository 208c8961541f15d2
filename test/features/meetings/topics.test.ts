import { describe, expect, it } from 'vitest';
import {
  at,
  boundGroup,
  deliveredTo,
  GROUP,
  meetingSnapshot,
  occurrences,
  schedule,
  tickAt,
} from './helpers.js';

const topics = (h: Awaited<ReturnType<typeof boundGroup>>['h']) =>
  h.store.query<{
    id: number;
    title: string;
    status: string;
    meeting_id: number | null;
    deferred_from_meeting_id: number | null;
    unit: string | null;
  }>(
    'select t.id, t.title, t.status, t.meeting_id, t.deferred_from_meeting_id, u.name as unit from agenda_topics t left join units u on u.id = t.proposer_unit_id order by t.id',
  );

async function setup() {
  const s = await boundGroup();
  await s.sec.send('/unit add 区供电公司第二供电所 别名:二所');
  await s.sec.send('/unit add 幸福里社区居委会 别名:居委会');
  await s.sec.send('/liaison 二所 @王五');
  await schedule(s.sec, '每月10日14:30 街道联席会议');
  return s;
}

describe('C8 agenda topics', () => {
  it('adds a topic to the next sitting with the proposer’s unit', async () => {
    const { h } = await setup();
    const wang = h.client('王五', GROUP);
    await wang.shouldReply(
      '/topic 建设路3处老化线路改造',
      '📌 收到议题「建设路3处老化线路改造」（区供电公司第二供电所），拟提交 街道联席会议 第1次（2026年12月10日（周四）14:30），待秘书确认。',
    );
    const li = h.client('李四', GROUP);
    await li.shouldReply('/topic 小区停车难问题 单位:居委会', '（幸福里社区居委会）');
    await li.shouldReply('/topic 楼道堆物清理', '收到议题「楼道堆物清理」（李四）');
    const first = occurrences(h)[0]!.id;
    expect(topics(h)).toEqual([
      expect.objectContaining({
        title: '建设路3处老化线路改造',
        meeting_id: first,
        unit: '区供电公司第二供电所',
      }),
      expect.objectContaining({ title: '小区停车难问题', meeting_id: first, unit: '幸福里社区居委会' }),
      expect.objectContaining({ title: '楼道堆物清理', meeting_id: first, unit: null, status: 'proposed' }),
    ]);
    await li.shouldReply(
      '/topic list',
      /第1次.*的议题：\n1\. 建设路3处老化线路改造（区供电公司第二供电所） \[待定\]/,
    );
  });

  it('the secretary accepts, defers (to the next sitting) or rejects; members may not', async () => {
    const { h, sec } = await setup();
    const wang = h.client('王五', GROUP);
    await wang.send('/topic 建设路3处老化线路改造');
    await wang.shouldReply('/topic accept #1', '只有秘书或召集人可以安排会议。');
    expect(topics(h)[0]!.status).toBe('proposed');
    await sec.press('采纳');
    expect(topics(h)[0]!.status).toBe('accepted');

    await wang.send('/topic 路灯维修');
    await sec.press('下次再议');
    const [second, third] = [occurrences(h)[1]!, occurrences(h)[0]!];
    expect(topics(h)[1]).toMatchObject({
      status: 'deferred',
      meeting_id: second.id,
      deferred_from_meeting_id: third.id,
    });
    await sec.shouldReply('/topic list', /路灯维修/);

    await wang.send('/topic 食堂菜价');
    await sec.shouldReply(
      '/topic 不采纳 #3 不属于联席会议议事范围',
      '议题「食堂菜价」不予采纳：不属于联席会议议事范围',
    );
    expect(topics(h)[2]!.status).toBe('rejected');

    // The next sitting's notice lists the deferred topic, the rejected one nowhere.
    await tickAt(h, at('2027-01-08 09:00'));
    const notice = deliveredTo(h, `g:${GROUP}`).find((t) => t.includes('会议通知｜街道联席会议 第2次'))!;
    expect(notice).toContain('路灯维修（区供电公司第二供电所） [上次缓议]');
    expect(notice).not.toContain('食堂菜价');
  });

  it('keeps topics in the pool until something is scheduled', async () => {
    const { h, sec } = await boundGroup();
    await sec.shouldReply('/topic 老旧小区加装电梯', '还没有安排会议，议题先放入议题池');
    expect(topics(h)[0]!.meeting_id).toBeNull();
    await sec.shouldReply('/topic list', '议题池（待安排）：\n1. 老旧小区加装电梯（张三） [待定]');
    await schedule(sec, '12月10日15:00 专题会');
    expect(topics(h)[0]!.meeting_id).toBe(occurrences(h)[0]!.id);
  });

  it('answers bad topics with the usage and changes nothing', async () => {
    const { h, sec } = await setup();
    const before = meetingSnapshot(h);
    for (const bad of ['', '😀😀😀', 'x'.repeat(300), '\u202Eevil\u202C', '\u0000\u0007']) {
      const text = (await sec.send(`/topic ${bad}`)).join('\n');
      expect(text).toMatch(/用法：\n\/topic/);
    }
    await sec.shouldReply('/topic accept #99', '没有找到这个议题');
    await sec.shouldReply('/topic 新议题 单位:不存在的单位', '没有找到成员单位「不存在的单位」');
    expect(meetingSnapshot(h)).toBe(before);
  });
});
