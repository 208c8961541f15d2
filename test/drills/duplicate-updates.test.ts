/**
 * Drill: the bot crashed after handling updates but before Telegram heard the new offset, so the next
 * process gets the same update_ids again — messages that changed state, and callback queries (button
 * presses) that confirmed an item and acknowledged it. Each must be handled once: the database stays
 * byte-for-byte the same (bookkeeping included), no reply or edit is sent again. A batch that mixes
 * redelivered updates with one that arrived while the bot was down handles the new one exactly once.
 * The same holds on WeCom, whose platform redelivers a callback with the same msgid.
 * Real bot, real telegraf and WeCom SDK, against the fakes; restarts are new bots over the same database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWecomAdapter, directoryFrom } from '../../bot/adapters/wecom/index.js';
import { createBot } from '../../bot/bot.js';
import type { AdapterHandlers } from '../../bot/core/ports.js';
import { wecomRateRules } from '../../bot/core/rate-limiter.js';
import type { Store } from '../../db/client.js';
import { createRepos } from '../../db/repos/index.js';
import { fixedClock } from '../support/fake-clock.js';
import type { TgUpdate } from '../support/fake-telegram.js';
import { type FakeWecom, startFakeWecom } from '../support/fake-wecom.js';
import { testStore } from '../support/test-db.js';
import { dbSnapshot } from './support/db-snapshot.js';
import { recordingLogger } from './support/recording-logger.js';
import { BOT_USERNAME, openTelegramWorld, type TelegramWorld } from './support/telegram-world.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const count = (store: Store, table: string) =>
  store.query<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n;

describe('Telegram: updates redelivered after a crash before the offset was saved', () => {
  it('handles each message and callback query once: same state, no second reply', async () => {
    const w: TelegramWorld = await openTelegramWorld();
    cleanups.push(() => w.close());
    const { fake, group, secretary } = w;
    const zhou = fake.addUser({ id: 2002, firstName: '周明', username: 'zhouming' });
    const zhouDm = fake.privateChat(zhou);
    await w.handled(fake.pushBotAdded(group, secretary));
    await w.say(secretary, group, '/setup 联席会议 和平街道联席会议 编号:HP');
    await w.say(zhou, zhouDm, '/start');
    await w.say(zhou, group, '/whoami');
    await w.say(secretary, group, '/unit add 区供电公司第二供电所 别名:二所');
    await w.say(secretary, group, '/liaison 二所 @zhouming');
    await w.drain();

    // The batch whose confirmation the crash will lose: state changes by message and by button.
    const batch: TgUpdate[] = [];
    batch.push(await w.say(secretary, group, '/unit add 社区居委会 别名:居委会'));
    batch.push(await w.say(secretary, group, '/item 二所 排查建设路3处老化线路 12月20日前'));
    await w.drain();
    batch.push(await w.press(secretary, group, '确认交办'));
    await w.drain();
    batch.push(await w.press(zhou, zhouDm, '签收'));
    batch.push(await w.say(zhou, zhouDm, '/task HP-2026-001 进展 已排查2处'));
    await w.drain();
    expect(w.store.query('select code, status from items')).toEqual([
      { code: 'HP-2026-001', status: 'in_progress' },
    ]);
    const state = dbSnapshot(w.store, { bookkeeping: 'include' });
    const sent = fake.outbound.length;
    expect(batch.filter((u) => u.callback_query)).toHaveLength(2);
    const answered = fake.callsOf('answerCallbackQuery').length;

    // Crash: the next process gets the whole batch again.
    await w.stop();
    fake.redeliverFrom(batch[0]!.update_id);
    expect(fake.pending().map((u) => u.update_id)).toEqual(batch.map((u) => u.update_id));
    await w.restart();
    await fake.processed(batch.at(-1)!);
    expect(await w.drain()).toMatchObject({ sent: 0, failed: 0 });
    expect(dbSnapshot(w.store, { bookkeeping: 'include' })).toEqual(state);
    expect(fake.outbound.length).toBe(sent);
    // The presses did reach the bot again (it stopped each spinner; Telegram says they are too old).
    expect(
      fake
        .callsOf('answerCallbackQuery')
        .slice(answered)
        .map((c) => c.error?.code),
    ).toEqual([400, 400]);

    // Again, with an update that arrived while the bot was down at the end of the batch.
    await w.stop();
    const late = fake.pushMessage({
      chat: group,
      from: secretary,
      text: `/unit@${BOT_USERNAME} add 区城管执法中队 别名:城管`,
    }).update;
    fake.redeliverFrom(batch[0]!.update_id);
    const before = {
      units: count(w.store, 'body_units'),
      marks: count(w.store, 'processed_updates'),
      outbox: count(w.store, 'outbox'),
      group: fake.botMessages(group).length,
    };
    await w.restart();
    await fake.processed(late);
    await w.drain();
    expect({
      units: count(w.store, 'body_units'),
      marks: count(w.store, 'processed_updates'),
      outbox: count(w.store, 'outbox'),
      group: fake.botMessages(group).length,
    }).toEqual({
      units: before.units + 1,
      marks: before.marks + 1,
      outbox: before.outbox + 1,
      group: before.group + 1,
    });
    expect(fake.lastBotMessage(group)?.text).toMatch(/^已添加成员单位「区城管执法中队」/);
    expect(w.store.query('select status from items')).toEqual([{ status: 'in_progress' }]);
    expect(w.log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});

describe('WeCom: callbacks redelivered with the same msgid', () => {
  /** A bot on the WeCom adapter over `store`; resolves `handled(n)` once n callbacks were handled. */
  async function startWecomBot(fake: FakeWecom, store: Store) {
    const clock = fixedClock('2026-11-30T09:00:00+08:00');
    const log = recordingLogger();
    const adapter = createWecomAdapter({
      botId: fake.botId,
      secret: fake.secret,
      wsUrl: fake.url,
      logger: log,
      clock,
      language: 'zh-CN',
      directory: directoryFrom(createRepos(store.db).people),
      reconnect: { intervalMs: 20, maxAuthFailures: 3 },
      startTimeoutMs: 5_000,
    });
    const bot = createBot({
      store,
      clock,
      logger: log,
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      adapters: [adapter],
      rateRules: { wecom: wecomRateRules({ chatPerMinute: 20 }) },
    });
    let done = 0;
    const waiters: (() => void)[] = [];
    const counted =
      <T>(fn: (x: T) => Promise<void>) =>
      async (x: T) => {
        try {
          await fn(x);
        } finally {
          done++;
          for (const wake of waiters.splice(0)) wake();
        }
      };
    const handlers: AdapterHandlers = {
      onMessage: counted(bot.app.onMessage),
      onButton: counted(bot.app.onButton),
      onMembership: counted((e) => bot.app.onMembership!(e)),
    };
    await adapter.start(handlers);
    cleanups.push(() => adapter.stop());
    return {
      bot,
      log,
      /** Inject a callback and wait until the bot handled it, then deliver the outbox. */
      async exchange(inject: () => unknown): Promise<void> {
        const target = done + 1;
        inject();
        while (done < target) await new Promise<void>((resolve) => waiters.push(resolve));
        await bot.worker.drain({ advance: (ms) => clock.advance(ms) });
      },
      stop: () => adapter.stop(),
    };
  }

  it('handles a repeated message and a repeated card click once, before and after a restart', async () => {
    const fake = await startFakeWecom({ botId: 'aibDRILL', secret: 'drill-secret' });
    cleanups.push(() => fake.close());
    const store = testStore();
    cleanups.push(async () => store.close());
    const GROUP = 'wrkDrillGroup';
    const say = (text: string, msgid: string) => () =>
      fake.pushText({ from: 'zhangsan', chatId: GROUP, text: `@议事\u2005${text}`, msgid });

    const first = await startWecomBot(fake, store);
    await first.exchange(say('/setup 联席会议 和平街道联席会议', 'MSG-SETUP'));
    await first.exchange(say('/liaison 不存在的单位 zhouming', 'MSG-OFFER'));
    const offer = [...fake.deliveries].reverse().find((d) => d.card)!;
    const button = offer.card.button_list[0] as { text: string; key: string };
    expect(button.text).toBe('新增单位「不存在的单位」');
    const click = () =>
      fake.click({
        from: 'zhangsan',
        chatId: GROUP,
        taskId: offer.card.task_id,
        key: button.key,
        msgid: 'CLICK-1',
      });
    await first.exchange(click);
    expect(count(store, 'body_units')).toBe(1);
    const state = dbSnapshot(store, { bookkeeping: 'include' });
    const delivered = fake.deliveries.length;

    // The platform repeats them while the bot runs…
    await first.exchange(say('/setup 联席会议 和平街道联席会议', 'MSG-SETUP'));
    await first.exchange(click);
    // …and again to a new process after a crash.
    await first.stop();
    const second = await startWecomBot(fake, store);
    await second.exchange(say('/liaison 不存在的单位 zhouming', 'MSG-OFFER'));
    await second.exchange(click);
    expect(dbSnapshot(store, { bookkeeping: 'include' })).toEqual(state);
    expect(fake.deliveries.length).toBe(delivered);
    for (const b of [first, second]) expect(b.log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});
