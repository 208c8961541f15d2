import { describe, expect, it } from 'vitest';
import { createBot } from '../bot/bot.js';
import { silentLogger } from '../bot/core/ports.js';
import type { Incoming } from '../bot/core/types.js';
import { createFakeAdapter, createHarness } from './support/fake-chat.js';
import { fixedClock } from './support/fake-clock.js';
import { testStore } from './support/test-db.js';

const message = (id: string, text: string, over: Partial<Incoming> = {}): Incoming => ({
  id,
  chat: { platform: 'telegram', chatId: 'g1', kind: 'group', title: '群' },
  sender: { platform: 'telegram', userId: 'u1', displayName: '张三' },
  receivedAt: 0,
  rawText: text,
  text,
  mentions: [],
  mentionsBot: text.startsWith('/'),
  files: [],
  ...over,
});

describe('the update pipeline', () => {
  it('handles a redelivered update once, even after a restart', async () => {
    const store = testStore();
    const clock = fixedClock();
    const start = async () => {
      const adapter = createFakeAdapter('telegram');
      const bot = createBot({
        store,
        clock,
        logger: silentLogger,
        timezone: 'Asia/Shanghai',
        language: 'zh-CN',
        adapters: [adapter],
      });
      await adapter.start(bot.app);
      return { adapter, bot };
    };
    const first = await start();
    const setup = message('100', '/setup 联席会议 和平街道联席会议');
    await Promise.all([first.adapter.handlers().onMessage(setup), first.adapter.handlers().onMessage(setup)]);
    await first.bot.worker.drain();
    expect(first.adapter.delivered).toHaveLength(1);
    const second = await start();
    await second.adapter.handlers().onMessage(setup);
    await second.bot.worker.drain();
    expect(second.adapter.delivered).toHaveLength(0);
    expect(store.query('select count(*) as n from bodies')).toEqual([{ n: 1 }]);
  });

  it('answers an unexpected failure with an apology and a reference, and keeps nothing of it', async () => {
    const h = await createHarness();
    const sec = h.client('张三', '群');
    await sec.send('/setup 联席会议 和平街道联席会议');
    h.bot.app.router.command({
      name: 'boom',
      usage: () => '/boom',
      handle: (ctx) =>
        ctx.mutate(() => {
          ctx.deps.repos.units.create({ name: '不该留下', now: ctx.now });
          throw new Error('database on fire');
        }),
    });
    await sec.shouldReply('/boom', /抱歉，处理时出了点问题，已记录（编号 [0-9a-f]{6}）/);
    expect(h.count('units')).toBe(0);
  });

  it('takes Chinese aliases only when the bot is addressed', async () => {
    const tg = await createHarness({ platform: 'telegram' });
    await tg.client('张三', '群').shouldNotReply('帮助');
    await tg.client('张三', { direct: true }).shouldReply('帮助', '可用的命令');
    const wecom = await createHarness({ platform: 'wecom' });
    await wecom.client('张三', '群').shouldReply('帮助', '可用的命令');
    await wecom.client('张三', '群').shouldReply('单位 list', '本群还没有绑定');
  });

  it('says so for unknown commands only when addressed', async () => {
    const h = await createHarness();
    await h.client('张三', '群').shouldReply('/frobnicate', '没有「/frobnicate」这个命令');
    await h.client('张三', '群').shouldNotReply('大家好');
    await h.client('张三', { direct: true }).shouldReply('你好', '我没有听懂');
  });

  it('ignores commands addressed to another bot', async () => {
    const store = testStore();
    const adapter = createFakeAdapter('telegram');
    const bot = createBot({
      store,
      clock: fixedClock(),
      logger: silentLogger,
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      adapters: [adapter],
      botUsernames: { telegram: 'yishi_bot' },
    });
    await adapter.start(bot.app);
    await adapter.handlers().onMessage(message('1', '/help@other_bot'));
    await adapter.handlers().onMessage(message('2', '/help@Yishi_Bot'));
    await bot.worker.drain();
    expect(adapter.delivered).toHaveLength(1);
  });
});

describe('direct messages', () => {
  it('fall back to a group mention with a deep link, and go direct after /start', async () => {
    const h = await createHarness();
    const sec = h.client('张三', '联席会议群');
    await sec.send('/setup 联席会议 和平街道联席会议');
    await sec.send('/unit add 区供电公司第二供电所 别名:二所');
    const zhou = h.client('zhouming', '联席会议群');
    await zhou.send('/whoami');
    h.adapter.refuseDirect.add('zhouming');
    const replies = await sec.send('/liaison 二所 @zhouming');
    const fallback = h.adapter.delivered.find(
      (d) => d.chat.chatId === 'g:联席会议群' && d.msg.text.includes('私信未能送达'),
    );
    expect(fallback?.msg.mentions?.[0]).toMatchObject({ userId: 'zhouming' });
    expect(fallback?.msg.text).toContain('您已被指定为「区供电公司第二供电所」');
    const link = fallback?.msg.buttons?.flat().find((b) => b.url);
    expect(link?.url).toMatch(/^https:\/\/t\.me\/yishi_bot\?start=[\w-]+$/);
    expect(replies.join('\n')).toContain('已指定 zhouming');
    expect(h.store.query('select dm_status from identities where user_id = ?', 'zhouming')).toEqual([
      { dm_status: 'unreachable' },
    ]);

    h.adapter.refuseDirect.delete('zhouming');
    const token = link!.url!.split('start=')[1]!;
    await h.client('zhouming', { direct: true }).shouldReply(`/start ${token}`, '已关联：您是「zhouming」');
    expect(h.store.query('select dm_status from identities where user_id = ?', 'zhouming')).toEqual([
      { dm_status: 'ok' },
    ]);
    await sec.send('/unit add 社区居委会');
    const before = h.adapter.delivered.length;
    await sec.send('/liaison 社区居委会 @zhouming');
    const direct = h.adapter.delivered.slice(before).filter((d) => d.chat.kind === 'direct');
    expect(direct.map((d) => d.chat.chatId)).toEqual(['zhouming']);
  });

  it('a /start link made for a roster person links the account that opens it', async () => {
    const h = await createHarness();
    const sec = h.client('张三', '联席会议群');
    await sec.send('/setup 联席会议 和平街道联席会议');
    await sec.send('/unit add 社区居委会');
    await sec.send('/liaison 社区居委会 王芳');
    const [{ id }] = h.store.query<{ id: number }>("select id from people where name = '王芳'") as [
      { id: number },
    ];
    const token = h.bot.repos.actions.linkTokenFor(id, h.clock.now(), 3600_000);
    await h.client('tg_777', { direct: true }).shouldReply(`/start ${token}`, '已关联：您是「王芳」');
    await h.client('tg_777', '联席会议群').shouldReply('/whoami', /您是 王芳[\s\S]*联络员：社区居委会/);
    await h.client('tg_888', { direct: true }).shouldReply('/start not-a-token', '这个链接已失效');
  });
});

describe('conversations', () => {
  it('routes the next plain message to the question the bot asked, until a command or 取消', async () => {
    const h = await createHarness();
    const answers: string[] = [];
    h.bot.app.router
      .command({
        name: 'ask',
        usage: () => '/ask',
        handle: (ctx) => ctx.ask('请说明原因', { kind: 'test.reason', payload: { n: 7 } }),
      })
      .conversation('test.reason', (ctx, payload) => {
        answers.push(`${ctx.msg.text}:${(payload as { n: number }).n}`);
        ctx.reply('收到原因');
      });
    const zhang = h.client('张三', '群');
    const li = h.client('李四', '群');
    await zhang.shouldReply('/ask', '请说明原因');
    expect(h.adapter.delivered.at(-1)?.msg.expectReply).toBe(true);
    await li.shouldNotReply('无关的话');
    await zhang.shouldReply('材料没到', '收到原因');
    await zhang.shouldNotReply('再说一句');
    await zhang.send('/ask');
    await zhang.shouldReply('取消', '已取消');
    await zhang.send('/ask');
    await zhang.send('/whoami');
    await zhang.shouldNotReply('迟到的回答');
    expect(answers).toEqual(['材料没到:7']);
  });
});
