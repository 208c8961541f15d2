import { createHarness, type Harness } from '../../support/fake-chat.js';

/** A bound group with two units, their liaisons (who have spoken, so DMs can reach them) and a chair. */
export async function itemsHarness(start = '2026-11-30T09:00:00+08:00') {
  const h = await createHarness();
  h.clock.set(start);
  const sec = h.client('张三', '联席会议群');
  await sec.send('/setup 联席会议 和平街道联席会议 编号:HP');
  await sec.send('/unit add 区供电公司第二供电所 别名:二所');
  await sec.send('/unit add 社区居委会 别名:居委会');
  await sec.send('/unit add 区城管执法中队 别名:城管');
  const zhou = h.client('zhouming', '联席会议群');
  const wang = h.client('wangfang', '联席会议群');
  const chair = h.client('李书记', '联席会议群');
  for (const c of [zhou, wang, chair]) await c.send('/whoami');
  await sec.send('/liaison 二所 @zhouming');
  await sec.send('/liaison 居委会 @wangfang');
  await sec.send('/role @李书记 召集人');
  return {
    h,
    sec,
    zhou,
    wang,
    chair,
    zhouDm: h.client('zhouming', { direct: true }),
    wangDm: h.client('wangfang', { direct: true }),
    secDm: h.client('张三', { direct: true }),
  };
}

/** Messages delivered since `from`, as "chat: text" lines. */
export function deliveredSince(h: Harness, from: number): string[] {
  return h.adapter.delivered
    .slice(from)
    .map((d) => `${d.chat.kind === 'direct' ? `→${d.chat.chatId}` : d.chat.chatId}: ${d.msg.text}`);
}
