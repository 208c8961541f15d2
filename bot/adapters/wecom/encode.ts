/**
 * The neutral Outgoing → what the WeCom smart bot can send. Pure: ids and names come in as options.
 *
 * One Outgoing becomes an ordered list of parts, each one WeCom message:
 * - text → markdown (stream replies and `aibot_send_msg` both take markdown, ≤ 20 480 UTF-8 bytes per
 *   message, so longer text is split), mentions as `<@userid>` at the start;
 * - buttons → `button_interaction` template cards (≤ 6 buttons each, so more buttons make more cards),
 *   button keys = our button ids, one unique `task_id` per card;
 * - `notice` → a `text_notice` card with the required `card_action`;
 * - a file → an upload and a file message, after its caption.
 *
 * Template card fields and limits: the SDK's `TemplateCard` type and its doc comments
 * (https://github.com/WecomTeam/aibot-node-sdk, src/types). Markdown: WeCom documents no exact subset for the
 * smart bot; we keep to headings, bold, links, lists, quotes and code, which all its clients render.
 * @module
 */
import type { TemplateCard, TemplateCardButton } from '@wecom/aibot-node-sdk';
import type { Button, Outgoing, UserRef } from '../../core/types.js';

/** Stream content and markdown pushes: at most 20 480 bytes of UTF-8. */
export const WECOM_MAX_TEXT_BYTES = 20_480;
/** Our split size: below the limit, with room for a mention line. */
export const DEFAULT_CHUNK_BYTES = 20_000;
/** `button_list` holds at most 6 buttons. */
export const WECOM_MAX_BUTTONS = 6;
/** `jump_list` holds at most 3 links. */
const MAX_JUMPS = 3;
/** Suggested lengths (characters) of a card's title and second-level text; longer text is cut off. */
const CARD_TITLE_CHARS = 26;
const CARD_SUB_CHARS = 112;
/** A welcome reply is a plain `text` message: 2 048 bytes like other WeCom text messages. */
const WELCOME_TEXT_BYTES = 2_048;

/** One WeCom message. */
export type WecomPart =
  | { kind: 'markdown'; content: string }
  | { kind: 'card'; card: TemplateCard }
  | { kind: 'file'; name: string; data: Buffer };

export interface EncodeOptions {
  /** The `task_id` of the first card; later cards of the same message get `-p2`, `-p3`… */
  taskId: string;
  /** Shown as the card's source line. */
  botName: string;
  /** Where a tap on a notice card leads (`text_notice` requires a `card_action`). */
  cardActionUrl: string;
  /** Split text into messages of at most this many UTF-8 bytes (default 20 000). */
  maxTextBytes?: number;
  /** Display names from our directory, for places where `<@userid>` does not render (cards). */
  directory?: (userId: string) => string | undefined;
  /** Appended to the title of the second and later cards of a split button set. */
  continued?: string;
}

/** A `replyWelcome` body: plain text or one card. */
export type WecomWelcome =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'template_card'; template_card: TemplateCard };

/**
 * Encode one Outgoing into the WeCom messages that carry it, in sending order.
 * @example encodeOutgoing({ text: '已添加' }, opts) // [{ kind: 'markdown', content: '已添加' }]
 */
export function encodeOutgoing(msg: Outgoing, opts: EncodeOptions): WecomPart[] {
  const pressable = pressableButtons(msg);
  const parts: WecomPart[] = [];
  if (pressable.length > 0) parts.push(...buttonParts(msg, pressable, opts));
  else if (msg.notice && !msg.file && !msg.mentions?.length && fitsCard(msg))
    parts.push({ kind: 'card', card: noticeCard(msg, opts.taskId, opts) });
  else parts.push(...markdownParts(msg, opts));
  if (msg.file)
    parts.push({ kind: 'file', name: msg.file.name, data: Buffer.from(msg.file.base64, 'base64') });
  return parts;
}

/**
 * The card that replaces a clicked one (`updateTemplateCard`): same `task_id` as the click, new state.
 * Buttons left on the message keep it a button card; otherwise it becomes a notice.
 */
export function encodeReplacementCard(msg: Outgoing, opts: EncodeOptions): TemplateCard {
  const buttons = pressableButtons(msg).slice(0, WECOM_MAX_BUTTONS);
  if (buttons.length === 0) return noticeCard(msg, opts.taskId, opts);
  const { title, desc, sub } = cardText(msg);
  const text: CardText = { title, desc, sub: sub === undefined ? undefined : clip(sub, CARD_SUB_CHARS) };
  return buttonCard(text, buttons, opts.taskId, opts, msg);
}

/**
 * The welcome reply for an `enter_chat` event, when the whole message fits one: text without markdown,
 * or one card. Undefined when it does not fit (then it is pushed instead).
 */
export function encodeWelcome(msg: Outgoing, opts: EncodeOptions): WecomWelcome | undefined {
  if (msg.file) return undefined;
  const pressable = pressableButtons(msg);
  if (pressable.length > WECOM_MAX_BUTTONS) return undefined;
  if (pressable.length > 0) {
    if (!fitsCard(msg)) return undefined;
    const { title, desc, sub } = cardText(msg);
    return {
      msgtype: 'template_card',
      template_card: buttonCard({ title, desc, sub }, pressable, opts.taskId, opts, msg),
    };
  }
  const content = [msg.title, msg.text, ...linkButtons(msg).map((b) => `${b.label}: ${b.url}`)]
    .filter(Boolean)
    .join('\n');
  if (!content || Buffer.byteLength(content) > WELCOME_TEXT_BYTES) return undefined;
  return { msgtype: 'text', text: { content } };
}

// === Text

/** Markdown messages for the text, title, link buttons and mentions, split below the byte limit. */
function markdownParts(msg: Outgoing, opts: EncodeOptions): WecomPart[] {
  const body = toMarkdown(msg);
  const mentions = mentionTags(msg.mentions);
  const full = [mentions, body].filter(Boolean).join(' ');
  return splitUtf8(full, opts.maxTextBytes ?? DEFAULT_CHUNK_BYTES).map((content) => ({
    kind: 'markdown' as const,
    content,
  }));
}

/** The message as WeCom markdown: a bold title, the body, then link buttons as links. */
export function toMarkdown(msg: Pick<Outgoing, 'text' | 'format' | 'title' | 'buttons'>): string {
  const body = msg.format === 'markdown' ? adaptMarkdown(msg.text) : escapeMarkdown(msg.text);
  const title = msg.title ? `**${escapeMarkdown(msg.title)}**` : '';
  const links = linkButtons(msg).map((b) => `[${escapeMarkdown(b.label)}](${b.url})`);
  return [title, body, links.join('\n')].filter(Boolean).join('\n\n');
}

/**
 * Plain text, protected from markdown: emphasis and code characters and backslashes are escaped, a `<`
 * that could open a tag or a `<@mention>` is escaped, and so are `#` and `>` at the start of a line.
 * `<单位名称>` (no ASCII letter after `<`) is left alone: no renderer takes it for a tag.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~]/gu, '\\$&')
    .replace(/<(?=[A-Za-z@/!?])/gu, '\\<')
    .replace(/^([ \t]{0,3})([#>])/gmu, '$1\\$2');
}

/** Our markdown → WeCom's subset: no strikethrough, `__x__` as `**x**`, images as links. */
export function adaptMarkdown(text: string): string {
  return text
    .replace(/~~([^~\n]+)~~/gu, '$1')
    .replace(/__([^_\n]+)__/gu, '**$1**')
    .replace(/!\[([^\]\n]*)\]\(([^)\s]+)\)/gu, '[$1]($2)');
}

/** `<@userid>` for each mention: WeCom renders it as the person's name and notifies them. */
export function mentionTags(mentions: UserRef[] | undefined): string {
  const ids = [...new Set((mentions ?? []).map((m) => m.userId).filter(Boolean))];
  return ids.map((id) => `<@${id}>`).join(' ');
}

/** Names for places where a mention tag does not render. */
function mentionNames(msg: Outgoing, opts: EncodeOptions): string {
  return (msg.mentions ?? []).map((m) => m.displayName ?? opts.directory?.(m.userId) ?? m.userId).join('、');
}

/**
 * Split text into pieces of at most `maxBytes` UTF-8 bytes without breaking a character, preferring to
 * cut after a newline, then after a space. `pieces.join('') === text`.
 * @example splitUtf8('甲乙', 3) // ['甲', '乙']
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must leave room for one character (4 bytes)');
  const pieces: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest) > maxBytes) {
    const cut = cutPoint(rest, maxBytes);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Index of the best cut in `s` so the prefix fits `maxBytes`. */
function cutPoint(s: string, maxBytes: number): number {
  let bytes = 0;
  let fit = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    fit += ch.length;
  }
  const half = fit / 2;
  const newline = s.lastIndexOf('\n', fit - 1);
  if (newline >= half) return newline + 1;
  const space = s.slice(0, fit).search(/\s\S*$/u);
  if (space >= half) return space + 1;
  // Never leave a lone escaping backslash at the end of a piece.
  return s[fit - 1] === '\\' && fit > 1 ? fit - 1 : fit;
}

// === Cards

function pressableButtons(msg: Pick<Outgoing, 'buttons'>): Button[] {
  return (msg.buttons ?? []).flat().filter((b) => !b.url);
}

function linkButtons(msg: Pick<Outgoing, 'buttons'>): (Button & { url: string })[] {
  return (msg.buttons ?? []).flat().filter((b): b is Button & { url: string } => Boolean(b.url));
}

interface CardText {
  title: string;
  desc?: string;
  sub?: string;
}

/**
 * Title and second-level text of a card: the Outgoing's title, else its first line, else its first
 * sentence when the line is too long for a title.
 */
export function cardText(msg: Pick<Outgoing, 'text' | 'title'>): CardText {
  const text = msg.text.trim();
  if (msg.title) return { title: clip(msg.title, CARD_TITLE_CHARS), sub: text || undefined };
  const newline = text.indexOf('\n');
  const first = newline < 0 ? text : text.slice(0, newline);
  // Blank lines between paragraphs stay; only the edges are trimmed.
  const rest = newline < 0 ? '' : text.slice(newline + 1);
  if (chars(first) <= CARD_TITLE_CHARS) return { title: first, sub: rest.trim() || undefined };
  const sentence = /^[\s\S]*?[。！？!?；;]/u.exec(first)?.[0];
  if (sentence && chars(sentence) <= CARD_TITLE_CHARS) {
    const after = `${first.slice(sentence.length)}${newline < 0 ? '' : '\n'}${rest}`.trim();
    return { title: sentence, sub: after || undefined };
  }
  return { title: clip(first, CARD_TITLE_CHARS), sub: text };
}

/** Whether the text fits a card without being cut. */
function fitsCard(msg: Pick<Outgoing, 'text' | 'title'>): boolean {
  const { sub } = cardText(msg);
  return chars(sub ?? '') <= CARD_SUB_CHARS;
}

/**
 * Button cards. Text too long for a card goes first as markdown (with the mentions) and the cards carry
 * only the title; mentions alone go first as one markdown line, since a card cannot notify anyone.
 */
function buttonParts(msg: Outgoing, buttons: Button[], opts: EncodeOptions): WecomPart[] {
  const parts: WecomPart[] = [];
  const text = cardText(msg);
  const fits = fitsCard(msg);
  if (!fits) parts.push(...markdownParts({ ...msg, buttons: undefined, file: undefined }, opts));
  else if (msg.mentions?.length) parts.push({ kind: 'markdown', content: mentionTags(msg.mentions) });
  const shown: CardText = fits ? text : { title: text.title };
  chunk(buttons, WECOM_MAX_BUTTONS).forEach((group, i) => {
    const taskId = i === 0 ? opts.taskId : `${opts.taskId}-p${i + 1}`;
    const cardTitle =
      i === 0 ? shown : { title: clip(`${text.title}${opts.continued ?? ''}`, CARD_TITLE_CHARS) };
    parts.push({ kind: 'card', card: buttonCard(cardTitle, group, taskId, opts, i === 0 ? msg : undefined) });
  });
  return parts;
}

function buttonCard(
  text: CardText,
  buttons: Button[],
  taskId: string,
  opts: EncodeOptions,
  msg?: Outgoing,
): TemplateCard {
  const card: TemplateCard = {
    card_type: 'button_interaction',
    source: { desc: opts.botName },
    main_title: mainTitle(text),
    button_list: buttons.map(toCardButton),
    task_id: taskId,
  };
  if (text.sub) card.sub_title_text = text.sub;
  const jumps = msg ? jumpList(msg) : [];
  if (jumps.length) card.jump_list = jumps;
  return card;
}

/** A notice card (reminders, digests). Mentioned people are named in the text, since cards cannot @. */
function noticeCard(msg: Outgoing, taskId: string, opts: EncodeOptions): TemplateCard {
  const { title, desc, sub } = cardText(msg);
  const names = mentionNames(msg, opts);
  const card: TemplateCard = {
    card_type: 'text_notice',
    source: { desc: opts.botName },
    main_title: mainTitle({ title, desc }),
    // Required for text_notice; type 1 = open a URL.
    card_action: { type: 1, url: opts.cardActionUrl },
    task_id: taskId,
  };
  const text = [sub, names].filter(Boolean).join('\n');
  if (text) card.sub_title_text = clip(text, CARD_SUB_CHARS);
  const jumps = jumpList(msg);
  if (jumps.length) card.jump_list = jumps;
  return card;
}

function mainTitle(text: CardText): NonNullable<TemplateCard['main_title']> {
  return text.desc ? { title: text.title, desc: text.desc } : { title: text.title };
}

function jumpList(msg: Outgoing): NonNullable<TemplateCard['jump_list']> {
  return linkButtons(msg)
    .slice(0, MAX_JUMPS)
    .map((b) => ({ type: 1, title: b.label, url: b.url }));
}

/** Styles 1–4; WeCom draws 1 as the main action. */
function toCardButton(b: Button): TemplateCardButton {
  const style = b.style === 'secondary' ? 2 : b.style === 'danger' ? 3 : 1;
  return { text: b.label, style, key: b.id };
}

// === Ids

/** `task_id`: unique per bot, only letters, digits and `_-@`, at most 128 bytes. */
export const TASK_ID_RE = /^[A-Za-z0-9_\-@]{1,128}$/u;

/**
 * A fresh task id. Room is left for the `-pN` suffix of split cards.
 * @param random Hex from a random source (the adapter passes `randomBytes(6).toString('hex')`).
 */
export function newTaskId(now: number, random: string): string {
  const id = `ys_${Math.max(0, Math.floor(now)).toString(36)}_${random.replace(/[^A-Za-z0-9]/gu, '')}`;
  return id.slice(0, 120);
}

// === Helpers

function chars(s: string): number {
  return [...s].length;
}

function clip(s: string, max: number): string {
  const cs = [...s];
  return cs.length <= max ? s : `${cs.slice(0, max - 1).join('')}…`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
