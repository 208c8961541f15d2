import { describe, expect, it } from 'vitest';
import { deliveredSince, itemsHarness } from './helpers.js';

async function assigned(start?: string) {
  const env = await itemsHarness(start);
  await env.sec.send('/item 二所 牵头 居委会 配合 排查建设路3处老化线路 12月4日前');
  await env.sec.press('确认交办');
  return env;
}

describe('liaison and secretary actions', () => {
  it('refuses a late extension request and explains the rule; the item stays overdue', async () => {
    const env = await assigned();
    const { h, zhouDm } = env;
    h.clock.set('2026-12-07T10:00:00+08:00');
    await zhouDm.shouldReply(
      '/task HP-2026-001 延期 12月20日 人手不足',
      /已过完成时限，不能再申请延期：延期须在时限届满前提出/,
    );
    expect(h.count('extension_requests')).toBe(0);
    await zhouDm.shouldReply('/task HP-2026-001 延期 12月20日 人手不足', '不能再申请延期');
    expect(h.store.query('select current_due_date from items')).toEqual([{ current_due_date: '2026-12-04' }]);
  });

  it('lets only the unit’s liaison act; a secretary acts on their behalf, audited', async () => {
    const env = await assigned();
    const { h, sec } = env;
    const other = h.client('liqiang', '联席会议群');
    await other.send('/whoami');
    await env.sec.send('/liaison 城管 @liqiang');
    await h.client('liqiang', { direct: true }).send('/whoami');
    await h.client('路人', '联席会议群').send('/whoami');
    const before = h.snapshot();
    await h
      .client('liqiang', { direct: true })
      .shouldReply('/task HP-2026-001 签收', '只有本单位联络员或秘书可以办理这项操作');
    await h
      .client('路人', '联席会议群')
      .shouldReply('/task HP-2026-001 办结 搞定了', '只有本单位联络员或秘书可以办理这项操作');
    expect(h.snapshot()).toBe(before);
    await sec.shouldReply(
      '/task HP-2026-001 签收',
      /区供电公司第二供电所 已签收 HP-2026-001。（秘书代 区供电公司第二供电所 办理，已留痕）/,
    );
    const [audit] = h.store.query<{ data: string; actor: string }>(
      "select data, actor from audit_events where action = 'item.acknowledge'",
    );
    expect(JSON.parse(audit!.data)).toMatchObject({ onBehalf: true });
  });

  it('a support unit’s done is progress; only the lead reports done or asks for an extension', async () => {
    const env = await assigned();
    await env.wangDm.shouldReply('/task HP-2026-001 办结 已配合完成入户通知', '已记录 HP-2026-001 的进展');
    await env.wangDm.shouldReply(
      '/task HP-2026-001 延期 12月10日 人手不足',
      '只有牵头单位可以报告办结或申请延期',
    );
    expect(env.h.store.query('select status from items')).toEqual([{ status: 'assigned' }]);
  });

  it('reassigns, parks with a review date, resumes and cancels with reasons', async () => {
    const env = await assigned();
    const { sec, h } = env;
    await env.zhouDm.send('/task HP-2026-001 非本单位 线路属物业自管 建议:城管');
    expect(deliveredSince(h, 0).join('\n')).toMatch(
      /【非本单位职责】区供电公司第二供电所 认为 HP-2026-001 不属其职责：线路属物业自管；建议由 城管 办理/,
    );
    await sec.shouldReply('/task HP-2026-001 改派 城管', 'HP-2026-001 已改派给 区城管执法中队');
    // Parking is for items in progress (acknowledged); a fresh assignment cannot be parked yet.
    await sec.shouldReply('/task HP-2026-001 挂账 2027-03-01', '这个事项现在的状态不能这样操作');
    await sec.send('/task HP-2026-001 签收');
    await sec.shouldReply(
      '/task HP-2026-001 挂账 2027-03-01 待明年资金',
      'HP-2026-001 已挂账，2027年3月1日（周一） 复查',
    );
    await sec.shouldReply('/task HP-2026-001 恢复', 'HP-2026-001 已恢复办理');
    await sec.shouldReply('/task HP-2026-001 撤销', '请写明原因');
    await sec.shouldReply('/task HP-2026-001 撤销 会议决定不再推进', 'HP-2026-001 已撤销：会议决定不再推进');
    await sec.shouldReply('/task HP-2026-001 恢复', '这个事项已撤销');
    await sec.shouldReply('/tasks', '没有在办事项');
  });

  it('edits the deadline with an audit trail and keeps the original', async () => {
    const env = await assigned();
    await env.sec.shouldReply(
      '/task HP-2026-001 修改 时限:12月31日前',
      'HP-2026-001 时限改为 2026年12月31日（周四）',
    );
    expect(env.h.store.query('select original_due_date, current_due_date from items')).toEqual([
      { original_due_date: '2026-12-04', current_due_date: '2026-12-31' },
    ]);
    await env.sec.shouldReply('/task HP-2026-001', /原定时限：2026-12-04[\s\S]*张三 修改时限：12月31日前/);
  });
});

describe('free-text replies from a liaison', () => {
  it('records progress, confirms a done report first, and asks back when unclear', async () => {
    const env = await assigned();
    const { zhouDm, h } = env;
    await zhouDm.shouldReply('已协调物业，预计下周完成', '已记录 HP-2026-001 的进展');
    await zhouDm.shouldReply('这个是指哪条路？', '没看懂这条回复和 HP-2026-001 的关系');
    await zhouDm.shouldReply('已全部整改完毕', '你是要报告 HP-2026-001 已办结吗？');
    expect(h.store.query('select status from items')).toEqual([{ status: 'in_progress' }]);
    await zhouDm.press('是');
    expect(h.store.query('select status from items')).toEqual([{ status: 'reported_done' }]);
  });

  it('asks which item when the liaison has several', async () => {
    const env = await assigned();
    await env.sec.send('/item 二所 更换路灯 12月31日前');
    await env.sec.press('确认交办');
    await env.zhouDm.shouldReply('正在推进', '你有多个在办事项，这条回复是关于哪一项？');
    await env.zhouDm.press('HP-2026-002');
    expect(
      env.h.store.query(
        "select i.code from feedback f join items i on i.id = f.item_id where f.intent = 'progress'",
      ),
    ).toEqual([{ code: 'HP-2026-002' }]);
  });
});

describe('recording items', () => {
  it('resolves units by alias, keeps 配合 as content when it names no unit, and defaults a missing deadline', async () => {
    const env = await itemsHarness();
    await env.sec.shouldReply(
      '/item 二所牵头 做好配合工作',
      /事项：做好配合工作[\s\S]*2026年12月20日（周日） · 未写明时限，按默认 20 日\n⚠ 该日为休息日/,
    );
    await env.sec.shouldReply(
      '/item 由二所牵头，居委会、城管配合，清理楼道 10个工作日内',
      /配合：社区居委会[\s\S]*配合：区城管执法中队[\s\S]*2026年12月14日（周一）/,
    );
    await env.sec.shouldReply('/item 二所 长期巡查线路 长期', /完成时限：长期/);
  });

  it('answers bad input with the usage and changes nothing', async () => {
    const env = await itemsHarness();
    const before = env.h.count('items');
    for (const bad of [
      '/item',
      '/item 不存在的单位 某事',
      '/item 二所',
      '/item 二所 某事 13月45日前',
      `/item 二所 ${'长'.repeat(600)}`,
      '/task',
      '/task XX-0000-000',
      '/task HP-2026-999 签收',
    ]) {
      const replies = await env.sec.send(bad);
      expect(replies.join('\n'), bad).not.toMatch(/抱歉，处理时出了点问题/);
      expect(replies.length, bad).toBeGreaterThan(0);
    }
    expect(env.h.count('items')).toBe(before);
    await env.h
      .client('路人', '联席会议群')
      .shouldReply('/item 二所 某事', '只有秘书或召集人可以登记和确认事项');
  });
});
