/**
 * The WeCom smart-bot adapter (企业微信智能机器人, API mode over a long connection) on
 * `@wecom/aibot-node-sdk`. The SDK is used only inside this folder.
 *
 * Connection. `start()` connects and resolves once the server accepted the bot id and secret
 * (`authenticated`). The SDK retries a refused subscribe with backoff; `start()` rejects with a clear
 * error when it gives up (`reconnect.maxAuthFailures`, default 5) or after `startTimeoutMs`. After a
 * drop the SDK reconnects by itself (forever by default). It does not replay what was pending, and it
 * need not: every send comes from the outbox, so `send` throws {@link TransientDeliveryError} while the
 * connection is down and the outbox sends the row again after the reconnect. A `disconnected_event`
 * means another process subscribed with the same bot (WeCom allows one connection per bot): we log it
 * loudly and do not fight for the connection.
 *
 * Replies. Callback frames are kept in memory by their `req_id` (the `replyToken` handed to the core),
 * with their arrival time. While a frame is fresh, the first message answering it goes back through it:
 * a finished stream (`replyStream`, `finish=true`) or a card (`replyTemplateCard`) for a message, the
 * welcome (`replyWelcome`, ≤ 5 s) for `enter_chat`, a card update (`updateTemplateCard`, ≤ 5 s) for a
 * click. Everything else, and anything after a restart, is pushed with `sendMessage`.
 *
 * Cards. `send` returns the card's `task_id` as the message id, and a click reports that task id, so the
 * core finds the card again (`ButtonPress.message.messageId`) and replaces it with `edit` in answer to the
 * click. WeCom can replace a card only within 5 s of a click on it; later, `edit` throws
 * `PermanentDeliveryError('bad_request')` and the card stays as it is (the command's own reply has
 * already told the user what happened).
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { type TemplateCard, WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/errors.js';
import { messagesFor } from '../../core/i18n/index.js';
import type { AdapterHandlers, ChatAdapter, Clock, Logger } from '../../core/ports.js';
import type { ButtonPress, Capabilities, ChatRef, Outgoing, SentRef } from '../../core/types.js';
import {
  type DecodeOptions,
  decodeCardEvent,
  decodeEnterChat,
  decodeMessage,
  eventTypeOf,
  messageIdOfTask,
  type WecomFrame,
  type WecomIncomingFile,
} from './decode.js';
import {
  type EncodeOptions,
  encodeOutgoing,
  encodeReplacementCard,
  encodeWelcome,
  mentionTags,
  newTaskId,
  type WecomPart,
} from './encode.js';
import { isStaleReply, toDeliveryError } from './errors.js';

export { WECOM_MAX_TEXT_BYTES } from './encode.js';

const PLATFORM = 'wecom' as const;

/** What the smart bot can do. Text length is in UTF-8 bytes. */
export const wecomCapabilities: Capabilities = {
  // Groups deliver only messages that @-mention the bot.
  seesAllGroupMessages: false,
  // Only a clicked card can be replaced (within 5 s); text cannot be edited.
  canEdit: false,
  maxTextLength: 20_480,
  maxButtons: 6,
  // A push to a single chat works only after the person talked to the bot there.
  dmRequiresUserFirst: true,
  maxFileBytes: 20 * 1024 * 1024,
};

/** A finished stream answers a message callback for about 5 minutes (WeCom then says 846608). */
const STREAM_REPLY_WINDOW_MS = 5 * 60_000;
/** Welcome replies and card updates must be sent within 5 s of the event; keep a margin for the trip. */
const EVENT_REPLY_WINDOW_MS = 4_500;
/** Partly delivered messages are remembered this long, so a retry resumes instead of repeating. */
const PROGRESS_TTL_MS = 60 * 60_000;
const DEFAULT_START_TIMEOUT_MS = 60_000;

/** Connection state, for logs and tests. */
export type WecomConnectionState =
  | 'idle'
  | 'connecting'
  | 'ready'
  | 'reconnecting'
  /** Another connection subscribed with this bot (`disconnected_event`); we do not reconnect. */
  | 'taken_over'
  /** The SDK gave up (credentials refused too often, or reconnects exhausted). */
  | 'failed'
  | 'stopped';

export interface WecomAdapterOptions {
  /** Bot ID from 企业微信管理后台 → 智能机器人 → API 模式 (`WECOM_BOT_ID`). */
  botId: string;
  /** The bot's Secret (`WECOM_BOT_SECRET`). Never logged. */
  secret: string;
  /** `WECOM_WS_URL`: a private deployment or a test server; default `wss://openws.work.weixin.qq.com`. */
  wsUrl?: string;
  logger: Logger;
  clock: Clock;
  language: 'zh-CN' | 'en';
  /** Display names from our user directory (WeCom sends only userids), for rendering. */
  directory?: (userId: string) => string | undefined;
  reconnect?: {
    /** Base delay of the SDK's exponential backoff (capped at 30 s). Default 1 000 ms. */
    intervalMs?: number;
    /** Reconnects after a drop before giving up; -1 = forever (default). */
    maxAttempts?: number;
    /** Refused subscribes before giving up; default 5. */
    maxAuthFailures?: number;
    /** Application-level ping interval; two missed acks count as a dead connection. Default 30 000 ms. */
    heartbeatMs?: number;
  };
  /** How long `start()` waits for the first `authenticated`. Default 60 s. */
  startTimeoutMs?: number;
  /**
   * The names people @ the bot by in groups (as named in the admin console). When set, only these are
   * stripped from the text (also at its end); otherwise the leading `@token` of a group message is.
   */
  botNames?: string[];
  /** Where tapping a notice card leads (`text_notice` requires a link). Default the WeCom web app. */
  cardActionUrl?: string;
  /** Split text into messages of at most this many UTF-8 bytes (default 20 000, below WeCom's 20 480). */
  maxTextBytes?: number;
  /** Called after a reconnect, e.g. to wake the delivery worker. */
  onReconnect?: () => void;
}

/** The adapter, plus its connection state. */
export type WecomAdapter = ChatAdapter & { readonly state: WecomConnectionState };

/** A callback frame we may still answer through. */
interface ReplyContext {
  frame: WecomFrame;
  kind: 'message' | 'enter_chat' | 'card_event';
  chat: ChatRef;
  at: number;
  /** A frame answers one message; later ones are pushed. */
  used: boolean;
  /** For clicks: the exact task id of the clicked card. */
  taskId?: string;
}

/** Parts of a message already delivered, so a retry after a partial failure does not repeat them. */
interface Progress {
  done: number;
  taskId: string;
  mediaIds: Map<number, string>;
  at: number;
}

/**
 * Create the WeCom adapter (platform `wecom`).
 * @example
 * const wecom = createWecomAdapter({ botId, secret, logger, clock: systemClock, language: 'zh-CN',
 *   directory: directoryFrom(repos.people) });
 * const bot = createBot({ ..., adapters: [wecom], rateRules: { wecom: wecomRateRules({ chatPerMinute: 20 }) } });
 */
export function createWecomAdapter(opts: WecomAdapterOptions): WecomAdapter {
  const log = opts.logger.child({ component: 'wecom', botId: opts.botId });
  const { clock } = opts;
  const m = messagesFor(opts.language);
  const tokens = new Map<string, ReplyContext>();
  const progress = new Map<string, Progress>();
  let client: WSClient | undefined;
  let state: WecomConnectionState = 'idle';
  let everReady = false;
  /** Whether we called the SDK's disconnect (it warns when called twice). */
  let closed = false;
  let lastAuthError: string | undefined;
  let starting: { resolve: () => void; reject: (err: Error) => void; timer: NodeJS.Timeout } | undefined;
  /** Callbacks are handled one at a time, in arrival order (a /setup before the /unit add after it). */
  let handling: Promise<void> = Promise.resolve();

  const encodeOptions = (taskId: string): EncodeOptions => ({
    taskId,
    botName: m.botName,
    cardActionUrl: opts.cardActionUrl ?? 'https://work.weixin.qq.com/',
    maxTextBytes: opts.maxTextBytes,
    directory: opts.directory,
    continued: opts.language === 'en' ? ' (more)' : '（续）',
  });

  const decodeOptions = (now: number): DecodeOptions => ({
    now,
    botNames: opts.botNames,
    // SDK downloadFile (https://github.com/WecomTeam/aibot-node-sdk): GET, then AES-256-CBC with the aeskey.
    download: (url, aeskey) => requireClient().downloadFile(url, aeskey),
  });

  // --- Connection

  function requireClient(): WSClient {
    if (!client) throw new TransientDeliveryError('WeCom adapter not started', { offline: true });
    return client;
  }

  /** The client, when a command can be sent now; otherwise the outbox should retry later. */
  function readyClient(): WSClient {
    const c = requireClient();
    if (state !== 'ready' || !c.isConnected)
      throw new TransientDeliveryError(`WeCom connection is not ready (${state})`, { offline: true });
    return c;
  }

  function settleStart(err?: Error): void {
    if (!starting) return;
    clearTimeout(starting.timer);
    const { resolve, reject } = starting;
    starting = undefined;
    if (err) reject(err);
    else resolve();
  }

  function onAuthenticated(): void {
    const again = everReady;
    state = 'ready';
    everReady = true;
    lastAuthError = undefined;
    log.info(again ? 'WeCom reconnected' : 'WeCom connected');
    settleStart();
    if (again) opts.onReconnect?.();
  }

  function onDisconnected(reason: string): void {
    if (state !== 'ready') {
      log.debug({ reason, state }, 'WeCom socket closed');
      return;
    }
    state = 'reconnecting';
    log.warn({ reason }, 'WeCom connection lost; the SDK reconnects, pending messages stay in the outbox');
  }

  function onError(err: Error): void {
    const code = (err as { code?: string }).code;
    if (code === 'WS_AUTH_FAILURE_EXHAUSTED') {
      state = 'failed';
      const hint =
        `WeCom refused the bot credentials (${lastAuthError ?? err.message}); giving up. ` +
        'Check WECOM_BOT_ID and WECOM_BOT_SECRET (企业微信管理后台 → 智能机器人 → API 模式).';
      log.error({ err: err.message }, hint);
      stopClient();
      settleStart(new Error(hint, { cause: err }));
      return;
    }
    if (code === 'WS_RECONNECT_EXHAUSTED') {
      state = 'failed';
      const hint = `Could not reach WeCom at ${opts.wsUrl ?? 'the default address'}; reconnects exhausted.`;
      log.error({ err: err.message }, hint);
      stopClient();
      settleStart(new Error(hint, { cause: err }));
      return;
    }
    if (/^Authentication failed/u.test(err.message)) {
      lastAuthError = err.message;
      log.warn({ err: err.message }, 'WeCom authentication failed; the SDK will retry');
      return;
    }
    log.warn({ err: err.message }, 'WeCom connection error');
  }

  function onTakenOver(): void {
    state = 'taken_over';
    log.error(
      'WeCom: another connection subscribed with this bot (disconnected_event), so WeCom closed ours. ' +
        'This instance no longer receives messages and will NOT reconnect. ' +
        'Make sure only one Yishi instance runs per bot, then restart it.',
    );
    settleStart(new Error('WeCom: another connection took over this bot'));
  }

  function stopClient(): void {
    // After a takeover the SDK has already closed and marked itself stopped.
    if (!client || closed || state === 'taken_over') return;
    closed = true;
    client.disconnect();
  }

  // --- Incoming

  /** Keep a callback frame for answering, stamped with its arrival (the reply windows count from it). */
  function rememberFrame(
    frame: WecomFrame,
    at: number,
    kind: ReplyContext['kind'],
    chat: ChatRef,
    taskId?: string,
  ): void {
    for (const [key, ctx] of tokens) if (at - ctx.at > STREAM_REPLY_WINDOW_MS) tokens.delete(key);
    tokens.set(frame.headers.req_id, { frame, kind, chat, at, used: false, taskId });
  }

  /**
   * A listener that notes the arrival time at once and runs `handle` after the callbacks before it; a
   * failing handler is logged and does not stop the next.
   */
  function received(what: string, handle: (frame: WecomFrame, at: number) => Promise<void>) {
    return (frame: WsFrame): void => {
      const at = clock.now();
      handling = handling
        .then(() => handle(frame as WecomFrame, at))
        .catch((err: unknown) => {
          log.error({ err: describeError(err), what }, 'WeCom callback handler failed');
        });
    };
  }

  function wire(c: WSClient, handlers: AdapterHandlers): void {
    c.on('authenticated', onAuthenticated);
    c.on('disconnected', onDisconnected);
    c.on('reconnecting', (attempt) => log.info({ attempt }, 'WeCom reconnecting'));
    c.on('error', onError);

    c.on(
      'message',
      received('message', async (frame, at) => {
        const msg = decodeMessage(frame, decodeOptions(at));
        if (!msg) return log.warn({ reqId: frame.headers.req_id }, 'WeCom message without sender or chat');
        rememberFrame(frame, at, 'message', msg.chat);
        await loadFiles(msg.files as WecomIncomingFile[]);
        await handlers.onMessage(msg);
      }),
    );

    c.on(
      'event.template_card_event',
      received('template_card_event', async (frame, at) => {
        const press = decodeCardEvent(frame, decodeOptions(at));
        if (!press) return log.warn({ reqId: frame.headers.req_id }, 'WeCom card event without a button key');
        const ev = frame.body?.event;
        rememberFrame(frame, at, 'card_event', press.chat, ev?.template_card_event?.task_id ?? ev?.task_id);
        await handlers.onButton(press);
      }),
    );

    c.on(
      'event.enter_chat',
      received('enter_chat', async (frame, at) => {
        const event = decodeEnterChat(frame, decodeOptions(at));
        if (!event || !handlers.onMembership) return;
        rememberFrame(frame, at, 'enter_chat', event.chat);
        await handlers.onMembership(event);
      }),
    );

    c.on('event.disconnected_event', onTakenOver);
    c.on('event', (frame) => {
      const type = eventTypeOf(frame as WecomFrame);
      if (type && !['template_card_event', 'enter_chat', 'disconnected_event'].includes(type))
        log.debug({ eventtype: type }, 'WeCom event ignored');
    });
  }

  /** Download incoming files now: the URLs expire after 5 min and the name comes with the download. */
  async function loadFiles(files: WecomIncomingFile[]): Promise<void> {
    for (const file of files) {
      try {
        await file.load();
      } catch (err) {
        log.warn({ err: describeError(err) }, 'WeCom file download failed; fetch() will try again');
      }
    }
  }

  // --- Outgoing

  /** The fresh callback frame a message to `chat` may answer through, if any. */
  function replyContext(token: string | undefined, chat: { chatId: string }): ReplyContext | undefined {
    const ctx = token ? tokens.get(token) : undefined;
    return ctx && ctx.chat.chatId === chat.chatId ? ctx : undefined;
  }

  const age = (ctx: ReplyContext) => clock.now() - ctx.at;

  async function send(chat: ChatRef, msg: Outgoing, o: { replyToken?: string } = {}): Promise<SentRef> {
    const c = readyClient();
    const reply = replyContext(o.replyToken, chat);
    const key = progress.size > 0 ? progressKey(chat, msg, o.replyToken) : undefined;
    const resumed = key ? progress.get(key) : undefined;
    const taskId = resumed?.taskId ?? newTaskId(clock.now(), randomBytes(6).toString('hex'));
    const parts = encodeOutgoing(msg, encodeOptions(taskId));
    assertFileSize(parts);
    const ref: SentRef = { platform: PLATFORM, chatId: chat.chatId, messageId: messageIdOf(parts, taskId) };

    if (!resumed && reply?.kind === 'enter_chat' && (await tryWelcome(c, reply, msg, taskId))) return ref;

    const done: Progress = resumed ?? { done: 0, taskId, mediaIds: new Map(), at: clock.now() };
    for (let i = done.done; i < parts.length; i++) {
      try {
        await sendPart(c, chat, parts[i]!, i, reply, done);
        done.done = i + 1;
      } catch (err) {
        if (done.done > 0 || done.mediaIds.size > 0) rememberProgress(chat, msg, o.replyToken, done);
        throw toDeliveryError(err, chat.kind);
      }
    }
    if (resumed && key) progress.delete(key);
    return ref;
  }

  /** The welcome reply for `enter_chat`, within 5 s; false when it does not apply (then we push). */
  async function tryWelcome(c: WSClient, reply: ReplyContext, msg: Outgoing, taskId: string) {
    if (reply.used || age(reply) > EVENT_REPLY_WINDOW_MS) return false;
    const body = encodeWelcome(msg, encodeOptions(taskId));
    if (!body) return false;
    try {
      // SDK replyWelcome → aibot_respond_welcome_msg, only within 5 s of the event
      // (https://github.com/WecomTeam/aibot-node-sdk).
      await c.replyWelcome(reply.frame, body);
    } catch (err) {
      if (isStaleReply(err)) return false;
      throw toDeliveryError(err, reply.chat.kind);
    }
    reply.used = true;
    return true;
  }

  /** One part: through the callback frame while it is fresh and unused, otherwise pushed. */
  async function sendPart(
    c: WSClient,
    chat: ChatRef,
    part: WecomPart,
    index: number,
    reply: ReplyContext | undefined,
    done: Progress,
  ): Promise<void> {
    const passive =
      reply?.kind === 'message' && !reply.used && age(reply) <= STREAM_REPLY_WINDOW_MS ? reply : undefined;
    if (part.kind === 'file') {
      const mediaId = done.mediaIds.get(index) ?? (await upload(c, part));
      done.mediaIds.set(index, mediaId);
      if (passive && (await passively(passive, () => c.replyMedia(passive.frame, 'file', mediaId)))) return;
      // SDK sendMediaMessage → aibot_send_msg with msgtype file (https://github.com/WecomTeam/aibot-node-sdk).
      await c.sendMediaMessage(chat.chatId, 'file', mediaId);
      return;
    }
    if (part.kind === 'card') {
      // SDK replyTemplateCard → aibot_respond_msg; sendMessage → aibot_send_msg (a proactive card).
      if (passive && (await passively(passive, () => c.replyTemplateCard(passive.frame, part.card)))) return;
      await c.sendMessage(chat.chatId, { msgtype: 'template_card', template_card: part.card });
      return;
    }
    if (passive) {
      const streamId = `st_${randomBytes(8).toString('hex')}`;
      // SDK replyStream → aibot_respond_msg; one finished stream (finish=true) is a complete reply.
      if (await passively(passive, () => c.replyStream(passive.frame, streamId, part.content, true))) return;
    }
    // SDK sendMessage → aibot_send_msg; markdown, since msgtype text is refused there (40008).
    await c.sendMessage(chat.chatId, { msgtype: 'markdown', markdown: { content: part.content } });
  }

  /** Try a passive reply; false when WeCom says the frame can no longer be answered (then push). */
  async function passively(reply: ReplyContext, call: () => Promise<WsFrame>): Promise<boolean> {
    try {
      await call();
    } catch (err) {
      if (!isStaleReply(err)) throw err;
      reply.used = true;
      log.debug({ errcode: (err as { errcode: number }).errcode }, 'WeCom reply window closed; pushing');
      return false;
    }
    reply.used = true;
    return true;
  }

  /**
   * SDK uploadMedia (https://github.com/WecomTeam/aibot-node-sdk): init → chunks of 512 KiB → finish over
   * the socket; the media_id lives 3 days.
   */
  async function upload(c: WSClient, part: Extract<WecomPart, { kind: 'file' }>): Promise<string> {
    const { media_id } = await c.uploadMedia(part.data, { type: 'file', filename: part.name });
    return media_id;
  }

  function assertFileSize(parts: WecomPart[]): void {
    for (const p of parts)
      if (p.kind === 'file' && p.data.length > wecomCapabilities.maxFileBytes)
        throw new PermanentDeliveryError(
          `file ${p.name} is ${p.data.length} bytes; WeCom files may be at most 20 MB`,
          'bad_request',
        );
  }

  function rememberProgress(chat: ChatRef, msg: Outgoing, token: string | undefined, state: Progress) {
    const now = clock.now();
    for (const [k, p] of progress) if (now - p.at > PROGRESS_TTL_MS) progress.delete(k);
    progress.set(progressKey(chat, msg, token), state);
  }

  async function edit(ref: SentRef, msg: Outgoing, o: { replyToken?: string } = {}): Promise<void> {
    const c = readyClient();
    const click = replyContext(o.replyToken, ref);
    if (click?.kind !== 'card_event' || !click.taskId)
      throw new PermanentDeliveryError(
        'WeCom replaces a card only in answer to a click on it',
        'bad_request',
      );
    if (messageIdOfTask(click.taskId) !== ref.messageId)
      throw new PermanentDeliveryError('the click was on another card', 'bad_request');
    if (click.used || age(click) > EVENT_REPLY_WINDOW_MS)
      throw new PermanentDeliveryError('WeCom allows one card update within 5 s of a click', 'bad_request');
    const card: TemplateCard = encodeReplacementCard(msg, encodeOptions(click.taskId));
    try {
      // SDK updateTemplateCard → aibot_respond_update_msg with the click's req_id, within 5 s
      // (https://github.com/WecomTeam/aibot-node-sdk).
      await c.updateTemplateCard(click.frame, card);
    } catch (err) {
      throw toDeliveryError(err, click.chat.kind);
    }
    click.used = true;
  }

  /** WeCom has no toast for a click; a notice is posted to the chat instead. */
  async function ack(press: ButtonPress, notice?: string): Promise<void> {
    if (!notice) return;
    const mention = press.chat.kind === 'group' ? `${mentionTags([press.user])} ` : '';
    const c = readyClient();
    try {
      await c.sendMessage(press.chat.chatId, {
        msgtype: 'markdown',
        markdown: { content: mention + notice },
      });
    } catch (err) {
      throw toDeliveryError(err, press.chat.kind);
    }
  }

  return {
    platform: PLATFORM,
    capabilities: wecomCapabilities,
    get state() {
      return state;
    },

    async start(handlers) {
      if (client) throw new Error('WeCom adapter already started');
      state = 'connecting';
      const r = opts.reconnect ?? {};
      client = new WSClient({
        botId: opts.botId,
        secret: opts.secret,
        wsUrl: opts.wsUrl,
        reconnectInterval: r.intervalMs ?? 1_000,
        maxReconnectAttempts: r.maxAttempts ?? -1,
        maxAuthFailureAttempts: r.maxAuthFailures ?? 5,
        heartbeatInterval: r.heartbeatMs ?? 30_000,
        logger: sdkLogger(log),
      });
      wire(client, handlers);
      const started = new Promise<void>((resolve, reject) => {
        const ms = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
        const timer = setTimeout(() => {
          const why = lastAuthError ? ` (last: ${lastAuthError})` : '';
          state = 'failed';
          stopClient();
          settleStart(new Error(`WeCom did not authenticate within ${ms} ms${why}`));
        }, ms);
        starting = { resolve, reject, timer };
      });
      log.info({ url: opts.wsUrl ?? 'default' }, 'WeCom connecting');
      client.connect();
      await started;
    },

    async stop() {
      if (!client) return;
      stopClient();
      state = 'stopped';
      settleStart(new Error('WeCom adapter stopped'));
      client.removeAllListeners();
      await handling;
    },

    send,
    edit,
    ack,
  };
}

/**
 * A `directory` over the people repository: the directory's name for a WeCom userid, when known.
 * @example createWecomAdapter({ ..., directory: directoryFrom(createRepos(store.db).people) })
 */
export function directoryFrom(people: {
  getIdentity(platform: string, userId: string): { personId: number } | undefined;
  getPerson(id: number): { name: string } | undefined;
}): (userId: string) => string | undefined {
  return (userId) => {
    const identity = people.getIdentity(PLATFORM, userId);
    const name = identity ? people.getPerson(identity.personId)?.name : undefined;
    return name && name !== userId ? name : undefined;
  };
}

/** The message id of a send: the first card's task id, else a generated id. */
function messageIdOf(parts: WecomPart[], taskId: string): string {
  return parts.some((p) => p.kind === 'card') ? taskId : `md_${taskId.slice(3)}`;
}

function progressKey(chat: ChatRef, msg: Outgoing, token: string | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([chat.chatId, token ?? '', msg]))
    .digest('base64url');
}

/**
 * The SDK's logger on ours. Its debug lines carry whole message bodies (personal data), so they are
 * dropped; its info is our debug; warnings and errors pass through.
 */
function sdkLogger(log: Logger) {
  const detail = (args: unknown[]) => (args.length ? { detail: args.map(describeError) } : {});
  return {
    debug() {},
    info: (message: string, ...args: unknown[]) => log.debug(detail(args), message),
    warn: (message: string, ...args: unknown[]) => log.warn(detail(args), message),
    error: (message: string, ...args: unknown[]) => log.error(detail(args), message),
  };
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
