/**
 * Statistics in a grid: tickets count for the unit that handles them, or for the grid node when it
 * handles them itself; callbacks give the satisfaction rate; a 退单 counts against the returning unit's
 * dispatches, not as a finished case.
 */
import { describe, expect, it } from 'vitest';
import { gridHarness } from '../grid/helpers.js';

describe('C21: grid statistics with the satisfaction rate', () => {
  it('ranks the grid node and the handling units, with 满意率 from the callbacks', async () => {
    const env = await gridHarness('2026-12-01T09:00:00+08:00');
    const { h, leader, worker, workerDm, wuyeDm, shizhengDm, grid, street } = env;
    // G001: handled in the grid, done the same day, 满意.
    await worker.send('/report 5号楼楼道堆放杂物 紧急程度:一般 地点:5号楼');
    await leader.send('/ticket YS-2026-G001 受理');
    await leader.send('/ticket YS-2026-G001 自办');
    await worker.send('/ticket YS-2026-G001 已处置 已清理完毕');
    await leader.press('核查通过');
    await workerDm.shouldReply('/ticket YS-2026-G001 满意', '感谢评价');
    // G002: to 物业, returned (退单), re-dispatched to 市政, signed, done, 基本满意.
    await worker.send('/report 3号楼路灯不亮 类别:市政设施 地点:3号楼');
    await leader.send('/ticket YS-2026-G002 受理');
    await leader.send('/ticket YS-2026-G002 派单 物业');
    await wuyeDm.shouldReply('/ticket YS-2026-G002 退单 路灯属市政管理', '退单');
    await leader.send('/ticket YS-2026-G002 派单 市政');
    await shizhengDm.send('/ticket YS-2026-G002 签收');
    await shizhengDm.send('/ticket YS-2026-G002 已处置 已更换灯具');
    await leader.shouldReply('/ticket YS-2026-G002 通过 现场已亮', '已结案');
    await workerDm.shouldReply('/ticket YS-2026-G002 基本满意', '感谢评价');
    // G003: to 市政, signed, done after its deadline (12-04 24:00): closed late.
    await worker.send('/report 2号路井盖松动 类别:市政设施 地点:2号路');
    await leader.send('/ticket YS-2026-G003 受理');
    await leader.send('/ticket YS-2026-G003 派单 市政');
    await shizhengDm.send('/ticket YS-2026-G003 签收');
    h.clock.set('2026-12-07T10:00:00+08:00');
    await shizhengDm.send('/ticket YS-2026-G003 已处置 已加固');
    await leader.shouldReply('/ticket YS-2026-G003 通过 已复查', '已结案');

    const [text = ''] = await grid.send('/stats');
    const lines = text.split('\n');
    expect(lines).toContain('应办结 3 件，已办结 3 件（100%）；按期办结率 66.7%（按原定时限 66.7%）');
    // The node: 100 × (1·40 + 1·20 + 1·20)/80 = 100.
    expect(lines).toContain('1. 幸福里社区第3网格 ██████████ 100.0分');
    expect(lines).toContain('   按期 100%（原定 100%）· 办结 100% · 签收 — · 满意 100%');
    // 市政: 100 × (½·40 + 1·20 + 1·20 + 1·20)/100 = 80, − 2 for the late one = 78.
    expect(lines).toContain('2. 区市政养护所 ████████░░ 78.0分');
    expect(lines).toContain('   按期 50%（原定 50%）· 办结 100% · 签收 100% · 满意 100%');
    // 物业 only returned a ticket: shown, not ranked.
    expect(lines).toContain('· 幸福里物业公司（本期无考核数据）');
    expect(lines).toContain('🔴 红榜：幸福里社区第3网格');
    expect(lines).toContain('⚫ 黑榜：区市政养护所');
    // The street sees its whole subtree.
    await street.shouldReply('/stats', '2. 区市政养护所 ████████░░ 78.0分');
    // 基本满意 stops counting as satisfied when the setting says so (stored under stats).
    const settings = JSON.parse(
      h.store.query<{ settings: string }>("select settings from bodies where name = '幸福里社区第3网格'")[0]!
        .settings,
    ) as Record<string, unknown>;
    h.store.query(
      "update bodies set settings = ? where name = '幸福里社区第3网格' returning 1",
      JSON.stringify({ ...settings, stats: { basicallySatisfiedCounts: false } }),
    );
    await grid.shouldReply('/stats', '   按期 50%（原定 50%）· 办结 100% · 签收 100% · 满意 0%');
  });
});
