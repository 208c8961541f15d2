/**
 * The neutral message model every feature speaks. Adapters decode platform payloads into these types
 * and encode these types back into platform calls; nothing here knows about Telegram or WeCom.
 * @module
 */

/** A chat platform. `console` is the terminal chat used for trying the bot and in tests. */
export type Platform = 'telegram' | 'wecom' | 'console';
export const PLATFORMS = ['telegram', 'wecom', 'console'] as const satisfies readonly Platform[];

export interface ChatRef {
  platform: Platform;
  /** The platform's chat id (Telegram chat id, WeCom chatid, or the userid for a WeCom single chat). */
  chatId: string;
  kind: 'direct' | 'group';
  /** Telegram forum topic: answers go into the same thread. */
  threadId?: string;
  title?: string;
}

export interface UserRef {
  platform: Platform;
  userId: string;
  displayName?: string;
  username?: string;
  isBot?: boolean;
}

/** Composite keys in the Satori style: `platform:id`. */
export const chatKey = (c: Pick<ChatRef, 'platform' | 'chatId'>): string => `${c.platform}:${c.chatId}`;
export const userKey = (u: Pick<UserRef, 'platform' | 'userId'>): string => `${u.platform}:${u.userId}`;

/** A file attached to an incoming message; the bytes are fetched on demand. */
export interface IncomingFile {
  name?: string;
  mime?: string;
  size?: number;
  fetch(): Promise<Buffer>;
}

export interface Incoming {
  /** Platform update id (Telegram `update_id`, WeCom `msgid`); also the dedupe key. */
  id: string;
  chat: ChatRef;
  sender: UserRef;
  receivedAt: number;
  rawText: string;
  /** rawText without the leading bot mention. */
  text: string;
  mentions: UserRef[];
  mentionsBot: boolean;
  replyTo?: { messageId?: string; fromBot: boolean; text?: string };
  files: IncomingFile[];
  /** Opaque to the core; the adapter uses it to answer in the same context (WeCom frame, thread). */
  replyToken?: string;
}

export interface Button {
  /** Our own short id; Telegram allows at most 64 bytes of callback data. */
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'danger';
  /** A link button (Telegram deep links); pressing it does not reach the bot. */
  url?: string;
}

export interface Outgoing {
  text: string;
  format?: 'plain' | 'markdown';
  title?: string;
  buttons?: Button[][];
  mentions?: UserRef[];
  /** A file to send with the text as its caption (minutes .docx, ledger .xlsx, import report). */
  file?: OutgoingFile;
  /** Render as a notice card where the platform has one (WeCom `text_notice`): reminders, digests. */
  notice?: boolean;
  /** The bot waits for the reader's answer (Telegram: force_reply, so privacy mode still shows it). */
  expectReply?: boolean;
  /** Replace the bot's earlier message with this platform id (edit, card update) instead of posting. */
  replaces?: string;
}

export interface OutgoingFile {
  name: string;
  mime: string;
  /** Base64 so the message survives a round trip through the outbox's JSON payload. */
  base64: string;
}

export interface SentRef {
  platform: Platform;
  chatId: string;
  messageId?: string;
}

export interface ButtonPress {
  id: string;
  buttonId: string;
  user: UserRef;
  chat: ChatRef;
  message?: SentRef;
  receivedAt: number;
  replyToken?: string;
}

/** The bot joined or left a group, or a user opened the private chat (WeCom `enter_chat`). */
export interface MembershipEvent {
  chat: ChatRef;
  joined: boolean;
  by?: UserRef;
  /** Answer in the event's context (WeCom's welcome reply must come within 5 s). */
  replyToken?: string;
  /** Platform event id, for dedupe. */
  id?: string;
}

/** A group moved to a new chat id (Telegram group → supergroup); its binding follows it. */
export interface ChatMigration {
  id: string;
  platform: Platform;
  fromChatId: string;
  toChatId: string;
}

/** What a platform can and cannot do; features adapt to these instead of checking platform names. */
export interface Capabilities {
  seesAllGroupMessages: boolean;
  canEdit: boolean;
  /** Longest text in one message, in the platform's own units. */
  maxTextLength: number;
  maxButtons: number;
  dmRequiresUserFirst: boolean;
  maxFileBytes: number;
}
