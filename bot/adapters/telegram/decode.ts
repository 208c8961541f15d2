/**
 * Bot API updates → our neutral events. Pure: the only effects are the `fetchFile` and `userIdOf`
 * callbacks the adapter hands in. Update shapes: https://core.telegram.org/bots/api#update
 * @module
 */
import type {
  ButtonPress,
  ChatRef,
  Incoming,
  IncomingFile,
  MembershipEvent,
  UserRef,
} from '../../core/types.js';
import { encodeReplyToken } from './encode.js';

// === The parts of the Bot API shapes we read (all optional: fixtures and real updates both fit)

export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  is_forum?: boolean;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  user?: TgUser;
}

export interface TgFileRef {
  file_id: string;
  file_unique_id?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
  width?: number;
  height?: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  message_thread_id?: number;
  is_topic_message?: boolean;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  reply_to_message?: TgMessage;
  document?: TgFileRef;
  photo?: TgFileRef[];
  forum_topic_created?: unknown;
  new_chat_members?: TgUser[];
  left_chat_member?: TgUser;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
}

export interface TgChatMember {
  user: TgUser;
  status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
  is_member?: boolean;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  channel_post?: TgMessage;
  callback_query?: {
    id: string;
    from: TgUser;
    message?: TgMessage;
    inline_message_id?: string;
    chat_instance?: string;
    data?: string;
  };
  my_chat_member?: {
    chat: TgChat;
    from: TgUser;
    date: number;
    old_chat_member: TgChatMember;
    new_chat_member: TgChatMember;
  };
}

// === Results

/** A group became a supergroup: same members, new chat id. The port has no event for it yet. */
export interface ChatMigration {
  id: string;
  platform: 'telegram';
  fromChatId: string;
  toChatId: string;
}

export type Decoded =
  | { kind: 'message'; message: Incoming }
  | { kind: 'button'; press: ButtonPress; callbackQueryId: string }
  | { kind: 'membership'; event: MembershipEvent }
  | { kind: 'migration'; migration: ChatMigration }
  | { kind: 'ignored'; reason: string };

/** What decoding needs to know about the bot and the world. */
export interface DecodeContext {
  botId: number;
  botUsername: string | undefined;
  /** The adapter's clock: becomes `receivedAt`. */
  now: number;
  /** Download a file by `file_id` (getFile, then GET from the same API root). */
  fetchFile(fileId: string): Promise<Buffer>;
  /**
   * The numeric id behind an @username, if the adapter has seen that user. A `mention` entity carries
   * only the username, and only a numeric id can be written to or linked.
   */
  userIdOf?(username: string): TgUser | undefined;
}

const PLATFORM = 'telegram' as const;

// === Entry point

/**
 * Decode one update. Messages without text or files (stickers, most service messages), edits and
 * channel posts are ignored: the core reacts to what people write, and an edit is not a new command.
 */
export function decodeUpdate(update: TgUpdate, ctx: DecodeContext): Decoded {
  if (update.message) return decodeMessage(update.update_id, update.message, ctx);
  if (update.callback_query) return decodeCallback(update.update_id, update.callback_query, ctx);
  if (update.my_chat_member) return decodeMyChatMember(update.update_id, update.my_chat_member, ctx);
  return { kind: 'ignored', reason: `update type ${Object.keys(update).find((k) => k !== 'update_id')}` };
}

// === Messages

function decodeMessage(updateId: number, message: TgMessage, ctx: DecodeContext): Decoded {
  if (message.chat.type === 'channel') return { kind: 'ignored', reason: 'channel' };
  const migration = migrationOf(updateId, message);
  if (migration) return { kind: 'migration', migration };
  const rawText = message.text ?? message.caption ?? '';
  const files = filesOf(message, ctx);
  if (rawText.trim() === '' && files.length === 0) return { kind: 'ignored', reason: 'no text or file' };
  if (!message.from) return { kind: 'ignored', reason: 'no sender' };
  const entities = message.entities ?? message.caption_entities ?? [];
  const chat = chatRefOf(message.chat, message);
  const replyTo = replyOf(message, ctx.botId);
  const addressed = addressing(rawText, entities, ctx);
  const incoming: Incoming = {
    id: String(updateId),
    chat,
    sender: userRefOf(message.from),
    receivedAt: ctx.now,
    rawText,
    text: addressed.text,
    mentions: mentionsOf(rawText, entities, ctx),
    mentionsBot: chat.kind === 'direct' || addressed.mentionsBot || Boolean(replyTo?.fromBot),
    files,
    replyToken: encodeReplyToken({ messageId: message.message_id, threadId: threadOf(message) }),
  };
  if (replyTo) incoming.replyTo = replyTo;
  return { kind: 'message', message: incoming };
}

/** `migrate_to_chat_id` arrives in the old group, `migrate_from_chat_id` in the new supergroup. */
function migrationOf(updateId: number, message: TgMessage): ChatMigration | undefined {
  const id = String(updateId);
  if (message.migrate_to_chat_id !== undefined)
    return {
      id,
      platform: PLATFORM,
      fromChatId: String(message.chat.id),
      toChatId: String(message.migrate_to_chat_id),
    };
  if (message.migrate_from_chat_id !== undefined)
    return {
      id,
      platform: PLATFORM,
      fromChatId: String(message.migrate_from_chat_id),
      toChatId: String(message.chat.id),
    };
  return undefined;
}

/**
 * A forum topic's id, only for real topic messages: in the General topic a reply can carry a
 * `message_thread_id` without `is_topic_message`, and sending into it fails with "message thread not found".
 */
function threadOf(message: TgMessage): number | undefined {
  return message.is_topic_message && message.message_thread_id !== undefined
    ? message.message_thread_id
    : undefined;
}

/** The chat; private → direct, group/supergroup → group; a topic message carries its thread. */
export function chatRefOf(chat: TgChat, message?: TgMessage): ChatRef {
  const ref: ChatRef = {
    platform: PLATFORM,
    chatId: String(chat.id),
    kind: chat.type === 'private' ? 'direct' : 'group',
  };
  const thread = message ? threadOf(message) : undefined;
  if (thread !== undefined) ref.threadId = String(thread);
  if (chat.title) ref.title = chat.title;
  return ref;
}

/** A user as the core sees them: id as a string, first + last name, @username without the @. */
export function userRefOf(user: TgUser): UserRef {
  const ref: UserRef = { platform: PLATFORM, userId: String(user.id) };
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  if (name) ref.displayName = name;
  if (user.username) ref.username = user.username;
  if (user.is_bot) ref.isBot = true;
  return ref;
}

/**
 * The message this one answers. In a forum every message in a topic "replies" to the topic's creation
 * message (its id is the thread id); that is no reply to anyone, least of all to the bot.
 */
function replyOf(message: TgMessage, botId: number): Incoming['replyTo'] | undefined {
  const parent = message.reply_to_message;
  if (!parent) return undefined;
  const isTopicRoot =
    parent.forum_topic_created !== undefined ||
    (message.is_topic_message === true && parent.message_id === message.message_thread_id);
  if (isTopicRoot) return undefined;
  const replyTo: NonNullable<Incoming['replyTo']> = {
    messageId: String(parent.message_id),
    fromBot: parent.from?.id === botId,
  };
  const text = parent.text ?? parent.caption;
  if (text !== undefined) replyTo.text = text;
  return replyTo;
}

const entityText = (text: string, e: TgEntity): string => text.slice(e.offset, e.offset + e.length);
const sameName = (a: string | undefined, b: string | undefined): boolean =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/**
 * Whether the bot was addressed, and the text the core should parse: `/cmd@me args` becomes
 * `/cmd args` (a `/cmd@other_bot` stays as it is, so the core can tell it is not ours), and a leading
 * `@me` is removed. Offsets are UTF-16 code units, like JavaScript string indices.
 */
function addressing(
  rawText: string,
  entities: readonly TgEntity[],
  ctx: DecodeContext,
): { text: string; mentionsBot: boolean } {
  let mentionsBot = false;
  let text = rawText;
  for (const e of entities) {
    const part = entityText(rawText, e);
    if (e.type === 'bot_command') {
      const target = part.split('@')[1];
      if (sameName(target, ctx.botUsername)) mentionsBot = true;
    } else if (e.type === 'mention' && sameName(part.slice(1), ctx.botUsername)) {
      mentionsBot = true;
    } else if (e.type === 'text_mention' && e.user?.id === ctx.botId) {
      mentionsBot = true;
    }
  }
  const first = entities.find((e) => e.offset === 0);
  if (first?.type === 'bot_command') {
    const part = entityText(rawText, first);
    const [command, target] = part.split('@');
    if (sameName(target, ctx.botUsername)) text = command + rawText.slice(first.length);
  } else if (first && isBotMention(rawText, first, ctx)) {
    text = rawText.slice(first.length).replace(/^[\s,，:：]+/, '');
  }
  return { text, mentionsBot };
}

function isBotMention(text: string, e: TgEntity, ctx: DecodeContext): boolean {
  if (e.type === 'mention') return sameName(entityText(text, e).slice(1), ctx.botUsername);
  return e.type === 'text_mention' && e.user?.id === ctx.botId;
}

/**
 * People mentioned, except the bot. `text_mention` entities carry the user; `mention` entities only an
 * @username, which becomes a full reference when the adapter has seen that user (any message, button
 * press or membership change they made). Unknown usernames are left out on purpose: a reference
 * without a numeric id would create an identity nobody can be written to, while the core still finds
 * a known person by the `@username` in the text (people.findByName matches stored usernames).
 */
function mentionsOf(text: string, entities: readonly TgEntity[], ctx: DecodeContext): UserRef[] {
  const out = new Map<string, UserRef>();
  for (const e of entities) {
    if (e.type === 'text_mention' && e.user && e.user.id !== ctx.botId) {
      out.set(String(e.user.id), userRefOf(e.user));
    } else if (e.type === 'mention') {
      const username = entityText(text, e).slice(1);
      if (sameName(username, ctx.botUsername)) continue;
      const known = ctx.userIdOf?.(username);
      if (known && known.id !== ctx.botId) out.set(String(known.id), userRefOf({ ...known, username }));
    }
  }
  return [...out.values()];
}

/** A document, or the largest size of a photo. Files are fetched only when a feature asks. */
function filesOf(message: TgMessage, ctx: DecodeContext): IncomingFile[] {
  const fileOf = (ref: TgFileRef, fallbackName: string, fallbackMime?: string): IncomingFile => {
    const file: IncomingFile = {
      name: ref.file_name ?? fallbackName,
      fetch: () => ctx.fetchFile(ref.file_id),
    };
    const mime = ref.mime_type ?? fallbackMime;
    if (mime) file.mime = mime;
    if (ref.file_size !== undefined) file.size = ref.file_size;
    return file;
  };
  if (message.document) return [fileOf(message.document, `file_${message.message_id}`)];
  const photo = largest(message.photo ?? []);
  if (photo) return [fileOf(photo, `photo_${message.message_id}.jpg`, 'image/jpeg')];
  return [];
}

function largest(sizes: readonly TgFileRef[]): TgFileRef | undefined {
  const area = (p: TgFileRef) => p.file_size ?? (p.width ?? 0) * (p.height ?? 0);
  return sizes.reduce<TgFileRef | undefined>(
    (best, p) => (!best || area(p) >= area(best) ? p : best),
    undefined,
  );
}

// === Button presses

function decodeCallback(
  updateId: number,
  query: NonNullable<TgUpdate['callback_query']>,
  ctx: DecodeContext,
): Decoded {
  // Inline-mode messages have no chat we could answer in; games have no data.
  if (!query.message || query.data === undefined)
    return { kind: 'ignored', reason: 'callback without message or data' };
  const message = query.message;
  const chat = chatRefOf(message.chat, message);
  const press: ButtonPress = {
    id: String(updateId),
    buttonId: query.data,
    user: userRefOf(query.from),
    chat,
    message: { platform: PLATFORM, chatId: chat.chatId, messageId: String(message.message_id) },
    receivedAt: ctx.now,
    replyToken: encodeReplyToken({ messageId: message.message_id, threadId: threadOf(message) }),
  };
  return { kind: 'button', press, callbackQueryId: query.id };
}

// === Membership

const isIn = (m: TgChatMember): boolean =>
  m.status === 'member' ||
  m.status === 'administrator' ||
  m.status === 'creator' ||
  (m.status === 'restricted' && m.is_member === true);

/**
 * The bot was added to or removed from a group. A promotion to admin is not a join. In a private chat
 * "kicked" means the user blocked the bot (reported as left); un-blocking is ignored because the user's
 * own `/start` message already says hello.
 */
function decodeMyChatMember(
  updateId: number,
  change: NonNullable<TgUpdate['my_chat_member']>,
  ctx: DecodeContext,
): Decoded {
  if (change.new_chat_member.user.id !== ctx.botId) return { kind: 'ignored', reason: 'not about the bot' };
  if (change.chat.type === 'channel') return { kind: 'ignored', reason: 'channel' };
  const joined = isIn(change.new_chat_member);
  if (joined === isIn(change.old_chat_member))
    return { kind: 'ignored', reason: 'status change within the chat' };
  const chat = chatRefOf(change.chat);
  if (chat.kind === 'direct' && joined) return { kind: 'ignored', reason: 'private chat reopened' };
  const event: MembershipEvent = { chat, joined, by: userRefOf(change.from), id: String(updateId) };
  return { kind: 'membership', event };
}

// === Users seen

/** Every user an update shows, so the adapter can learn which numeric id an @username stands for. */
export function usersIn(update: TgUpdate): TgUser[] {
  const message = update.message ?? update.edited_message;
  const users: (TgUser | undefined)[] = [
    message?.from,
    message?.reply_to_message?.from,
    message?.left_chat_member,
    ...(message?.new_chat_members ?? []),
    ...[...(message?.entities ?? []), ...(message?.caption_entities ?? [])].map((e) => e.user),
    update.callback_query?.from,
    update.my_chat_member?.from,
  ];
  return users.filter((u): u is TgUser => Boolean(u?.username) && !u?.is_bot);
}
