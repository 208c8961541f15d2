/**
 * End to end on WeCom: the real bot (`createBot`) with the real WeCom adapter and the real
 * `@wecom/aibot-node-sdk`, against the fake WeCom server on 127.0.0.1. Delivery is driven by hand
 * (`worker.runOnce` / `drain`) on a fixed clock; waits are on promises and server events, never sleeps.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createWecomAdapter, directoryFrom, type WecomAdapter } from '../../bot/adapters/wecom/index.js';
import { type Bot, createBot } from '../../bot/bot.js';
import type { AdapterHandlers, Logger } from '../../bot/core/ports.js';
import { wecomRateRules } from '../../bot/core/rate-limiter.js';
import type { Incoming } from '../../bot/core/types.js';
import type { Store } from '../../db/client.js';
import { createRepos } from '../../db/repos/index.js';
import { type FakeClock, fixedClock } from '../support/fake-clock.js';
import { type Delivery, type FakeWecom, startFakeWecom } from '../support/fake-wecom.js';
import { testStore } from '../support/test-db.js';
import { type BotOutput, type ChatKey, runScenario, type ScenarioDriver, scenarios } from './scenarios.js';

const BOT_ID = 'aibBOT1';
const SECRET = 'sEcReT-never-logged';
const GROUP_CHAT = 'wrkSVcG1';
const GROUPS: Record<ChatKey, string> = { group: GROUP_CHAT };

/** A logger that keeps every entry, to check what is logged loudly and that the secret never is. */
interface CapturedLog extends Logger {
  entries: { level: string; msg: string; obj: unknown }[];
}

function captureLogger(): CapturedLog {
  const entries: CapturedLog['entries'] = [];
  const at =
    (level: string) =>
    (obj: object | string, msg?: string): void => {
      entries.push(typeof obj === 'string' ? { level, msg: obj, obj: {} } : { level, msg: msg ?? '', obj });
    };
  const logger: CapturedLog = {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/** Wraps the bot's handlers so a test can wait until a callback was fully handled. */
function handledCounter(app: AdapterHandlers) {
  let done = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const settle = () => {
    done++;
    for (const w of waiters.filter((x) => done >= x.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const wrap =
    <T>(fn: (x: T) => Promise<void>) =>
    async (x: T) => {
      try {
        await fn(x);
      } finally {
        settle();
      }
    };
  const handlers: AdapterHandlers = {
    onMessage: wrap(app.onMessage),
    onButton: wrap(app.onButton),
    onMembership: wrap((e) => app.onMembership!(e)),
  };
  return {
    handlers,
    get done() {
      return done;
    },
    /** Resolves once `n` callbacks in total were handled. */
    until(n: number): Promise<void> {
      if (done >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}

interface Env {
  fake: FakeWecom;
  clock: FakeClock;
  store: Store;
  bot: Bot;
  adapter: WecomAdapter;
  log: CapturedLog;
  handled: ReturnType<typeof handledCounter>;
  /** Resolves after the adapter's next reconnect. */
  reconnected(): Promise<void>;
}

const envs: Env[] = [];
const fakes: FakeWecom[] = [];

afterEach(async () => {
  for (const env of envs.splice(0)) await env.adapter.stop();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function startFake(): Promise<FakeWecom> {
  const fake = await startFakeWecom({ botId: BOT_ID, secret: SECRET });
  fakes.push(fake);
  return fake;
}

/** The bot with the WeCom adapter, connected to the fake. */
async function startEnv(o: { fake?: FakeWecom; store?: Store; clock?: FakeClock } = {}): Promise<Env> {
  const fake = o.fake ?? (await startFake());
  const clock = o.clock ?? fixedClock('2026-11-30T09:00:00+08:00');
  const store = o.store ?? testStore();
  const log = captureLogger();
  let onReconnect: (() => void) | undefined;
  const adapter = createWecomAdapter({
    botId: BOT_ID,
    secret: SECRET,
    wsUrl: fake.url,
    logger: log,
    clock,
    language: 'zh-CN',
    directory: directoryFrom(createRepos(store.db).people),
    reconnect: { intervalMs: 20, maxAuthFailures: 3 },
    startTimeoutMs: 5_000,
    onReconnect: () => onReconnect?.(),
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
  const handled = handledCounter(bot.app);
  const reconnected = () =>
    new Promise<void>((resolve) => {
      onReconnect = resolve;
    });
  const env: Env = { fake, clock, store, bot, adapter, log, handled, reconnected };
  envs.push(env);
  // Not bot.start(): the tests drive the delivery worker themselves.
  await adapter.start(handled.handlers);
  return env;
}

/** Push a callback, wait until the bot handled it, then drain the outbox; returns what was delivered. */
async function exchange(env: Env, inject: () => unknown): Promise<Delivery[]> {
  const mark = env.fake.deliveries.length;
  const target = env.handled.done + 1;
  inject();
  await env.handled.until(target);
  await drain(env);
  return env.fake.deliveriesSince(mark);
}

function drain(env: Env) {
  return env.bot.worker.drain({ advance: (ms) => env.clock.advance(ms) });
}

/** `@议事 …` from a user in the group. */
function inGroup(env: Env, from: string, text: string, msgid?: string) {
  return exchange(env, () =>
    env.fake.pushText({ from, chatId: GROUP_CHAT, text: `@议事\u2005${text}`, msgid }),
  );
}

/** Backslash escapes of our plain-text markdown, removed for reading. */
const readable = (s: string) => s.replace(/\\([\\`*_~<>#])/gu, '$1');

/** The WeCom side of the shared scenario table. */
function wecomDriver(env: Env): ScenarioDriver {
  const chatKeyOf = (chatId: string): ChatKey =>
    Object.entries(GROUPS).find(([, id]) => id === chatId)?.[0] ?? `dm:${chatId}`;
  const groupOf = (key: ChatKey) => (key.startsWith('dm:') ? undefined : GROUPS[key]);

  function outputs(deliveries: Delivery[]): BotOutput[] {
    const out: BotOutput[] = [];
    for (const d of deliveries) {
      const chat = chatKeyOf(d.chatId);
      const file = d.mediaId ? env.fake.uploads.get(d.mediaId)?.filename : undefined;
      const previous = out.at(-1);
      // A file goes out as its own message right after its caption; show them as one output.
      if (d.kind === 'file' && previous?.chat === chat && previous.file === undefined) {
        previous.file = file;
        continue;
      }
      out.push({ chat, text: readable(d.text), buttons: d.buttons, edited: d.kind === 'update', file });
    }
    return out;
  }

  return {
    async say({ by, in: chat, text }) {
      const chatId = groupOf(chat);
      const delivered = await exchange(env, () =>
        env.fake.pushText({ from: by, chatId, text: chatId ? `@议事\u2005${text}` : text }),
      );
      return outputs(delivered);
    },
    async press({ by, in: chat, label }) {
      const chatId = groupOf(chat) ?? chat.slice('dm:'.length);
      const matches = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
      const card = [...env.fake.deliveries]
        .reverse()
        .find((d) => d.chatId === chatId && d.card && d.buttons.some(matches))?.card;
      if (!card) throw new Error(`no card in ${chat} with a button ${String(label)}`);
      const button = card.button_list.find((b: { text: string }) => matches(b.text));
      const delivered = await exchange(env, () =>
        env.fake.click({ from: by, chatId: groupOf(chat), taskId: card.task_id, key: button.key }),
      );
      return outputs(delivered);
    },
    handle: (user) => user,
  };
}

describe('the shared scenarios on WeCom', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const env = await startEnv();
      await runScenario(scenario, wecomDriver(env));
      expect(env.log.entries.filter((e) => e.level === 'error')).toEqual([]);
    });
  }
});

describe('WeCom replies and cards', () => {
  it('answers an @-mention through the callback frame as one finished stream', async () => {
    const env = await startEnv();
    const [reply, ...rest] = await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议');
    expect(rest).toEqual([]);
    expect(reply).toMatchObject({ cmd: 'aibot_respond_msg', kind: 'stream', chatId: GROUP_CHAT });
    expect(reply!.inReplyTo?.body.text.content).toContain('/setup');
    expect(reply!.body.stream).toMatchObject({ finish: true });
    expect(reply!.text).toMatch(/^已创建联席会议「和平街道联席会议」/);
  });

  it('replaces the clicked card within 5 s, answering the click; the reply itself is pushed', async () => {
    const env = await startEnv();
    await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议');
    const [offer] = await inGroup(env, 'zhangsan', '/liaison 不存在的单位 zhouming');
    expect(offer).toMatchObject({ cmd: 'aibot_respond_msg', kind: 'template_card' });
    const card = offer!.card;
    expect(card).toMatchObject({ card_type: 'button_interaction', task_id: expect.stringMatching(/^ys_/) });
    expect(card.button_list).toEqual([
      { text: '新增单位「不存在的单位」', style: 1, key: expect.stringMatching(/^cmd:/) },
    ]);

    let click!: { reqId: string };
    const delivered = await exchange(env, () => {
      click = env.fake.click({
        from: 'zhangsan',
        chatId: GROUP_CHAT,
        taskId: card.task_id,
        key: card.button_list[0].key,
      });
    });
    const [update, reply] = delivered;
    expect(delivered).toHaveLength(2);
    // An event's req_id cannot carry a stream (846605): the command's reply is pushed to the group.
    expect(reply).toMatchObject({ cmd: 'aibot_send_msg', kind: 'markdown', chatId: GROUP_CHAT });
    expect(reply!.text).toMatch(/^已添加成员单位「不存在的单位」/);
    expect(update).toMatchObject({ cmd: 'aibot_respond_update_msg', reqId: click.reqId });
    expect(update!.body.response_type).toBe('update_template_card');
    expect(update!.card).toMatchObject({ card_type: 'text_notice', task_id: card.task_id });
    expect(update!.card.card_action).toMatchObject({ type: 1, url: expect.stringMatching(/^https:/) });
    expect(update!.text).toContain('✓ 新增单位「不存在的单位」');
    expect(env.bot.repos.units.findByName('不存在的单位')).toBeDefined();
  });

  it('leaves the card alone when the update comes later than 5 s after the click, and says why', async () => {
    const env = await startEnv();
    await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议');
    const [offer] = await inGroup(env, 'zhangsan', '/liaison 不存在的单位 zhouming');
    const card = offer!.card;
    const mark = env.fake.deliveries.length;
    const target = env.handled.done + 1;
    env.fake.click({
      from: 'zhangsan',
      chatId: GROUP_CHAT,
      taskId: card.task_id,
      key: card.button_list[0].key,
    });
    await env.handled.until(target);
    env.clock.advance(6_000);
    await drain(env);
    expect(env.fake.deliveriesSince(mark).map((d) => d.kind)).toEqual(['markdown']);
    const edit = env.bot.repos.outbox.list().find((r) => r.message.replaces === card.task_id);
    expect(edit).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/within 5 s/) });
  });

  it('sends the greeting as the welcome reply of enter_chat, or pushes it after 5 s', async () => {
    const env = await startEnv();
    let event!: { reqId: string };
    const [welcome] = await exchange(env, () => {
      event = env.fake.enterChat({ from: 'lisi' });
    });
    expect(welcome).toMatchObject({ cmd: 'aibot_respond_welcome_msg', reqId: event.reqId, kind: 'text' });
    expect(welcome!.text).toMatch(/^您好，我是议事/);

    const target = env.handled.done + 1;
    const mark = env.fake.deliveries.length;
    env.fake.enterChat({ from: 'wangwu' });
    await env.handled.until(target);
    env.clock.advance(5_000);
    await drain(env);
    expect(env.fake.deliveriesSince(mark)).toMatchObject([
      { cmd: 'aibot_send_msg', kind: 'markdown', chatId: 'wangwu' },
    ]);
  });

  it('pushes a proactive reminder as a text_notice card with a card_action', async () => {
    const env = await startEnv();
    await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议');
    env.bot.repos.outbox.enqueue(
      { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
      { title: '会议提醒', text: '第三次联席会议明天 9:00 召开\n地点：街道 3 楼会议室', notice: true },
      { dedupeKey: 'reminder:meeting:3', now: env.clock.now() },
    );
    const mark = env.fake.deliveries.length;
    await drain(env);
    const [notice] = env.fake.deliveriesSince(mark);
    expect(notice).toMatchObject({ cmd: 'aibot_send_msg', kind: 'template_card', chatId: GROUP_CHAT });
    expect(notice!.card).toMatchObject({
      card_type: 'text_notice',
      main_title: { title: '会议提醒' },
      sub_title_text: '第三次联席会议明天 9:00 召开\n地点：街道 3 楼会议室',
      card_action: { type: 1 },
      task_id: expect.stringMatching(/^[A-Za-z0-9_\-@]{1,128}$/),
    });
    const row = env.bot.repos.outbox.list({ status: 'sent' }).at(-1);
    expect(row?.platformMessageId).toBe(notice!.card.task_id);
  });

  it('uploads the minutes .docx in chunks and sends it after its caption', async () => {
    const env = await startEnv();
    const docx = randomBytes(600 * 1024); // two 512 KiB chunks
    env.bot.repos.outbox.enqueue(
      { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
      {
        text: '第三次联席会议纪要',
        file: {
          name: '和平街道联席会议纪要.docx',
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          base64: docx.toString('base64'),
        },
      },
      { dedupeKey: 'minutes:3', now: env.clock.now() },
    );
    const result = await drain(env);
    expect(result.sent).toBe(1);
    const cmds = env.fake.frames.map((f) => f.frame.cmd).filter((c) => c !== 'ping');
    expect(cmds).toEqual([
      'aibot_subscribe',
      'aibot_send_msg',
      'aibot_upload_media_init',
      'aibot_upload_media_chunk',
      'aibot_upload_media_chunk',
      'aibot_upload_media_finish',
      'aibot_send_msg',
    ]);
    const [caption, file] = env.fake.deliveries;
    expect(caption).toMatchObject({ kind: 'markdown', text: '第三次联席会议纪要' });
    expect(file).toMatchObject({ kind: 'file', chatId: GROUP_CHAT });
    const upload = env.fake.uploads.get(file!.mediaId!);
    expect(upload?.filename).toBe('和平街道联席会议纪要.docx');
    expect(upload?.data.equals(docx)).toBe(true);
  });

  it('resumes a half-sent message after a failure instead of repeating its caption', async () => {
    const env = await startEnv();
    env.fake.failNext({ cmd: 'aibot_upload_media_finish', errcode: -1, errmsg: 'system busy' });
    env.bot.repos.outbox.enqueue(
      { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
      {
        text: '成员单位台账',
        file: { name: '台账.xlsx', mime: 'application/octet-stream', base64: 'eGxzeA==' },
      },
      { dedupeKey: 'ledger:1', now: env.clock.now() },
    );
    const result = await drain(env);
    expect(result).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    expect(env.fake.deliveries.map((d) => d.kind)).toEqual(['markdown', 'file']);
    expect([...env.fake.uploads.values()].map((u) => u.filename)).toEqual(['台账.xlsx']);
  });

  it('keeps to the per-chat limit: the 21st message in a minute waits for the window', async () => {
    const env = await startEnv();
    const start = env.clock.now();
    for (let i = 1; i <= 21; i++)
      env.bot.repos.outbox.enqueue(
        { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
        { text: `第 ${i} 条` },
        { dedupeKey: `burst:${i}`, now: start },
      );
    const sentAt: number[] = [];
    const mark = env.fake.deliveries.length;
    const result = await env.bot.worker.drain({
      advance: (ms) => {
        sentAt.push(env.fake.deliveries.length - mark);
        env.clock.advance(ms);
      },
    });
    expect(result.sent).toBe(21);
    expect(sentAt).toEqual([20]);
    expect(env.clock.now() - start).toBe(60_000);
  });

  it('splits long text into messages below 20 480 bytes', async () => {
    const env = await startEnv();
    const line = `${'会议纪要正文'.repeat(30)}\n`;
    const text = line.repeat(100); // ≈ 54 000 bytes
    env.bot.repos.outbox.enqueue(
      { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
      { text },
      { dedupeKey: 'long:1', now: env.clock.now() },
    );
    await drain(env);
    const parts = env.fake.deliveries;
    expect(parts.length).toBe(3);
    for (const p of parts) expect(Buffer.byteLength(p.text)).toBeLessThan(20_480);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('turns a refused DM into a group mention asking the person to message the bot once', async () => {
    const env = await startEnv();
    await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议');
    await inGroup(env, 'zhangsan', '单位 add 区供电公司第二供电所 别名:二所');
    await inGroup(env, 'zhouming', '/name 周明');
    env.fake.failNext({
      cmd: 'aibot_send_msg',
      chatId: 'zhouming',
      errcode: 40003,
      errmsg: 'invalid userid',
    });
    const delivered = await inGroup(env, 'zhangsan', '/liaison 二所 zhouming');
    expect(delivered.map((d) => [d.chatId, d.kind])).toEqual([
      [GROUP_CHAT, 'stream'],
      [GROUP_CHAT, 'markdown'],
    ]);
    const fallback = delivered[1]!;
    expect(fallback.text).toMatch(/^<@zhouming> 周明，私信未能送达，请先私聊我一次/);
    expect(readable(fallback.text)).toContain('您已被指定为「区供电公司第二供电所」');
    const identity = env.bot.repos.people.getIdentity('wecom', 'zhouming');
    expect(identity?.dmStatus).toBe('unreachable');
  });

  it('waits a minute after a frequency-limit errcode and then delivers', async () => {
    const env = await startEnv();
    env.fake.failNext({ cmd: 'aibot_send_msg', errcode: 45009, errmsg: 'api freq out of limit' });
    const start = env.clock.now();
    env.bot.repos.outbox.enqueue(
      { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
      { text: '今天 17:00 前请提交材料' },
      { dedupeKey: 'push:1', now: start },
    );
    const result = await drain(env);
    expect(result).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    expect(env.clock.now() - start).toBe(60_000);
    expect(env.fake.deliveries).toHaveLength(1);
  });
});

describe('WeCom connection', () => {
  it('resolves start() after an auth failure followed by success', async () => {
    const fake = await startFake();
    fake.failAuth(1, 40001, 'invalid secret');
    const env = await startEnv({ fake });
    expect(env.adapter.state).toBe('ready');
    const subscribes = fake.frames.filter((f) => f.frame.cmd === 'aibot_subscribe');
    expect(subscribes.map((f) => f.conn)).toEqual([1, 2]);
    expect(subscribes[0]!.frame.body).toMatchObject({ bot_id: BOT_ID, secret: SECRET });
    expect(env.log.entries.some((e) => e.level === 'warn' && /authentication failed/i.test(e.msg))).toBe(
      true,
    );
    expect(JSON.stringify(env.log.entries)).not.toContain(SECRET);
  });

  it('rejects start() with a clear error when the credentials are refused for good', async () => {
    const fake = await startFake();
    fake.failAuth(10, 40001, 'invalid secret');
    const err = await startEnv({ fake }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/WECOM_BOT_ID and WECOM_BOT_SECRET/);
    expect((err as Error).message).toMatch(/invalid secret/);
    expect((err as Error).message).not.toContain(SECRET);
    expect(envs.at(-1)?.adapter.state).toBe('failed');
  });

  it('delivers all 50 messages of a fan-out exactly once across a socket drop', async () => {
    const env = await startEnv();
    const users = Array.from({ length: 50 }, (_, i) => `user${String(i + 1).padStart(2, '0')}`);
    for (const userId of users)
      env.bot.repos.outbox.enqueue(
        { platform: 'wecom', chatId: userId, chatKind: 'direct' },
        { text: `会议提醒：第三次联席会议明天 9:00 召开（${userId}）` },
        { dedupeKey: `fanout:${userId}`, now: env.clock.now() },
      );
    // The 21st push is lost with the socket, as if the connection died under it.
    const mark = env.fake.frames.length;
    const dropAt = users[20]!;
    env.fake.dropSocketOn({ cmd: 'aibot_send_msg', chatId: dropAt });

    const reconnected = env.reconnected();
    const first = await env.bot.worker.runOnce();
    expect(first.sent).toBeGreaterThanOrEqual(20);
    expect(first.retried).toBeGreaterThanOrEqual(1);
    await reconnected;
    const rest = await drain(env);
    expect(first.sent + rest.sent).toBe(50);
    expect(rest.failed).toBe(0);

    const delivered = env.fake.deliveries.map((d) => d.chatId);
    expect(delivered).toHaveLength(50);
    expect(new Set(delivered)).toEqual(new Set(users));
    // The lost push reached the server once before the drop, and was delivered once after it.
    const lost = env.fake.frames.filter(
      (f) => f.seq > mark && f.frame.cmd === 'aibot_send_msg' && f.frame.body.chatid === dropAt,
    );
    expect(lost.map((f) => f.conn)).toEqual([1, 2]);
    expect(env.bot.repos.outbox.counts()).toMatchObject({ sent: 50, pending: 0, failed: 0 });
  });

  it('reconnects when pings go unanswered', async () => {
    const fake = await startFake();
    const clock = fixedClock();
    const log = captureLogger();
    const adapter = createWecomAdapter({
      botId: BOT_ID,
      secret: SECRET,
      wsUrl: fake.url,
      logger: log,
      clock,
      language: 'zh-CN',
      reconnect: { intervalMs: 10, heartbeatMs: 25 },
    });
    envs.push({ adapter } as Env);
    await adapter.start({ onMessage: async () => {}, onButton: async () => {} });
    fake.ignorePings(true);
    await fake.waitUntil(() => fake.connectionCount >= 2, 'a reconnect');
    fake.ignorePings(false);
    await fake.waitUntil(() => adapter.state === 'ready' && fake.authCount >= 2, 'the second subscribe');
    expect(fake.frames.some((f) => f.frame.cmd === 'ping')).toBe(true);
    expect(log.entries.map((e) => e.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^WeCom connection lost/), 'WeCom reconnected']),
    );
  });

  it('handles a duplicate callback once, also after a restart', async () => {
    const fake = await startFake();
    const store = testStore();
    const env = await startEnv({ fake, store });
    const first = await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议', 'MSGID-1');
    expect(first).toHaveLength(1);
    const again = await inGroup(env, 'zhangsan', '/setup 联席会议 和平街道联席会议', 'MSGID-1');
    expect(again).toEqual([]);

    await env.adapter.stop();
    const restarted = await startEnv({ fake, store, clock: env.clock });
    const afterRestart = await inGroup(restarted, 'zhangsan', '/setup 联席会议 和平街道联席会议', 'MSGID-1');
    expect(afterRestart).toEqual([]);
    expect(restarted.bot.repos.outbox.counts().sent).toBe(1);
  });

  it('logs a takeover loudly and stops sending when another instance subscribes', async () => {
    const fake = await startFake();
    const store = testStore();
    const env = await startEnv({ fake, store });
    const other = await startEnv({ fake, store: testStore() });
    await fake.waitUntil(() => env.adapter.state === 'taken_over', 'the takeover');
    expect(other.adapter.state).toBe('ready');
    const loud = env.log.entries.find((e) => e.level === 'error' && /disconnected_event/.test(e.msg));
    expect(loud?.msg).toMatch(/will NOT reconnect/);
    await expect(
      env.adapter.send({ platform: 'wecom', chatId: GROUP_CHAT, kind: 'group' }, { text: 'x' }),
    ).rejects.toMatchObject({ name: 'TransientDeliveryError' });
    expect(fake.connectionCount).toBe(2);
  });

  it('resends a message whose ack never came (the SDK gives up after 5 s)', async () => {
    const env = await startEnv();
    env.fake.dropAcks({ cmd: 'aibot_send_msg' });
    env.bot.repos.outbox.enqueue(
      { platform: 'wecom', chatId: GROUP_CHAT, chatKind: 'group' },
      { text: '请各单位于周五前反馈' },
      { dedupeKey: 'push:ack', now: env.clock.now() },
    );
    const first = await env.bot.worker.runOnce();
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    const row = env.bot.repos.outbox.list().at(-1);
    expect(row?.lastError).toMatch(/TransientDeliveryError: WeCom: Reply ack timeout/);
    await drain(env);
    expect(env.fake.deliveries.map((d) => d.text)).toEqual(['请各单位于周五前反馈']);
    expect(env.fake.frames.filter((f) => f.frame.cmd === 'aibot_send_msg')).toHaveLength(2);
  }, 10_000);
});

describe('WeCom incoming files', () => {
  it('downloads and decrypts a file sent in the single chat, with its name', async () => {
    const fake = await startFake();
    const got: Incoming[] = [];
    let resolve!: () => void;
    const arrived = new Promise<void>((r) => {
      resolve = r;
    });
    const adapter = createWecomAdapter({
      botId: BOT_ID,
      secret: SECRET,
      wsUrl: fake.url,
      logger: captureLogger(),
      clock: fixedClock(),
      language: 'zh-CN',
    });
    envs.push({ adapter } as Env);
    await adapter.start({
      onMessage: async (m) => {
        got.push(m);
        resolve();
      },
      onButton: async () => {},
    });
    const data = Buffer.from('单位名称,别名,联络员\n区供电公司第二供电所,二所,周明\n');
    fake.pushFile({ from: 'zhangsan', data, filename: '成员单位名单.csv' });
    await arrived;
    const [msg] = got;
    expect(msg?.chat).toEqual({ platform: 'wecom', chatId: 'zhangsan', kind: 'direct' });
    expect(msg?.files[0]?.name).toBe('成员单位名单.csv');
    expect((await msg!.files[0]!.fetch()).equals(data)).toBe(true);
  });
});
