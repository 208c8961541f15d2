import { describe, expect, it } from 'vitest';
import {
  at,
  boundGroup,
  deliveredTo,
  GROUP,
  occurrences,
  schedule,
  series,
  steps,
  tickAt,
} from './helpers.js';

const CHAT = `g:${GROUP}`;

async function monthly() {
  const s = await boundGroup();
  await schedule(s.sec, '每月10日14:30 街道联席会议 地点:党群服务中心三楼');
  return s;
}

const pendingOf = (h: Awaited<ReturnType<typeof boundGroup>>['h'], id: number) =>
  steps(h)
    .filter((s) => s.subject_id === id && s.status === 'pending' && s.kind !== 'meeting.roll')
    .map((s) => [s.kind, s.fire_at]);

describe('/meeting list and next', () => {
  it('lists the series with their next sittings, and shows the next one in full', async () => {
    const { h, sec } = await monthly();
    await sec.send('/meeting 12月18日上午9点 专题会');
    await sec.press('确认');
    await sec.shouldReply(
      '/meeting list',
      /1\. 街道联席会议 — 每月10日 14:30\n {3}地点：党群服务中心三楼\n {3}接下来：第1次 2026年12月10日（周四）14:30；第2次 2027年1月10日（周日）14:30 ⚠ 周末；第3次 2027年2月10日（周三）14:30\n2\. 专题会 — 2026年12月18日（周五）09:00\n {3}接下来：2026年12月18日（周五）09:00/,
    );
    const next = (await sec.send('/meeting next')).join('\n');
    expect(next).toContain('📅 下次会议｜街道联席会议 第1次');
    expect(next).toContain('还没有人回复。');
    await h.client('李四', GROUP).press('参会');
    await sec.shouldReply('/meeting', /街道联席会议 — 每月10日 14:30/);
    await sec.shouldReply('/meeting next', '参会（1）：李四');
  });

  it('drops a one-off from the list once it has happened', async () => {
    const { h, sec } = await monthly();
    await schedule(sec, '12月1日上午9点 专题会');
    await sec.shouldReply('/meeting list', '2. 专题会 — 2026年12月1日（周二）09:00');
    h.clock.set(at('2026-12-03 09:00'));
    const text = (await sec.send('/meeting list')).join('\n');
    expect(text).toContain('1. 街道联席会议');
    expect(text).not.toContain('专题会');
    // With one live series left, commands need not ask which.
    await sec.shouldReply('/meeting remind', '「街道联席会议」的提醒');
  });

  it('says when nothing is scheduled', async () => {
    const { sec } = await boundGroup();
    await sec.shouldReply('/meeting list', '还没有安排会议。');
    await sec.shouldReply('/meeting next', '近期没有安排会议。');
    await sec.shouldReply('/meeting stop', '本群还没有安排会议。');
    await sec.shouldReply('/meeting ics', '本群还没有安排会议。');
  });
});

describe('/meeting cancel <date>', () => {
  it('cancels one sitting, its reminders and tells every chat; the window stays three ahead', async () => {
    const { h, sec } = await monthly();
    const leaders = h.client('张三', '领导群');
    await leaders.send('/setup 联席会议 和平街道联席会议');
    await h.client('王五', GROUP).send('/topic 路灯维修');
    const first = occurrences(h)[0]!;
    const from = h.adapter.delivered.length;
    await sec.shouldReply(
      '/meeting cancel 12月10日 区里统一安排学习',
      '❌ 会议取消：街道联席会议 第1次（2026年12月10日（周四）14:30）\n原因：区里统一安排学习\n原定的 1 项议题转入 街道联席会议 第1次（2027年1月10日（周日）14:30）。',
    );
    expect(deliveredTo(h, 'g:领导群', from).some((t) => t.includes('❌ 会议取消'))).toBe(true);
    const rows = occurrences(h);
    expect(rows[0]).toMatchObject({ id: first.id, status: 'cancelled', cancel_reason: '区里统一安排学习' });
    expect(pendingOf(h, first.id)).toEqual([]);
    expect(rows.filter((o) => o.status === 'planned').map((o) => [o.seq_no, o.scheduled_at])).toEqual([
      [1, at('2027-01-10 14:30')],
      [2, at('2027-02-10 14:30')],
      [3, at('2027-03-10 14:30')],
    ]);
    // Nothing is sent for the cancelled sitting.
    const before = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-10 13:30'));
    expect(deliveredTo(h, CHAT, before).filter((t) => t.includes('2026年12月10日'))).toEqual([]);
    await sec.shouldReply('/meeting list', '第1次 2026年12月10日（周四）14:30（已取消）');
    const audit = h.store.query<{ action: string; reason: string }>(
      "select action, reason from audit_events where action = 'meeting.cancel'",
    );
    expect(audit).toEqual([{ action: 'meeting.cancel', reason: '区里统一安排学习' }]);
  });

  it('asks which one when two meetings share the day, and refuses past or unknown dates', async () => {
    const { h, sec } = await monthly();
    await sec.send('/meeting 12月10日上午9点 专题会');
    await sec.press('确认');
    await sec.shouldReply('/meeting cancel 12月10日', '这天有多场会议，请选择');
    await sec.press('专题会 09:00');
    expect(occurrences(h).find((o) => o.title === '专题会')!.status).toBe('cancelled');
    expect(occurrences(h).find((o) => o.title === '街道联席会议')!.status).toBe('planned');
    await sec.shouldReply('/meeting cancel 12月11日', '2026年12月11日（周五） 没有安排会议。');
    await sec.shouldReply('/meeting cancel 下下下周八', /「下下下周八」不是日期[\s\S]*用法/);
    await sec.shouldReply('/meeting cancel', /请写出会议日期[\s\S]*用法/);
    h.clock.set(at('2026-12-10 15:00'));
    await sec.shouldReply('/meeting cancel #1', '这次会议已经开始或已过去，不能再取消或改期。');
  });
});

describe('/meeting move <date> <new time>', () => {
  it('moves one sitting, keeps its original instant, re-plans its reminders and tells the group', async () => {
    const { h, sec } = await monthly();
    const first = occurrences(h)[0]!;
    await sec.shouldReply(
      '/meeting move 12月10日 12月11日15:00',
      '🔁 会议改期：街道联席会议 第1次（2026年12月10日（周四）14:30）\n改为：街道联席会议 第1次（2026年12月11日（周五）15:00）',
    );
    const moved = occurrences(h)[0]!;
    expect(moved).toMatchObject({
      id: first.id,
      original_at: at('2026-12-10 14:30'),
      scheduled_at: at('2026-12-11 15:00'),
    });
    expect(pendingOf(h, first.id)).toEqual([
      ['meeting.topic_call', at('2026-12-04 09:00')],
      ['meeting.notice', at('2026-12-10 09:00')],
      ['meeting.reminder', at('2026-12-11 14:00')],
    ]);
    // The old instants send nothing; the new ones do.
    const from = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-09 09:00'));
    expect(deliveredTo(h, CHAT, from).filter((t) => t.includes('会议通知'))).toHaveLength(0);
    await tickAt(h, at('2026-12-10 09:00'));
    const notice = deliveredTo(h, CHAT, from).find((t) => t.includes('会议通知'))!;
    expect(notice).toContain('时间：2026年12月11日（周五）15:00');
    expect(notice).toContain('（原定 2026年12月10日（周四）14:30）');
    // The rule never generates the original instant again.
    await tickAt(h, at('2026-12-11 15:00'));
    expect(occurrences(h).filter((o) => o.original_at === at('2026-12-10 14:30'))).toHaveLength(1);
  });

  it('takes a new time alone (same day), warns about a rest day, and refuses bad or past times', async () => {
    const { h, sec } = await monthly();
    await sec.shouldReply(
      '/meeting move 12月10日 16:00',
      '改为：街道联席会议 第1次（2026年12月10日（周四）16:00）',
    );
    await sec.shouldReply(
      '/meeting move 12月10日 12月11日',
      '改为：街道联席会议 第1次（2026年12月11日（周五）16:00）',
    );
    await sec.shouldReply('/meeting move 12月11日 改到 12月12日上午9点', '⚠ 这天是休息日（周末），请确认。');
    expect(occurrences(h)[0]!.scheduled_at).toBe(at('2026-12-12 09:00'));
    const before = JSON.stringify(occurrences(h));
    await sec.shouldReply('/meeting move 12月12日 25点', /时间「25点」不对[\s\S]*用法/);
    await sec.shouldReply(
      '/meeting move 12月12日 2026年11月1日10:00',
      '2026年11月1日（周日）10:00 已经过去了',
    );
    await sec.shouldReply('/meeting move 12月12日', /请写出原日期和新时间/);
    await sec.shouldReply('/meeting move 12月12日 每周一9点', '不是一个具体时间');
    await sec.shouldReply('/meeting move 12月12日 2027年1月10日14:30', '新时间与 街道联席会议 第2次');
    await h
      .client('李四', GROUP)
      .shouldReply('/meeting move 12月12日 12月13日', '只有秘书或召集人可以安排会议。');
    expect(JSON.stringify(occurrences(h))).toBe(before);
  });

  it('renumbers when a sitting moves past the next one', async () => {
    const { h, sec } = await monthly();
    await sec.send('/meeting move 12月10日 2027年1月12日14:30');
    const planned = occurrences(h).filter((o) => o.status === 'planned');
    expect(planned.map((o) => [o.seq_no, o.scheduled_at])).toEqual([
      [1, at('2027-01-10 14:30')],
      [2, at('2027-01-12 14:30')],
      [3, at('2027-02-10 14:30')],
    ]);
  });
});

describe('/meeting stop and /meeting ics', () => {
  it('stops a series after a confirmation; its future sittings and reminders are cancelled', async () => {
    const { h, sec } = await monthly();
    await sec.shouldReply('/meeting stop', '确定停止「街道联席会议」吗？以后已排定的 3 次会议将一并取消。');
    expect(series(h)[0]!.status).toBe('active');
    await sec.shouldReply('/meeting stop', '确定停止');
    const done = (await sec.press('确认停止')).join('\n');
    expect(done).toContain('⏹ 已停止「街道联席会议」，取消了以后的 3 次会议。');
    expect(series(h)[0]!.status).toBe('stopped');
    expect(occurrences(h).every((o) => o.status === 'cancelled')).toBe(true);
    expect(steps(h).filter((s) => s.status === 'pending' && s.kind !== 'meeting.roll')).toEqual([]);
    const from = h.adapter.delivered.length;
    await tickAt(h, at('2026-12-11 00:00'));
    expect(deliveredTo(h, CHAT, from)).toEqual([]);
    expect(occurrences(h)).toHaveLength(3);
    await sec.shouldReply('/meeting list', '还没有安排会议。');
  });

  it('asks which series when there are several', async () => {
    const { h, sec } = await monthly();
    await schedule(sec, '每周一9点 周例会');
    await sec.shouldReply('/meeting ics', '要操作哪个会议？');
    const replies = await sec.press('周例会');
    expect(replies.join('\n')).toContain('「周例会」的日历文件');
    const file =
      h.adapter.delivered.at(-2)!.msg.file ?? h.adapter.delivered.find((d) => d.msg.file)!.msg.file!;
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain(
      'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;WKST=MO',
    );
  });

  it('sends an .ics with TZID Asia/Shanghai, the RRULE, and the cancelled and moved sittings', async () => {
    const { h, sec } = await monthly();
    await sec.send('/meeting cancel 2027年1月10日');
    await sec.send('/meeting move 2027年2月10日 2027年2月11日14:30');
    const replies = await sec.send('/meeting ics');
    expect(replies.join('\n')).toContain('「街道联席会议」的日历文件（.ics）');
    const sent = h.adapter.delivered.find((d) => d.msg.file)!;
    expect(sent.msg.file).toMatchObject({ name: '街道联席会议.ics', mime: 'text/calendar' });
    const ics = Buffer.from(sent.msg.file!.base64, 'base64').toString('utf8');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai');
    expect(ics).toContain('DTSTART;TZID=Asia/Shanghai:20261210T143000');
    expect(ics).toContain('DTEND;TZID=Asia/Shanghai:20261210T153000');
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYMONTHDAY=10');
    expect(ics).toContain('EXDATE;TZID=Asia/Shanghai:20270110T143000');
    expect(ics).toContain('EXDATE;TZID=Asia/Shanghai:20270210T143000');
    expect(ics).toContain('RDATE;TZID=Asia/Shanghai:20270211T143000');
    expect(ics).toContain('LOCATION:党群服务中心三楼');
  });

  it('writes a one-off meeting without an RRULE', async () => {
    const { h, sec } = await boundGroup();
    await schedule(sec, '12月10日15:00 专题会');
    await sec.send('/meeting ics');
    const ics = Buffer.from(
      h.adapter.delivered.find((d) => d.msg.file)!.msg.file!.base64,
      'base64',
    ).toString();
    expect(ics).toContain('DTSTART;TZID=Asia/Shanghai:20261210T150000');
    expect(ics).not.toContain('RRULE');
  });
});
