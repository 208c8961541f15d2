/**
 * The ports the core depends on. Adapters, the clock and the logger are handed in by the composition
 * root (`bot/main.ts`); tests hand in fakes.
 * @module
 */
import type {
  ButtonPress,
  Capabilities,
  ChatMigration,
  ChatRef,
  Incoming,
  MembershipEvent,
  Outgoing,
  Platform,
  SentRef,
} from './types.js';

/** Callbacks an adapter calls for every decoded event. */
export interface AdapterHandlers {
  onMessage(msg: Incoming): Promise<void>;
  onButton(press: ButtonPress): Promise<void>;
  onMembership?(event: MembershipEvent): Promise<void>;
  onChatMigrated?(migration: ChatMigration): Promise<void>;
}

/**
 * A chat platform behind a neutral face. `send` throws a {@link DeliveryError} subclass on failure so the
 * delivery worker can decide between waiting, retrying and giving up.
 */
export interface ChatAdapter {
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  start(handlers: AdapterHandlers): Promise<void>;
  stop(): Promise<void>;
  /** Send one message; `replyToken` lets the adapter answer in the original context while it is valid. */
  send(chat: ChatRef, msg: Outgoing, opts?: { replyToken?: string }): Promise<SentRef>;
  /** Replace a message the bot sent earlier (card update, edit). Throws when the platform cannot. */
  edit?(ref: SentRef, msg: Outgoing, opts?: { replyToken?: string }): Promise<void>;
  /** Answer a button press quickly (Telegram answerCallbackQuery, WeCom card update). */
  ack?(press: ButtonPress, notice?: string): Promise<void>;
  /**
   * A link that opens a private chat with the bot carrying `token` (Telegram `t.me/<bot>?start=<token>`),
   * for platforms where a user must start the bot before it may write to them.
   */
  directLinkUrl?(token: string): string | undefined;
}

/** Where "now" comes from. Production uses the system clock; tests use a fixed clock they advance. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A structured logger (pino-compatible subset). */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything; the default in tests. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
