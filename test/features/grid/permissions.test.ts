import { describe, expect, it } from 'vitest';
import { gridHarness, ticketRow } from './helpers.js';

const tickets = (h: { store: { query: (s: string) => unknown[] } }) =>
  JSON.stringify(h.store.query('select * from tickets order by id'));

describe('grid tickets: permissions and bad input', () => {
  it('refuses a member of another grid and changes nothing', async () => {
    const { h, worker, otherWorker, other } = await gridHarness();
    await worker.send('/report 5号楼楼道堆放杂物');
    const before = tickets(h);
    const snap = h.snapshot();
    await otherWorker.shouldReply('/ticket YS-2026-G001 受理', '只有工单所在节点的网格长或上级秘书');
    await otherWorker.shouldReply('/ticket YS-2026-G001 上报', '只有工单所在节点的网格长或上级秘书');
    await otherWorker.shouldReply(
      '/ticket YS-2026-G001 通过',
      '只有本网格的网格员、网格长或上级秘书可以核查',
    );
    await other.shouldReply('/ticket YS-2026-G001 派单 物业', '只有工单所在节点的网格长或上级秘书');
    await otherWorker.shouldReply('/ticket YS-2026-G001 满意', '只有上报人可以回访评价');
    expect(tickets(h)).toBe(before);
    expect(h.snapshot()).toBe(snap);
  });

  it('escalates 疑难 only to the parent, and the parent can send it back with guidance', async () => {
    const { h, leader, worker, community, other, grid } = await gridHarness();
    await worker.send('/report 小区围墙开裂有倒塌风险 紧急程度:紧急');
    await leader.send('/ticket YS-2026-G001 受理');
    const mark = h.adapter.delivered.length;
    await leader.shouldReply(
      '/ticket YS-2026-G001 上报 需要房管部门鉴定',
      'YS-2026-G001 已上报至「幸福里社区」',
    );
    const chats = h.adapter.delivered
      .slice(mark)
      .filter((d) => d.msg.text.startsWith('【上报】'))
      .map((d) => d.chat.chatId);
    expect(chats).toEqual(['g:社区群']);
    expect(ticketRow(h, 'YS-2026-G001')).toMatchObject({ current_node_id: 2, difficult: 1 });
    // A sibling grid's secretary is not up the chain.
    await other.shouldReply('/ticket YS-2026-G001 接办', '只有工单所在节点的网格长或上级秘书');
    await community.press('退回指导');
    const back = await community.shouldReply(
      '先拉警戒线，联系物业报修基金',
      'YS-2026-G001 已退回「幸福里社区第3网格」',
    );
    expect(back.join('\n')).toContain('指导意见：先拉警戒线');
    expect(ticketRow(h, 'YS-2026-G001')).toMatchObject({ current_node_id: 3, status: 'accepted' });
    await grid.shouldReply(
      '/tickets',
      /「幸福里社区第3网格」工单（未结案）[\s\S]*YS-2026-G001 小区围墙开裂有倒塌风险｜已受理｜.* 疑难/,
    );
  });

  it('answers bad input with the usage and changes nothing', async () => {
    const { h, worker, leader, grid } = await gridHarness();
    const before = h.count('tickets');
    await worker.shouldReply('/report', ['请写明要上报的问题。\n\n用法：\n/report <问题描述>']);
    await worker.shouldReply('/report 水管漏水 紧急程度:很急', '紧急程度「很急」不对');
    await worker.shouldReply(`/report ${'长'.repeat(501)}`, '问题描述太长了');
    await worker.shouldReply('/ticket', '用法：\n/ticket <编号>');
    await worker.shouldReply('/ticket YS-2026-G999 受理', '没有找到工单 YS-2026-G999');
    await grid.shouldReply('/grid 时限 紧急:很快', '看不懂时限「紧急:很快」');
    await grid.shouldReply('/tickets 乱写', '用法：\n/tickets');
    expect(h.count('tickets')).toBe(before);
    await worker.send('/report 水管漏水');
    await leader.shouldReply('/ticket YS-2026-G001 飞走', '用法：');
    await leader.shouldReply(
      '/ticket YS-2026-G001 挂账 明年 资金',
      '请写成：挂账 <复查日期 YYYY-MM-DD> <原因>',
    );
    await leader.shouldReply('/ticket YS-2026-G001 签收', '工单当前状态不能这样处理');
    expect(ticketRow(h, 'YS-2026-G001')).toMatchObject({ status: 'reported' });
  });

  it('flags a near-duplicate report and merges it', async () => {
    const { h, worker, leader } = await gridHarness();
    await worker.send('/report 5号楼楼道堆放杂物 地点:5号楼');
    h.clock.advance(3600_000);
    await leader.shouldReply(
      '/report 5号楼楼道里堆放了杂物 地点:5号楼',
      '与 YS-2026-G001「5号楼楼道堆放杂物」疑似重复',
    );
    await leader.press('合并到 YS-2026-G001');
    expect(ticketRow(h, 'YS-2026-G002')).toMatchObject({ status: 'rejected', merged_into_id: 1 });
  });

  it('shows the tree around a node and sets time limits', async () => {
    const { community, grid } = await gridHarness();
    const tree = (await community.send('/grid')).join('\n');
    expect(tree).toMatch(
      /街道｜和平街道（1 个群）\n {2}└ 社区｜幸福里社区 ◀ 本群（1 个群）\n {4}└ 网格｜幸福里社区第3网格（网格长 laowang · 网格员 xiaoli · 1 个群）\n {4}└ 网格｜幸福里社区第4网格/,
    );
    await grid.shouldReply(
      '/grid 时限 一般:5个工作日 投诉:10个工作日',
      '已更新「幸福里社区第3网格」的办理时限',
    );
    const limits = (await grid.send('/grid 时限')).join('\n');
    expect(limits).toContain('· 一般：5 个工作日');
    expect(limits).toContain('· 投诉：10 个工作日');
    expect(limits).toContain('· 特急：2 小时');
  });
});
