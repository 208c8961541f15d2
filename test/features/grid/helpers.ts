import { createHarness, type Harness } from '../../support/fake-chat.js';

/**
 * A street → community → two grids, each with its group; a grid leader and a worker in grid 3, a worker
 * in grid 4; two grid units with liaisons; the street's joint meeting with a co-building unit.
 */
export async function gridHarness(start = '2026-11-30T09:00:00+08:00') {
  const h = await createHarness();
  h.clock.set(start);
  const street = h.client('jiedao', '街道群');
  const community = h.client('shequ', '社区群');
  const grid = h.client('wangge', '网格群');
  const other = h.client('wangge4', '网格4群');
  const joint = h.client('jiedao', '联席群');
  await street.send('/setup 网格 和平街道');
  await community.send('/setup 网格 幸福里社区 上级:和平街道');
  await grid.send('/setup 网格 幸福里社区第3网格 上级:幸福里社区');
  await other.send('/setup 网格 幸福里社区第4网格 上级:幸福里社区');
  const leader = h.client('laowang', '网格群');
  const worker = h.client('xiaoli', '网格群');
  const otherWorker = h.client('xiaozhao', '网格4群');
  for (const c of [leader, worker, otherWorker]) await c.send('/whoami');
  await grid.send('/role @laowang 网格长');
  await grid.send('/role @xiaoli 网格员');
  await other.send('/role @xiaozhao 网格员');
  await grid.send('/unit add 幸福里物业公司 别名:物业');
  await grid.send('/unit add 区市政养护所 别名:市政');
  await grid.send('/liaison 物业 @wuye');
  await grid.send('/liaison 市政 @shizheng');
  await joint.send('/setup 联席会议 和平街道联席会议 编号:HP');
  await joint.send('/unit add 区供电公司第二供电所 别名:二所');
  await joint.send('/liaison 二所 @zhouming');
  await street.send('/grid 联席 和平街道联席会议');
  return {
    h,
    street,
    community,
    grid,
    other,
    leader,
    worker,
    otherWorker,
    workerDm: h.client('xiaoli', { direct: true }),
    wuyeDm: h.client('wuye', { direct: true }),
    shizhengDm: h.client('shizheng', { direct: true }),
    zhouDm: h.client('zhouming', { direct: true }),
  };
}

export function ticketRow(h: Harness, code: string) {
  return h.store.query<Record<string, unknown>>('select * from tickets where code = ?', code)[0]!;
}

/** Messages delivered since `from`, as "chat: text" lines. */
export function deliveredSince(h: Harness, from: number): string[] {
  return h.adapter.delivered
    .slice(from)
    .map((d) => `${d.chat.kind === 'direct' ? `→${d.chat.chatId}` : d.chat.chatId}: ${d.msg.text}`);
}

/** Let time pass a day at a time, running the scheduler each morning. */
export async function passDays(h: Harness, days: number): Promise<void> {
  for (let d = 0; d < days; d++) {
    h.clock.advance(24 * 3600_000);
    h.bot.tick(h.clock.now());
  }
  await h.deliver();
}
