/**
 * A purpose-built fake of the Telegram Bot API for end-to-end tests with the real telegraf: node `http`
 * on 127.0.0.1, port 0. It answers with the shapes the Bot API documents (platforms.md A1/A2) and keeps
 * enough state to be strict where real Telegram is strict:
 * - a per-chat message store (user messages pushed by the test, bot messages sent through the API);
 * - `getUpdates` with real offset/limit/timeout semantics (offset confirms, long polls are held until an
 *   update arrives, the timeout passes, or the client aborts; a second poll ends the first with 409);
 * - HTML parse mode parsed like Telegram (unknown tags, unbalanced tags and stray `<`/`&` are 400s);
 * - rate limits measured on an injectable clock (per chat 1/s, per group 20/min, global 30/s), answered
 *   with 429 + `retry_after` and recorded as violations;
 * - users who have or have not started the bot (403 "bot can't initiate conversation with a user"),
 *   blocked bots, kicked bots, migrated groups;
 * - error injection (`failNext`), held requests for timeouts (`holdNext`), a call log, a file server
 *   for `getFile` downloads, and a webhook driver that posts pending updates with the secret header.
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../bot/core/ports.js';

// === Shapes (the Bot API's, trimmed to what the fake produces)

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  is_forum?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: TgUser;
}

export interface TgButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface TgKeyboard {
  inline_keyboard: TgButton[][];
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  message_thread_id?: number;
  is_topic_message?: boolean;
  text?: string;
  entities?: TgEntity[];
  caption?: string;
  caption_entities?: TgEntity[];
  document?: TgDocument;
  reply_markup?: TgKeyboard;
  reply_to_message?: TgMessage;
  edit_date?: number;
  forum_topic_created?: { name: string; icon_color: number };
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: { id: string; from: TgUser; message: TgMessage; chat_instance: string; data: string };
  my_chat_member?: {
    chat: TgChat;
    from: TgUser;
    date: number;
    old_chat_member: { user: TgUser; status: MemberStatus };
    new_chat_member: { user: TgUser; status: MemberStatus };
  };
}

/** An error answer to inject or to produce: `ok: false` with this code, text and parameters. */
export interface ApiErrorSpec {
  code: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** One request the fake received. `at` is the injected clock's time. */
export interface FakeCall {
  method: string;
  /** Parameters as the Bot API reads them: JSON fields parsed, uploads as `{ filename, data }`. */
  params: Record<string, unknown>;
  /** Parameters as they arrived (multipart and form values are strings). */
  raw: Record<string, unknown>;
  at: number;
  outcome: 'ok' | 'error' | 'held' | 'aborted';
  error?: { code: number; description: string };
  /** For multipart uploads: the uploaded file parts. */
  files?: Record<string, { filename: string; data: Buffer }>;
}

/** A send the fake accepted (message or edit), for checking limits after the fact. */
export interface OutboundRecord {
  method: string;
  chatId: number;
  group: boolean;
  at: number;
  messageId: number;
}

export interface Violation {
  rule: 'chat' | 'group' | 'global';
  method: string;
  chatId: number;
  at: number;
}

export interface RateLimits {
  chatPerSecond: number;
  groupPerMinute: number;
  globalPerSecond: number;
}

export interface FakeTelegramOptions {
  token?: string;
  clock?: Clock;
  bot?: { id?: number; username?: string; firstName?: string; canReadAllGroupMessages?: boolean };
  /** `false` turns enforcement off; defaults to Telegram's documented 1/s, 20/min, 30/s. */
  limits?: Partial<RateLimits> | false;
  /** Serve under a path, e.g. `/tgapi`, to exercise apiRoot paths. */
  pathPrefix?: string;
  /** Cap on how long a long poll is held, in real ms (default: the requested timeout). */
  maxPollHoldMs?: number;
  /** First update_id; real ids start at a large arbitrary number. */
  firstUpdateId?: number;
}

const DEFAULT_TOKEN = '123456789:AAFakeTokenForTestsOnly_abcdefghijk';
const DEFAULT_LIMITS: RateLimits = { chatPerSecond: 1, groupPerMinute: 20, globalPerSecond: 30 };
/** Methods whose answers count against the flood limits (they produce or change a message). */
const OUTBOUND = new Set([
  'sendMessage',
  'sendDocument',
  'editMessageText',
  'editMessageReplyMarkup',
  'editMessageCaption',
]);
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** An API answer with `ok: false`. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ApiErrorSpec['parameters'],
  ) {
    super(`${code}: ${description}`);
  }
}

const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);
const forbidden = (what: string) => new ApiError(403, `Forbidden: ${what}`);

interface ChatState {
  chat: TgChat;
  messages: TgMessage[];
  nextMessageId: number;
  bot: MemberStatus;
  members: Map<number, MemberStatus>;
  topics: Set<number>;
  migratedTo?: number;
}

interface UserState {
  user: TgUser;
  startedBot: boolean;
  blocked: boolean;
}

interface StoredFile {
  fileId: string;
  uniqueId: string;
  path: string;
  name?: string;
  mime?: string;
  data: Buffer;
}

interface Injection {
  methods: Set<string>;
  chatId?: number;
  times: number;
  every: number;
  seen: number;
  error?: ApiErrorSpec;
  hold?: boolean;
}

interface HeldRequest {
  call: FakeCall;
  res: http.ServerResponse;
}

interface PollWaiter {
  wake(conflict?: boolean): void;
}

type Params = Record<string, unknown>;
type Handler = (params: Params, ctx: { res: http.ServerResponse; call: FakeCall }) => unknown;

/** Start a fake on 127.0.0.1 with a free port. */
export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegram(opts);
  await fake.listen();
  return fake;
}

/**
 * The fake Bot API. Create it with {@link startFakeTelegram}; point telegraf at `fake.apiRoot`.
 * @example
 * const fake = await startFakeTelegram({ clock });
 * const ann = fake.addUser({ id: 1001, firstName: 'Ann', username: 'ann' });
 * const group = fake.addGroup({ id: -1001, title: 'X' });
 * fake.pushBotAdded(group, ann);
 */
export class FakeTelegram {
  readonly token: string;
  readonly bot: TgUser;
  readonly calls: FakeCall[] = [];
  readonly outbound: OutboundRecord[] = [];
  readonly violations: Violation[] = [];
  /** Answers to callback queries, by query id. */
  readonly callbackAnswers = new Map<string, { text?: string; show_alert?: boolean }>();
  /** Command menus by `scope.type:language_code`. */
  readonly commands = new Map<string, { command: string; description: string }[]>();
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  canReadAllGroupMessages: boolean;
  limits: RateLimits | false;

  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly server: http.Server;
  private readonly chats = new Map<number, ChatState>();
  private readonly users = new Map<number, UserState>();
  private readonly files = new Map<string, StoredFile>();
  private readonly queue: TgUpdate[] = [];
  private readonly history: TgUpdate[] = [];
  private readonly injections: Injection[] = [];
  private readonly held: HeldRequest[] = [];
  private readonly pollWaiters = new Set<PollWaiter>();
  private readonly confirmWaiters: { id: number; resolve: () => void }[] = [];
  private readonly openCallbacks = new Set<string>();
  private readonly maxPollHoldMs: number;
  private nextUpdateId: number;
  private confirmedOffset = 0;
  private fileSeq = 0;
  private callbackSeq = 0;
  private port = 0;

  constructor(opts: FakeTelegramOptions = {}) {
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.prefix = (opts.pathPrefix ?? '').replace(/\/$/, '');
    this.bot = {
      id: opts.bot?.id ?? Number(this.token.split(':')[0]),
      is_bot: true,
      first_name: opts.bot?.firstName ?? '议事',
      username: opts.bot?.username ?? 'yishi_test_bot',
    };
    this.canReadAllGroupMessages = opts.bot?.canReadAllGroupMessages ?? false;
    this.limits = opts.limits === false ? false : { ...DEFAULT_LIMITS, ...opts.limits };
    this.maxPollHoldMs = opts.maxPollHoldMs ?? Number.POSITIVE_INFINITY;
    this.nextUpdateId = opts.firstUpdateId ?? 700_000_001;
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
  }

  /** `http://127.0.0.1:<port>[/prefix]`, without a trailing slash (the adapter must cope). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}${this.prefix}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Answer every held poll with an empty batch, drop held requests, and close the server. */
  async close(): Promise<void> {
    for (const w of this.pollWaiters) w.wake();
    for (const h of this.held.splice(0)) h.res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // === The world: users, groups, topics

  /** A Telegram user. `startedBot` means they opened the private chat with the bot before. */
  addUser(u: {
    id: number;
    firstName: string;
    lastName?: string;
    username?: string;
    languageCode?: string;
    startedBot?: boolean;
  }): TgUser {
    const user: TgUser = { id: u.id, is_bot: false, first_name: u.firstName };
    if (u.lastName) user.last_name = u.lastName;
    if (u.username) user.username = u.username;
    if (u.languageCode) user.language_code = u.languageCode;
    this.users.set(u.id, { user, startedBot: u.startedBot ?? false, blocked: false });
    const chat: TgChat = { id: u.id, type: 'private', first_name: u.firstName };
    if (u.username) chat.username = u.username;
    this.chats.set(u.id, this.newChatState(chat, 'member'));
    return user;
  }

  /** A group the bot is not in yet (push {@link pushBotAdded} to add it). */
  addGroup(g: {
    id: number;
    title: string;
    type?: 'group' | 'supergroup';
    isForum?: boolean;
    creator?: TgUser;
  }): TgChat {
    if (g.id >= 0) throw new Error('group ids are negative');
    const chat: TgChat = { id: g.id, type: g.type ?? 'supergroup', title: g.title };
    if (g.isForum) chat.is_forum = true;
    const state = this.newChatState(chat, 'left');
    if (g.creator) state.members.set(g.creator.id, 'creator');
    this.chats.set(g.id, state);
    return chat;
  }

  /** A forum topic: its root message (`forum_topic_created`) has the thread id as message id. */
  createTopic(chat: TgChat, name: string, by: TgUser): number {
    const state = this.chatState(chat.id);
    const root = this.store(state, { from: by, forum_topic_created: { name, icon_color: 7322096 } });
    root.message_thread_id = root.message_id;
    root.is_topic_message = true;
    state.topics.add(root.message_id);
    return root.message_id;
  }

  setMember(chat: TgChat, user: TgUser, status: MemberStatus): void {
    this.chatState(chat.id).members.set(user.id, status);
  }

  /** The private chat between the bot and a user (its id is the user's id). */
  privateChat(user: TgUser): TgChat {
    return this.chatState(user.id).chat;
  }

  /** The user opens the private chat (without a message). */
  startBot(user: TgUser): void {
    this.userState(user.id).startedBot = true;
  }

  blockBot(user: TgUser): void {
    this.userState(user.id).blocked = true;
  }

  hasStartedBot(user: TgUser): boolean {
    return this.userState(user.id).startedBot;
  }

  /**
   * The group becomes a supergroup with a new id, like Telegram's upgrade: members carry over, sends to
   * the old id answer 400 with `migrate_to_chat_id`, and both service messages are pushed.
   */
  migrateGroup(group: TgChat, newId: number): TgChat {
    const old = this.chatState(group.id);
    const chat: TgChat = { id: newId, type: 'supergroup', title: group.title };
    const state = this.newChatState(chat, old.bot);
    for (const [id, status] of old.members) state.members.set(id, status);
    this.chats.set(newId, state);
    old.migratedTo = newId;
    const by = this.anyHuman(old);
    this.pushUpdate({ message: this.store(old, { from: by, migrate_to_chat_id: newId }) });
    this.pushUpdate({ message: this.store(state, { from: by, migrate_from_chat_id: group.id }) });
    return chat;
  }

  // === Updates the test pushes

  /** Queue an update (or leave it pending for the webhook when one is set). Returns it with its id. */
  pushUpdate(body: Omit<TgUpdate, 'update_id'>): TgUpdate {
    const update = { update_id: this.nextUpdateId++, ...body } as TgUpdate;
    this.history.push(update);
    this.queue.push(update);
    for (const w of [...this.pollWaiters]) w.wake();
    return update;
  }

  /**
   * A user writes. Entities are computed when not given: a leading `/command[@bot]`, every `@username`,
   * and `textMentions` (people without a username, linked by name). A private message means the user
   * has started the bot.
   */
  pushMessage(m: {
    chat: TgChat;
    from: TgUser;
    text?: string;
    entities?: TgEntity[];
    textMentions?: { user: TgUser; text: string }[];
    replyTo?: number;
    threadId?: number;
    document?: { name: string; content: Buffer | string; mime?: string };
    caption?: string;
  }): { update: TgUpdate; message: TgMessage } {
    const state = this.chatState(m.chat.id);
    if (m.chat.type === 'private') this.userState(m.from.id).startedBot = true;
    else {
      if (!isIn(state.bot)) throw new Error(`the bot is not in ${m.chat.title}; push pushBotAdded first`);
      if (!state.members.has(m.from.id)) state.members.set(m.from.id, 'member');
    }
    const fields: Partial<TgMessage> = { from: m.from };
    const body = m.document ? m.caption : m.text;
    if (body !== undefined) {
      const entities = m.entities ?? autoEntities(body, m.textMentions ?? []);
      if (m.document) {
        fields.caption = body;
        if (entities.length) fields.caption_entities = entities;
      } else {
        fields.text = body;
        if (entities.length) fields.entities = entities;
      }
    }
    if (m.document)
      fields.document = this.storeUpload(m.document.name, toBuffer(m.document.content), m.document.mime);
    if (m.threadId !== undefined) {
      if (!state.topics.has(m.threadId)) throw new Error(`no topic ${m.threadId}; use createTopic`);
      fields.message_thread_id = m.threadId;
      fields.is_topic_message = true;
    }
    const parentId = m.replyTo ?? m.threadId;
    if (parentId !== undefined) fields.reply_to_message = withoutReply(this.findMessage(state, parentId));
    const message = this.store(state, fields);
    return { update: this.pushUpdate({ message }), message };
  }

  /** A user presses a callback button under one of the bot's messages. */
  pushCallbackQuery(q: { from: TgUser; message: TgMessage; data?: string }): {
    update: TgUpdate;
    queryId: string;
  } {
    const state = this.chatState(q.message.chat.id);
    const current = this.findMessage(state, q.message.message_id);
    const data =
      q.data ?? current.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data)?.callback_data;
    if (!data) throw new Error('no callback data on that message');
    const queryId = `${this.bot.id}${++this.callbackSeq}`.padEnd(19, '7');
    this.openCallbacks.add(queryId);
    const update = this.pushUpdate({
      // A snapshot: the update shows the message as it was when the button was pressed.
      callback_query: {
        id: queryId,
        from: q.from,
        message: structuredClone(current),
        chat_instance: `-${4200 + state.chat.id}`,
        data,
      },
    });
    return { update, queryId };
  }

  /** The bot's own membership changes (my_chat_member). */
  pushMyChatMember(chat: TgChat, from: TgUser, status: MemberStatus): TgUpdate {
    const state = this.chatState(chat.id);
    const old = state.bot;
    state.bot = status;
    return this.pushUpdate({
      my_chat_member: {
        chat: state.chat,
        from,
        date: this.unixNow(),
        old_chat_member: { user: this.bot, status: old },
        new_chat_member: { user: this.bot, status },
      },
    });
  }

  pushBotAdded(chat: TgChat, by: TgUser, o: { admin?: boolean } = {}): TgUpdate {
    this.setMemberIfAbsent(chat, by);
    return this.pushMyChatMember(chat, by, o.admin ? 'administrator' : 'member');
  }

  pushBotRemoved(chat: TgChat, by: TgUser): TgUpdate {
    return this.pushMyChatMember(chat, by, 'kicked');
  }

  /** Resolves once telegraf confirmed the update: it asked for updates past it, after handling its batch. */
  processed(update: TgUpdate | number): Promise<void> {
    const id = typeof update === 'number' ? update : update.update_id;
    if (this.confirmedOffset > id) return Promise.resolve();
    return new Promise((resolve) => this.confirmWaiters.push({ id, resolve }));
  }

  /** Forget confirmations from `updateId` on, as if they were lost (a crash before the next poll). */
  redeliverFrom(updateId: number): void {
    const again = this.history.filter((u) => u.update_id >= updateId && !this.queue.includes(u));
    this.queue.unshift(...again);
    this.queue.sort((a, b) => a.update_id - b.update_id);
    this.confirmedOffset = Math.min(this.confirmedOffset, updateId);
  }

  /** Updates not yet confirmed (queued for getUpdates, or pending for the webhook). */
  pending(): TgUpdate[] {
    return [...this.queue];
  }

  // === Webhook driver

  /**
   * POST every pending update to the bot's webhook server, like Telegram: in order, with the
   * `X-Telegram-Bot-Api-Secret-Token` header (the registered secret unless `secret` overrides it; `null`
   * sends none). An update answered 2xx is done; at the first other answer delivery stops, and that
   * update and the ones after it stay pending (Telegram retries them later, in order).
   */
  async deliverWebhook(
    localUrl: string,
    o: { secret?: string | null } = {},
  ): Promise<{ updateId: number; status: number; body: string }[]> {
    if (!this.webhook) throw new Error('no webhook set');
    const secret = o.secret === undefined ? this.webhook.secret_token : (o.secret ?? undefined);
    const results: { updateId: number; status: number; body: string }[] = [];
    for (const update of [...this.queue]) {
      const { status, body } = await postJson(localUrl, update, secret);
      results.push({ updateId: update.update_id, status, body });
      if (status < 200 || status >= 300) break;
      this.confirm(update.update_id + 1);
    }
    return results;
  }

  // === Injection

  /** Answer the next `times` calls of `method` (optionally only for one chat) with this error. */
  failNext(
    method: string | string[],
    error: ApiErrorSpec,
    o: { times?: number; chatId?: number; every?: number } = {},
  ): void {
    this.injections.push({
      methods: new Set([method].flat().map(canonicalName)),
      chatId: o.chatId,
      times: o.times ?? 1,
      every: o.every ?? 1,
      seen: 0,
      error,
    });
  }

  /** Never answer the next `times` calls of `method`, until {@link releaseHeld} or the client aborts. */
  holdNext(method: string, o: { times?: number } = {}): void {
    this.injections.push({
      methods: new Set([canonicalName(method)]),
      times: o.times ?? 1,
      every: 1,
      seen: 0,
      hold: true,
    });
  }

  /** Requests currently held and not aborted. */
  heldCount(): number {
    return this.held.filter((h) => !h.res.writableEnded && !h.res.destroyed).length;
  }

  /** Resolves when at least `count` requests are being held. */
  async waitForHeld(count = 1): Promise<void> {
    while (this.heldCount() < count) await new Promise((r) => setImmediate(r));
  }

  /** End held requests: `drop` cuts the connection (a network error), or answer them with an error. */
  releaseHeld(how: 'drop' | ApiErrorSpec = 'drop'): void {
    for (const h of this.held.splice(0)) {
      if (how === 'drop') h.res.destroy();
      else
        this.answerError(
          h.res,
          h.call,
          new ApiError(how.code, how.description ?? defaultDescription(how), how.parameters),
        );
    }
  }

  // === Queries for assertions

  /** Snapshots of a chat's messages (later edits do not change what a test already holds). */
  messages(chat: TgChat | number): TgMessage[] {
    return structuredClone(this.chatState(typeof chat === 'number' ? chat : chat.id).messages);
  }

  botMessages(chat: TgChat | number): TgMessage[] {
    return this.messages(chat).filter((m) => m.from?.id === this.bot.id);
  }

  lastBotMessage(chat: TgChat | number): TgMessage | undefined {
    return this.botMessages(chat).at(-1);
  }

  /** Resolves once `count` calls of `method` have reached the fake (e.g. telegraf's first poll). */
  async waitForCall(method: string, count = 1): Promise<FakeCall> {
    while (this.callsOf(method).length < count) await new Promise((r) => setImmediate(r));
    return this.callsOf(method)[count - 1]!;
  }

  callsOf(method: string): FakeCall[] {
    const name = canonicalName(method);
    return this.calls.filter((c) => c.method === name);
  }

  /** The bytes of a file the bot uploaded or a user sent. */
  fileData(fileId: string): Buffer | undefined {
    return this.files.get(fileId)?.data;
  }

  /** Whether the bot is in the group according to the fake. */
  botStatus(chat: TgChat | number): MemberStatus {
    return this.chatState(typeof chat === 'number' ? chat : chat.id).bot;
  }

  // === HTTP

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (this.prefix) {
      if (!path.startsWith(`${this.prefix}/`)) return void sendJson(res, 404, notFound());
      path = path.slice(this.prefix.length);
    }
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (file) return this.serveFile(res, file[1]!, file[2]!);
    const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!api) return void sendJson(res, 404, notFound());
    const body = await readBody(req);
    if (api[1] !== this.token)
      return void sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = canonicalName(api[2]!);
    const handler = this.handlers[method];
    if (!handler) return void sendJson(res, 404, notFound());
    const { params: raw, files } = parseRequest(req.headers['content-type'], body, url.searchParams);
    const call: FakeCall = { method, params: raw, raw, at: this.clock.now(), outcome: 'ok' };
    if (files) call.files = files;
    this.calls.push(call);
    try {
      call.params = normalize(raw, files);
      const injected = this.takeInjection(method, call.params);
      if (injected?.hold) return this.hold(call, res);
      if (injected?.error) return this.answerError(res, call, toApiError(injected.error));
      const result = await handler(call.params, { res, call });
      if (result === ABORTED) return;
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.answerError(res, call, err);
    }
  }

  private answerError(res: http.ServerResponse, call: FakeCall, err: ApiError): void {
    call.outcome = 'error';
    call.error = { code: err.code, description: err.description };
    if (res.destroyed || res.writableEnded) return;
    // The real gateway answers 5xx with an HTML page; telegraf reads only the status.
    if (err.code >= 500)
      return void res
        .writeHead(err.code, { 'content-type': 'text/html' })
        .end(`<html>${err.description}</html>`);
    const body: Record<string, unknown> = { ok: false, error_code: err.code, description: err.description };
    if (err.parameters) body.parameters = err.parameters;
    sendJson(res, err.code, body);
  }

  private hold(call: FakeCall, res: http.ServerResponse): void {
    call.outcome = 'held';
    this.held.push({ call, res });
    res.on('close', () => {
      if (!res.writableEnded) call.outcome = 'aborted';
    });
  }

  private takeInjection(method: string, params: Params): Injection | undefined {
    const chatId = toNumber(params.chat_id);
    for (const rule of this.injections) {
      if (!rule.methods.has(method) || (rule.chatId !== undefined && rule.chatId !== chatId)) continue;
      rule.seen++;
      if (rule.seen % rule.every !== 0) continue;
      if (--rule.times <= 0) this.injections.splice(this.injections.indexOf(rule), 1);
      return rule;
    }
    return undefined;
  }

  private serveFile(res: http.ServerResponse, token: string, path: string): void {
    const file = token === this.token ? [...this.files.values()].find((f) => f.path === path) : undefined;
    if (!file) return void sendJson(res, 404, notFound());
    res
      .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length })
      .end(file.data);
  }

  // === Methods (https://core.telegram.org/bots/api#available-methods)

  private readonly handlers: Record<string, Handler> = {
    getMe: () => ({
      ...this.bot,
      can_join_groups: true,
      can_read_all_group_messages: this.canReadAllGroupMessages,
      supports_inline_queries: false,
    }),
    getUpdates: (p, ctx) => this.getUpdates(p, ctx.res),
    setWebhook: (p) => {
      const url = String(p.url ?? '');
      if (url === '') {
        // An empty URL removes the webhook.
        this.webhook = undefined;
        return true;
      }
      if (!url.startsWith('https://'))
        throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
      const secret = p.secret_token as string | undefined;
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
        throw badRequest('secret token contains unallowed characters');
      this.webhook = {
        url,
        secret_token: secret,
        allowed_updates: p.allowed_updates as string[] | undefined,
      };
      if (p.drop_pending_updates) this.dropPending();
      for (const w of [...this.pollWaiters]) w.wake(true);
      return true;
    },
    deleteWebhook: (p) => {
      this.webhook = undefined;
      if (p.drop_pending_updates) this.dropPending();
      return true;
    },
    getWebhookInfo: () => ({
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
      ...(this.webhook?.allowed_updates ? { allowed_updates: this.webhook.allowed_updates } : {}),
    }),
    sendMessage: (p) => this.sendMessage(p),
    editMessageText: (p) => this.editMessage(p, 'editMessageText'),
    editMessageCaption: (p) => this.editMessage(p, 'editMessageCaption'),
    editMessageReplyMarkup: (p) => this.editMessage(p, 'editMessageReplyMarkup'),
    sendDocument: (p) => this.sendDocument(p),
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id ?? '');
      if (!this.openCallbacks.delete(id))
        throw badRequest('query is too old and response timeout expired or query ID is invalid');
      const text = p.text as string | undefined;
      if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
      this.callbackAnswers.set(id, { text, show_alert: p.show_alert as boolean | undefined });
      return true;
    },
    setMyCommands: (p) => this.setMyCommands(p),
    getMyCommands: (p) => this.commands.get(commandKey(p)) ?? [],
    deleteMyCommands: (p) => this.commands.delete(commandKey(p)) || true,
    getChatMember: (p) => {
      const state = this.readableChat(p.chat_id);
      const userId = toNumber(p.user_id);
      if (userId === this.bot.id) return this.member(this.bot, state.bot);
      const user = userId === undefined ? undefined : this.users.get(userId)?.user;
      if (!user) throw badRequest('user not found');
      if (state.chat.type === 'private')
        return this.member(user, user.id === state.chat.id ? 'member' : 'left');
      return this.member(user, state.members.get(user.id) ?? 'left');
    },
    getChatAdministrators: (p) => {
      const state = this.readableChat(p.chat_id);
      if (state.chat.type === 'private') throw badRequest('there are no administrators in the private chat');
      return [...state.members]
        .filter(([, s]) => s === 'creator' || s === 'administrator')
        .map(([id, s]) => this.member(this.userState(id).user, s));
    },
    sendChatAction: (p) => {
      this.writableChat(p.chat_id);
      const actions = [
        'typing',
        'upload_photo',
        'record_video',
        'upload_video',
        'record_voice',
        'upload_voice',
        'upload_document',
        'choose_sticker',
        'find_location',
        'record_video_note',
        'upload_video_note',
      ];
      if (!actions.includes(String(p.action))) throw badRequest('wrong parameter action in request');
      return true;
    },
    getFile: (p) => {
      const file = this.files.get(String(p.file_id ?? ''));
      if (!file) throw badRequest('invalid file_id');
      if (file.data.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
      return {
        file_id: file.fileId,
        file_unique_id: file.uniqueId,
        file_size: file.data.length,
        file_path: file.path,
      };
    },
  };

  private getUpdates(p: Params, res: http.ServerResponse): unknown {
    if (this.webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = toNumber(p.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, toNumber(p.limit) ?? 100));
    const timeout = Math.max(0, toNumber(p.timeout) ?? 0);
    this.confirm(offset);
    // Only one long poll at a time: a newer one ends the older with 409, as Telegram does.
    for (const w of [...this.pollWaiters]) w.wake(true);
    const batch = () => this.queue.slice(0, limit);
    if (this.queue.length > 0 || timeout === 0) return batch();
    return new Promise((resolve, reject) => {
      const waiter: PollWaiter = {
        wake: (conflict) => {
          this.pollWaiters.delete(waiter);
          clearTimeout(timer);
          if (conflict)
            reject(
              new ApiError(
                409,
                'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
              ),
            );
          else resolve(batch());
        },
      };
      const timer = setTimeout(() => waiter.wake(), Math.min(timeout * 1000, this.maxPollHoldMs));
      this.pollWaiters.add(waiter);
      res.on('close', () => {
        if (res.writableEnded || !this.pollWaiters.has(waiter)) return;
        this.pollWaiters.delete(waiter);
        clearTimeout(timer);
        resolve(ABORTED);
      });
    });
  }

  /** An offset confirms every update below it; a negative offset keeps only the last -offset. */
  private confirm(offset: number): void {
    if (offset < 0) {
      const keep = this.queue.slice(offset);
      this.queue.splice(0, this.queue.length, ...keep);
      return;
    }
    if (offset <= this.confirmedOffset) return;
    while (this.queue.length && this.queue[0]!.update_id < offset) this.queue.shift();
    this.confirmedOffset = offset;
    for (const w of [...this.confirmWaiters]) {
      if (w.id >= offset) continue;
      this.confirmWaiters.splice(this.confirmWaiters.indexOf(w), 1);
      w.resolve();
    }
  }

  private dropPending(): void {
    const last = this.queue.at(-1);
    if (last) this.confirm(last.update_id + 1);
  }

  private sendMessage(p: Params): TgMessage {
    const state = this.writableChat(p.chat_id);
    const { text, entities } = this.parseText(p.text, p.parse_mode, p.entities);
    if (text.trim() === '') throw badRequest('message text is empty');
    if (text.length > 4096) throw badRequest('message is too long');
    const fields = this.common(state, p);
    fields.text = text;
    if (entities.length) fields.entities = entities;
    this.enforceLimits('sendMessage', state);
    return this.storeOutbound('sendMessage', state, fields);
  }

  private sendDocument(p: Params): TgMessage {
    const state = this.writableChat(p.chat_id);
    const doc = p.document;
    let document: TgDocument;
    if (isUpload(doc)) document = this.storeUpload(doc.filename, doc.data);
    else {
      const known = this.files.get(String(doc ?? ''));
      if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
      document = describeFile(known);
    }
    const fields = this.common(state, p);
    fields.document = document;
    if (p.caption !== undefined) {
      const { text, entities } = this.parseText(p.caption, p.parse_mode, p.caption_entities);
      if (text.length > 1024) throw badRequest('message caption is too long');
      fields.caption = text;
      if (entities.length) fields.caption_entities = entities;
    }
    this.enforceLimits('sendDocument', state);
    return this.storeOutbound('sendDocument', state, fields);
  }

  /** Thread, reply and keyboard, shared by the send methods. */
  private common(state: ChatState, p: Params): Partial<TgMessage> {
    const fields: Partial<TgMessage> = { from: this.bot };
    const thread = toNumber(p.message_thread_id);
    if (thread !== undefined && state.chat.is_forum) {
      if (!state.topics.has(thread)) throw badRequest('message thread not found');
      fields.message_thread_id = thread;
      fields.is_topic_message = true;
    }
    const reply = p.reply_parameters as
      | { message_id?: number; allow_sending_without_reply?: boolean }
      | undefined;
    const replyId = toNumber(reply?.message_id ?? p.reply_to_message_id);
    if (replyId !== undefined) {
      const parent = state.messages.find((m) => m.message_id === replyId);
      if (parent) fields.reply_to_message = withoutReply(parent);
      else if (!(reply?.allow_sending_without_reply ?? p.allow_sending_without_reply))
        throw badRequest('message to be replied not found');
    }
    const markup = validKeyboard(p.reply_markup);
    if (markup) fields.reply_markup = markup;
    return fields;
  }

  private editMessage(
    p: Params,
    method: 'editMessageText' | 'editMessageCaption' | 'editMessageReplyMarkup',
  ): TgMessage {
    const state = this.writableChat(p.chat_id);
    const id = toNumber(p.message_id);
    const message = state.messages.find((m) => m.message_id === id);
    if (!message) throw badRequest('message to edit not found');
    if (message.from?.id !== this.bot.id) throw badRequest("message can't be edited");
    const markup = validKeyboard(p.reply_markup);
    const next: TgMessage = { ...message };
    if (markup) next.reply_markup = markup;
    else delete next.reply_markup;
    if (method === 'editMessageText') {
      if (message.text === undefined) throw badRequest('there is no text in the message to edit');
      const { text, entities } = this.parseText(p.text, p.parse_mode, p.entities);
      if (text.trim() === '') throw badRequest('message text is empty');
      if (text.length > 4096) throw badRequest('MESSAGE_TOO_LONG');
      next.text = text;
      next.entities = entities.length ? entities : undefined;
    } else if (method === 'editMessageCaption') {
      if (message.document === undefined) throw badRequest('there is no caption in the message to edit');
      const { text, entities } = this.parseText(p.caption ?? '', p.parse_mode, p.caption_entities);
      if (text.length > 1024) throw badRequest('message caption is too long');
      next.caption = text;
      next.caption_entities = entities.length ? entities : undefined;
    }
    if (sameContent(message, next))
      throw badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    this.enforceLimits(method, state);
    next.edit_date = this.unixNow();
    Object.assign(message, next);
    if (!next.reply_markup) delete message.reply_markup;
    if (next.entities === undefined) delete message.entities;
    if (next.caption_entities === undefined) delete message.caption_entities;
    this.recordOutbound(method, state, message);
    return message;
  }

  private setMyCommands(p: Params): true {
    const commands = p.commands;
    if (!Array.isArray(commands) || commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    for (const c of commands as { command?: unknown; description?: unknown }[]) {
      if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
        throw badRequest('BOT_COMMAND_INVALID');
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256)
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    const scope = (p.scope as { type?: string } | undefined)?.type ?? 'default';
    const scopes = [
      'default',
      'all_private_chats',
      'all_group_chats',
      'all_chat_administrators',
      'chat',
      'chat_administrators',
      'chat_member',
    ];
    if (!scopes.includes(scope)) throw badRequest("can't parse BotCommandScope");
    const lang = p.language_code;
    if (lang !== undefined && !/^([a-z]{2})?$/.test(String(lang)))
      throw badRequest('invalid language code specified');
    this.commands.set(commandKey(p), commands as { command: string; description: string }[]);
    return true;
  }

  // === State helpers

  private newChatState(chat: TgChat, bot: MemberStatus): ChatState {
    return { chat, messages: [], nextMessageId: 1, bot, members: new Map(), topics: new Set() };
  }

  private chatState(id: number): ChatState {
    const state = this.chats.get(id);
    if (!state) throw new Error(`unknown chat ${id}`);
    return state;
  }

  private userState(id: number): UserState {
    const state = this.users.get(id);
    if (!state) throw new Error(`unknown user ${id}`);
    return state;
  }

  private setMemberIfAbsent(chat: TgChat, user: TgUser): void {
    const state = this.chatState(chat.id);
    if (!state.members.has(user.id)) state.members.set(user.id, 'member');
  }

  private anyHuman(state: ChatState): TgUser {
    const id = [...state.members.keys()][0];
    return id === undefined ? this.bot : this.userState(id).user;
  }

  /** A chat the bot may read (getChatMember and friends). */
  private readableChat(chatId: unknown): ChatState {
    const id = toNumber(chatId);
    const state = id === undefined ? undefined : this.chats.get(id);
    if (!state) throw badRequest('chat not found');
    if (state.chat.type !== 'private' && state.migratedTo !== undefined) throw this.migrated(state);
    return state;
  }

  /** A chat the bot may post in, or the error Telegram gives for it. */
  private writableChat(chatId: unknown): ChatState {
    const id = toNumber(chatId);
    const state = id === undefined ? undefined : this.chats.get(id);
    if (!state) throw badRequest('chat not found');
    if (state.chat.type === 'private') {
      const user = this.userState(state.chat.id);
      if (user.blocked) throw forbidden('bot was blocked by the user');
      if (!user.startedBot) throw forbidden("bot can't initiate conversation with a user");
      return state;
    }
    if (state.migratedTo !== undefined) throw this.migrated(state);
    const kind = state.chat.type === 'group' ? 'group' : 'supergroup';
    if (state.bot === 'kicked') throw forbidden(`bot was kicked from the ${kind} chat`);
    if (!isIn(state.bot)) throw forbidden(`bot is not a member of the ${kind} chat`);
    return state;
  }

  private migrated(state: ChatState): ApiError {
    return new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: state.migratedTo!,
    });
  }

  private findMessage(state: ChatState, id: number): TgMessage {
    const message = state.messages.find((m) => m.message_id === id);
    if (!message) throw new Error(`no message ${id} in chat ${state.chat.id}`);
    return message;
  }

  private store(state: ChatState, fields: Partial<TgMessage>): TgMessage {
    const message = {
      message_id: state.nextMessageId++,
      date: this.unixNow(),
      chat: state.chat,
      ...fields,
    } as TgMessage;
    state.messages.push(message);
    return message;
  }

  private storeOutbound(method: string, state: ChatState, fields: Partial<TgMessage>): TgMessage {
    const message = this.store(state, fields);
    this.recordOutbound(method, state, message);
    return message;
  }

  private recordOutbound(method: string, state: ChatState, message: TgMessage): void {
    this.outbound.push({
      method,
      chatId: state.chat.id,
      group: state.chat.type !== 'private',
      at: this.clock.now(),
      messageId: message.message_id,
    });
  }

  private storeUpload(name: string, data: Buffer, mime?: string): TgDocument {
    const n = ++this.fileSeq;
    const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? 'dat';
    const file: StoredFile = {
      fileId: `BQACAgUAAxk${String(n).padStart(6, '0')}`,
      uniqueId: `AgAD${n}`,
      path: `documents/file_${n}.${ext}`,
      name,
      mime: mime ?? mimeOf(name),
      data,
    };
    this.files.set(file.fileId, file);
    return describeFile(file);
  }

  private member(user: TgUser, status: MemberStatus): Record<string, unknown> {
    if (status === 'creator') return { user, status, is_anonymous: false };
    if (status === 'administrator') {
      return {
        user,
        status,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
      };
    }
    if (status === 'kicked') return { user, status, until_date: 0 };
    return { user, status };
  }

  /**
   * Flood limits on the injected clock: a send at `now` is refused when the chat already had
   * `chatPerSecond` sends in the last second, the group `groupPerMinute` in the last minute, or the
   * bot `globalPerSecond` in the last second. Each refusal is a violation: the bot should never cause one.
   */
  private enforceLimits(method: string, state: ChatState): void {
    if (!this.limits || !OUTBOUND.has(method)) return;
    const now = this.clock.now();
    const since = (ms: number) => this.outbound.filter((o) => o.at > now - ms);
    const chatId = state.chat.id;
    const group = state.chat.type !== 'private';
    const checks: [Violation['rule'], OutboundRecord[], number, number][] = [
      ['chat', since(1000).filter((o) => o.chatId === chatId), this.limits.chatPerSecond, 1000],
      [
        'group',
        group ? since(60_000).filter((o) => o.chatId === chatId) : [],
        this.limits.groupPerMinute,
        60_000,
      ],
      ['global', since(1000), this.limits.globalPerSecond, 1000],
    ];
    for (const [rule, recent, limit, windowMs] of checks) {
      if (recent.length < limit) continue;
      this.violations.push({ rule, method, chatId, at: now });
      const oldest = recent[recent.length - limit]!.at;
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
  }

  private parseText(
    raw: unknown,
    parseMode: unknown,
    entities: unknown,
  ): { text: string; entities: TgEntity[] } {
    const text = typeof raw === 'string' ? raw : String(raw ?? '');
    if (parseMode === undefined)
      return { text, entities: Array.isArray(entities) ? (entities as TgEntity[]) : [] };
    if (parseMode !== 'HTML') throw badRequest(`unsupported parse_mode in the fake: ${String(parseMode)}`);
    const parsed = parseHtml(text);
    for (const e of parsed.entities) {
      const id = /^tg:\/\/user\?id=(\d+)$/.exec(e.url ?? '')?.[1];
      const user = id ? this.users.get(Number(id))?.user : undefined;
      if (user) {
        e.type = 'text_mention';
        e.user = user;
        delete e.url;
      }
    }
    return parsed;
  }

  private unixNow(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}

// === Pure helpers

/** Returned by a handler whose client went away: nothing is written. */
const ABORTED = Symbol('aborted');

const METHOD_NAMES = new Map<string, string>();
function canonicalName(method: string): string {
  if (METHOD_NAMES.size === 0) {
    for (const name of [
      'getMe',
      'getUpdates',
      'setWebhook',
      'deleteWebhook',
      'getWebhookInfo',
      'sendMessage',
      'editMessageText',
      'editMessageCaption',
      'editMessageReplyMarkup',
      'sendDocument',
      'answerCallbackQuery',
      'setMyCommands',
      'getMyCommands',
      'deleteMyCommands',
      'getChatMember',
      'getChatAdministrators',
      'sendChatAction',
      'getFile',
    ])
      METHOD_NAMES.set(name.toLowerCase(), name);
  }
  // Bot API method names are case-insensitive.
  return METHOD_NAMES.get(method.toLowerCase()) ?? method;
}

const isIn = (s: MemberStatus) =>
  s === 'member' || s === 'administrator' || s === 'creator' || s === 'restricted';

const notFound = () => ({ ok: false, error_code: 404, description: 'Not Found' });

function defaultDescription(e: ApiErrorSpec): string {
  if (e.code === 429) return `Too Many Requests: retry after ${e.parameters?.retry_after ?? 1}`;
  if (e.code >= 500) return http.STATUS_CODES[e.code] ?? 'Server Error';
  if (e.code === 403) return 'Forbidden: injected';
  return 'Bad Request: injected';
}

function toApiError(e: ApiErrorSpec): ApiError {
  const parameters = e.code === 429 ? { retry_after: 1, ...e.parameters } : e.parameters;
  return new ApiError(e.code, e.description ?? defaultDescription({ ...e, parameters }), parameters);
}

function commandKey(p: Params): string {
  return `${(p.scope as { type?: string } | undefined)?.type ?? 'default'}:${p.language_code ?? ''}`;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function toBuffer(content: Buffer | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

function withoutReply(message: TgMessage): TgMessage {
  const { reply_to_message: _, ...rest } = message;
  return rest;
}

function describeFile(file: StoredFile): TgDocument {
  const doc: TgDocument = {
    file_id: file.fileId,
    file_unique_id: file.uniqueId,
    file_size: file.data.length,
  };
  if (file.name) doc.file_name = file.name;
  if (file.mime) doc.mime_type = file.mime;
  return doc;
}

function mimeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const types: Record<string, string> = {
    csv: 'text/csv',
    txt: 'text/plain',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pdf: 'application/pdf',
  };
  return types[ext ?? ''] ?? 'application/octet-stream';
}

function isUpload(v: unknown): v is { filename: string; data: Buffer } {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as { data?: unknown }).data);
}

function sameContent(a: TgMessage, b: TgMessage): boolean {
  return (
    a.text === b.text &&
    a.caption === b.caption &&
    JSON.stringify(a.entities ?? []) === JSON.stringify(b.entities ?? []) &&
    JSON.stringify(a.caption_entities ?? []) === JSON.stringify(b.caption_entities ?? []) &&
    JSON.stringify(a.reply_markup ?? null) === JSON.stringify(b.reply_markup ?? null)
  );
}

/** Validate an inline keyboard like Telegram, keeping only the standard fields (telegraf adds `hide`). */
function validKeyboard(markup: unknown): TgKeyboard | undefined {
  if (markup === undefined) return undefined;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) throw badRequest('unsupported reply_markup in the fake (inline keyboards only)');
  const clean = rows.map((row: unknown) => {
    if (!Array.isArray(row))
      throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    return row.map((b: TgButton) => {
      if (!b.text) throw badRequest('BUTTON_TEXT_EMPTY');
      if (b.url !== undefined) {
        if (!/^(https?|tg):\/\/\S+$/.test(b.url)) throw badRequest('BUTTON_URL_INVALID');
        return { text: b.text, url: b.url };
      }
      const bytes = Buffer.byteLength(b.callback_data ?? '', 'utf8');
      if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
      return { text: b.text, callback_data: b.callback_data! };
    });
  });
  return clean.length ? { inline_keyboard: clean } : undefined;
}

/** Entities a Telegram client would attach: a leading bot command, @mentions, and name links. */
export function autoEntities(text: string, textMentions: { user: TgUser; text: string }[] = []): TgEntity[] {
  const entities: TgEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}/g)) {
    if (command && m.index < command[0].length) continue;
    entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  for (const tm of textMentions) {
    const at = text.indexOf(tm.text);
    if (at >= 0) entities.push({ type: 'text_mention', offset: at, length: tm.text.length, user: tm.user });
  }
  return entities.sort((a, b) => a.offset - b.offset);
}

// === Telegram's HTML parse mode (https://core.telegram.org/bots/api#html-style)

const TAG_ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * Parse HTML as Telegram does: the supported tags become entities over the visible text, the four
 * named and all numeric character references are decoded, and anything else is a 400.
 */
export function parseHtml(html: string): { text: string; entities: TgEntity[] } {
  const fail = (why: string): never => {
    throw badRequest(`can't parse entities: ${why}`);
  };
  let text = '';
  const entities: TgEntity[] = [];
  const open: { name: string; offset: number; url?: string }[] = [];
  for (let i = 0; i < html.length; ) {
    const c = html[i]!;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) fail(`Unclosed start tag at byte offset ${i}`);
      const tag = html.slice(i + 1, end);
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim().toLowerCase();
        const top = open.pop();
        if (!top || top.name !== name)
          fail(`Unmatched end tag at byte offset ${i}, expected "</${top?.name ?? ''}>", found "</${name}>"`);
        if (text.length > top!.offset) {
          const entity: TgEntity = {
            type: TAG_ENTITY[name]!,
            offset: top!.offset,
            length: text.length - top!.offset,
          };
          if (top!.url !== undefined) entity.url = top!.url;
          entities.push(entity);
        }
      } else {
        const m = /^([a-zA-Z-]+)(\s[\s\S]*)?$/.exec(tag);
        const name = m?.[1]?.toLowerCase() ?? '';
        if (!TAG_ENTITY[name]) fail(`Unsupported start tag "${name}" at byte offset ${i}`);
        const href = /\shref\s*=\s*"([^"]*)"/.exec(m?.[2] ?? '')?.[1];
        open.push({
          name,
          offset: text.length,
          ...(name === 'a' ? { url: decodeEntities(href ?? '') } : {}),
        });
      }
      i = end + 1;
    } else if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i, i + 12));
      if (!m) fail(`Character '&' at byte offset ${i} does not start an entity; write &amp;`);
      text += decodeEntities(m![0]);
      i += m![0].length;
    } else {
      text += c;
      i++;
    }
  }
  if (open.length) fail(`Can't find end tag corresponding to start tag "${open.at(-1)!.name}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset || b.length - a.length) };
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return NAMED_ENTITIES[e] ?? '';
  });
}

// === Request parsing: JSON, urlencoded, query string and multipart/form-data

const JSON_FIELDS = new Set([
  'reply_markup',
  'reply_parameters',
  'entities',
  'caption_entities',
  'scope',
  'commands',
  'allowed_updates',
  'link_preview_options',
]);

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseRequest(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): { params: Params; files?: Record<string, { filename: string; data: Buffer }> } {
  const params: Params = Object.fromEntries(query);
  const type = contentType ?? '';
  if (type.startsWith('application/json') && body.length)
    Object.assign(params, JSON.parse(body.toString('utf8')));
  else if (type.startsWith('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
    if (!boundary) throw new Error('multipart without boundary');
    const files: Record<string, { filename: string; data: Buffer }> = {};
    for (const part of parseMultipart(body, boundary)) {
      if (part.filename !== undefined) files[part.name] = { filename: part.filename, data: part.data };
      else params[part.name] = part.data.toString('utf8');
    }
    return { params, files };
  }
  return { params };
}

/** Multipart values are strings: JSON fields are parsed back, uploaded files replace their field. */
function normalize(params: Params, files?: Record<string, { filename: string; data: Buffer }>): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'method') continue; // telegraf adds the method as a multipart field
    if (JSON_FIELDS.has(key) && typeof value === 'string') {
      try {
        out[key] = JSON.parse(value);
      } catch {
        throw badRequest(`can't parse ${key} JSON object`);
      }
    } else if (value === 'true' || value === 'false') out[key] = value === 'true';
    else out[key] = value;
  }
  for (const [key, file] of Object.entries(files ?? {})) out[key] = file;
  return out;
}

/** A small multipart/form-data parser (RFC 7578), enough for telegraf's encoder and for curl. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
): { name: string; filename?: string; data: Buffer }[] {
  const parts: { name: string; filename?: string; data: Buffer }[] = [];
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(first);
  if (pos < 0) return parts;
  pos += first.length;
  while (pos < body.length) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // "--": the closing delimiter
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) break;
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) break;
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    if (name !== undefined) {
      const part: { name: string; filename?: string; data: Buffer } = {
        name,
        data: body.subarray(headerEnd + 4, next),
      };
      if (filename !== undefined) part.filename = filename;
      parts.push(part);
    }
    pos = next + delimiter.length;
  }
  return parts;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

function postJson(
  url: string,
  body: unknown,
  secret: string | undefined,
): Promise<{ status: number; body: string }> {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(text);
  });
}
