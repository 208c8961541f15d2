/**
 * Statistics, the bulletin and star ratings through the real bot, on a fixture month (November 2026)
 * played with real commands. Expected figures are worked out by hand in the comments.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzip } from '../../support/unzip.js';
import { deliveredSince, itemsHarness } from '../items/helpers.js';

type Env = Awaited<ReturnType<typeof itemsHarness>>;

/**
 * November 2026:
 * - HP-2026-001 二所, due 11-10, signed at once, done 11-09, verified: on time. Handling 5 working days.
 * - HP-2026-002 居委会, due 11-13, extension asked 11-12 and approved to 11-20; done 11-19, sent back,
 *   done again the same day, verified: on time against the approved date, late against the original,
 *   reworked once. Handling 13 working days.
 * - HP-2026-003 城管 (no liaison), due 11-06, never signed for nor done: overdue 16 working days at 11-30.
 * - HP-2026-004 二所, cancelled the day it was assigned: counts nowhere.
 * - HP-2026-005 二所, due 11-16; the extension asked on 11-18 is refused as late, the secretary then
 *   edits the date to 11-25 (after the deadline, so it does not count); done 11-24, verified: closed late.
 *   Handling 16 working days.
 * Scores: 居委会 100 − 2 (rework) = 98 ★★★★★; 二所 100 × (½·40 + 1·20 + 1·20)/80 = 75 − 2 (late) = 73 ★★★;
 * 城管 0 ★.
 */
async function fixtureMonth(): Promise<Env> {
  const env = await itemsHarness('2026-11-02T09:00:00+08:00');
  const { h, sec, zhouDm, wangDm } = env;
  const record = async (text: string) => {
    await sec.send(text);
    await sec.press('确认交办');
  };
  await record('/item 二所 排查建设路老化线路 11月10日前');
  await record('/item 居委会 清理楼道杂物 11月13日前');
  await record('/item 城管 整治占道经营 11月6日前');
  await record('/item 二所 更换路灯 11月20日前');
  await record('/item 二所 修复健身器材 11月16日前');
  await zhouDm.send('/task HP-2026-001 签收');
  await zhouDm.send('/task HP-2026-005 签收');
  await wangDm.send('/task HP-2026-002 签收');
  await sec.send('/task HP-2026-004 撤销 会议决定取消');

  h.clock.set('2026-11-09T15:00:00+08:00');
  await zhouDm.send('/task HP-2026-001 办结 已完成排查');
  await sec.send('/task HP-2026-001 通过');

  h.clock.set('2026-11-12T10:00:00+08:00');
  await wangDm.send('/task HP-2026-002 延期 11月20日 人手不足');
  await sec.send('/task HP-2026-002 批准');

  h.clock.set('2026-11-18T10:00:00+08:00');
  await zhouDm.shouldReply('/task HP-2026-005 延期 11月25日 材料未到', '');
  await sec.send('/task HP-2026-005 修改 时限:11月25日 原因:领导同意');

  h.clock.set('2026-11-19T11:00:00+08:00');
  await wangDm.send('/task HP-2026-002 办结 已清理');
  await sec.send('/task HP-2026-002 退回 缺少照片');
  await wangDm.send('/task HP-2026-002 办结 已补照片');
  await sec.send('/task HP-2026-002 通过');

  h.clock.set('2026-11-24T16:00:00+08:00');
  await zhouDm.send('/task HP-2026-005 办结 已修复');
  await sec.send('/task HP-2026-005 通过');
  return env;
}

describe('C20/C21: statistics, the bulletin and star ratings on a fixture month', () => {
  let env: Env;
  beforeAll(async () => {
    env = await fixtureMonth();
    env.h.clock.set('2026-12-03T10:00:00+08:00');
  });

  it('the fixture is what the comments say', () => {
    expect(
      env.h.store.query(
        'select code, status, original_due_date o, current_due_date c, extension_count e, rework_count r from items order by id',
      ),
    ).toEqual([
      { code: 'HP-2026-001', status: 'closed', o: '2026-11-10', c: '2026-11-10', e: 0, r: 0 },
      { code: 'HP-2026-002', status: 'closed', o: '2026-11-13', c: '2026-11-20', e: 1, r: 1 },
      { code: 'HP-2026-003', status: 'assigned', o: '2026-11-06', c: '2026-11-06', e: 0, r: 0 },
      { code: 'HP-2026-004', status: 'cancelled', o: '2026-11-20', c: '2026-11-20', e: 0, r: 0 },
      { code: 'HP-2026-005', status: 'closed', o: '2026-11-16', c: '2026-11-25', e: 0, r: 0 },
    ]);
  });

  it('/stats ranks the units with bars, rates and the 红黑榜', async () => {
    const [text = ''] = await env.sec.send('/stats 11月');
    const lines = text.split('\n');
    expect(lines[0]).toBe('📊 和平街道联席会议 · 2026年11月督办统计（截至 2026-12-03 10:00）');
    expect(lines).toContain('应办结 4 件，已办结 3 件（75%）；按期办结率 50%（按原定时限 25%）');
    expect(lines).toContain('超期未办结 1 件，超期办结 1 件，待核验 0 件，挂账 0 件');
    expect(lines).toContain('1. 社区居委会 ██████████ 98.0分');
    expect(lines).toContain('   按期 100%（原定 0%）· 办结 100% · 签收 100%');
    expect(lines).toContain('   超期 0 · 延期 100% · 返工 100% · 退回 0% · 平均 13个工作日');
    expect(lines).toContain('2. 区供电公司第二供电所 ███████░░░ 73.0分');
    expect(lines).toContain('   按期 50%（原定 50%）· 办结 100% · 签收 100%');
    expect(lines).toContain('   超期 1 · 延期 0% · 返工 0% · 退回 0% · 平均 10.5个工作日');
    expect(lines).toContain('3. 区城管执法中队 ░░░░░░░░░░ 0.0分');
    expect(lines).toContain('🔴 红榜：社区居委会');
    expect(lines).toContain('⚫ 黑榜：区城管执法中队');
    // Anyone in the group may look; this month has nothing due yet but the open overdue item.
    await env.wang.shouldReply('/统计', '2026年12月督办统计');
  });

  it('/bulletin writes the 通报 for last month, naming the overdue item', async () => {
    const [text = ''] = await env.sec.send('/bulletin');
    expect(text).toContain('关于2026年11月和平街道联席会议议定事项落实情况的通报');
    expect(text).toContain('各成员单位：');
    expect(text).toContain(
      '本期应办结事项4件，已办结3件，办结率75%；按期办结2件，按期办结率50%（按原定时限25%）。',
    );
    expect(text).toContain('截至期末，超期未办结1件，超期办结1件；申请延期1件，退回重办1件，挂账0件。');
    expect(text).toContain(
      '（1）区城管执法中队：HP-2026-003 整治占道经营（时限2026年11月6日，已超期16个工作日）',
    );
    expect(text).toContain('红榜：社区居委会。');
    expect(text).toContain('黑榜：区城管执法中队。');
    expect(text).toMatch(/和平街道联席会议办公室\n2026年12月3日$/);
  });

  it('gives the bulletin as a .docx and the figures as an .xlsx, both readable', async () => {
    const { h, sec } = env;
    await sec.shouldReply('/bulletin 上月 docx', '2026年11月督办情况通报（.docx）');
    const docx = h.adapter.delivered.at(-1)!.msg.file!;
    expect(docx.name).toBe('和平街道联席会议2026年11月督办通报-2026-12-03.docx');
    const xml = unzip(Buffer.from(docx.base64, 'base64')).get('word/document.xml')!.toString('utf8');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('关于2026年11月和平街道联席会议议定事项落实情况的通报');
    expect(plain).toContain('二、各单位情况');
    expect(plain).toContain('1. 社区居委会：应办结1件，已办结1件，按期办结率100%，超期0件，综合得分98.0。');
    expect(plain).toContain('HP-2026-003 整治占道经营');

    await sec.shouldReply('/bulletin 2026年11月 表格', '2026年11月督办统计表（.xlsx）');
    const xlsx = h.adapter.delivered.at(-1)!.msg.file!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各单位情况', '超期事项', '得分构成']);
    const units = wb.getWorksheet('各单位情况')!;
    const row = (n: number) => (units.getRow(n).values as unknown[]).slice(1);
    expect(row(1).slice(0, 6)).toEqual(['排名', '单位', '应办结', '已办结', '办结率', '按期办结率']);
    expect(row(2).slice(0, 7)).toEqual([1, '社区居委会', 1, 1, 1, 1, 0]);
    expect(row(3).slice(0, 9)).toEqual([2, '区供电公司第二供电所', 2, 2, 1, 0.5, 0.5, 0, 1]);
    expect(row(3)[14]).toBe(10.5);
    expect(row(3)[15]).toBe(73);
    expect(units.getRow(2).getCell(5).numFmt).toBe('0.0%');
    const overdue = wb.getWorksheet('超期事项')!;
    expect((overdue.getRow(2).values as unknown[]).slice(1)).toEqual([
      'HP-2026-003',
      '区城管执法中队',
      '整治占道经营',
      new Date(Date.UTC(2026, 10, 6)),
      16,
    ]);
  });

  it('rates the stars for the year with the parts of each score and the secretary’s 加分', async () => {
    const { sec, wang, h } = env;
    await sec.shouldReply(
      '/stars 加分 二所 3 创新项目：智慧用电',
      '已记录 区供电公司第二供电所 2026年度加分 3 分',
    );
    const [text = ''] = await sec.send('/stars');
    const lines = text.split('\n');
    expect(lines[1]).toBe('标准：≥90分五星，≥80分四星，≥70分三星，≥60分二星，其余一星');
    expect(lines).toContain('1. 社区居委会 ★★★★★ 98.0分（五星）');
    expect(lines).toContain('   按期办结率100%×40→50.0 + 办结率100%×20→25.0 + 及时签收率100%×20→25.0');
    expect(lines).toContain('   扣分：返工 −2，超期 −0');
    expect(lines).toContain('2. 区供电公司第二供电所 ★★★☆☆ 76.0分（三星）');
    expect(lines).toContain('   加分 +3（创新项目：智慧用电）');
    expect(lines).toContain('3. 区城管执法中队 ★☆☆☆☆ 0.0分（一星）');

    await sec.shouldReply('/stars 标准 95 85 75 65', '评星标准已改为：五星≥95');
    await sec.shouldReply('/stars', '1. 社区居委会 ★★★★★ 98.0分');
    await sec.shouldReply(
      '/stars 权重 按期:60 满意:0',
      '评分权重已改为：按期办结率 60、办结率 20、及时签收率 20、满意率 0',
    );
    // 二所 now: 100 × (½·60 + 1·20 + 1·20)/100 = 70 − 2 + 3 = 71 → 二星 under 95/85/75/65.
    await sec.shouldReply('/stars 2026', '2. 区供电公司第二供电所 ★★☆☆☆ 71.0分（二星）');

    // Refusals change nothing.
    const settings = () => h.store.query('select settings from bodies');
    const before = settings();
    await wang.shouldReply('/stars 加分 居委会 5 自己加', '只有秘书或召集人');
    await sec.shouldReply('/stars 标准 90 95 70 60', '请给出四个从高到低的分数线');
    await sec.shouldReply('/stars 加分 二所 100 太多', '请写明单位、分值和原因');
    await sec.shouldReply('/stars 权重 速度:40', '请写成 按期:40');
    await sec.shouldReply('/stars 明年', '看不懂期间「明年」');
    expect(settings()).toEqual(before);
  });

  it('refuses a period it cannot read, with the usage, and changes nothing', async () => {
    const replies = await env.sec.send('/stats 明年');
    expect(replies.join('\n')).toMatch(/看不懂期间「明年」[\s\S]*\/stats \[期间\]/);
    await env.sec.shouldReply('/bulletin 下辈子 docx', '看不懂期间「下辈子」');
  });
});

/** Tick the scheduler hour by hour until `until`; the bulletins posted meanwhile. */
async function bulletinsUntil(env: Env, until: string): Promise<string[]> {
  const { h } = env;
  const mark = h.adapter.delivered.length;
  while (h.clock.now() < Date.parse(until)) {
    h.clock.advance(3600_000);
    h.bot.tick(h.clock.now());
    await h.deliver();
  }
  return deliveredSince(h, mark).filter((l) => l.includes('督办情况通报'));
}

describe('the monthly bulletin in the group', () => {
  it('goes out on the configured day (moved past a weekend) for the month before, once', async () => {
    const env = await fixtureMonth();
    const { h } = env;
    const tickUntil = (until: string) => bulletinsUntil(env, until);
    // 5 December 2026 is a Saturday: the bulletin goes out on Monday the 7th at 09:00.
    expect(await tickUntil('2026-12-07T08:00:00+08:00')).toEqual([]);
    const posted = await tickUntil('2026-12-07T10:00:00+08:00');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatch(
      /^g:联席会议群: 📢 2026年11月督办情况通报\n\n关于2026年11月和平街道联席会议议定事项落实情况的通报/,
    );
    expect(await tickUntil('2026-12-20T10:00:00+08:00')).toEqual([]);
    expect(
      h.store.query(
        "select fire_at, status from scheduled_steps where kind = 'body.monthly_bulletin' and status = 'pending'",
      ),
    ).toEqual([{ fire_at: Date.parse('2027-01-05T09:00:00+08:00'), status: 'pending' }]);
  });

  it('follows a change of day and time, and stays silent when switched off', async () => {
    const env = await fixtureMonth();
    const { h, sec, wang } = env;
    h.clock.set('2026-12-01T10:00:00+08:00');
    await wang.shouldReply('/bulletin 设置 每月3日 10:00', '只有秘书或召集人');
    await sec.shouldReply('/bulletin 设置 每月32日', '请写明日期和时间');
    await sec.shouldReply('/bulletin 设置 每月3日 10:00', '每月3日 10:00（遇休息日顺延）在群里发布上月通报');
    const tick = (until: string) => bulletinsUntil(env, until);
    const posted = await tick('2026-12-03T11:00:00+08:00');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('2026年11月');
    // The step planned under the old settings (the 7th) is superseded and says nothing.
    expect(await tick('2026-12-08T10:00:00+08:00')).toEqual([]);
    await sec.shouldReply('/bulletin 关闭', '每月自动通报已关闭');
    expect(await tick('2027-01-06T12:00:00+08:00')).toEqual([]);
    expect(h.store.query("select count(*) n from audit_events where action = 'stats.bulletin'")).toEqual([
      { n: 2 },
    ]);
  });
});

describe('returns, reassignment and parked items in the statistics', () => {
  it('counts a 非本单位职责 return against the unit that returned it, and lists parked items without counting them due', async () => {
    const env = await itemsHarness('2026-11-02T09:00:00+08:00');
    const { h, sec, zhouDm, wangDm } = env;
    await sec.send('/item 二所 修剪幸福路行道树 11月13日前');
    await sec.press('确认交办');
    await sec.send('/item 城管 拆除违章搭建 11月20日前');
    await sec.press('确认交办');
    h.clock.set('2026-11-02T10:00:00+08:00');
    await zhouDm.send('/task HP-2026-001 非本单位 行道树归园林所 建议:居委会');
    h.clock.set('2026-11-02T11:00:00+08:00');
    await sec.shouldReply('/task HP-2026-001 改派 居委会', '已改派给 社区居委会');
    await sec.send('/task HP-2026-002 签收');
    await sec.shouldReply('/task HP-2026-002 挂账 2027-03-01 待明年资金', '已挂账');
    // 居委会 signs on 11-04: later than the end of the next working day after the reassignment (11-03).
    h.clock.set('2026-11-04T10:00:00+08:00');
    await wangDm.send('/task HP-2026-001 签收');
    h.clock.set('2026-11-12T15:00:00+08:00');
    await wangDm.send('/task HP-2026-001 办结 已修剪');
    await sec.send('/task HP-2026-001 通过');

    h.clock.set('2026-12-01T10:00:00+08:00');
    const [text = ''] = await sec.send('/stats 上月');
    const lines = text.split('\n');
    expect(lines).toContain('超期未办结 0 件，超期办结 0 件，待核验 0 件，挂账 1 件');
    // 居委会: 100 × (1·40 + 1·20 + 0·20)/80 = 75; handling (11-02, 11-12] = 8 working days.
    expect(lines).toContain('1. 社区居委会 ████████░░ 75.0分');
    expect(lines).toContain('   按期 100%（原定 100%）· 办结 100% · 签收 0%');
    expect(lines).toContain('   超期 0 · 延期 0% · 返工 0% · 退回 0% · 平均 8个工作日');
    expect(lines).toContain('· 区供电公司第二供电所（本期无考核数据）');
    expect(lines).toContain('· 区城管执法中队（本期无考核数据）');

    await sec.send('/bulletin 上月 xlsx');
    const file = h.adapter.delivered.at(-1)!.msg.file!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const rows = new Map<string, unknown[]>();
    wb.getWorksheet('各单位情况')!.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1));
    });
    // 二所: one dispatch, returned within the limit → 退回率 100%, 及时签收率 100%, nothing due.
    expect(rows.get('区供电公司第二供电所')!.slice(2, 4)).toEqual([0, 0]);
    expect(rows.get('区供电公司第二供电所')!.slice(11, 13)).toEqual([1, 1]);
    expect(rows.get('社区居委会')!.slice(11, 13)).toEqual([0, 0]);
  });
});
