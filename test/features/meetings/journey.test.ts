import { describe, expect, it } from 'vitest';
import { at, boundGroup, deliveredTo, GROUP, occurrences, tickAt } from './helpers.js';

const CHAT = `g:${GROUP}`;

describe('journey: a regular joint meeting from scheduling to a moved sitting', () => {
  it('schedules, collects topics, sends the notice with last time’s open items, takes 请假, cancels and moves', async () => {
    const { h, sec } = await boundGroup();
    const { repos } = h.bot;
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    await sec.send('/unit add 幸福里社区居委会 别名:居委会');
    await sec.send('/liaison 二所 @王五');
    await sec.send('/liaison 居委会 @李四');
    const wang = h.client('王五', GROUP);
    const li = h.client('李四', GROUP);
    const zhao = h.client('赵六', GROUP);
    for (const c of [wang, li, zhao]) await c.send('/whoami');

    // 1. Schedule: the second Thursday of each month at 14:30.
    const echo = (
      await sec.send('/meeting 每月第二个周四下午2点半 街道联席会议 地点:党群服务中心三楼 主持:张三')
    ).join('\n');
    expect(echo).toContain('「街道联席会议」每月第二个周四 14:30');
    expect(echo).toContain('第1次 2026年12月10日（周四）14:30');
    expect(echo).toContain('第2次 2027年1月14日（周四）14:30');
    await sec.press('确认');

    // 2. The first sitting is held and agrees three items (recorded by the items feature).
    await tickAt(h, at('2026-12-10 14:30'));
    await sec.shouldReply('/meeting start', '▶ 会议开始：街道联席会议 第1次');
    await wang.send('建设路3处老化线路，二所牵头整改');
    await sec.send('/meeting end');
    const first = occurrences(h)[0]!;
    const [power, committee] = h.store.query<{ id: number }>('select id from units order by id');
    const item = (
      content: string,
      unitId: number,
      due: string,
      status: 'in_progress' | 'closed' | 'assigned',
      code: string,
      warning: 'none' | 'yellow' = 'none',
    ) => {
      const row = repos.items.createDraft({
        bodyId: 1,
        content,
        sourceMeetingId: first.id,
        dueDate: due,
        units: [{ unitId, role: 'lead' }],
        now: h.clock.now(),
      });
      repos.items.update(row.id, { status, code, warningLevel: warning }, h.clock.now());
    };
    item('排查建设路3处老化线路', power!.id, '2027-01-20', 'in_progress', 'YS-2026-001', 'yellow');
    item('小区充电桩选址', committee!.id, '2026-12-31', 'assigned', 'YS-2026-002');
    item('清理楼道堆物', committee!.id, '2026-12-20', 'closed', 'YS-2026-003');

    // 3. Two topics for the next sitting; the secretary accepts one.
    await wang.shouldReply(
      '/topic 建设路线路改造进展通报',
      '拟提交 街道联席会议 第2次（2027年1月14日（周四）14:30）',
    );
    await sec.press('采纳');
    await li.shouldReply('/topic 小区停车难问题', '（幸福里社区居委会）');

    // 4. The topic call and the notice of the second sitting.
    await tickAt(h, at('2027-01-07 09:00'));
    const from = h.adapter.delivered.length;
    await tickAt(h, at('2027-01-13 09:00'));
    const notice = deliveredTo(h, CHAT, from).find((t) => t.includes('📅 会议通知'))!;
    expect(notice).toContain('📅 会议通知｜街道联席会议 第2次');
    expect(notice).toContain('时间：2027年1月14日（周四）14:30');
    expect(notice).toContain('地点：党群服务中心三楼');
    expect(notice).toContain('主持：张三');
    expect(notice).toContain('1. 建设路线路改造进展通报（区供电公司第二供电所） [已采纳]');
    expect(notice).toContain('2. 小区停车难问题（幸福里社区居委会） [待定]');
    expect(notice).toContain('上次议定事项落实情况（街道联席会议 第1次（2026年12月10日（周四）14:30））：');
    expect(notice).toContain(
      '· YS-2026-001 排查建设路3处老化线路｜区供电公司第二供电所｜办理中｜2027-01-20 🟡 催办',
    );
    expect(notice).toContain('· YS-2026-002 小区充电桩选址｜幸福里社区居委会｜已交办｜2026-12-31 超期');
    expect(notice).toContain('另有 1 项已销号。');
    expect(notice).not.toContain('清理楼道堆物');

    // 5. 请假 with a reason and a substitute; the substitute is in the attendance list.
    await wang.press('请假');
    await wang.shouldReply('区里安全生产检查', '请写代会人姓名');
    await wang.shouldReply('@赵六', '代会人：赵六');
    await li.press('参会');
    await sec.shouldReply(
      '/meeting 名单',
      /街道联席会议 第2次（2027年1月14日（周四）14:30） 出席情况：\n参会（1）：李四（幸福里社区居委会）\n请假（1）：\n· 王五（区供电公司第二供电所），事由：区里安全生产检查；代会人：赵六/,
    );

    // 6. Cancel the third sitting and move the fourth.
    await sec.shouldReply(
      '/meeting cancel 2027年2月11日 春节后统一安排',
      '❌ 会议取消：街道联席会议 第3次（2027年2月11日（周四）14:30）',
    );
    await sec.shouldReply(
      '/meeting move 2027年3月11日 2027年3月12日15:00',
      '改为：街道联席会议 第3次（2027年3月12日（周五）15:00）',
    );
    const rows = occurrences(h);
    expect(rows.map((o) => [o.status, o.seq_no, o.scheduled_at])).toEqual([
      ['held', 1, at('2026-12-10 14:30')],
      ['planned', 2, at('2027-01-14 14:30')],
      ['cancelled', 3, at('2027-02-11 14:30')],
      ['planned', 3, at('2027-03-12 15:00')],
      ['planned', 4, at('2027-04-08 14:30')],
    ]);
    expect(rows[3]!.original_at).toBe(at('2027-03-11 14:30'));

    // 7. Time goes on: nothing for the cancelled sitting, the moved one's notice at its new time.
    const later = h.adapter.delivered.length;
    for (const t of ['2027-01-14 13:30', '2027-02-10 09:00', '2027-03-10 09:00', '2027-03-11 09:00'])
      await tickAt(h, at(t));
    const texts = deliveredTo(h, CHAT, later);
    expect(texts.filter((t) => t.includes('2027年2月11日'))).toEqual([]);
    const moved = texts.filter((t) => t.includes('📅 会议通知'));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toContain('时间：2027年3月12日（周五）15:00');
    expect(moved[0]).toContain('（原定 2027年3月11日（周四）14:30）');

    // Every change left an audit trail.
    const actions = h.store
      .query<{ action: string }>(
        "select action from audit_events where action like 'meeting.%' or action like 'topic.%'",
      )
      .map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'meeting.series.draft',
        'meeting.series.confirm',
        'meeting.start',
        'meeting.end',
        'topic.propose',
        'topic.accept',
        'meeting.attendance',
        'meeting.cancel',
        'meeting.move',
      ]),
    );
  });
});
