/**
 * A fake chat platform for feature tests (the Koishi mock-client pattern): people type into chats, the
 * real bot (pipeline, features, outbox, delivery worker) answers, and tests assert on what arrived.
 * Deterministic: an in-memory database from the real migrations and a fixed clock.
 */
import { type Bot, createBot } from '../../bot/bot.js';
import { PermanentDeliveryError } from '../../bot/core/errors.js';
import type { AdapterHandlers, ChatAdapter } from '../../bot/core/ports.js';
import { silentLogger } from '../../bot/core/ports.js';
import type {
  ButtonPress,
  ChatRef,
  Incoming,
  IncomingFile,
  Outgoing,
  Platform,
  SentRef,
  UserRef,
} from '../../bot/core/types.js';
import type { Store } from '../../db/client.js';
import { type FakeClock, fixedClock } from './fake-clock.js';
import { testStore } from './test-db.js';

export interface Delivered {
  chat: ChatRef;
  msg: Outgoing;
  messageId: string;
  edit?: boolean;
}

export interface FakeAdapter extends ChatAdapter {
  delivered: Delivered[];
  /** Users whose direct messages the platform refuses (never started the bot). */
  refuseDirect: Set<string>;
  handlers(): AdapterHandlers;
}

export function createFakeAdapter(platform: Platform): FakeAdapter {
  let handlers: AdapterHandlers | undefined;
  let next = 1;
  const delivered: Delivered[] = [];
  const refuseDirect = new Set<string>();
  return {
    platform,
    capabilities: {
      seesAllGroupMessages: true,
      canEdit: true,
      maxTextLength: 4096,
      maxButtons: 12,
      dmRequiresUserFirst: true,
      maxFileBytes: 50 * 1024 * 1024,
    },
    delivered,
    refuseDirect,
    handlers: () => handlers!,
    async start(h) {
      handlers = h;
    },
    async stop() {},
    async send(chat, msg): Promise<SentRef> {
      if (chat.kind === 'direct' && refuseDirect.has(chat.chatId)) {
        throw new PermanentDeliveryError(
          'Forbidden: bot can’t initiate conversation with a user',
          'dm_not_allowed',
        );
      }
      const messageId = String(next++);
      delivered.push({ chat, msg, messageId });
      return { platform, chatId: chat.chatId, messageId };
    },
    async edit(ref, msg) {
      delivered.push({
        chat: { platform, chatId: ref.chatId, kind: 'group' },
        msg,
        messageId: ref.messageId!,
        edit: true,
      });
    },
    directLinkUrl: (token) => `https://t.me/yishi_bot?start=${token}`,
  };
}

export interface Harness {
  bot: Bot;
  store: Store;
  clock: FakeClock;
  adapter: FakeAdapter;
  platform: Platform;
  /** A person typing in a group chat (by title) or in their private chat with the bot. */
  client(user: string, chat: string | { direct: true }): ChatClient;
  /** Send every queued message, advancing the fake clock past rate limits and retries. */
  deliver(): Promise<void>;
  /** Count rows of a table (for "nothing changed" assertions). */
  count(table: string): number;
  /** A fingerprint of the domain tables: equal before and after means the command changed nothing. */
  snapshot(): string;
}

export interface SendOptions {
  files?: { name: string; data: Buffer }[];
  mentions?: UserRef[];
}

export interface ChatClient {
  readonly chat: ChatRef;
  readonly user: UserRef;
  /** Send a message and return the texts the bot sent back to this chat (and to the user directly). */
  send(text: string, opts?: SendOptions): Promise<string[]>;
  /** Send and assert the replies match (a RegExp, a substring, or one per reply). */
  shouldReply(
    text: string,
    expected: RegExp | string | (RegExp | string)[],
    opts?: SendOptions,
  ): Promise<string[]>;
  shouldNotReply(text: string): Promise<void>;
  /** Press the button with this label on the last message in this chat that has it. */
  press(label: string | RegExp): Promise<string[]>;
}

const DOMAIN_TABLES = [
  'bodies',
  'chats',
  'people',
  'identities',
  'units',
  'unit_aliases',
  'body_units',
  'liaison_assignments',
  'role_grants',
  'audit_events',
];

/** Seeing a message refreshes "last seen" stamps; that is bookkeeping, not a change a command made. */
const ignoreSeen = (key: string, value: unknown) =>
  key === 'last_seen_at' || key === 'updated_at' ? undefined : value;

export async function createHarness(
  opts: { platform?: Platform; admins?: string[]; language?: 'zh-CN' | 'en'; clock?: FakeClock } = {},
): Promise<Harness> {
  const platform = opts.platform ?? 'telegram';
  const store = testStore();
  const clock = opts.clock ?? fixedClock('2026-11-30T09:00:00+08:00');
  const adapter = createFakeAdapter(platform);
  const bot = createBot({
    store,
    clock,
    logger: silentLogger,
    timezone: 'Asia/Shanghai',
    language: opts.language ?? 'zh-CN',
    admins: (opts.admins ?? []).map((userId) => ({ platform, userId })),
    adapters: [adapter],
  });
  await adapter.start(bot.app);
  let seq = 0;

  const deliver = async () => {
    await bot.worker.drain({ advance: (ms) => clock.advance(ms) });
  };

  const client = (user: string, where: string | { direct: true }): ChatClient => {
    const userRef: UserRef = { platform, userId: user, displayName: user };
    const chat: ChatRef =
      typeof where === 'string'
        ? { platform, chatId: `g:${where}`, kind: 'group', title: where }
        : { platform, chatId: user, kind: 'direct' };
    const mine = (d: Delivered) =>
      d.chat.chatId === chat.chatId || (d.chat.kind === 'direct' && d.chat.chatId === user);

    const collect = async (run: () => Promise<void>) => {
      const before = adapter.delivered.length;
      await run();
      await deliver();
      return adapter.delivered
        .slice(before)
        .filter(mine)
        .map((d) => d.msg.text);
    };

    const send = (text: string, o: SendOptions = {}) =>
      collect(async () => {
        const files: IncomingFile[] = (o.files ?? []).map((f) => ({
          name: f.name,
          size: f.data.length,
          fetch: async () => f.data,
        }));
        const mentions: UserRef[] = [
          ...(o.mentions ?? []),
          ...[...text.matchAll(/@(\S+)/g)].map((m) => ({ platform, userId: m[1]!, displayName: m[1]! })),
        ];
        const msg: Incoming = {
          id: `m${++seq}`,
          chat,
          sender: userRef,
          receivedAt: clock.now(),
          rawText: text,
          text,
          mentions,
          mentionsBot: chat.kind === 'direct' || text.startsWith('/') || platform === 'wecom',
          files,
        };
        await adapter.handlers().onMessage(msg);
      });

    return {
      chat,
      user: userRef,
      send,
      async shouldReply(text, expected, o) {
        const replies = await send(text, o);
        const list = Array.isArray(expected) ? expected : [expected];
        if (replies.length < list.length) {
          throw new Error(
            `expected ${list.length} replies to ${JSON.stringify(text)}, got ${JSON.stringify(replies)}`,
          );
        }
        list.forEach((e, i) => {
          const got = Array.isArray(expected) ? replies[i]! : replies.join('\n');
          const ok = typeof e === 'string' ? got.includes(e) : e.test(got);
          if (!ok)
            throw new Error(
              `reply to ${JSON.stringify(text)} did not match ${e}:\n${replies.join('\n---\n')}`,
            );
        });
        return replies;
      },
      async shouldNotReply(text) {
        const replies = await send(text);
        if (replies.length)
          throw new Error(`expected no reply to ${JSON.stringify(text)}, got ${JSON.stringify(replies)}`);
      },
      press: (label) =>
        collect(async () => {
          const match = (b: { label: string }) =>
            typeof label === 'string' ? b.label.includes(label) : label.test(b.label);
          const target = [...adapter.delivered]
            .reverse()
            .find((d) => mine(d) && d.msg.buttons?.flat().some(match));
          if (!target) throw new Error(`no button ${label} in ${chat.chatId}`);
          const button = target.msg.buttons!.flat().find(match)!;
          const press: ButtonPress = {
            id: `p${++seq}`,
            buttonId: button.id,
            user: userRef,
            chat,
            message: { platform, chatId: chat.chatId, messageId: target.messageId },
            receivedAt: clock.now(),
          };
          await adapter.handlers().onButton(press);
        }),
    };
  };

  return {
    bot,
    store,
    clock,
    adapter,
    platform,
    client,
    deliver,
    count: (table) => store.query<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n,
    snapshot: () =>
      DOMAIN_TABLES.map(
        (t) => `${t}:${JSON.stringify(store.query(`select * from ${t} order by rowid`), ignoreSeen)}`,
      ).join('\n'),
  };
}
