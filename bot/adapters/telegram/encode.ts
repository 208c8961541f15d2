/**
 * Our neutral {@link Outgoing} → Bot API parameters. Pure: no I/O, no telegraf.
 *
 * Text goes out with `parse_mode: 'HTML'` because HTML needs only `&`, `<` and `>` escaped, while
 * MarkdownV2 reserves eighteen characters that Chinese text and unit names are full of. Our markdown
 * subset (`**bold**`, line breaks) becomes `<b>` and plain newlines.
 * https://core.telegram.org/bots/api#html-style
 * @module
 */
import { PermanentDeliveryError } from '../../core/errors.js';
import type { Button, ChatRef, Outgoing, SentRef, UserRef } from '../../core/types.js';

/** Longest message text, counted after entity parsing (https://core.telegram.org/bots/api#sendmessage). */
export const MAX_TEXT_LENGTH = 4096;
/** Longest document caption, after entity parsing (https://core.telegram.org/bots/api#senddocument). */
export const MAX_CAPTION_LENGTH = 1024;
/** callback_data is 1–64 bytes (https://core.telegram.org/bots/api#inlinekeyboardbutton). */
export const MAX_CALLBACK_BYTES = 64;
/** Our own cap on buttons per keyboard; Telegram documents none but rejects huge markups. */
export const MAX_BUTTONS = 100;

/** Where a reply goes: the message it answers and the forum topic it lives in. */
export interface ReplyTarget {
  messageId: number;
  threadId?: number;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineButton[][];
}

export interface ReplyParameters {
  message_id: number;
  allow_sending_without_reply: true;
}

/** https://core.telegram.org/bots/api#sendmessage */
export interface SendMessageParams {
  chat_id: number | string;
  text: string;
  parse_mode: 'HTML';
  message_thread_id?: number;
  reply_parameters?: ReplyParameters;
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: { is_disabled: true };
}

/**
 * https://core.telegram.org/bots/api#senddocument. `reply_parameters` is a JSON *string*: in multipart
 * requests telegraf 4.16.3 silently drops plain-object fields other than `reply_markup`.
 */
export interface SendDocumentParams {
  chat_id: number | string;
  document: { source: Buffer; filename: string };
  caption?: string;
  parse_mode?: 'HTML';
  message_thread_id?: number;
  reply_parameters?: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** https://core.telegram.org/bots/api#editmessagetext */
export interface EditMessageTextParams {
  chat_id: number | string;
  message_id: number;
  text: string;
  parse_mode: 'HTML';
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: { is_disabled: true };
}

/** https://core.telegram.org/bots/api#editmessagecaption */
export interface EditMessageCaptionParams {
  chat_id: number | string;
  message_id: number;
  caption: string;
  parse_mode: 'HTML';
  reply_markup?: InlineKeyboardMarkup;
}

// === Reply tokens

/** The opaque reply token the core carries around: a tiny JSON object. */
export function encodeReplyToken(target: ReplyTarget): string {
  return JSON.stringify(
    target.threadId ? { m: target.messageId, t: target.threadId } : { m: target.messageId },
  );
}

/** Read a token made by {@link encodeReplyToken}; anything else (another platform's, garbage) is ignored. */
export function decodeReplyToken(token: string | undefined): ReplyTarget | undefined {
  if (!token) return undefined;
  try {
    const raw = JSON.parse(token) as { m?: unknown; t?: unknown };
    if (!Number.isSafeInteger(raw.m)) return undefined;
    const target: ReplyTarget = { messageId: raw.m as number };
    if (Number.isSafeInteger(raw.t)) target.threadId = raw.t as number;
    return target;
  } catch {
    return undefined;
  }
}

// === Text

/** Escape the three characters Telegram's HTML mode reserves in text. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const escapeAttr = (text: string): string => escapeHtml(text).replaceAll('"', '&quot;');

/** Private-use characters that mark where a mention goes while the text is escaped and converted. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;
const PLACED = /\uE000(\d+)\uE001/g;

/** How a mentioned person is written: a `tg://user` link for a numeric id, else their @username. */
function mentionLabel(user: UserRef): { search: string[]; prefix: string; href?: string } {
  const numeric = /^\d+$/.test(user.userId);
  const name = user.displayName?.trim() || (user.username ? `@${user.username}` : user.userId);
  const search = [
    ...(user.username ? [`@${user.username}`] : []),
    ...(user.displayName ? [`@${user.displayName}`, user.displayName] : []),
  ].filter(Boolean);
  if (numeric)
    return { search: search.length ? search : [name], prefix: name, href: `tg://user?id=${user.userId}` };
  // Without a numeric id only "@username" notifies the person; it needs no markup.
  const at = user.username ? `@${user.username}` : name;
  return { search: [at], prefix: at };
}

/**
 * Make sure every mention's name appears in the text (prepended when the text does not name them), so
 * the link can be put on the name itself and the visible length does not change.
 */
function withMentionNames(text: string, mentions: readonly UserRef[]): string {
  const missing = mentions
    .map(mentionLabel)
    .filter((l) => !l.search.some((s) => text.includes(s)))
    .map((l) => l.prefix);
  return missing.length ? `${missing.join(' ')} ${text}` : text;
}

/** Convert one chunk of source text to Telegram HTML, linking the first occurrence of each mention. */
function chunkToHtml(chunk: string, format: Outgoing['format'], mentions: readonly UserRef[]): string {
  const links: string[] = [];
  let marked = chunk;
  for (const user of mentions) {
    const label = mentionLabel(user);
    if (!label.href) continue;
    const hit = label.search.map((s) => ({ s, at: marked.indexOf(s) })).find((h) => h.at >= 0);
    if (!hit) continue;
    links.push(`<a href="${escapeAttr(label.href)}">${escapeHtml(hit.s)}</a>`);
    marked = `${marked.slice(0, hit.at)}${MARK_OPEN}${links.length - 1}${MARK_CLOSE}${marked.slice(hit.at + hit.s.length)}`;
  }
  let html = escapeHtml(marked);
  if (format === 'markdown') html = html.replace(/\*\*([^*\n][\s\S]*?)\*\*/g, '<b>$1</b>');
  return html.replace(PLACED, (_, i: string) => links[Number(i)] ?? '');
}

/**
 * Split text into pieces of at most `max` UTF-16 units, preferring line breaks, then spaces, and never
 * cutting a surrogate pair. Telegram counts after entity parsing, and our markup adds nothing visible,
 * so measuring the source is safe.
 */
export function splitText(text: string, max: number, firstMax = max): string[] {
  const pieces: string[] = [];
  let rest = text;
  let limit = firstMax;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) cut = limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
    limit = max;
  }
  pieces.push(rest);
  return pieces;
}

/**
 * The message as HTML pieces that each fit in `max` visible characters: bold title first, then the
 * text (markdown subset or plain, escaped), with mentions linked.
 * @example renderHtml({ text: '**注意** a<b' }, 4096) // ['<b>注意</b> a&lt;b'] (format 'markdown')
 */
export function renderHtml(msg: Outgoing, max: number): string[] {
  const mentions = dedupeMentions(msg.mentions ?? []);
  const text = withMentionNames(msg.text.replace(MARKS, ''), mentions);
  const title = msg.title?.replace(MARKS, '').trim();
  const titleHtml = title ? `<b>${escapeHtml(title)}</b>${text ? '\n' : ''}` : '';
  const titleLength = title ? title.length + (text ? 1 : 0) : 0;
  if (titleLength + text.length <= max) return [titleHtml + chunkToHtml(text, msg.format, mentions)];
  // The first piece carries the title; the others may use the whole length.
  const [first = '', ...rest] = splitText(text, max, Math.max(1, max - titleLength));
  return [
    titleHtml + chunkToHtml(first, msg.format, mentions),
    ...rest.map((p) => chunkToHtml(p, msg.format, mentions)),
  ];
}

/** Visible length of what {@link renderHtml} produces in one piece (title, newline, text with names). */
export function visibleLength(msg: Outgoing): number {
  const mentions = dedupeMentions(msg.mentions ?? []);
  const text = withMentionNames(msg.text.replace(MARKS, ''), mentions);
  const visibleText = msg.format === 'markdown' ? text.replace(/\*\*([^*\n][\s\S]*?)\*\*/g, '$1') : text;
  const title = msg.title?.trim();
  return (title ? title.length + (text ? 1 : 0) : 0) + visibleText.length;
}

function dedupeMentions(mentions: readonly UserRef[]): UserRef[] {
  const seen = new Set<string>();
  return mentions.filter((u) => !seen.has(u.userId) && seen.add(u.userId));
}

// === Keyboards

/**
 * Our button rows → an inline keyboard. A callback button's data is the button id, which must fit in
 * 64 bytes: the core keeps longer state server-side and sends a short token, so a longer id is a bug we
 * refuse loudly instead of letting Telegram answer BUTTON_DATA_INVALID.
 * @throws {PermanentDeliveryError} `bad_request` for an id over 64 bytes or too many buttons.
 */
export function inlineKeyboard(rows: readonly Button[][] | undefined): InlineKeyboardMarkup | undefined {
  const nonEmpty = (rows ?? []).filter((row) => row.length > 0);
  if (nonEmpty.length === 0) return undefined;
  const count = nonEmpty.reduce((n, row) => n + row.length, 0);
  if (count > MAX_BUTTONS)
    throw new PermanentDeliveryError(`${count} buttons, Telegram allows ${MAX_BUTTONS}`, 'bad_request');
  return { inline_keyboard: nonEmpty.map((row) => row.map(inlineButton)) };
}

function inlineButton(button: Button): InlineButton {
  if (button.url) return { text: button.label, url: button.url };
  const bytes = Buffer.byteLength(button.id, 'utf8');
  if (bytes === 0 || bytes > MAX_CALLBACK_BYTES) {
    throw new PermanentDeliveryError(
      `button id is ${bytes} bytes; callback_data allows 1–${MAX_CALLBACK_BYTES}`,
      'bad_request',
    );
  }
  return { text: button.label, callback_data: button.id };
}

// === Whole calls

/** Telegram accepts numeric strings as chat ids, but numbers keep the fake and the logs uniform. */
export function chatIdParam(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

/** The forum topic to post in: the chat's own thread, else the one the reply token remembers. */
function threadOf(chat: ChatRef, reply: ReplyTarget | undefined): number | undefined {
  const thread = chat.threadId !== undefined ? Number(chat.threadId) : reply?.threadId;
  return Number.isSafeInteger(thread) ? thread : undefined;
}

function replyParameters(reply: ReplyTarget | undefined): ReplyParameters | undefined {
  // If the original was deleted meanwhile, the answer still goes out (unthreaded) instead of failing.
  return reply ? { message_id: reply.messageId, allow_sending_without_reply: true } : undefined;
}

/**
 * `sendMessage` calls for one outgoing message: one per 4096-character piece. The first piece answers
 * the original message; the keyboard goes on the last piece, so it sits under the whole text.
 */
export function encodeMessage(chat: ChatRef, msg: Outgoing, replyToken?: string): SendMessageParams[] {
  const reply = decodeReplyToken(replyToken);
  const keyboard = inlineKeyboard(msg.buttons);
  const pieces = renderHtml(msg, MAX_TEXT_LENGTH);
  if (pieces.every((p) => p.trim() === ''))
    throw new PermanentDeliveryError('empty message text', 'bad_request');
  const thread = threadOf(chat, reply);
  return pieces.map((text, i) => ({
    chat_id: chatIdParam(chat.chatId),
    text,
    parse_mode: 'HTML' as const,
    ...(thread !== undefined ? { message_thread_id: thread } : {}),
    ...(i === 0 && reply ? { reply_parameters: replyParameters(reply) } : {}),
    ...(i === pieces.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    link_preview_options: { is_disabled: true as const },
  }));
}

/**
 * A message with a file: `sendDocument`, with the text as caption when it fits in 1024 characters;
 * otherwise the document goes first (answering the original) and the text follows as messages.
 * @throws {PermanentDeliveryError} `bad_request` when there is no file or it exceeds `maxBytes`.
 */
export function encodeDocument(
  chat: ChatRef,
  msg: Outgoing,
  replyToken: string | undefined,
  maxBytes: number,
): { document: SendDocumentParams; followUps: SendMessageParams[] } {
  if (!msg.file) throw new PermanentDeliveryError('no file to send', 'bad_request');
  const source = Buffer.from(msg.file.base64, 'base64');
  if (source.length > maxBytes)
    throw new PermanentDeliveryError(
      `file is ${source.length} bytes, the limit is ${maxBytes}`,
      'bad_request',
    );
  const reply = decodeReplyToken(replyToken);
  const thread = threadOf(chat, reply);
  const hasText = msg.text.trim() !== '' || Boolean(msg.title);
  const captionFits = hasText && visibleLength(msg) <= MAX_CAPTION_LENGTH;
  const keyboard = inlineKeyboard(msg.buttons);
  const document: SendDocumentParams = {
    chat_id: chatIdParam(chat.chatId),
    document: { source, filename: msg.file.name },
    ...(captionFits ? { caption: renderHtml(msg, MAX_CAPTION_LENGTH)[0], parse_mode: 'HTML' as const } : {}),
    ...(thread !== undefined ? { message_thread_id: thread } : {}),
    ...(reply ? { reply_parameters: JSON.stringify(replyParameters(reply)) } : {}),
    ...(captionFits && keyboard ? { reply_markup: keyboard } : {}),
  };
  if (captionFits || !hasText) return { document, followUps: [] };
  const followUps = encodeMessage(
    { ...chat, threadId: thread === undefined ? undefined : String(thread) },
    msg,
  );
  return { document, followUps };
}

/**
 * `editMessageText` for replacing an earlier message. An edit cannot split, so an over-long text is
 * cut with an ellipsis. Without buttons `reply_markup` is left out, which removes the old keyboard.
 */
export function encodeEdit(ref: SentRef, msg: Outgoing): EditMessageTextParams {
  const keyboard = inlineKeyboard(msg.buttons);
  return {
    chat_id: chatIdParam(ref.chatId),
    message_id: messageIdOf(ref),
    text: firstPiece(msg, MAX_TEXT_LENGTH),
    parse_mode: 'HTML',
    ...(keyboard ? { reply_markup: keyboard } : {}),
    link_preview_options: { is_disabled: true },
  };
}

/** `editMessageCaption`, for replacing a message that was sent as a document with a caption. */
export function encodeCaptionEdit(ref: SentRef, msg: Outgoing): EditMessageCaptionParams {
  const keyboard = inlineKeyboard(msg.buttons);
  return {
    chat_id: chatIdParam(ref.chatId),
    message_id: messageIdOf(ref),
    caption: firstPiece(msg, MAX_CAPTION_LENGTH),
    parse_mode: 'HTML',
    ...(keyboard ? { reply_markup: keyboard } : {}),
  };
}

function firstPiece(msg: Outgoing, max: number): string {
  const pieces = renderHtml(msg, max - 1);
  return pieces.length > 1 ? `${pieces[0]}…` : (pieces[0] ?? '');
}

function messageIdOf(ref: SentRef): number {
  const id = Number(ref.messageId);
  if (!Number.isSafeInteger(id))
    throw new PermanentDeliveryError(`cannot edit message "${ref.messageId}"`, 'bad_request');
  return id;
}
