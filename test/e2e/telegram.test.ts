/**
 * End to end on Telegram: the real bot (`createBot`) with the real telegraf adapter, against the fake
 * Bot API on 127.0.0.1. One fixed clock drives the outbox, its rate limiter and the fake's flood
 * limits; delivery is driven with `worker.drain`, and updates are awaited through the fake's offset
 * confirmations (telegraf confirms a batch only after handling it), never by sleeping.
 */

import { Telegram } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter, TelegramAdapterOptions } from '../../bot/adapters/telegram/index.js';
import type { Bot } from '../../bot/bot.js';
import type { Logger } from '../../bot/core/ports.js';
import type { Store } from '../../db/client.js';
import { type FakeClock, fixedClock } from '../support/fake-clock.js';
import {
  type FakeTelegram,
  type OutboundRecord,
  startFakeTelegram,
  type TgButton,
  type TgChat,
  type TgMessage,
  type TgUpdate,
  type TgUser,
} from '../support/fake-telegram.js';
import { telegramBot } from '../support/telegram-bot.js';
import { testStore } from '../support/test-db.js';
import { type BotOutput, type ChatKey, runScenario, type ScenarioDriver, scenarios } from './scenarios.js';

const BOT_USERNAME = 'yishi_test_bot';
const BODY = '和平街道联席会议';

interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object | string;
  msg?: string;
}

/** A logger that keeps what it is told, so a test can check that nothing failed unseen. */
function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const at =
    (level: LogEntry['level']) =>
    (obj: object | string, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => recordingLogger(entries),
  };
}

interface Running {
  adapter: TelegramAdapter;
  bot: Bot;
}

/** One test's world: the fake, a database, a clock, and the bots started on them. */
class World {
  readonly running: Running[] = [];
  readonly log = recordingLogger();
  readonly store: Store = testStore();
  readonly clock: FakeClock = fixedClock('2026-11-30T09:00:00+08:00');
  fake!: FakeTelegram;
  secretary!: TgUser;
  zhou!: TgUser;
  group!: TgChat;

  async open(fakeOptions: Parameters<typeof startFakeTelegram>[0] = {}): Promise<this> {
    this.fake = await startFakeTelegram({
      clock: this.clock,
      bot: { username: BOT_USERNAME },
      ...fakeOptions,
    });
    this.secretary = this.fake.addUser({
      id: 1001,
      firstName: '王芳',
      username: 'wangfang',
      languageCode: 'zh-hans',
    });
    this.zhou = this.fake.addUser({ id: 2002, firstName: '周明', username: 'zhouming' });
    this.group = this.fake.addGroup({
      id: -1001234567890,
      title: '和平街道联席会议群',
      creator: this.secretary,
    });
    return this;
  }

  /** createBot with the real adapter, wired the way bot/main.ts should wire it. */
  async start(over: Partial<TelegramAdapterOptions> = {}): Promise<Running> {
    const { adapter, bot } = telegramBot({
      store: this.store,
      clock: this.clock,
      logger: this.log,
      token: this.fake.token,
      apiRoot: this.fake.apiRoot,
      adapter: { pollingTimeoutSeconds: 5, ...over },
    });
    // The adapter only: the delivery loop is driven by `drain` on the shared fixed clock.
    await adapter.start(bot.app);
    const running = { adapter, bot };
    this.running.push(running);
    return running;
  }

  get bot(): Bot {
    const last = this.running.at(-1);
    if (!last) throw new Error('no bot started');
    return last.bot;
  }

  /** Push an update and wait until the bot has handled it. */
  async handled<T extends { update: TgUpdate }>(pushed: T): Promise<T> {
    await this.fake.processed(pushed.update);
    return pushed;
  }

  /** Someone writes in a chat; resolves with their message once the bot has handled it. */
  async say(from: TgUser, chat: TgChat, text: string): Promise<TgMessage> {
    return (await this.handled(this.fake.pushMessage({ chat, from, text }))).message;
  }

  /** Deliver everything the outbox holds, advancing the shared clock over every wait. */
  drain() {
    return this.bot.worker.drain({ advance: (ms) => this.clock.advance(ms) });
  }

  /** The bot joins the group and the secretary binds it (J1). */
  async setUpBody(): Promise<void> {
    await this.fake.processed(this.fake.pushBotAdded(this.group, this.secretary));
    await this.say(this.secretary, this.group, `/setup@${BOT_USERNAME} 联席会议 ${BODY}`);
    await this.drain();
  }

  botTexts(chat: TgChat | number): string[] {
    return this.fake.botMessages(chat).map((m) => m.text ?? m.caption ?? '');
  }

  errors(): LogEntry[] {
    return this.log.entries.filter((e) => e.level === 'error');
  }

  async close(): Promise<void> {
    for (const r of this.running.splice(0)) await r.adapter.stop();
    await this.fake.close();
    this.store.close();
  }
}

/**
 * The Telegram side of the shared scenario table, on a started world whose group already has the bot.
 * Users are the world's accounts (`zhangsan` is the secretary, `zhouming` is 周明; any other key gets an
 * account named after it); `group` is the world's group and `dm:<user>` that user's private chat. In the
 * group, `/cmd …` is sent as `/cmd@bot …` and anything else as `@bot …`, as people address a bot there.
 * A step's outputs are the messages the fake accepted (sends and edits) while the outbox drained.
 */
function telegramDriver(w: World): ScenarioDriver {
  const { fake } = w;
  const users = new Map<string, TgUser>([
    ['zhangsan', w.secretary],
    ['zhouming', w.zhou],
  ]);
  const userOf = (key: string): TgUser => {
    let user = users.get(key);
    if (!user) {
      user = fake.addUser({ id: 5001 + users.size, firstName: key, username: key });
      users.set(key, user);
    }
    return user;
  };
  const chatOf = (key: ChatKey): TgChat => {
    if (key.startsWith('dm:')) return fake.privateChat(userOf(key.slice('dm:'.length)));
    if (key !== 'group') throw new Error(`no Telegram group for ${key}`);
    return w.group;
  };
  const keyOf = (chatId: number): ChatKey => {
    if (chatId === w.group.id) return 'group';
    const user = [...users].find(([, u]) => u.id === chatId);
    if (!user) throw new Error(`a message to an unknown chat ${chatId}`);
    return `dm:${user[0]}`;
  };
  const addressed = (chat: TgChat, text: string) =>
    chat.type === 'private'
      ? text
      : text.startsWith('/')
        ? text.replace(/^(\/[^\s@]+)/u, `$1@${BOT_USERNAME}`)
        : `@${BOT_USERNAME} ${text}`;

  /** Push an update, wait until it was handled, deliver the outbox, and read what was sent or edited. */
  async function exchange(push: () => TgUpdate): Promise<BotOutput[]> {
    const mark = fake.outbound.length;
    await fake.processed(push());
    await w.drain();
    return fake.outbound.slice(mark).map((o) => {
      const m = fake.messages(o.chatId).find((x) => x.message_id === o.messageId);
      if (!m) throw new Error(`message ${o.messageId} not in chat ${o.chatId}`);
      const output: BotOutput = {
        chat: keyOf(o.chatId),
        text: m.text ?? m.caption ?? '',
        buttons: m.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [],
        edited: o.method.startsWith('editMessage'),
      };
      if (m.document?.file_name) output.file = m.document.file_name;
      return output;
    });
  }

  return {
    say({ by, in: key, text }) {
      const chat = chatOf(key);
      return exchange(() => fake.pushMessage({ chat, from: userOf(by), text: addressed(chat, text) }).update);
    },
    press({ by, in: key, label }) {
      const matches = (b: TgButton) =>
        b.callback_data !== undefined && (typeof label === 'string' ? b.text === label : label.test(b.text));
      const message = fake
        .botMessages(chatOf(key))
        .reverse()
        .find((m) => m.reply_markup?.inline_keyboard.flat().some(matches));
      const button = message?.reply_markup?.inline_keyboard.flat().find(matches);
      if (!message || !button) throw new Error(`no message in ${key} with a button ${String(label)}`);
      return exchange(
        () => fake.pushCallbackQuery({ from: userOf(by), message, data: button.callback_data }).update,
      );
    },
    handle: (key) => `@${userOf(key).username}`,
  };
}

let world: World;

beforeEach(async () => {
  world = await new World().open();
});

afterEach(async () => {
  await world.close();
});

describe('the shared scenarios on Telegram', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      await world.start();
      // The bot is in the group before the first step, as on WeCom; its greeting is not part of a step.
      await world.handled({ update: world.fake.pushBotAdded(world.group, world.secretary) });
      await world.drain();
      await runScenario(scenario, telegramDriver(world));
      expect(world.errors()).toEqual([]);
      expect(world.fake.violations).toEqual([]);
    });
  }
});

describe('Telegram end to end: journeys in a group', () => {
  it('starts with getMe, command menus and polling for the updates it needs (privacy mode on)', async () => {
    const { adapter } = await world.start();
    const { fake } = world;
    expect(adapter.botUsername).toBe(BOT_USERNAME);
    expect(adapter.capabilities.seesAllGroupMessages).toBe(false);
    expect(adapter.directLinkUrl?.('tok_1')).toBe(`https://t.me/${BOT_USERNAME}?start=tok_1`);
    expect(adapter.directLinkUrl?.('bad token!')).toBeUndefined();
    expect(fake.calls.slice(0, 2).map((c) => c.method)).toEqual(['getMe', 'setMyCommands']);
    expect([...fake.commands.keys()].sort()).toEqual([
      'all_group_chats:',
      'all_group_chats:en',
      'all_group_chats:zh',
      'all_private_chats:',
      'all_private_chats:en',
      'all_private_chats:zh',
    ]);
    expect(fake.commands.get('all_private_chats:zh')?.[0]).toEqual({
      command: 'start',
      description: '开通私信提醒',
    });
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    const poll = await fake.waitForCall('getUpdates');
    expect(poll.params).toMatchObject({
      timeout: 5,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
  });

  it('J1: greets when added, explains /setup, and binds the group to a new joint meeting', async () => {
    await world.start();
    const { fake, group, secretary } = world;
    await world.handled({ update: fake.pushBotAdded(group, secretary) });
    await world.drain();
    const [greeting] = world.botTexts(group);
    expect(greeting).toContain('大家好，我是议事');
    expect(greeting).toContain('/setup 联席会议 名称');

    const command = await world.say(secretary, group, `/setup@${BOT_USERNAME} 联席会议 ${BODY}`);
    await world.drain();
    const reply = world.fake.lastBotMessage(group)!;
    expect(reply.text).toContain(`已创建联席会议「${BODY}」并绑定本群，您是秘书。`);
    expect(reply.reply_to_message?.message_id).toBe(command.message_id);
    expect(world.bot.repos.bodies.getChat('telegram', String(group.id))?.bodyId).toBeTruthy();

    // A command for another bot in the same group is not ours (botUsernames reaches the core).
    const count = fake.botMessages(group).length;
    await world.say(secretary, group, '/whoami@other_bot');
    await world.drain();
    expect(fake.botMessages(group)).toHaveLength(count);
    expect(world.errors()).toEqual([]);
  });

  it('J2: units with aliases, a liaison whose DM falls back to the group with a deep link, then /start links them', async () => {
    await world.start();
    await world.setUpBody();
    const { fake, group, secretary, zhou } = world;

    await world.say(secretary, group, `/unit@${BOT_USERNAME} add 区供电公司第二供电所 别名:二所,供电所`);
    await world.drain();
    expect(fake.lastBotMessage(group)?.text).toContain(
      '已添加成员单位「区供电公司第二供电所」（别名：二所、供电所）',
    );

    // 周明 speaks once in the group, so the bot knows which account @zhouming is.
    await world.say(zhou, group, `/whoami@${BOT_USERNAME}`);
    await world.say(secretary, group, `/liaison@${BOT_USERNAME} 二所 @zhouming`);
    await world.drain();

    expect(fake.hasStartedBot(zhou)).toBe(false);
    const refused = fake.callsOf('sendMessage').find((c) => c.params.chat_id === zhou.id);
    expect(refused?.error).toEqual({
      code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const [assigned, fallback] = fake.botMessages(group).slice(-2);
    expect(assigned?.text).toBe('已指定 周明 为「区供电公司第二供电所」的联络员。');
    expect(fallback?.text).toMatch(
      /^周明，私信未能送达.*\n\n您已被指定为「区供电公司第二供电所」在「和平街道联席会议」的联络员/s,
    );
    // The mention became a real mention of the account, and the button is a deep link to start the bot.
    expect(fallback?.entities).toContainEqual({ type: 'text_mention', offset: 0, length: 2, user: zhou });
    const button = fallback?.reply_markup?.inline_keyboard.flat()[0];
    expect(button?.text).toBe('开通私信提醒');
    const link = new URL(button!.url!);
    expect(`${link.origin}${link.pathname}`).toBe(`https://t.me/${BOT_USERNAME}`);
    const token = link.searchParams.get('start')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    // They press the link: Telegram sends "/start <token>" in the private chat.
    const dm = fake.privateChat(zhou);
    await world.say(zhou, dm, `/start ${token}`);
    await world.drain();
    expect(world.botTexts(dm)).toEqual(['已关联：您是「周明」。以后的提醒会直接私信给您。']);

    // The next notice goes straight to the private chat.
    await world.say(secretary, group, `/unit@${BOT_USERNAME} add 区水务公司 别名:水务`);
    await world.say(secretary, group, `/liaison@${BOT_USERNAME} 水务 @zhouming`);
    const groupCount = fake.botMessages(group).length;
    await world.drain();
    expect(world.botTexts(dm).at(-1)).toBe(
      '您已被指定为「区水务公司」在「和平街道联席会议」的联络员。交办给本单位的事项会通知您，请及时签收和反馈。',
    );
    expect(fake.botMessages(group).length - groupCount).toBe(2); // "unit added" and "liaison assigned", no fallback
    expect(world.errors()).toEqual([]);
  });

  it('a pressed button runs its command and the offering message is edited to show the choice', async () => {
    await world.start();
    await world.setUpBody();
    const { fake, group, secretary } = world;
    await world.say(secretary, group, `/liaison@${BOT_USERNAME} 不存在的单位 @x`);
    await world.drain();
    const offer = fake.lastBotMessage(group)!;
    expect(offer.text).toBe('没有找到成员单位「不存在的单位」。发送 /unit list 查看全部。');
    const [button] = offer.reply_markup!.inline_keyboard.flat();
    expect(button?.text).toBe('新增单位「不存在的单位」');
    expect(Buffer.byteLength(button!.callback_data!)).toBeLessThanOrEqual(64);

    const { queryId } = await world.handled(fake.pushCallbackQuery({ from: secretary, message: offer }));
    // The spinner is stopped right after the press was handled, without a text.
    expect(fake.callbackAnswers.get(queryId)).toEqual({});
    await world.drain();

    const edited = fake.messages(group).find((m) => m.message_id === offer.message_id)!;
    expect(edited.text).toBe(`${offer.text}\n\n✓ 新增单位「不存在的单位」`);
    expect(edited.reply_markup).toBeUndefined();
    expect(edited.edit_date).toBeDefined();
    const added = fake.lastBotMessage(group)!;
    expect(added.text).toMatch(/^已添加成员单位「不存在的单位」/);
    expect(added.reply_to_message?.message_id).toBe(offer.message_id);
    expect(fake.callsOf('editMessageText')).toHaveLength(1);
  });

  it('imports a roster sent as a document, and answers a bad roster with a CSV report attached', async () => {
    await world.start();
    await world.setUpBody();
    const { fake, group, secretary } = world;
    const roster =
      '单位,别名,联络员,手机\n区水务公司,水务,李华,13912345678\n区环卫所,环卫,王强,13812345678\n';
    await world.handled(
      fake.pushMessage({
        chat: group,
        from: secretary,
        document: { name: '名单.csv', content: roster },
        caption: `/import@${BOT_USERNAME}`,
      }),
    );
    await world.drain();
    expect(fake.callsOf('getFile')).toHaveLength(1);
    expect(fake.lastBotMessage(group)?.text).toMatch(/^导入完成：2 家单位（新增 2 家），2 位联络员/);

    const badRows = Array.from({ length: 25 }, (_, i) => `测试单位${i + 1},,张三,123`).join('\n');
    const { message: upload } = await world.handled(
      fake.pushMessage({
        chat: group,
        from: secretary,
        document: { name: '名单2.csv', content: `单位,别名,联络员,手机\n${badRows}\n` },
        caption: '/import',
      }),
    );
    await world.drain();

    const [call] = fake.callsOf('sendDocument');
    expect(call?.files?.document?.filename).toBe('导入问题清单.csv');
    // Stringified on purpose: telegraf 4.16.3 drops plain objects in multipart.
    expect(typeof call?.raw.reply_parameters).toBe('string');
    expect(call?.params.reply_parameters).toEqual({
      message_id: upload.message_id,
      allow_sending_without_reply: true,
    });
    const sent = fake.botMessages(group).find((m) => m.document)!;
    expect(sent.reply_to_message?.message_id).toBe(upload.message_id);
    const csv = fake.fileData(sent.document!.file_id)!.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(25);
    expect(world.botTexts(group).join('\n')).toContain('名单有 25 处问题，未导入任何内容');
    expect(world.errors()).toEqual([]);
  });

  it('answers in the same forum topic', async () => {
    const { fake, secretary } = world;
    const forum = fake.addGroup({ id: -1009876543210, title: '议事论坛', isForum: true, creator: secretary });
    await world.start();
    await world.handled({ update: fake.pushBotAdded(forum, secretary) });
    const thread = fake.createTopic(forum, '周例会', secretary);
    const { message } = await world.handled(
      fake.pushMessage({ chat: forum, from: secretary, text: `/help@${BOT_USERNAME}`, threadId: thread }),
    );
    await world.drain();
    const reply = fake.lastBotMessage(forum)!;
    expect(reply).toMatchObject({ message_thread_id: thread, is_topic_message: true });
    expect(reply.reply_to_message?.message_id).toBe(message.message_id);
  });
});

describe('Telegram end to end: delivery under pressure', () => {
  it('a 429 storm: everything is delivered and the limits are never exceeded', async () => {
    await world.start();
    await world.setUpBody();
    const { fake, group } = world;
    const other = fake.addGroup({ id: -1005550000000, title: '第二个群', creator: world.secretary });
    await world.handled({ update: fake.pushBotAdded(other, world.secretary) });
    await world.drain(); // the greeting in the second group
    const people = Array.from({ length: 6 }, (_, i) =>
      fake.addUser({ id: 3000 + i, firstName: `成员${i}`, username: `member_${i}` }),
    );
    fake.failNext('sendMessage', { code: 429, parameters: { retry_after: 3 } }, { times: 8, every: 4 });
    const before = { group: fake.botMessages(group).length, other: fake.botMessages(other).length };

    let last: TgUpdate | undefined;
    for (let i = 0; i < 24; i++)
      last = fake.pushMessage({ chat: group, from: people[i % 6]!, text: `/whoami@${BOT_USERNAME}` }).update;
    for (let i = 0; i < 6; i++)
      last = fake.pushMessage({ chat: other, from: people[i]!, text: `/whoami@${BOT_USERNAME}` }).update;
    for (const p of people)
      last = fake.pushMessage({ chat: fake.privateChat(p), from: p, text: '/help' }).update;
    await fake.processed(last!);
    await world.drain();

    expect(fake.botMessages(group).length - before.group).toBe(24);
    expect(fake.botMessages(other).length - before.other).toBe(6);
    for (const p of people) expect(fake.botMessages(p.id)).toHaveLength(1);
    expect(fake.callsOf('sendMessage').filter((c) => c.error?.code === 429)).toHaveLength(8);
    expect(fake.violations).toEqual([]);
    expectWithinLimits(fake.outbound);
    expect(world.errors()).toEqual([]);
  });

  it('a restart with pending updates handles each update exactly once', async () => {
    const first = await world.start();
    await world.setUpBody();
    const { fake, group, secretary } = world;
    await first.adapter.stop();
    world.clock.advance(10_000); // a restart takes a while; a new process starts with empty rate windows

    // Updates arrive while the bot is down.
    const pending = [1, 2, 3].map(
      () => fake.pushMessage({ chat: group, from: secretary, text: `/whoami@${BOT_USERNAME}` }).update,
    );
    const repliesBefore = fake.botMessages(group).length;
    await world.start();
    await fake.processed(pending.at(-1)!);
    await world.drain();
    expect(fake.botMessages(group).length - repliesBefore).toBe(3);

    // A crash lost the confirmation: Telegram sends the same updates again to the next process.
    await world.running.at(-1)!.adapter.stop();
    fake.redeliverFrom(pending[0]!.update_id);
    expect(fake.pending().map((u) => u.update_id)).toEqual(pending.map((u) => u.update_id));
    await world.start();
    await fake.processed(pending.at(-1)!);
    const again = await world.drain();
    expect(again.sent).toBe(0);
    expect(fake.botMessages(group).length - repliesBefore).toBe(3);
    for (const u of pending) expect(world.bot.repos.updates.seen('telegram', String(u.update_id))).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('retries 5xx answers and dropped connections with backoff', async () => {
    await world.start();
    await world.setUpBody();
    const { fake, group, secretary } = world;
    world.clock.advance(60_000); // past the group's rate windows, so runOnce sends at once
    fake.failNext('sendMessage', { code: 502 });
    await world.say(secretary, group, `/whoami@${BOT_USERNAME}`);
    const first = await world.bot.worker.runOnce();
    expect(first).toMatchObject({ sent: 0, retried: 1 });

    fake.holdNext('sendMessage');
    world.clock.advance(first.nextWakeAt! - world.clock.now());
    const pass = world.bot.worker.runOnce();
    await fake.waitForHeld();
    fake.releaseHeld('drop');
    expect(await pass).toMatchObject({ sent: 0, retried: 1 });

    await world.drain();
    expect(fake.lastBotMessage(group)?.text).toMatch(/^您是 王芳/);
    expect(
      fake
        .callsOf('sendMessage')
        .slice(-3)
        .map((c) => c.outcome),
    ).toEqual(['error', 'aborted', 'ok']);
  });

  it('gives up on a request that never answers after the timeout, and tries again', async () => {
    await world.start({ requestTimeoutMs: 50 });
    await world.setUpBody();
    const { fake, group, secretary } = world;
    world.clock.advance(60_000);
    fake.holdNext('sendMessage');
    await world.say(secretary, group, `/whoami@${BOT_USERNAME}`);
    expect(await world.bot.worker.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    // The fake sees the client hang up (its socket closes) shortly after the adapter gave up.
    await until(() => fake.callsOf('sendMessage').at(-1)?.outcome === 'aborted');
    await world.drain();
    expect(fake.lastBotMessage(group)?.text).toMatch(/^您是 王芳/);
  });

  it('marks a group inactive when the bot was removed, by update or by a 403 on sending', async () => {
    await world.start();
    await world.setUpBody();
    const { fake, group, secretary } = world;
    const chatRow = () => world.bot.repos.bodies.getChat('telegram', String(group.id));

    fake.failNext('sendMessage', {
      code: 403,
      description: 'Forbidden: bot was kicked from the supergroup chat',
    });
    await world.say(secretary, group, `/whoami@${BOT_USERNAME}`);
    expect(await world.drain()).toMatchObject({ failed: 1 });
    expect(chatRow()?.active).toBe(false);

    world.bot.repos.bodies.setChatActive('telegram', String(group.id), true, world.clock.now());
    await world.handled({ update: fake.pushBotRemoved(group, secretary) });
    expect(chatRow()?.active).toBe(false);
    expect(fake.botStatus(group)).toBe('kicked');
  });

  it('follows a group that migrated to a supergroup', async () => {
    const { fake, secretary } = world;
    const old = fake.addGroup({ id: -4001, title: '老群', type: 'group', creator: secretary });
    await world.start();
    await world.handled({ update: fake.pushBotAdded(old, secretary) });
    await world.drain();
    await world.say(secretary, old, `/setup@${BOT_USERNAME} 联席会议 ${BODY}`);
    const superGroup = fake.migrateGroup(old, -1004001000000);
    await fake.processed(fake.pending().at(-1)!);
    await world.drain();

    const refused = fake.callsOf('sendMessage').find((c) => c.error?.code === 400);
    expect(refused?.error?.description).toBe('Bad Request: group chat was upgraded to a supergroup chat');
    expect(world.bot.repos.bodies.getChat('telegram', String(superGroup.id))?.bodyId).toBeTruthy();
    expect(world.botTexts(superGroup).at(-1)).toContain(`已创建联席会议「${BODY}」`);
  });
});

describe('Telegram end to end: modes and configuration', () => {
  it('webhook mode: rejects a wrong or missing secret, handles updates with the right one', async () => {
    const { adapter } = await world.start({
      webhook: {
        url: 'https://bot.example.test/telegram/hook',
        secret: 'S3cr3t_token',
        port: 0,
        host: '127.0.0.1',
      },
    });
    const { fake, zhou } = world;
    expect(fake.webhook).toEqual({
      url: 'https://bot.example.test/telegram/hook',
      secret_token: 'S3cr3t_token',
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
    expect(fake.callsOf('getUpdates')).toEqual([]);
    const dm = fake.privateChat(zhou);
    fake.pushMessage({ chat: dm, from: zhou, text: '/help' });
    const local = `http://127.0.0.1:${adapter.webhookPort}/telegram/hook`;

    expect((await fake.deliverWebhook(local, { secret: 'wrong' })).map((r) => r.status)).toEqual([403]);
    expect((await fake.deliverWebhook(local, { secret: null })).map((r) => r.status)).toEqual([403]);
    expect(
      (await fake.deliverWebhook(`http://127.0.0.1:${adapter.webhookPort}/other`)).map((r) => r.status),
    ).toEqual([403]);
    const [rejected] = fake.pending();
    expect(world.bot.repos.updates.seen('telegram', String(rejected!.update_id))).toBe(false);
    expect(await world.drain()).toMatchObject({ sent: 0 });

    expect((await fake.deliverWebhook(local)).map((r) => r.status)).toEqual([200]);
    expect(fake.pending()).toEqual([]);
    await world.drain();
    expect(world.botTexts(dm)).toHaveLength(1);
    expect(world.botTexts(dm)[0]).toContain('/help');
  });

  it('honours an API root with a path (a self-hosted Bot API server) and reads privacy mode from getMe', async () => {
    await world.close();
    world = await new World().open({
      pathPrefix: '/tgapi',
      bot: { username: BOT_USERNAME, canReadAllGroupMessages: true },
    });
    expect(world.fake.apiRoot.endsWith('/tgapi')).toBe(true);
    const { adapter } = await world.start();
    expect(adapter.capabilities.seesAllGroupMessages).toBe(true);
    await world.setUpBody();
    expect(world.fake.lastBotMessage(world.group)?.text).toContain(`已创建联席会议「${BODY}」`);
  });

  it('stops cleanly: polling ends and the offset is confirmed', async () => {
    const { adapter } = await world.start();
    const { fake, zhou } = world;
    const { update } = await world.handled(
      fake.pushMessage({ chat: fake.privateChat(zhou), from: zhou, text: '/help' }),
    );
    await adapter.stop();
    world.running.splice(0);
    const lastPoll = fake.callsOf('getUpdates').at(-1)!;
    expect(lastPoll.params).toEqual({ offset: update.update_id + 1, limit: 1 });
    expect(fake.pending()).toEqual([]);
  });
});

describe('the fake Bot API itself (real telegraf client)', () => {
  const client = () => new Telegram(world.fake.token, { apiRoot: world.fake.apiRoot });

  it('getUpdates honours offset, limit and timeout', async () => {
    const { fake, zhou } = world;
    const tg = client();
    const dm = fake.privateChat(zhou);
    const ids = [1, 2, 3].map(
      (i) => fake.pushMessage({ chat: dm, from: zhou, text: `m${i}` }).update.update_id,
    );
    expect((await tg.callApi('getUpdates', { limit: 2 })).map((u) => u.update_id)).toEqual(ids.slice(0, 2));
    expect((await tg.callApi('getUpdates', { offset: ids[1]! })).map((u) => u.update_id)).toEqual(
      ids.slice(1),
    );
    expect((await tg.callApi('getUpdates', { offset: ids[2]! + 1 })).length).toBe(0);
    // A long poll is held until an update arrives.
    const poll = tg.callApi('getUpdates', { offset: ids[2]! + 1, timeout: 30 });
    while (!fake.calls.at(-1)?.params.timeout) await new Promise((r) => setImmediate(r));
    const late = fake.pushMessage({ chat: dm, from: zhou, text: 'late' }).update;
    expect((await poll).map((u) => u.update_id)).toEqual([late.update_id]);
  });

  it('answers like Telegram: unknown token, case-insensitive methods, members, admins, actions, edits', async () => {
    const { fake, group, secretary, zhou } = world;
    const tg = client();
    await expect(new Telegram('1:wrong', { apiRoot: fake.apiRoot }).getMe()).rejects.toMatchObject({
      code: 401,
    });
    expect(await tg.callApi('GETME' as 'getMe', {})).toMatchObject({
      id: fake.bot.id,
      is_bot: true,
      can_read_all_group_messages: false,
    });
    fake.pushBotAdded(group, secretary);
    fake.setMember(group, zhou, 'member');
    expect(await tg.getChatMember(group.id, zhou.id)).toEqual({ user: zhou, status: 'member' });
    expect(await tg.getChatMember(group.id, fake.bot.id)).toMatchObject({ status: 'member' });
    expect((await tg.getChatAdministrators(group.id)).map((m) => [m.user.id, m.status])).toEqual([
      [secretary.id, 'creator'],
    ]);
    expect(await tg.sendChatAction(group.id, 'typing')).toBe(true);
    await expect(tg.sendMessage(zhou.id, 'hi')).rejects.toMatchObject({ code: 403 });
    await expect(tg.sendMessage(group.id, 'a <b', { parse_mode: 'HTML' })).rejects.toMatchObject({
      code: 400,
    });

    const sent = await tg.sendMessage(group.id, '<b>投票</b>', {
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: '同意', callback_data: 'yes' }]] },
    });
    expect(sent).toMatchObject({ text: '投票', entities: [{ type: 'bold', offset: 0, length: 2 }] });
    await expect(
      tg.editMessageText(group.id, sent.message_id, undefined, '<b>投票</b>', {
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: '同意', callback_data: 'yes' }]] },
      }),
    ).rejects.toMatchObject({ code: 400, description: expect.stringMatching(/message is not modified/) });
    world.clock.advance(1000);
    const cleared = await tg.editMessageReplyMarkup(group.id, sent.message_id, undefined, undefined);
    expect(cleared).not.toHaveProperty('reply_markup');
    await expect(
      tg.callApi('sendMessage', {
        chat_id: group.id,
        text: 'x',
        reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'x'.repeat(65) }]] },
      }),
    ).rejects.toMatchObject({ description: 'Bad Request: BUTTON_DATA_INVALID' });
  });

  it('refuses sends beyond the flood limits and records them as violations', async () => {
    const { fake, group, secretary } = world;
    const tg = client();
    fake.pushBotAdded(group, secretary);
    await tg.sendMessage(group.id, 'one');
    const err = await tg.sendMessage(group.id, 'two').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 429, parameters: { retry_after: 1 } });
    expect(fake.violations).toEqual([
      { rule: 'chat', method: 'sendMessage', chatId: group.id, at: world.clock.now() },
    ]);
  });
});

/** Wait for something the event loop will bring about (a socket closing), without a fixed sleep. */
async function until(condition: () => boolean, maxTurns = 10_000): Promise<void> {
  for (let i = 0; i < maxTurns && !condition(); i++) await new Promise((r) => setImmediate(r));
  expect(condition()).toBe(true);
}

/** Check the fake's record of accepted sends against Telegram's limits, independently of the fake. */
function expectWithinLimits(outbound: OutboundRecord[]): void {
  const byChat = new Map<number, number[]>();
  for (const o of outbound) byChat.set(o.chatId, [...(byChat.get(o.chatId) ?? []), o.at]);
  for (const [chatId, times] of byChat) {
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!, `chat ${chatId} 1/s`).toBeGreaterThanOrEqual(1000);
    if (chatId < 0)
      for (let i = 20; i < times.length; i++)
        expect(times[i]! - times[i - 20]!, `group ${chatId} 20/min`).toBeGreaterThanOrEqual(60_000);
  }
  const all = outbound.map((o) => o.at);
  for (let i = 30; i < all.length; i++)
    expect(all[i]! - all[i - 30]!, 'global 30/s').toBeGreaterThanOrEqual(1000);
}
