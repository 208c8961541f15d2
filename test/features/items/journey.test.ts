import { describe, expect, it } from 'vitest';
import { deliveredSince, itemsHarness } from './helpers.js';

describe('J5–J6: an agreed item from recording to closing', () => {
  it('goes through assignment, acknowledgement, progress, an extension, done, rework, done, verify', async () => {
    const { h, sec, zhouDm, wangDm, secDm } = await itemsHarness();
    const draft = await sec.send('/item 二所 牵头 居委会 配合 排查建设路3处老化线路 12月11日前');
    expect(draft.join('\n')).toMatch(
      /拟立项[\s\S]*牵头：区供电公司第二供电所（联络员 zhouming）[\s\S]*配合：社区居委会（联络员 wangfang）[\s\S]*完成时限：2026年12月11日（周五） · 原文「12月11日前」/,
    );
    let mark = h.adapter.delivered.length;
    await sec.press('确认交办');
    const assigned = deliveredSince(h, mark).join('\n');
    expect(assigned).toContain('→zhouming: 【交办通知】HP-2026-001');
    expect(assigned).toContain('→wangfang: 【交办通知】HP-2026-001');
    expect(assigned).toMatch(/g:联席会议群: 已交办 HP-2026-001：排查建设路3处老化线路/);

    await zhouDm.shouldReply('/task HP-2026-001 签收', '区供电公司第二供电所 已签收 HP-2026-001');
    await wangDm.press('签收');
    await zhouDm.shouldReply('/task HP-2026-001 进展', '请回复 HP-2026-001 的进展情况');
    await zhouDm.shouldReply('已完成60%，剩余1处', '已记录 HP-2026-001 的进展');
    await zhouDm.shouldReply('/task HP-2026-001 延期', '现时限 2026年12月11日（周五）');
    mark = h.adapter.delivered.length;
    await zhouDm.shouldReply(
      '12月18日 材料未到位',
      '已提交 HP-2026-001 延期申请（至 2026年12月18日（周五））',
    );
    expect(deliveredSince(h, mark).join('\n')).toMatch(
      /→张三: 【延期申请】HP-2026-001 区供电公司第二供电所：2026年12月11日（周五） → 2026年12月18日（周五）\n原因：材料未到位/,
    );
    await secDm.press('批准延期');
    expect(h.store.query('select current_due_date, original_due_date, extension_count from items')).toEqual([
      { current_due_date: '2026-12-18', original_due_date: '2026-12-11', extension_count: 1 },
    ]);
    await zhouDm.shouldReply('/task HP-2026-001 办结 已全部更换', '已报告 HP-2026-001 办结');
    await sec.shouldReply('/task HP-2026-001 退回 缺少整改照片', 'HP-2026-001 被退回重办：缺少整改照片');
    await zhouDm.shouldReply('/task HP-2026-001 办结 已补充照片', '已报告 HP-2026-001 办结');
    await secDm.press('核查通过（销号）');
    expect(h.store.query('select status, rework_count from items')).toEqual([
      { status: 'closed', rework_count: 1 },
    ]);
    const detail = (await sec.send('/task HP-2026-001')).join('\n');
    expect(detail).toMatch(/状态：已销号/);
    expect(detail).toMatch(/原定时限：2026-12-11/);
    expect(detail).toMatch(/退回重办：1/);
    // Nothing follows a closed item.
    mark = h.adapter.delivered.length;
    for (let d = 0; d < 30; d++) {
      h.clock.advance(24 * 3600_000);
      h.bot.tick(h.clock.now());
    }
    await h.deliver();
    expect(
      deliveredSince(h, mark).filter((l) => l.includes('HP-2026-001') && !l.includes('督办周报')),
    ).toEqual([]);
  });
});
