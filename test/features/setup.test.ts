import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/fake-chat.js';

describe.each(['telegram', 'wecom'] as const)('J1 set up a group (%s)', (platform) => {
  it('binds a group to a new joint meeting and makes the caller its secretary', async () => {
    const h = await createHarness({ platform });
    const zhang = h.client('张三', '联席会议群');
    await zhang.shouldReply(
      '/setup 联席会议 和平街道区域化党建联席会议',
      /已创建联席会议「和平街道区域化党建联席会议」.*您是秘书/s,
    );
    const [body] = h.store.query<{ id: number; kind: string }>('select id, kind from bodies');
    expect(body).toMatchObject({ kind: 'joint_meeting' });
    expect(h.store.query('select body_id from chats where chat_id = ?', 'g:联席会议群')).toEqual([
      { body_id: body!.id },
    ]);
    await zhang.shouldReply('/setup', /本群绑定：联席会议「和平街道区域化党建联席会议」[\s\S]*秘书：张三/);
    await zhang.shouldReply('/setup 联席会议 和平街道区域化党建联席会议', '无需重复设置');
    await zhang.shouldReply('/whoami', /角色：秘书/);
  });

  it('greets when added to a group and explains /setup', async () => {
    const h = await createHarness({ platform });
    await h.adapter.handlers().onMembership!({
      chat: { platform, chatId: 'g:new', kind: 'group', title: '新群' },
      joined: true,
      id: 'j1',
    });
    await h.adapter.handlers().onMembership!({
      chat: { platform, chatId: 'g:new', kind: 'group', title: '新群' },
      joined: true,
      id: 'j1',
    });
    await h.deliver();
    const greetings = h.adapter.delivered.filter((d) => d.chat.chatId === 'g:new');
    expect(greetings).toHaveLength(1);
    expect(greetings[0]!.msg.text).toContain('/setup 联席会议');
  });

  it('binds a second chat to an existing body only for its secretary', async () => {
    const h = await createHarness({ platform });
    await h.client('张三', '联络员群').send('/setup 联席会议 和平街道联席会议');
    const li = h.client('李四', '领导群');
    await li.send('/whoami');
    const before = h.snapshot();
    await li.shouldReply('/setup 联席会议 和平街道联席会议', '只有管理员或本群所属机构的秘书');
    expect(h.snapshot()).toBe(before);
    await h
      .client('张三', '领导群')
      .shouldReply('/setup 联席会议 和平街道联席会议', '已将本群绑定到联席会议「和平街道联席会议」');
    expect(h.count('bodies')).toBe(1);
  });

  it('refuses to rebind a bound group for a non-secretary and changes nothing', async () => {
    const h = await createHarness({ platform });
    await h.client('张三', '群').send('/setup 联席会议 和平街道联席会议');
    const li = h.client('李四', '群');
    await li.send('/whoami');
    const before = h.snapshot();
    await li.shouldReply('/setup 联席会议 别的会议', '只有管理员或本群所属机构的秘书');
    expect(h.snapshot()).toBe(before);
  });

  it('builds the grid tree with levels checked against the parent', async () => {
    const h = await createHarness({ platform });
    await h.client('王五', '街道群').shouldReply('/setup 网格 和平街道', /已创建网格「和平街道」/);
    await h
      .client('王五', '社区群')
      .shouldReply('/setup 网格 幸福里社区 上级:和平街道', /已创建网格「幸福里社区」/);
    await h
      .client('王五', '网格群')
      .shouldReply('/setup 网格 幸福里社区第3网格 上级:幸福里社区', /已创建网格/);
    await h
      .client('王五', '楼栋群')
      .shouldReply('/setup 网格 5号楼 上级:和平街道', '层级不对：楼栋不能挂在街道之下');
    await h
      .client('王五', '楼栋群')
      .shouldReply('/setup 网格 5号楼 上级:不存在的社区', '没有找到上级网格「不存在的社区」');
    await h.client('王五', '楼栋群').shouldReply('/setup 网格 某某 上级:幸福里社区第3网格', '无法判断层级');
    const rows = h.store.query<{ name: string; grid_level: string; parent: string | null }>(
      'select b.name, b.grid_level, p.name as parent from bodies b left join bodies p on p.id = b.parent_id order by b.id',
    );
    expect(rows).toEqual([
      { name: '和平街道', grid_level: 'street', parent: null },
      { name: '幸福里社区', grid_level: 'community', parent: '和平街道' },
      { name: '幸福里社区第3网格', grid_level: 'grid', parent: '幸福里社区' },
    ]);
  });

  it('explains how to use /setup for unknown kinds, empty names and private chats', async () => {
    const h = await createHarness({ platform });
    const zhang = h.client('张三', '群');
    await zhang.shouldReply('/setup 委员会 某某', /不是可识别的类型[\s\S]*用法：/);
    await zhang.shouldReply('/setup 联席会议', /请写出名称[\s\S]*用法：/);
    await zhang.shouldReply('/setup', /本群尚未绑定[\s\S]*用法/);
    await h.client('张三', { direct: true }).shouldReply('/setup 联席会议 某会', '请在群聊中使用');
    expect(h.count('bodies')).toBe(0);
  });
});
