/**
 * The Telegram adapter on telegraf 4.16.3: long polling by default, a webhook when configured, and
 * `apiRoot` for a self-hosted Bot API server (or the test fake). Telegraf is used as a transport only:
 * one middleware decodes every update (decode.ts) for the core, which parses commands itself; sends go
 * through `callApi` with our own timeout and come back as delivery errors the outbox understands.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { Telegraf } from 'telegraf';
import type { AdapterHandlers, ChatAdapter, Clock, Logger } from '../../core/ports.js';
import type { ButtonPress, Capabilities, ChatRef, Outgoing, SentRef } from '../../core/types.js';
import { registerCommands } from './commands.js';
import {
  type ChatMigration,
  type Decoded,
  decodeUpdate,
  type TgMessage,
  type TgUpdate,
  usersIn,
} from './decode.js';
import { encodeCaptionEdit, encodeDocument, encodeEdit, encodeMessage } from './encode.js';
import { isNoTextToEdit, isNotModified, isTelegramError, redact, toDeliveryError } from './errors.js';
import { createUserMemory } from './users.js';
import { startWebhookServer, type WebhookServer } from './webhook.js';

export type { ChatMigration } from './decode.js';

/** Options of {@link createTelegramAdapter}; `bot/main.ts` fills them from `Config.telegram`. */
export interface TelegramAdapterOptions {
  token: string;
  /** `TELEGRAM_API_ROOT`, e.g. `http://127.0.0.1:8081` for a self-hosted Bot API server. */
  apiRoot?: string;
  /** Webhook mode; without it the adapter long-polls. `host` defaults to all interfaces. */
  webhook?: { url: string; secret?: string; port: number; host?: string };
  logger: Logger;
  clock: Clock;
  /** The default language of the command menu. */
  language: 'zh-CN' | 'en';
  /** Long-poll hold in seconds (telegraf asks for 50). */
  pollingTimeoutSeconds?: number;
  /** Abort a Bot API call after this long; the outbox retries it as transient. Default 30 s. */
  requestTimeoutMs?: number;
}

/** The adapter plus what only Telegram has. */
export interface TelegramAdapter extends ChatAdapter {
  readonly platform: 'telegram';
  /** The bot's @username (from getMe), once started. Pass it to `createBot({ botUsernames })`. */
  readonly botUsername: string | undefined;
  /** The webhook server's port once started in webhook mode (useful with port 0). */
  readonly webhookPort: number | undefined;
}

/**
 * Handlers may also take group migrations. The core's port has no such event yet; when `app.ts` grows
 * `onChatMigrated`, it is called here without a change to this adapter.
 */
type HandlersWithMigration = AdapterHandlers & { onChatMigrated?(migration: ChatMigration): Promise<void> };

/** The updates we ask for; `chat_member` (other people joining) is not needed. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A raw Bot API call: telegraf's typed `callApi` without the per-method payload types. */
type RawCall = (method: string, payload: object, options?: { signal?: AbortSignal }) => Promise<unknown>;

/**
 * Create the Telegram adapter. Nothing touches the network until `start`.
 * @example
 * const telegram = createTelegramAdapter({ token, apiRoot, logger, clock: systemClock, language: 'zh-CN' });
 * await telegram.start(bot.app); // getMe, command menus, then polling
 */
export function createTelegramAdapter(opts: TelegramAdapterOptions): TelegramAdapter {
  const log = opts.logger.child({ component: 'telegram' });
  const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // webhookReply off: every call goes to the API root, so it can fail loudly and be seen in logs and tests.
  const bot = new Telegraf(opts.token, {
    telegram: { apiRoot: normalizeApiRoot(opts.apiRoot), webhookReply: false },
  });
  const rawCall = bot.telegram.callApi.bind(bot.telegram) as unknown as RawCall;
  const capabilities: Capabilities = {
    seesAllGroupMessages: false,
    canEdit: true,
    maxTextLength: 4096,
    maxButtons: 100,
    dmRequiresUserFirst: true,
    maxFileBytes: MAX_UPLOAD_BYTES,
  };
  const users = createUserMemory();
  /** Button presses not yet answered: press id → callback query id. */
  const unanswered = new Map<string, string>();
  let me: { id: number; username?: string } | undefined;
  let handlers: HandlersWithMigration | undefined;
  let polling: Promise<void> | undefined;
  let webhook: WebhookServer | undefined;
  let pollingBegan: (() => void) | undefined;

  installPollingHook();
  bot.catch((err, ctx) => {
    log.error({ err: describeError(err), updateId: ctx.update.update_id }, 'update handler failed');
  });
  bot.use((ctx) => dispatch(ctx.update as unknown as TgUpdate));

  /** One Bot API call with our timeout (uploads get longer: 50 MB over a slow uplink takes a while). */
  async function call<T>(method: string, payload: object): Promise<T> {
    const controller = new AbortController();
    const timeoutMs =
      method === 'sendDocument' ? Math.max(requestTimeoutMs, UPLOAD_TIMEOUT_MS) : requestTimeoutMs;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    timer.unref?.();
    try {
      return (await rawCall(method, payload, { signal: controller.signal })) as T;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * telegraf's poller always asks for `timeout: 50` and offers no hook for "polling has begun". Its
   * getUpdates calls go through `bot.telegram.callApi`, so a thin wrapper there gives us both.
   */
  function installPollingHook(): void {
    const wrapped: RawCall = (method, payload, options) => {
      if (method === 'getUpdates') {
        pollingBegan?.();
        const p = payload as { timeout?: number };
        if (opts.pollingTimeoutSeconds !== undefined && p.timeout !== undefined)
          payload = { ...payload, timeout: opts.pollingTimeoutSeconds };
      }
      return rawCall(method, payload, options);
    };
    Object.assign(bot.telegram, { callApi: wrapped });
  }

  async function dispatch(update: TgUpdate): Promise<void> {
    const h = handlers;
    if (!h || !me) return;
    for (const user of usersIn(update)) users.remember(user);
    const decoded = decodeUpdate(update, {
      botId: me.id,
      botUsername: me.username,
      now: opts.clock.now(),
      fetchFile,
      userIdOf: users.byUsername,
    });
    await deliver(h, decoded, update.update_id);
  }

  async function deliver(h: HandlersWithMigration, decoded: Decoded, updateId: number): Promise<void> {
    switch (decoded.kind) {
      case 'message':
        return h.onMessage(decoded.message);
      case 'button':
        unanswered.set(decoded.press.id, decoded.callbackQueryId);
        try {
          await h.onButton(decoded.press);
        } finally {
          // Stop the client's spinner even when the press failed; an ack with a notice may have come first.
          await answerCallback(decoded.press);
        }
        return;
      case 'membership':
        return h.onMembership?.(decoded.event);
      case 'migration':
        if (h.onChatMigrated) return h.onChatMigrated(decoded.migration);
        log.info(
          { ...decoded.migration },
          'group migrated to a supergroup; the outbox moves it on the next send',
        );
        return;
      case 'ignored':
        log.debug({ updateId, reason: decoded.reason }, 'update ignored');
    }
  }

  async function answerCallback(press: ButtonPress, notice?: string): Promise<void> {
    const queryId = unanswered.get(press.id);
    if (!queryId) return;
    unanswered.delete(press.id);
    try {
      // https://core.telegram.org/bots/api#answercallbackquery
      await call('answerCallbackQuery', {
        callback_query_id: queryId,
        ...(notice ? { text: notice.slice(0, 200) } : {}),
      });
    } catch (err) {
      log.warn({ err: describeError(err) }, 'answerCallbackQuery failed');
    }
  }

  /** Download an incoming file: getFile, then GET `<apiRoot>/file/bot<token>/<file_path>`. */
  async function fetchFile(fileId: string): Promise<Buffer> {
    // https://core.telegram.org/bots/api#getfile
    const link = await bot.telegram.getFileLink(fileId);
    // A self-hosted server in --local mode answers with an absolute path on its own disk.
    if (link.protocol === 'file:') return readFile(decodeURIComponent(link.pathname));
    const res = await fetch(link, { signal: AbortSignal.timeout(requestTimeoutMs) }).catch((err: unknown) => {
      throw new Error(`telegram file download failed: ${redact(describeError(err))}`);
    });
    // The URL holds the token: report the status only.
    if (!res.ok) throw new Error(`telegram file download failed: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async function start(h: AdapterHandlers): Promise<void> {
    if (handlers) throw new Error('telegram adapter already started');
    handlers = h;
    try {
      await identify();
      await registerCommands((method, params) => call(method, params), opts.language).catch((err: unknown) =>
        log.warn({ err: describeError(err) }, 'setMyCommands failed; the command menu may be stale'),
      );
      if (opts.webhook) await startWebhook(opts.webhook);
      else await startPolling();
    } catch (err) {
      handlers = undefined;
      throw err;
    }
    log.info(
      { username: me?.username, mode: opts.webhook ? 'webhook' : 'polling' },
      'telegram adapter started',
    );
  }

  /** getMe: who we are, and whether privacy mode hides group chatter from us. */
  async function identify(): Promise<void> {
    type GetMe = { id: number; username?: string; can_read_all_group_messages?: boolean };
    let info: GetMe;
    try {
      // https://core.telegram.org/bots/api#getme
      info = await call<GetMe>('getMe', {});
    } catch (err) {
      if (isTelegramError(err) && err.code === 401)
        throw new Error('Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN');
      throw err;
    }
    me = info;
    bot.botInfo = info as typeof bot.botInfo;
    capabilities.seesAllGroupMessages = info.can_read_all_group_messages === true;
    if (!capabilities.seesAllGroupMessages) {
      log.warn(
        { username: info.username },
        'privacy mode is on: in groups the bot sees only commands, replies to it and mentions ' +
          '(BotFather /setprivacy → Disable, then re-add the bot; or make it an admin)',
      );
    }
  }

  /** Long polling; `launch()` only resolves when polling stops, so it is kept, not awaited. */
  async function startPolling(): Promise<void> {
    const began = new Promise<void>((resolve) => {
      pollingBegan = resolve;
    });
    let failure: unknown;
    // https://core.telegram.org/bots/api#getupdates (telegraf deletes any webhook first)
    const launched = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((err: unknown) => {
      failure = err;
      log.error(
        { err: describeError(err) },
        'telegram polling stopped (409: another instance or a webhook?)',
      );
    });
    polling = launched;
    await Promise.race([began, launched]);
    pollingBegan = undefined;
    if (failure) {
      polling = undefined;
      throw new Error(`telegram polling failed to start: ${describeError(failure)}`);
    }
  }

  async function startWebhook(w: NonNullable<TelegramAdapterOptions['webhook']>): Promise<void> {
    webhook = await startWebhookServer(bot, w, log);
    if (!w.secret)
      log.warn('webhook without TELEGRAM_WEBHOOK_SECRET: anyone who finds the URL can post updates');
    // https://core.telegram.org/bots/api#setwebhook
    await call('setWebhook', {
      url: w.url,
      allowed_updates: [...ALLOWED_UPDATES],
      ...(w.secret ? { secret_token: w.secret } : {}),
    });
  }

  async function stop(): Promise<void> {
    if (webhook) {
      await webhook.close();
      webhook = undefined;
    }
    if (polling) {
      // Aborts the pending getUpdates; telegraf lets the current batch finish, then confirms the offset.
      bot.stop('adapter stopped');
      await polling;
      polling = undefined;
    }
    handlers = undefined;
  }

  async function send(chat: ChatRef, msg: Outgoing, o?: { replyToken?: string }): Promise<SentRef> {
    try {
      let last: TgMessage | undefined;
      if (msg.file) {
        const { document, followUps } = encodeDocument(chat, msg, o?.replyToken, capabilities.maxFileBytes);
        // https://core.telegram.org/bots/api#senddocument (multipart, because `document` is a Buffer)
        last = await call<TgMessage>('sendDocument', document);
        // https://core.telegram.org/bots/api#sendmessage
        for (const params of followUps) last = await call<TgMessage>('sendMessage', params);
      } else {
        // https://core.telegram.org/bots/api#sendmessage
        for (const params of encodeMessage(chat, msg, o?.replyToken))
          last = await call<TgMessage>('sendMessage', params);
      }
      return {
        platform: 'telegram',
        chatId: chat.chatId,
        messageId: last ? String(last.message_id) : undefined,
      };
    } catch (err) {
      throw toDeliveryError(err, chat.kind);
    }
  }

  async function edit(ref: SentRef, msg: Outgoing): Promise<void> {
    const kind = kindOfChatId(ref.chatId);
    try {
      // https://core.telegram.org/bots/api#editmessagetext
      await call('editMessageText', encodeEdit(ref, msg));
    } catch (err) {
      if (isNotModified(err)) return;
      if (!isNoTextToEdit(err)) throw toDeliveryError(err, kind);
      try {
        // A document's text is its caption. https://core.telegram.org/bots/api#editmessagecaption
        await call('editMessageCaption', encodeCaptionEdit(ref, msg));
      } catch (captionErr) {
        if (!isNotModified(captionErr)) throw toDeliveryError(captionErr, kind);
      }
    }
  }

  return {
    platform: 'telegram',
    capabilities,
    get botUsername() {
      return me?.username;
    },
    get webhookPort() {
      return webhook?.port;
    },
    start,
    stop,
    send,
    edit,
    ack: (press, notice) => answerCallback(press, notice),
    directLinkUrl(token) {
      // Deep-link payloads allow A-Z a-z 0-9 _ - and at most 64 characters (https://core.telegram.org/bots/features#deep-linking).
      if (!me?.username || !/^[A-Za-z0-9_-]{1,64}$/.test(token)) return undefined;
      return `https://t.me/${me.username}?start=${token}`;
    },
  };
}

/**
 * telegraf resolves `./bot<token>/<method>` against the root, so a path survives only with a trailing
 * slash: `http://host/tgapi` would silently become `http://host/bot…`.
 */
export function normalizeApiRoot(apiRoot: string | undefined): string | undefined {
  if (!apiRoot) return undefined;
  return apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`;
}

/** Telegram user ids are positive, group and supergroup ids negative. */
function kindOfChatId(chatId: string): 'direct' | 'group' {
  return chatId.startsWith('-') ? 'group' : 'direct';
}

function describeError(err: unknown): string {
  return redact(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}
