/**
 * WeCom callback frames → the neutral model. Pure: no I/O at decode time (files are fetched only when a
 * feature calls `fetch()`, through the downloader handed in), time comes in as `now`.
 *
 * Frame shapes: the smart bot's long connection (https://open.work.weixin.qq.com/help?doc_id=21657), as
 * typed by `@wecom/aibot-node-sdk` (`BaseMessage`, `EventMessage`; https://github.com/WecomTeam/aibot-node-sdk)
 * and as WeCom's own plugin reads them (WecomTeam/wecom-openclaw-plugin). Facts the mapping relies on:
 * - Groups deliver only messages that @-mention the bot, so every group message is addressed to us
 *   (`mentionsBot: true`) and starts with the mention token (`@议事 /setup …`), which we strip.
 * - A single chat has no `chatid`; its address (for replies and pushes) is the user's `userid`.
 * - Callbacks carry only `userid`s, never display names. Names live in our user directory and are
 *   applied when rendering, not fed back as the platform's display name.
 * - A quote has no message id and no author.
 * - Button clicks arrive as `template_card_event`; WeCom's own plugin reads them nested under
 *   `event.template_card_event`, the SDK's type has them flat on `event`: we read nested first.
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

const PLATFORM = 'wecom' as const;

/** The parts of a callback frame we read (`WsFrame` in the SDK). */
export interface WecomFrame<B = WecomCallbackBody> {
  cmd?: string;
  headers: { req_id: string; [key: string]: unknown };
  body?: B;
}

interface WecomMedia {
  url?: string;
  aeskey?: string;
}

interface WecomContent {
  msgtype?: string;
  text?: { content?: string };
  image?: WecomMedia;
  file?: WecomMedia;
  video?: WecomMedia;
  voice?: { content?: string };
  mixed?: { msg_item?: { msgtype?: string; text?: { content?: string }; image?: WecomMedia }[] };
}

interface WecomCardEvent {
  card_type?: string;
  event_key?: string;
  task_id?: string;
}

/** The body of `aibot_msg_callback` and `aibot_event_callback` frames. */
export interface WecomCallbackBody extends WecomContent {
  msgid?: string;
  aibotid?: string;
  chatid?: string;
  chattype?: 'single' | 'group' | string;
  from?: { userid?: string; corpid?: string };
  create_time?: number;
  quote?: WecomContent;
  event?: WecomCardEvent & { eventtype?: string; template_card_event?: WecomCardEvent };
}

/** Downloads and decrypts a callback file (the SDK's `downloadFile`: HTTP GET + AES-256-CBC). */
export type WecomDownload = (url: string, aeskey?: string) => Promise<{ buffer: Buffer; filename?: string }>;

export interface DecodeOptions {
  now: number;
  /**
   * Names the bot is @-mentioned by in groups (as configured in the admin console). When given, only these
   * are stripped, at the start or the end of the text; when empty, any leading `@token` in a group is taken
   * for the bot, since a group callback always mentions it.
   */
  botNames?: readonly string[];
  /** Fetches file bytes on demand; without it `fetch()` of an incoming file rejects. */
  download?: WecomDownload;
}

/** An incoming file whose name and size become known once it was downloaded (the URL lives 5 min). */
export interface WecomIncomingFile extends IncomingFile {
  /** Download now and fill in `name`/`size`; later `fetch()` calls reuse the bytes. */
  load(): Promise<Buffer>;
}

/** The chat a callback belongs to: group `chatid`, or the sender's `userid` for a single chat. */
export function chatOf(body: WecomCallbackBody): ChatRef | undefined {
  const userId = body.from?.userid;
  const isGroup = body.chattype === 'group' || (body.chattype === undefined && Boolean(body.chatid));
  if (isGroup) return body.chatid ? { platform: PLATFORM, chatId: body.chatid, kind: 'group' } : undefined;
  return userId ? { platform: PLATFORM, chatId: userId, kind: 'direct' } : undefined;
}

/** A WeCom user: only the userid, since callbacks carry no names. */
export function userOf(userId: string): UserRef {
  return { platform: PLATFORM, userId };
}

/**
 * Remove the bot's @-mention. WeCom clients put U+2005 (or a space) after a mention; `\s` covers both.
 * @example stripBotMention('@议事\u2005/unit list', { group: true }) // '/unit list'
 */
export function stripBotMention(
  text: string,
  opts: { group: boolean; botNames?: readonly string[] },
): string {
  const names = (opts.botNames ?? []).filter(Boolean);
  let t = text.replace(/^\s+/u, '');
  if (names.length > 0) {
    for (const name of names) {
      const lead = `@${name}`;
      if (t.startsWith(lead) && (t.length === lead.length || /[\s,，:：]/u.test(t[lead.length]!))) {
        t = t.slice(lead.length);
        break;
      }
    }
    // People also @ the bot at the end of a line: "/setup 联席会议 XX @议事".
    for (const name of names) {
      const tail = new RegExp(`(?:^|\\s)@${escapeRegExp(name)}\\s*$`, 'u');
      if (tail.test(t)) {
        t = t.replace(tail, '');
        break;
      }
    }
  } else if (opts.group) {
    t = t.replace(/^@\S+/u, '');
  }
  return t.replace(/^[\s,，:：]+/u, '').trimEnd();
}

/** Plain text of a message or quote: text, transcribed voice, or the text items of a mixed message. */
export function textOf(content: WecomContent | undefined): string {
  if (!content) return '';
  switch (content.msgtype) {
    case 'text':
      return content.text?.content ?? '';
    case 'voice':
      return content.voice?.content ?? '';
    case 'mixed':
      return (content.mixed?.msg_item ?? [])
        .filter((i) => i.msgtype === 'text')
        .map((i) => i.text?.content ?? '')
        .join('\n');
    default:
      return '';
  }
}

/**
 * An `aibot_msg_callback` frame → Incoming. `id` is the `msgid` (the core dedupes on it in the database,
 * so a redelivered callback is handled once, even across a restart); `replyToken` is the frame's `req_id`.
 * Returns undefined for frames without a sender or chat.
 */
export function decodeMessage(frame: WecomFrame, opts: DecodeOptions): Incoming | undefined {
  const body = frame.body;
  const chat = body && chatOf(body);
  const userId = body?.from?.userid;
  if (!body || !chat || !userId) return undefined;
  const rawText = textOf(body);
  const quoted = body.quote ? textOf(body.quote) : undefined;
  const incoming: Incoming = {
    id: body.msgid || frame.headers.req_id,
    chat,
    sender: userOf(userId),
    receivedAt: opts.now,
    rawText,
    text: stripBotMention(rawText, { group: chat.kind === 'group', botNames: opts.botNames }),
    // WeCom marks no mentions of other people; `@name` stays in the text for the features to resolve.
    mentions: [],
    // Groups deliver only messages that @ the bot; a single chat is always addressed to it.
    mentionsBot: true,
    files: filesOf(body, opts.download),
    replyToken: frame.headers.req_id,
  };
  if (body.quote) incoming.replyTo = { fromBot: false, ...(quoted ? { text: quoted } : {}) };
  return incoming;
}

/** The files of a message: a file, an image, a video, or the images of a mixed message. */
export function filesOf(body: WecomContent, download?: WecomDownload): WecomIncomingFile[] {
  const media: { item: WecomMedia; mime?: string }[] = [];
  if (body.msgtype === 'file' && body.file) media.push({ item: body.file });
  if (body.msgtype === 'image' && body.image) media.push({ item: body.image, mime: 'image/*' });
  if (body.msgtype === 'video' && body.video) media.push({ item: body.video, mime: 'video/*' });
  if (body.msgtype === 'mixed')
    for (const i of body.mixed?.msg_item ?? [])
      if (i.msgtype === 'image' && i.image) media.push({ item: i.image, mime: 'image/*' });
  return media.filter((m) => m.item.url).map((m) => remoteFile(m.item.url!, m.item.aeskey, m.mime, download));
}

/** A lazily downloaded file; the bytes are fetched at most once. */
function remoteFile(url: string, aeskey: string | undefined, mime?: string, download?: WecomDownload) {
  let bytes: Promise<Buffer> | undefined;
  const file: WecomIncomingFile = {
    ...(mime ? { mime } : {}),
    load() {
      bytes ??= (async () => {
        if (!download) throw new Error('WeCom file download is not available');
        const { buffer, filename } = await download(url, aeskey);
        if (filename) file.name = filename;
        file.size = buffer.length;
        return buffer;
      })();
      // A failed download may be retried by a later call.
      bytes.catch(() => {
        bytes = undefined;
      });
      return bytes;
    },
    fetch: () => file.load(),
  };
  return file;
}

/**
 * A `template_card_event` → ButtonPress. `buttonId` is the button's `event_key` (= our button id),
 * `message.messageId` the card's message id (its `task_id`, without the `-pN` suffix of a split card),
 * `replyToken` the event's `req_id` (card updates must answer it within 5 s).
 */
export function decodeCardEvent(frame: WecomFrame, opts: DecodeOptions): ButtonPress | undefined {
  const body = frame.body;
  const event = body?.event;
  const nested = event?.template_card_event;
  const buttonId = nested?.event_key ?? event?.event_key;
  const taskId = nested?.task_id ?? event?.task_id;
  const chat = body && chatOf(body);
  const userId = body?.from?.userid;
  if (!body || !buttonId || !chat || !userId) return undefined;
  const press: ButtonPress = {
    id: body.msgid || frame.headers.req_id,
    buttonId,
    user: userOf(userId),
    chat,
    receivedAt: opts.now,
    replyToken: frame.headers.req_id,
  };
  if (taskId) press.message = { platform: PLATFORM, chatId: chat.chatId, messageId: messageIdOfTask(taskId) };
  return press;
}

/**
 * `enter_chat` (a user opened the single chat, first time that day) → MembershipEvent, so the core's
 * greeting goes out as the welcome reply. The id is prefixed so it can never meet a message's msgid in
 * the dedupe table.
 */
export function decodeEnterChat(frame: WecomFrame, _opts?: DecodeOptions): MembershipEvent | undefined {
  const userId = frame.body?.from?.userid;
  if (!userId) return undefined;
  const user = userOf(userId);
  return {
    chat: { platform: PLATFORM, chatId: userId, kind: 'direct' },
    joined: true,
    by: user,
    replyToken: frame.headers.req_id,
    id: `enter_chat:${frame.body?.msgid || frame.headers.req_id}`,
  };
}

/** The event type of an `aibot_event_callback` frame. */
export function eventTypeOf(frame: WecomFrame): string | undefined {
  return frame.body?.event?.eventtype;
}

/** A split card's parts share one message id: `ys_x` for the first card, `ys_x-p2`… for the others. */
export function messageIdOfTask(taskId: string): string {
  return taskId.replace(/-p\d+$/u, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
