import { describe, expect, it } from 'vitest';
import { at, boundGroup, GROUP, meetingSnapshot, occurrences, schedule, tickAt } from './helpers.js';

async function withNotice() {
  const s = await boundGroup();
  await s.sec.send('/unit add 区供电公司第二供电所 别名:二所');
  await s.sec.send('/liaison 二所 @王五');
  await schedule(s.sec, '每月10日14:30 街道联席会议');
  await tickAt(s.h, at('2026-12-09 09:00'));
  return s;
}

const attendanceRows = (h: Awaited<ReturnType<typeof boundGroup>>['h']) =>
  h.store.query<{
    person: string;
    status: string;
    reason: string | null;
    substitute_name: string | null;
    substitute_person_id: number | null;
    unit: string | null;
  }>(
    'select p.name as person, a.status, a.reason, a.substitute_name, a.substitute_person_id, u.name as unit from attendance a join people p on p.id = a.person_id left join units u on u.id = a.unit_id order by a.id',
  );

describe('C7 attendance: 参会 / 请假 with reason and substitute', () => {
  it('参会 from the notice button, once', async () => {
    const { h } = await withNotice();
    const wang = h.client('王五', GROUP);
    await wang.send('/whoami');
    const replies = await wang.press('参会');
    expect(replies.join('\n')).toContain(
      '✅ 已登记 王五 参会：街道联席会议 第1次（2026年12月10日（周四）14:30）',
    );
    const li = h.client('李四', GROUP);
    await li.press('参会');
    await wang.shouldReply('/meeting 参会', '王五 已登记参会');
    expect(attendanceRows(h)).toEqual([
      expect.objectContaining({ person: '王五', status: 'attending', unit: '区供电公司第二供电所' }),
      expect.objectContaining({ person: '李四', status: 'attending', unit: null }),
    ]);
  });

  it('请假 asks for a reason and a substitute, records both, and the substitute is in the list', async () => {
    const { h, sec } = await withNotice();
    const wang = h.client('王五', GROUP);
    await h.client('赵六', GROUP).send('/whoami');
    await wang.send('/whoami');
    expect((await wang.press('请假')).join('\n')).toContain('王五，请说明请假事由（街道联席会议 第1次');
    await wang.shouldReply('区里开会冲突', '请写代会人姓名');
    await wang.shouldReply(
      '@赵六',
      '✅ 已登记 王五 请假：街道联席会议 第1次（2026年12月10日（周四）14:30）\n事由：区里开会冲突\n代会人：赵六',
    );
    const row = attendanceRows(h)[0]!;
    expect(row).toMatchObject({
      person: '王五',
      status: 'excused',
      reason: '区里开会冲突',
      substitute_name: '赵六',
    });
    expect(row.substitute_person_id).not.toBeNull();

    await sec.press('参会');
    await sec.shouldReply(
      '/meeting 名单',
      /出席情况：\n参会（1）：张三\n请假（1）：\n· 王五（区供电公司第二供电所），事由：区里开会冲突；代会人：赵六/,
    );
    const audit = h.store.query<{ action: string; to_state: string; reason: string | null }>(
      "select action, to_state, reason from audit_events where action = 'meeting.attendance' order by id",
    );
    expect(audit).toEqual([
      { action: 'meeting.attendance', to_state: 'excused', reason: '区里开会冲突' },
      { action: 'meeting.attendance', to_state: 'attending', reason: null },
    ]);
  });

  it('takes a typed name or 无 as the substitute, and asks again after a bad answer', async () => {
    const { h } = await withNotice();
    const li = h.client('李四', GROUP);
    await li.shouldReply('/meeting 请假', '李四，请说明请假事由');
    await li.shouldReply('😀😀', '内容里有无法使用的字符');
    await li.shouldReply('出差', '请写代会人姓名');
    await li.shouldReply('x', '代会人姓名应为 2–20 个汉字或字母');
    await li.shouldReply('无', '代会人：无');
    expect(attendanceRows(h)[0]).toMatchObject({ status: 'excused', reason: '出差', substitute_name: null });

    // Changing one's mind: 请假 again with a named substitute, then 参会.
    await li.send('/meeting 请假 12月10日');
    await li.send('家里有事');
    await li.shouldReply('代会人：孙七', '代会人：孙七');
    expect(attendanceRows(h)[0]).toMatchObject({
      reason: '家里有事',
      substitute_name: '孙七',
      substitute_person_id: null,
    });
    await li.press('参会');
    expect(attendanceRows(h)[0]).toMatchObject({ status: 'attending', reason: null, substitute_name: null });
  });

  it('取消 ends the question without recording anything', async () => {
    const { h } = await withNotice();
    const li = h.client('李四', GROUP);
    await li.send('/meeting 请假');
    const before = meetingSnapshot(h);
    await li.shouldReply('取消', '好的，已取消。');
    expect(meetingSnapshot(h)).toBe(before);
    expect(h.count('attendance')).toBe(0);
  });

  it('says so when the sitting was cancelled while the question was open', async () => {
    const { h, sec } = await withNotice();
    const li = h.client('李四', GROUP);
    await li.send('/meeting 请假');
    await sec.send('/meeting cancel 12月10日');
    await li.shouldReply('出差', '这次会议已取消、已召开或不存在');
    expect(h.count('attendance')).toBe(0);
    expect(occurrences(h)[0]!.status).toBe('cancelled');
  });
});

describe('/meetings in a private chat: my meetings across groups', () => {
  it('lists the coming sittings of every body the caller belongs to, with their answer', async () => {
    const { h, sec } = await boundGroup();
    await schedule(sec, '每月10日14:30 街道联席会议 地点:党群服务中心三楼');
    const other = h.client('张三', '社区共建群');
    await other.send('/setup 联席会议 幸福里社区共建联席会议');
    await other.send('/meeting 12月18日上午9点 共建单位座谈会');
    await other.press('确认');
    await sec.send('/meeting 请假');
    await sec.send('出差');
    await sec.send('无');

    const dm = h.client('张三', { direct: true });
    const text = (await dm.send('/meetings')).join('\n');
    expect(text).toContain('您近期的会议：');
    expect(text).toContain(
      '「和平街道联席会议」\n· 街道联席会议 第1次（2026年12月10日（周四）14:30） @ 党群服务中心三楼 — 已请假',
    );
    expect(text).toContain(
      '「幸福里社区共建联席会议」\n· 共建单位座谈会（2026年12月18日（周五）09:00） — 未回复',
    );
    expect(text).not.toContain('2027年2月10日');

    await h.client('陌生人', { direct: true }).shouldReply('/meetings', '您近期没有会议。');
  });
});
