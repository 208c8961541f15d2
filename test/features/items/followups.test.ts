import { describe, expect, it } from 'vitest';
import { deliveredSince, itemsHarness } from './helpers.js';

const HOUR = 3600_000;

/** Run the scheduler every half hour until `until`, delivering as it goes; return what was sent. */
async function runUntil(env: Awaited<ReturnType<typeof itemsHarness>>, until: string): Promise<string[]> {
  const { h } = env;
  const mark = h.adapter.delivered.length;
  const end = Date.parse(until);
  while (h.clock.now() < end) {
    h.clock.advance(HOUR / 2);
    h.bot.tick(h.clock.now());
    await h.deliver();
  }
  return deliveredSince(h, mark);
}

describe('the follow-up cadence (DESIGN §4.3)', () => {
  it('reminds exactly as prescribed for an ignored item, up to red once to the secretary and the chair', async () => {
    const env = await itemsHarness('2026-11-30T09:00:00+08:00');
    const { sec, zhouDm } = env;
    await sec.send('/item 二所 排查建设路3处老化线路 12月4日前');
    await sec.press('确认交办');
    await zhouDm.send('/task HP-2026-001 签收');
    const sent = (await runUntil(env, '2026-12-20T18:00:00+08:00')).filter(
      (l) => l.includes('HP-2026-001') && !l.includes('督办周报'),
    );
    const kinds = sent.map((l) => {
      const to = l.slice(0, l.indexOf(': '));
      const kind = /【(临期提醒|今日到期|催办|超期通报|签收提醒|未签收|督办周报)】/.exec(l)?.[1] ?? '?';
      return `${to} ${kind}`;
    });
    expect(kinds).toEqual([
      '→zhouming 临期提醒',
      '→zhouming 今日到期',
      '→zhouming 催办',
      '→张三 催办',
      '→张三 超期通报',
      '→李书记 超期通报',
      'g:联席会议群 超期通报',
    ]);
    expect(env.h.store.query('select warning_level, chase_count from items')).toEqual([
      { warning_level: 'red', chase_count: 2 },
    ]);
  });

  it('reminds a liaison who has not acknowledged, then tells the secretary, and stops once acknowledged', async () => {
    const env = await itemsHarness('2026-11-30T09:00:00+08:00');
    const { sec, wangDm } = env;
    await sec.send('/item 居委会 清理楼道杂物 12月31日前');
    await sec.press('确认交办');
    const first = await runUntil(env, '2026-12-02T12:00:00+08:00');
    expect(first.filter((l) => l.includes('签收提醒') || l.includes('未签收'))).toEqual([
      expect.stringMatching(/^→wangfang: 【签收提醒】HP-2026-001/),
      expect.stringMatching(/^→wangfang: 【未签收】社区居委会 尚未签收 HP-2026-001/),
      expect.stringMatching(/^→张三: 【未签收】社区居委会 尚未签收 HP-2026-001/),
    ]);
    await wangDm.send('/task HP-2026-001 签收');
    const later = await runUntil(env, '2026-12-20T12:00:00+08:00');
    expect(later.filter((l) => l.includes('签收提醒') || l.includes('未签收'))).toEqual([]);
  });

  it('an approved extension moves the reminders to the new date; the weekly digest reaches the secretary', async () => {
    const env = await itemsHarness('2026-11-30T09:00:00+08:00');
    const { sec, zhouDm } = env;
    await sec.send('/item 二所 更换路灯 12月4日前');
    await sec.press('确认交办');
    await zhouDm.send('/task HP-2026-001 签收');
    await zhouDm.send('/task HP-2026-001 延期 12月11日 灯具到货晚');
    await sec.send('/task HP-2026-001 批准');
    const sent = await runUntil(env, '2026-12-11T18:00:00+08:00');
    const reminders = sent.filter((l) => /临期提醒|今日到期|催办/.test(l));
    expect(reminders).toEqual([
      expect.stringMatching(
        /^→zhouming: 🔵【临期提醒】HP-2026-001 更换路灯\n将于 2026年12月11日（周五） 到期/,
      ),
      expect.stringMatching(/^→zhouming: 🔵【今日到期】HP-2026-001/),
    ]);
    expect(sent.filter((l) => l.includes('督办周报'))).toEqual([
      expect.stringMatching(/^→张三: 【督办周报】和平街道联席会议（截至 2026-12-04）\n在办 1 项/),
      expect.stringMatching(/^→张三: 【督办周报】和平街道联席会议（截至 2026-12-11）/),
    ]);
  });
});

describe('/cadence: the follow-up cadence per body', () => {
  it('shows the defaults, changes a step and re-plans open items, and refuses bad input and non-secretaries', async () => {
    const env = await itemsHarness('2026-11-30T09:00:00+08:00');
    const { sec, zhouDm, h } = env;
    await sec.shouldReply(
      '/cadence',
      /提醒时间：工作日 09:00–17:30[\s\S]*临期提醒：到期前 3 个工作日[\s\S]*超期通报：超期后 5 个工作日[\s\S]*督办周报：每周五 16:00/,
    );
    await sec.send('/item 二所 更换路灯 12月11日前');
    await sec.press('确认交办');
    await zhouDm.send('/task HP-2026-001 签收');
    await sec.shouldReply('/cadence 临期 1', '临期提醒：到期前 1 个工作日');
    const sent = await runUntil(env, '2026-12-11T18:00:00+08:00');
    expect(sent.filter((l) => l.includes('临期提醒'))).toEqual([
      expect.stringMatching(/^→zhouming: 🔵【临期提醒】/),
    ]);
    expect(
      h.store.query("select fire_at from scheduled_steps where kind = 'item.due_soon' and status = 'done'"),
    ).toEqual([{ fire_at: Date.parse('2026-12-10T09:00:00+08:00') }]);
    const before = h.snapshot();
    await sec.shouldReply('/cadence 临期 九十九', '用法');
    await sec.shouldReply('/cadence 工作时间 18:00-09:00', '用法');
    await h.client('wangfang', '联席会议群').shouldReply('/cadence 催办 关', '只有秘书或召集人');
    expect(h.snapshot()).toBe(before);
  });

  it('notes the evidence files sent with a done report', async () => {
    const env = await itemsHarness();
    await env.sec.send('/item 二所 更换路灯 12月11日前');
    await env.sec.press('确认交办');
    await env.zhouDm.send('/task HP-2026-001 办结');
    await env.zhouDm.shouldReply('已全部更换，见照片', '已报告 HP-2026-001 办结', {
      files: [{ name: 'photo.jpg', data: Buffer.from('jpeg') }],
    });
    const [row] = env.h.store.query<{ evidence: string }>(
      "select evidence from feedback where intent = 'done'",
    );
    expect(JSON.parse(row!.evidence)).toEqual([{ name: 'photo.jpg', size: 4 }]);
  });
});
