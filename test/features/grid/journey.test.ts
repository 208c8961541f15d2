import { describe, expect, it } from 'vitest';
import { deliveredSince, gridHarness, passDays, ticketRow } from './helpers.js';

describe('J8: a grid ticket from report to callback', () => {
  it('is handled in the grid, verified, closed and rated 满意', async () => {
    const { h, leader, worker, workerDm } = await gridHarness();
    await worker.shouldReply(
      '/report 5号楼楼道堆放杂物 紧急程度:一般 地点:5号楼',
      /已登记工单 YS-2026-G001：5号楼楼道堆放杂物\n紧急程度：一般｜处置时限：2026-12-03 24:00/,
    );
    await leader.shouldReply('/ticket YS-2026-G001 受理', '已受理 YS-2026-G001');
    await leader.shouldReply(
      '/ticket YS-2026-G001 自办',
      'YS-2026-G001 由本级自办，处置时限 2026-12-03 24:00',
    );
    const card = await worker.shouldReply(
      '/ticket YS-2026-G001 已处置 已清理完毕',
      '已记录 YS-2026-G001 的处置结果',
    );
    expect(card.join('\n')).toMatch(
      /【待核查】YS-2026-G001 5号楼楼道堆放杂物\n处置方：xiaoli\n处置结果：已清理完毕/,
    );
    const mark = h.adapter.delivered.length;
    await leader.press('核查通过');
    const sent = deliveredSince(h, mark).join('\n');
    expect(sent).toContain('YS-2026-G001 核查通过，已结案');
    expect(sent).toMatch(/→xiaoli: 【回访】您上报的 YS-2026-G001「5号楼楼道堆放杂物」已处置结案。/);
    await workerDm.shouldReply('/ticket YS-2026-G001 满意', '感谢评价：YS-2026-G001 满意');
    expect(ticketRow(h, 'YS-2026-G001')).toMatchObject({
      status: 'closed',
      satisfaction: 'satisfied',
      rework_count: 0,
    });
    await workerDm.shouldReply('/ticket YS-2026-G001 满意', '这张工单已经回访过了');
    const detail = (await leader.send('/ticket YS-2026-G001')).join('\n');
    expect(detail).toMatch(/状态：已结案/);
    expect(detail).toMatch(/回访：满意/);
    expect(detail).toMatch(
      /xiaoli 上报：5号楼楼道堆放杂物[\s\S]*laowang 受理[\s\S]*laowang 自办[\s\S]*xiaoli 已处置：已清理完毕[\s\S]*laowang 核查[\s\S]*xiaoli 回访/,
    );
  });

  it('is dispatched, returned, re-dispatched, overdue, escalated to the community and the street, dispatched to a co-building unit, closed, and reopened by a 不满意', async () => {
    const { h, leader, worker, workerDm, wuyeDm, shizhengDm, zhouDm, street, community, other } =
      await gridHarness();
    await worker.send('/report 3号楼路灯不亮 类别:市政设施 地点:3号楼');
    const code = 'YS-2026-G001';
    await leader.send(`/ticket ${code} 受理`);
    let mark = h.adapter.delivered.length;
    await leader.shouldReply(
      `/ticket ${code} 派单 物业`,
      `${code} 已派单给 幸福里物业公司，处置时限 2026-12-03 24:00`,
    );
    expect(deliveredSince(h, mark).join('\n')).toMatch(/→wuye: 【派单】YS-2026-G001 3号楼路灯不亮（3号楼）/);

    // 退单 by button: the reason is asked, then the leader re-dispatches.
    await wuyeDm.shouldReply(`/ticket ${code}`, '已派单');
    await wuyeDm.press('退单');
    mark = h.adapter.delivered.length;
    await wuyeDm.shouldReply(
      '路灯属市政管理，不属于物业',
      `幸福里物业公司 退单 ${code}：路灯属市政管理，不属于物业`,
    );
    expect(deliveredSince(h, mark).join('\n')).toMatch(/g:网格群: 幸福里物业公司 退单/);
    expect(ticketRow(h, code)).toMatchObject({ status: 'return_requested', return_count: 1 });
    await leader.shouldReply(`/ticket ${code} 派单 市政`, `${code} 已派单给 区市政养护所`);
    await shizhengDm.press('签收');
    expect(ticketRow(h, code)).toMatchObject({ status: 'acknowledged' });

    // Overdue: up to the community, and only there.
    mark = h.adapter.delivered.length;
    await passDays(h, 4); // 2026-12-04 09:00
    let sent = deliveredSince(h, mark).join('\n');
    expect(sent).toMatch(
      /g:社区群: 【上报】YS-2026-G001 3号楼路灯不亮\n地点：3号楼\n来自：幸福里社区第3网格｜上报时间：2026-11-30 09:00\n原因：超期未办结\n处理经过：/,
    );
    expect(sent).toMatch(/wuye 退单：路灯属市政管理，不属于物业/);
    expect(sent).toContain('g:网格群: YS-2026-G001 已上报至「幸福里社区」');
    expect(sent).not.toMatch(/g:(街道群|网格4群): 【上报】/);
    expect(ticketRow(h, code).current_node_id).toBe(2);

    // The community does not act within 2 working days: up to the street.
    mark = h.adapter.delivered.length;
    await passDays(h, 5); // 2026-12-09
    sent = deliveredSince(h, mark).join('\n');
    expect(sent).toMatch(/g:街道群: 【上报】YS-2026-G001 3号楼路灯不亮[\s\S]*来自：幸福里社区/);
    expect(sent).toContain('g:社区群: YS-2026-G001 已上报至「和平街道」');
    expect(sent).toMatch(/g:社区群: 【汇总上报】「幸福里社区」/);
    expect(ticketRow(h, code).current_node_id).toBe(1);
    expect(
      h.store.query('select from_body_id, to_body_id, reason, status from escalations order by id'),
    ).toEqual([
      { from_body_id: 3, to_body_id: 2, reason: 'overdue', status: 'resolved' },
      { from_body_id: 2, to_body_id: 1, reason: 'overdue', status: 'open' },
    ]);
    // A sibling grid cannot act on it, nor can the community once it moved up.
    await other.shouldReply(`/ticket ${code} 接办`, '只有工单所在节点的网格长或上级秘书');

    // The street dispatches it to a co-building unit of its joint meeting: also a supervised item.
    await street.press('派单');
    mark = h.adapter.delivered.length;
    await street.shouldReply(
      '二所',
      /YS-2026-G001 已派单给 区供电公司第二供电所[\s\S]*已同时列为督办事项 HP-2026-001/,
    );
    sent = deliveredSince(h, mark).join('\n');
    expect(sent).toMatch(/→zhouming: 【派单】YS-2026-G001/);
    expect(sent).toMatch(/→zhouming: 【交办通知】HP-2026-001/);
    expect(h.store.query('select status, source_type, source_ticket_id from items')).toEqual([
      { status: 'assigned', source_type: 'grid_escalation', source_ticket_id: 1 },
    ]);
    expect(h.store.query('select status from escalations where to_body_id = 1')).toEqual([
      { status: 'dispatched' },
    ]);
    await zhouDm.shouldReply(`/ticket ${code} 签收`, '区供电公司第二供电所 已签收');
    mark = h.adapter.delivered.length;
    await zhouDm.shouldReply(`/ticket ${code} 已处置 已更换灯具`, '已记录');
    expect(deliveredSince(h, mark).join('\n')).toMatch(
      /g:网格群: 【待核查】YS-2026-G001[\s\S]*处置方：区供电公司第二供电所/,
    );
    // The community is no longer on it, and verification is the grid's.
    await community.shouldReply(
      `/ticket ${code} 通过 现场已亮`,
      '只有本网格的网格员、网格长或上级秘书可以核查',
    );
    await worker.shouldReply(`/ticket ${code} 通过 现场已亮`, '核查通过，已结案');
    expect(h.store.query('select status from items')).toEqual([{ status: 'closed' }]);

    // 不满意 with a fixable reason reopens it as rework, back to the unit.
    await workerDm.press('不满意');
    mark = h.adapter.delivered.length;
    await workerDm.shouldReply(
      '晚上还是时亮时不亮',
      `${code} 回访不满意（晚上还是时亮时不亮），已重新打开返工`,
    );
    expect(deliveredSince(h, mark).join('\n')).toMatch(/→zhouming: 【返工】YS-2026-G001/);
    expect(ticketRow(h, code)).toMatchObject({
      status: 'in_progress',
      satisfaction: 'dissatisfied',
      satisfaction_reason: '晚上还是时亮时不亮',
      rework_count: 1,
      return_count: 1,
    });
    const actions = h.store
      .query<{ action: string }>("select action from audit_events where subject_type = 'ticket' order by id")
      .map((r) => r.action);
    expect(actions).toEqual([
      'ticket.report',
      'ticket.accept',
      'ticket.dispatch',
      'ticket.return',
      'ticket.dispatch',
      'ticket.acknowledge',
      'ticket.escalate',
      'ticket.escalate',
      'ticket.dispatch',
      'ticket.acknowledge',
      'ticket.respond',
      'ticket.verify',
      'ticket.callback',
    ]);
  });
});
