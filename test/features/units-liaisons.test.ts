import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/fake-chat.js';

async function boundGroup(platform: 'telegram' | 'wecom' = 'telegram') {
  const h = await createHarness({ platform });
  const sec = h.client('张三', '联席会议群');
  await sec.send('/setup 联席会议 和平街道联席会议');
  return { h, sec };
}

const liaisonRows = (h: Harness) =>
  h.store.query<{ person: string; from_at: number; to_at: number | null }>(
    'select p.name as person, la.from_at, la.to_at from liaison_assignments la join people p on p.id = la.person_id order by la.id',
  );

describe.each(['telegram', 'wecom'] as const)('J2 register units and liaisons (%s)', (platform) => {
  it('adds units with aliases, lists them and resolves aliases', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.shouldReply(
      '/unit add 区供电公司第二供电所 别名:二所,供电所',
      /已添加成员单位「区供电公司第二供电所」（别名：二所、供电所）/,
    );
    await sec.shouldReply('/unit add 社区居委会 类型:居委会', '已添加成员单位「社区居委会」');
    await sec.shouldReply('/unit add 二所', '「区供电公司第二供电所」已经是成员单位');
    await sec.shouldReply(
      '/unit list',
      /1\. 区供电公司第二供电所（二所、供电所） — 未指定联络员\n2\. 社区居委会/,
    );
    expect(h.store.query('select type from units where name = ?', '社区居委会')).toEqual([
      { type: 'residents_committee' },
    ]);
  });

  it('assigns and reassigns a liaison, keeping the history, and tells the new liaison', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    const zhou = h.client('zhouming', '联席会议群');
    await zhou.send('/whoami');
    await sec.shouldReply('/liaison 二所 @zhouming', '已指定 zhouming 为「区供电公司第二供电所」的联络员');
    const dm = h.adapter.delivered.find((d) => d.chat.kind === 'direct' && d.chat.chatId === 'zhouming');
    expect(dm?.msg.text).toContain('您已被指定为「区供电公司第二供电所」在「和平街道联席会议」的联络员');
    await zhou.shouldReply('/whoami', /联络员：区供电公司第二供电所/);

    h.clock.advance(24 * 3600_000);
    await sec.shouldReply(
      '/liaison 二所 李娜',
      /已指定 李娜 为「区供电公司第二供电所」的联络员[\s\S]*原联络员 zhouming 的任职已记入历史/,
    );
    const rows = liaisonRows(h);
    expect(rows.map((r) => r.person)).toEqual(['zhouming', '李娜']);
    expect(rows[0]!.to_at).toBe(rows[1]!.from_at);
    expect(rows[1]!.to_at).toBeNull();
    await sec.shouldReply(
      '/liaison 二所',
      /现任：李娜（自 2026-12-01）\n历任：\n· zhouming（2026-11-30 至 2026-12-01）/,
    );
    await sec.shouldReply('/liaison 二所 李娜', '已经是「区供电公司第二供电所」的联络员');
    expect(liaisonRows(h)).toHaveLength(2);
  });

  it('asks which unit when an alias is ambiguous, and a button finishes the command', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.send('/unit add 区供电公司第一供电所 别名:供电所');
    await sec.shouldReply(
      '/unit add 区供电公司第二供电所 别名:供电所',
      '别名「供电所」已被「区供电公司第一供电所」使用',
    );
    await sec.send('/unit add 区供电公司第二供电所');
    await sec.shouldReply('/liaison 供电公司 王强', '「供电公司」对应多个，请选择');
    const replies = await sec.press('区供电公司第二供电所');
    expect(replies.join('\n')).toContain('已指定 王强 为「区供电公司第二供电所」的联络员');
    const edited = h.adapter.delivered.find((d) => d.edit);
    expect(edited?.msg.text).toContain('✓ 区供电公司第二供电所');
    expect(edited?.msg.buttons).toBeUndefined();
    await sec.press('区供电公司第二供电所');
    expect(liaisonRows(h)).toHaveLength(1);
  });

  it('offers to add an unknown unit', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.shouldReply('/liaison 新单位 王强', '没有找到成员单位「新单位」');
    await sec.press('新增单位「新单位」');
    expect(h.store.query('select name from units')).toEqual([{ name: '新单位' }]);
  });

  it('renames, manages aliases and removes a unit with its liaison history kept', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    await sec.send('/liaison 二所 周明');
    await sec.shouldReply(
      '/unit rename 二所 国网第二供电所',
      '已将「区供电公司第二供电所」更名为「国网第二供电所」，原名保留为别名',
    );
    await sec.shouldReply(
      '/unit alias 国网第二供电所 供电二所、电力所',
      '已为「国网第二供电所」添加别名：供电二所、电力所',
    );
    await sec.shouldReply('/unit unalias 国网第二供电所 电力所', '已删除');
    await sec.shouldReply('/unit unalias 国网第二供电所 不存在', '没有别名「不存在」');
    await sec.shouldReply('/liaison 区供电公司第二供电所', '现任：周明');
    await sec.shouldReply('/unit remove 供电二所', '已将「国网第二供电所」移出成员单位');
    await sec.shouldReply('/unit list', '还没有成员单位');
    expect(liaisonRows(h)[0]!.to_at).not.toBeNull();
    await sec.shouldReply('/unit add 国网第二供电所', '已添加成员单位');
  });

  it('refuses units, liaisons, roles and import to a non-secretary and changes nothing', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    const li = h.client('李四', '联席会议群');
    await li.send('/whoami');
    const before = h.snapshot();
    await li.shouldReply('/unit add 测试单位', '只有管理员或秘书可以管理成员单位。');
    await li.shouldReply('/unit remove 二所', '只有管理员或秘书可以管理成员单位。');
    await li.shouldReply('/liaison 二所 李四', '只有管理员或秘书可以指定联络员。');
    await li.shouldReply('/role 李四 秘书', '只有管理员或秘书可以分配角色。');
    await li.shouldReply('/import', '只有管理员或秘书可以导入名单。', {
      files: [{ name: 'r.csv', data: Buffer.from('单位,联络员\n某单位,王五\n') }],
    });
    expect(h.snapshot()).toBe(before);
    await li.shouldReply('/unit list', '区供电公司第二供电所');
  });

  it('grants and revokes roles, never the last secretary', async () => {
    const { h, sec } = await boundGroup(platform);
    await h.client('李四', '联席会议群').send('/whoami');
    await sec.shouldReply('/role @李四 召集人', '已授予 李四「召集人」角色');
    await sec.shouldReply('/role', /召集人：李四/);
    await sec.shouldReply('/role @李四 -召集人', '已撤销 李四 的「召集人」角色');
    await sec.shouldReply('/role @张三 -秘书', '不能撤销最后一位秘书');
    await sec.shouldReply('/role @李四 管理员', '只有管理员可以这样做');
    await sec.shouldReply('/role @李四 老板', /无法识别角色「老板」/);
  });

  it('a configured admin may manage any body', async () => {
    const h = await createHarness({ platform, admins: ['root'] });
    await h.client('张三', '群').send('/setup 联席会议 和平街道联席会议');
    await h.client('root', '群').shouldReply('/unit add 某单位', '已添加成员单位「某单位」');
  });

  it('sets display names and links an account to the roster entry of that name', async () => {
    const { h, sec } = await boundGroup(platform);
    await sec.send('/unit add 社区居委会');
    await sec.send('/liaison 社区居委会 王芳');
    const u = h.client('wx_u123', '联席会议群');
    await u.send('/whoami');
    await sec.shouldReply(
      '/name @wx_u123 王芳',
      /已将 wx_u123 的显示名设为「王芳」[\s\S]*已与名册中的「王芳」关联/,
    );
    await u.shouldReply('/whoami', /您是 王芳[\s\S]*联络员：社区居委会/);
    await h.client('赵六', '联席会议群').shouldReply('/name 赵老六', '以后称呼您为「赵老六」');
  });
});
