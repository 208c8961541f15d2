import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatClient } from '../../support/fake-chat.js';
import { fixedClock } from '../../support/fake-clock.js';
import { at, boundGroup, GROUP, meetingSnapshot, occurrences, series } from './helpers.js';

// The fixed clock: Monday 2026-11-30 09:00 in Shanghai.

describe('J3 /meeting: the phrases of the issue, end to end (echo → 确认 → sittings as rows)', () => {
  it.each<[string, string[]]>([
    ['每周一9点', ['2026-12-07 09:00', '2026-12-14 09:00', '2026-12-21 09:00']],
    ['每周一、四上午九点半', ['2026-11-30 09:30', '2026-12-03 09:30', '2026-12-07 09:30']],
    ['每月5日14:30', ['2026-12-05 14:30', '2027-01-05 14:30', '2027-02-05 14:30']],
    ['每月最后一个周五下午三点', ['2026-12-25 15:00', '2027-01-29 15:00', '2027-02-26 15:00']],
    ['每季度第一个月15日', ['2027-01-15 09:00', '2027-04-15 09:00', '2027-07-15 09:00']],
    ['每两周周三', ['2026-12-02 09:00', '2026-12-16 09:00', '2026-12-30 09:00']],
    ['从12月9日起每两周周三', ['2026-12-09 09:00', '2026-12-23 09:00', '2027-01-06 09:00']],
    ['工作日每天8:30', ['2026-12-01 08:30', '2026-12-02 08:30', '2026-12-03 08:30']],
    ['12月10日15:00', ['2026-12-10 15:00']],
    ['下周三下午两点', ['2026-12-09 14:00']],
    ['0 9 * * 1', ['2026-12-07 09:00', '2026-12-14 09:00', '2026-12-21 09:00']],
  ])('%s', async (phrase, expected) => {
    const { h, sec } = await boundGroup();
    const echo = (await sec.shouldReply(`/meeting ${phrase} 街道联席会议`, '我理解的安排如下')).join('\n');
    // The echo shows each sitting with date, weekday and time.
    for (const local of expected) {
      const [date, time] = local.split(' ') as [string, string];
      const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
      expect(echo).toMatch(new RegExp(`${y}年${mo}月${d}日（周.）${time}`));
    }
    expect(series(h)[0]).toMatchObject({ status: 'draft' });
    expect(occurrences(h)).toHaveLength(0);

    const confirmed = (await sec.press('确认')).join('\n');
    expect(confirmed).toContain('✅ 已安排「街道联席会议」');
    expect(series(h)[0]).toMatchObject({ status: 'active' });
    const planned = occurrences(h).filter((o) => o.status === 'planned');
    expect(planned.slice(0, expected.length).map((o) => o.scheduled_at)).toEqual(expected.map(at));
    if (expected.length > 1) expect(planned.slice(0, 3).map((o) => o.seq_no)).toEqual([1, 2, 3]);
    // The reminders are rows with fire times; none of them is in the past.
    const steps = h.store.query<{ fire_at: number; stale_at: number }>(
      "select * from scheduled_steps where kind like 'meeting.%' and kind != 'meeting.roll'",
    );
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(s.fire_at).toBeGreaterThan(at('2026-11-30 09:00'));
  });

  it('shows a one-off meeting once, without numbering, and says when the time was assumed', async () => {
    const { sec } = await boundGroup();
    const one = (await sec.send('/meeting 12月10日15:00 专题会')).join('\n');
    expect(one).toContain('「专题会」2026年12月10日（周四）15:00');
    expect(one).not.toContain('第1次');
    const quarterly = (await sec.send('/meeting 每季度第一个月15日 季度联席会议')).join('\n');
    expect(quarterly).toContain('没写时间，暂按 09:00');
    expect(quarterly).toContain('（1、4、7、10月）');
    const biweekly = (await sec.send('/meeting 每两周周三 双周例会')).join('\n');
    expect(biweekly).toContain('隔周从本周算起');
  });
});

describe('J3 /meeting: variants', () => {
  let sec: ChatClient;
  beforeAll(async () => {
    ({ sec } = await boundGroup());
  });

  // [phrase, the rule as echoed, the first sitting as echoed]
  it.each<[string, string, string]>([
    ['每周二下午3点 党建例会', '「党建例会」每周二 15:00', '第1次 2026年12月1日（周二）15:00'],
    ['每周五 14:00 周例会', '「周例会」每周五 14:00', '第1次 2026年12月4日（周五）14:00'],
    ['每週三 9點', '每周三 09:00', '第1次 2026年12月2日（周三）09:00'],
    ['周一至周五每天早上8点', '每周一至周五 08:00', '第1次 2026年12月1日（周二）08:00'],
    ['每个工作日上午9点', '工作日每天 09:00', '第1次 2026年12月1日（周二）09:00'],
    ['每天早上8点', '每天 08:00', '第1次 2026年12月1日（周二）08:00'],
    ['每日 7:45', '每天 07:45', '第1次 2026年12月1日（周二）07:45'],
    ['每月1号上午10点', '每月1日 10:00', '第1次 2026年12月1日（周二）10:00'],
    ['每月15日下午2点半', '每月15日 14:30', '第1次 2026年12月15日（周二）14:30'],
    ['每月最后一天 16:00', '每月最后一天 16:00', '第1次 2026年11月30日（周一）16:00'],
    ['每月第二个周二 14:30', '每月第二个周二 14:30', '第1次 2026年12月8日（周二）14:30'],
    ['每月第一个周一上午9点', '每月第一个周一 09:00', '第1次 2026年12月7日（周一）09:00'],
    ['每月最后一个周三下午4点', '每月最后一个周三 16:00', '第1次 2026年12月30日（周三）16:00'],
    ['每季度第三个月第三个周二 14:30', '每季度第三个月第三个周二 14:30', '第1次 2026年12月15日（周二）14:30'],
    ['每季度第二个月最后一天 16:00', '每季度第二个月最后一天 16:00', '第1次 2026年11月30日（周一）16:00'],
    ['每季度第一个月15日 10点', '每季度第一个月15日 10:00', '第1次 2027年1月15日（周五）10:00'],
    ['隔周周三下午', '每两周周三 14:00', '第1次 2026年12月2日（周三）14:00'],
    ['每隔一周周五 10:00', '每两周周五 10:00', '第1次 2026年12月4日（周五）10:00'],
    ['每3周周一 9点', '每三周周一 09:00', '第1次 2026年12月21日（周一）09:00'],
    ['每两周一次周四', '每两周周四 09:00', '第1次 2026年12月3日（周四）09:00'],
    [
      '从12月14日起每两周周一上午10点',
      '每两周周一 10:00（自2026年12月14日起）',
      '第1次 2026年12月14日（周一）10:00',
    ],
    ['每周一、三、五 8:30', '每周一、周三、周五 08:30', '第1次 2026年12月2日（周三）08:30'],
    ['每周二和周四下午三点半', '每周二、周四 15:30', '第1次 2026年12月1日（周二）15:30'],
    ['every Monday 9am', '每周一 09:00', '第1次 2026年12月7日（周一）09:00'],
    ['Every Tuesday and Thursday at 3:30 pm', '每周二、周四 15:30', '第1次 2026年12月1日（周二）15:30'],
    ['every other Friday at noon', '每两周周五 12:00', '第1次 2026年12月4日（周五）12:00'],
    ['monthly on the 5th at 14:30', '每月5日 14:30', '第1次 2026年12月5日（周六）14:30 ⚠ 周末'],
    [
      'on the last Friday of every month at 4pm',
      '每月最后一个周五 16:00',
      '第1次 2026年12月25日（周五）16:00',
    ],
    ['every weekday 8:30am', '工作日每天 08:30', '第1次 2026年12月1日（周二）08:30'],
    ['daily at 7:00', '每天 07:00', '第1次 2026年12月1日（周二）07:00'],
    [
      'quarterly on the 15th of the first month 10am',
      '每季度第一个月15日 10:00',
      '第1次 2027年1月15日（周五）10:00',
    ],
    ['30 14 5 * *', '定时规则（cron）30 14 5 * *', '第1次 2026年12月5日（周六）14:30 ⚠ 周末'],
    ['cron: 0 9 * * mon-fri', '定时规则（cron）0 9 * * MON-FRI', '第1次 2026年12月1日（周二）09:00'],
    ['明天上午10点 临时会', '「临时会」2026年12月1日（周二）10:00', '2026年12月1日（周二）10:00'],
    ['后天 14:00', '2026年12月2日（周三）14:00', '2026年12月2日（周三）14:00'],
    [
      '12月31日上午9点 年终总结会',
      '「年终总结会」2026年12月31日（周四）09:00',
      '2026年12月31日（周四）09:00',
    ],
    ['2026-12-18 15:00', '2026年12月18日（周五）15:00', '2026年12月18日（周五）15:00'],
    ['十二月十日 下午三点', '2026年12月10日（周四）15:00', '2026年12月10日（周四）15:00'],
    ['下下周一 9:30', '2026年12月14日（周一）09:30', '2026年12月14日（周一）09:30'],
    ['周三下午两点', '2026年12月2日（周三）14:00', '2026年12月2日（周三）14:00'],
    ['tomorrow at 3pm', '2026年12月1日（周二）15:00', '2026年12月1日（周二）15:00'],
    ['next Wednesday 2pm', '2026年12月9日（周三）14:00', '2026年12月9日（周三）14:00'],
    ['Dec 10 3pm', '2026年12月10日（周四）15:00', '2026年12月10日（周四）15:00'],
    ['下个月5号上午9点', '2026年12月5日（周六）09:00', '2026年12月5日（周六）09:00 ⚠ 周末'],
  ])('%s', async (phrase, rule, first) => {
    const echo = (await sec.shouldReply(`/meeting ${phrase}`, '我理解的安排如下')).join('\n');
    expect(echo).toContain(rule);
    expect(echo.split('\n')).toContain(first);
  });

  it('reads place, online link, chair and first number from the options', async () => {
    const echo = (
      await sec.send(
        '/meeting 每月5日 14:30 街道联席会议 地点:党群服务中心三楼 线上:https://meeting.tencent.com/abc 主持:李四 序号:7',
      )
    ).join('\n');
    expect(echo).toContain('「街道联席会议」每月5日 14:30');
    expect(echo).toContain('地点：党群服务中心三楼');
    expect(echo).toContain('线上：https://meeting.tencent.com/abc');
    expect(echo).toContain('主持：李四');
    expect(echo).toContain('第7次 2026年12月5日（周六）14:30');
    expect(echo).toContain('编号从第7次开始');
  });
});

describe('J3 holidays: warnings and 顺延', () => {
  /** Tuesday 2026-09-15: the next 1st of the month is 国庆节. */
  const september = () => boundGroup({ clock: fixedClock('2026-09-15T10:00:00+08:00') });

  it('warns about a statutory holiday and moves such sittings to the next working day when asked', async () => {
    const { h, sec } = await september();
    const echo = (await sec.send('/meeting 每月1日上午10点 月度例会')).join('\n');
    expect(echo).toContain('第1次 2026年10月1日（周四）10:00 ⚠ 国庆节');
    expect(echo).toContain('第2次 2026年11月1日（周日）10:00 ⚠ 周末');
    expect(echo).toContain('⚠ 有会议落在节假日或周末');
    const moved = (await sec.press('遇节假日顺延')).join('\n');
    expect(moved).toContain('遇节假日：顺延到下一个工作日');
    expect(moved).toContain(
      '第1次 2026年10月8日（周四）10:00 ⚠ 国庆节（原定 2026年10月1日（周四）10:00，顺延）',
    );
    expect(moved).toContain(
      '第2次 2026年11月2日（周一）10:00 ⚠ 周末（原定 2026年11月1日（周日）10:00，顺延）',
    );
    expect(moved).toContain('第3次 2026年12月1日（周二）10:00');
    expect(series(h)[0]).toMatchObject({ holiday_policy: 'next_workday', status: 'draft' });

    await sec.press('确认');
    const rows = occurrences(h);
    expect(rows.slice(0, 3).map((o) => [o.original_at, o.scheduled_at])).toEqual([
      [at('2026-10-01 10:00'), at('2026-10-08 10:00')],
      [at('2026-11-01 10:00'), at('2026-11-02 10:00')],
      [at('2026-12-01 10:00'), at('2026-12-01 10:00')],
    ]);
    // The notice of the moved sitting goes out the working day before the new date.
    const notice = h.store.query<{ fire_at: number }>(
      "select fire_at from scheduled_steps where kind = 'meeting.notice' and subject_id = ?",
      rows[0]!.id,
    );
    expect(notice.map((s) => s.fire_at)).toEqual([at('2026-09-30 09:00')]);
  });

  it('takes 顺延 in the command, and can switch it off for an active series', async () => {
    const { h, sec } = await september();
    const option = (await sec.send('/meeting 每月1日上午10点 月度例会 节假日:顺延')).join('\n');
    expect(option).toContain('第1次 2026年10月8日（周四）10:00');
    const attached = (await sec.send('/meeting 每月1日上午10点 月度例会，遇节假日顺延')).join('\n');
    expect(attached).toContain('「月度例会」每月1日 10:00');
    expect(attached).toContain('遇节假日：顺延到下一个工作日');
    const echo = (await sec.send('/meeting 每月1日上午10点 月度例会 顺延')).join('\n');
    expect(echo).toContain('第1次 2026年10月8日（周四）10:00');
    expect(echo).toContain('遇节假日：顺延到下一个工作日');
    await sec.press('确认');
    await sec.shouldReply(
      '/meeting 顺延 关',
      /已将「月度例会」改为「遇节假日：照常举行」。调整了 2 次会议的日期/,
    );
    expect(
      occurrences(h)
        .slice(0, 2)
        .map((o) => o.scheduled_at),
    ).toEqual([at('2026-10-01 10:00'), at('2026-11-01 10:00')]);
    await sec.shouldReply('/meeting 顺延 开', '调整了 2 次会议的日期');
    expect(occurrences(h)[0]!.scheduled_at).toBe(at('2026-10-08 10:00'));
    await sec.shouldReply('/meeting 顺延 开', '已经是「遇节假日：顺延到下一个工作日」');
  });

  it('only warns for a one-off on a rest day (it is never moved)', async () => {
    const { sec } = await september();
    const echo = (await sec.send('/meeting 10月3日上午9点 国庆值班会')).join('\n');
    expect(echo).toContain('2026年10月3日（周六）09:00 ⚠ 国庆节');
    expect(echo).toContain('⚠ 这天是休息日，确认要在这天开会吗？');
    const last = sec;
    await expect(last.press('遇节假日顺延')).rejects.toThrow(/no button/);
  });

  it('says when a year has no holiday data yet, and uses an admin override once there is one', async () => {
    const { h, sec } = await boundGroup({ admins: ['张三'] });
    const before = (await sec.send('/meeting 每月1日上午10点 月度例会')).join('\n');
    expect(before).toContain('⚠ 2027 年尚无节假日数据');
    expect(before).not.toContain('元旦');
    await sec.send('/holiday add 2027-01-01 休 元旦');
    const after = (await sec.send('/meeting 每月1日上午10点 月度例会')).join('\n');
    expect(after).toContain('第2次 2027年1月1日（周五）10:00 ⚠ 元旦');
    expect(h.count('meeting_series')).toBe(2);
  });
});

describe('J3 editing, permissions and language', () => {
  it('修改 asks for the phrase again and replaces the draft', async () => {
    const { h, sec } = await boundGroup();
    await sec.send('/meeting 每月5日14:30 街道联席会议');
    await sec.shouldReply('/meeting 每月6日14:30 街道联席会议', '「街道联席会议」每月6日 14:30');
    await sec.press('修改');
    const echo = (await sec.send('每月第二个周二下午三点 街道联席会议 地点:党群服务中心')).join('\n');
    expect(echo).toContain('「街道联席会议」每月第二个周二 15:00');
    expect(echo).toContain('地点：党群服务中心');
    expect(h.count('meeting_series')).toBe(2);
    await sec.press('确认');
    const active = series(h).filter((s) => s.status === 'active');
    expect(active).toHaveLength(1);
    expect(JSON.parse(active[0]!.rule)).toMatchObject({
      kind: 'monthly_weekday',
      nth: 2,
      weekday: 2,
      time: '15:00',
    });
    expect(occurrences(h)[0]!.scheduled_at).toBe(at('2026-12-08 15:00'));
    await sec.press('确认');
    expect(h.count('meetings')).toBe(occurrences(h).length);
  });

  it('pressing 确认 twice schedules once', async () => {
    const { h, sec } = await boundGroup();
    await sec.send('/meeting 每周一9点 周例会');
    await sec.press('确认');
    const n = h.count('meetings');
    const steps = h.count('scheduled_steps');
    await sec.shouldReply('/meeting confirm #1', '已经确认过了');
    expect(h.count('meetings')).toBe(n);
    expect(h.count('scheduled_steps')).toBe(steps);
  });

  it('lets only the secretary or the chair schedule; members are refused and nothing changes', async () => {
    const { h, sec } = await boundGroup();
    const li = h.client('李四', GROUP);
    await li.send('/whoami');
    const before = meetingSnapshot(h);
    await li.shouldReply('/meeting 每周一9点 周例会', '只有秘书或召集人可以安排会议。');
    expect(meetingSnapshot(h)).toBe(before);
    await sec.send('/meeting 每周一9点 周例会');
    await li.shouldReply('/meeting confirm #1', '只有秘书或召集人可以安排会议。');
    expect(series(h)[0]!.status).toBe('draft');
    await sec.send('/role @李四 召集人');
    await li.shouldReply('/meeting confirm #1', '✅ 已安排「周例会」');
    // A chair is the default chair of what is scheduled next.
    await sec.shouldReply('/meeting 每月5日14:30 街道联席会议', '主持：李四');
  });

  it('speaks English in an English chat', async () => {
    const { sec } = await boundGroup({ language: 'en' });
    const echo = (await sec.send('/meeting every Monday 9am Weekly meeting place:Townhall')).join('\n');
    expect(echo).toContain('"Weekly meeting" Every Monday 09:00');
    expect(echo).toContain('Place: Townhall');
    expect(echo).toContain('#1 Mon 7 Dec 2026 09:00');
    const done = (await sec.press('Confirm')).join('\n');
    expect(done).toContain('✅ Scheduled "Weekly meeting"');
    await sec.shouldReply('/meeting 每月32日', 'There is no such day: "32日".');
  });
});
