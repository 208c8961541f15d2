/**
 * The console adapter: an interactive terminal chat so a newcomer can try every journey without Telegram
 * or WeCom credentials. One person plays everyone: `/as` switches who speaks, `/in` and `/dm` switch
 * where. Everything the bot sends is printed, including messages to chats you are not in, so reminders
 * and DMs to others stay visible. Piped input works as a script because lines are handled one at a time.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import * as readline from 'node:readline';
import type { AdapterHandlers, ChatAdapter, Clock } from '../../core/ports.js';
import type {
  Button,
  ButtonPress,
  Capabilities,
  ChatRef,
  Incoming,
  IncomingFile,
  Outgoing,
  SentRef,
  UserRef,
} from '../../core/types.js';
import { consoleMessages } from './messages.js';

/** Options of {@link createConsoleAdapter}. */
export interface ConsoleAdapterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  clock: Clock;
  language: 'zh-CN' | 'en';
  /** Where files sent by the bot are written, e.g. `./data/out`. */
  outDir: string;
  /** Who speaks first; defaults to a sample name in the chosen language. */
  initialUser?: string;
  /** The group chat you start in; defaults to a sample title in the chosen language. */
  initialChat?: string;
  /** Extra lines printed at start (e.g. how to configure Telegram/WeCom), given by the caller. */
  banner?: string;
  /** ANSI colours; defaults to whether `output` is a TTY (and `NO_COLOR` is unset). */
  color?: boolean;
}

/** A console adapter; `closed` resolves when input ends, on `/quit`, or after `stop()`. */
export type ConsoleAdapter = ChatAdapter & { readonly closed: Promise<void> };

/** What the terminal can do: everything, generously, so features take their richest path. */
export const consoleCapabilities: Capabilities = {
  seesAllGroupMessages: true,
  canEdit: true,
  maxTextLength: 100_000,
  maxButtons: 12,
  dmRequiresUserFirst: false,
  maxFileBytes: 50 * 1024 * 1024,
};

const PLATFORM = 'console' as const;

/** `@name` tokens; the bot's names come first so `@议事请安排` still reads as a bot mention. */
const MENTION_RE =
  /(?<![\p{L}\p{N}_])@(议事|yishi(?![\p{L}\p{N}_])|[^\s@,，。.:：;；!！?？、()（）「」"']+)/giu;
/** A bot mention at the start of a line, with the separator people type after it. */
const LEADING_BOT_RE = /^@(?:议事|yishi(?![\p{L}\p{N}_]))[\s,，:：]*/iu;
const BOT_NAMES = new Set(['议事', 'yishi']);

const MIME_BY_EXT: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.csv': 'text/csv',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** Who is speaking and where; `group` undefined means the DM between the bot and `user`. */
interface Where {
  user: string;
  group?: string;
}

/** The pressable buttons of one sent message, remembered so a typed number can press them. */
interface ButtonTarget {
  ref: SentRef;
  buttons: Button[];
}

/**
 * Creates the terminal chat adapter (platform `console`).
 * @example
 * const adapter = createConsoleAdapter({ input: process.stdin, output: process.stdout, clock: systemClock,
 *   language: 'zh-CN', outDir: './data/out' });
 * await adapter.start(handlers);
 * await adapter.closed;
 */
export function createConsoleAdapter(opts: ConsoleAdapterOptions): ConsoleAdapter {
  const t = consoleMessages[opts.language];
  const out = opts.output;
  const paint = painter(opts.color ?? defaultColor(out));
  const where: Where = { user: opts.initialUser ?? t.defaultUser, group: opts.initialChat ?? t.defaultChat };
  // A per-run prefix so ids never repeat across restarts: the bot dedupes incoming messages by id.
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let seq = 0;
  const nextId = (kind: string) => `console:${runId}:${kind}${++seq}`;
  let sentCount = 0;
  /** The chat each sent message went to, so an edit can be labelled like the original. */
  const sentChats = new Map<string, { chat: ChatRef; n: number }>();
  /** Per conversation, the last message that carried pressable buttons. */
  const buttonTargets = new Map<string, ButtonTarget>();

  let rl: readline.Interface | undefined;
  let terminal = false;
  /** True while the prompt is shown and we wait for a line, so output must redraw the prompt. */
  let waiting = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const currentChat = (): ChatRef => chatOf(where);
  const currentUser = (): UserRef => userRef(where.user);

  /** Writes lines without trampling the prompt the user may be typing at. */
  function emit(lines: string[]): void {
    const text = `${lines.join('\n')}\n`;
    if (!rl || !waiting) {
      out.write(text);
      return;
    }
    if (terminal) {
      readline.clearLine(out, 0);
      readline.cursorTo(out, 0);
      out.write(text);
      rl.prompt(true);
    } else {
      out.write(`\n${text}`);
      rl.prompt();
    }
  }

  const info = (line: string) => emit([paint.dim(line)]);

  function promptText(): string {
    const place = where.group ?? t.direct;
    return `${where.user}@${place}> `;
  }

  function showPrompt(): void {
    if (!rl) return;
    rl.setPrompt(promptText());
    rl.prompt();
    waiting = true;
  }

  function describeWhere(): string {
    const place = where.group === undefined ? t.whereDirect : t.whereGroup(where.group);
    return t.nowYouAre(where.user, place);
  }

  function printHelp(): void {
    emit([paint.bold(t.helpTitle), ...t.helpLines.map((l) => `  ${l}`), paint.dim(t.helpFooter)]);
  }

  /** How to get from where you are to `chat`, for the "not your current chat" marker. */
  function goThere(chat: ChatRef): string {
    if (chat.kind === 'group') return `/in ${chat.title ?? chat.chatId}`;
    const user = dmUser(chat);
    return user === where.user ? '/dm' : `/as ${user}${t.andThen}/dm`;
  }

  function header(chat: ChatRef, n: number, edited: boolean): string {
    const place = chat.kind === 'direct' ? `${t.direct} → ${dmUser(chat)}` : (chat.title ?? chat.chatId);
    const mark = edited ? ` ✎ ${t.edited}` : '';
    const head = `── [${place}] ${t.botName} #${n}${mark} ──`;
    if (conversationKey(chat) === conversationKey(currentChat())) return paint.cyan(head);
    return `${paint.yellow(head)} ${paint.dim(`(${t.elsewhere(goThere(chat))})`)}`;
  }

  /** Prints a sent or edited message and remembers its buttons for number presses. */
  function show(chat: ChatRef, ref: SentRef, n: number, msg: Outgoing, edited: boolean): void {
    const pressable = flattenButtons(msg.buttons).filter((b) => !b.url);
    const key = conversationKey(chat);
    if (pressable.length > 0) buttonTargets.set(key, { ref, buttons: pressable });
    else if (edited && buttonTargets.get(key)?.ref.messageId === ref.messageId) buttonTargets.delete(key);
    emit([header(chat, n, edited), ...renderBody(msg, paint)]);
  }

  async function send(chat: ChatRef, msg: Outgoing): Promise<SentRef> {
    const n = ++sentCount;
    const ref: SentRef = { platform: PLATFORM, chatId: chat.chatId, messageId: `${runId}-${n}` };
    sentChats.set(ref.messageId!, { chat, n });
    show(chat, ref, n, msg, false);
    if (msg.file) {
      const saved = await saveFile(opts.outDir, msg.file.name, Buffer.from(msg.file.base64, 'base64'));
      emit([paint.green(`  📎 ${t.fileSaved(displayPath(saved))}`)]);
    }
    return ref;
  }

  async function edit(ref: SentRef, msg: Outgoing): Promise<void> {
    const known = ref.messageId ? sentChats.get(ref.messageId) : undefined;
    const chat = known?.chat ?? chatFromId(ref.chatId);
    show(chat, ref, known?.n ?? 0, msg, true);
  }

  async function ack(_press: ButtonPress, notice?: string): Promise<void> {
    if (notice) emit([paint.magenta(`  💬 ${t.notice}: ${notice}`)]);
  }

  /** Handles a local command; returns false on /quit, undefined when the line is not a local command. */
  async function runLocal(line: string, handlers: AdapterHandlers): Promise<boolean | undefined> {
    const m = /^\/(\S+)(?:\s+(.*))?$/su.exec(line);
    if (!m) return undefined;
    const name = m[1]!.toLowerCase();
    const arg = (m[2] ?? '').trim();
    switch (name) {
      case 'as':
        if (!arg) return usage('/as');
        where.user = arg;
        info(describeWhere());
        return true;
      case 'in':
        if (!arg) return usage('/in');
        where.group = arg;
        info(describeWhere());
        return true;
      case 'dm':
        where.group = undefined;
        info(describeWhere());
        return true;
      case 'where':
        info(describeWhere());
        return true;
      case 'console':
        if (arg) info(t.unknownLocal(`/${arg.replace(/^\//, '')}`));
        printHelp();
        return true;
      case 'quit':
        return false;
      case 'file':
        if (!arg) return usage('/file');
        await sendFile(arg, handlers);
        return true;
      default:
        return undefined;
    }
  }

  function usage(command: string): true {
    const line = t.helpLines.find((l) => l.startsWith(`${command} `)) ?? command;
    info(t.usage(line.replace(/\s{2,}/u, '  ')));
    return true;
  }

  async function sendFile(arg: string, handlers: AdapterHandlers): Promise<void> {
    const { file, rest } = splitPathArg(arg);
    const abs = path.resolve(file.replace(/^~(?=$|[/\\])/u, homedir()));
    const size = await fileSize(abs);
    if (size === undefined) return info(t.fileNotFound(file));
    const maxBytes = consoleCapabilities.maxFileBytes;
    if (size > maxBytes) return info(t.fileTooLarge(file, maxBytes / 1024 / 1024));
    const name = path.basename(abs);
    info(t.fileSending(name, size));
    const attachment: IncomingFile = { name, mime: mimeOf(name), size, fetch: () => readFile(abs) };
    await handlers.onMessage({ ...buildIncoming(rest), files: [attachment] });
  }

  /** The neutral message for a typed line in the current chat. */
  function buildIncoming(line: string): Incoming {
    const chat = currentChat();
    const mentioned = parseMentions(line);
    const mentionsBot = chat.kind === 'direct' || mentioned.bot || line.startsWith('/');
    return {
      id: nextId('m'),
      chat,
      sender: currentUser(),
      receivedAt: opts.clock.now(),
      rawText: line,
      text: line.replace(LEADING_BOT_RE, ''),
      mentions: mentioned.users.map(userRef),
      mentionsBot,
      files: [],
    };
  }

  /** The press for a typed number, if it matches a button of the last buttoned message here. */
  function buttonPressFor(line: string): { press: ButtonPress; label: string } | undefined {
    const digits = toAsciiDigits(line);
    if (!/^\d{1,3}$/u.test(digits)) return undefined;
    const chat = currentChat();
    const target = buttonTargets.get(conversationKey(chat));
    const button = target?.buttons[Number(digits) - 1];
    if (!target || !button) return undefined;
    const press: ButtonPress = {
      id: nextId('b'),
      buttonId: button.id,
      user: currentUser(),
      chat,
      message: target.ref,
      receivedAt: opts.clock.now(),
    };
    return { press, label: button.label };
  }

  /** Handles one line; returns false when the user asked to quit. */
  async function handleLine(raw: string, handlers: AdapterHandlers): Promise<boolean> {
    const line = raw.trim();
    if (!line) return true;
    const local = await runLocal(line, handlers);
    if (local !== undefined) return local;
    const pressed = buttonPressFor(line);
    if (pressed) {
      info(`  ▸ ${t.pressed(pressed.label)}`);
      await handlers.onButton(pressed.press);
      return true;
    }
    await handlers.onMessage(buildIncoming(line));
    return true;
  }

  /** Reads lines strictly one at a time, awaiting the handler, so piped input runs as a script. */
  async function readLoop(lines: AsyncIterableIterator<string>, handlers: AdapterHandlers): Promise<void> {
    try {
      showPrompt();
      for await (const raw of lines) {
        waiting = false;
        // Without a terminal the input is not echoed; echo it so a piped session reads as a transcript.
        if (!terminal) out.write(`${raw}\n`);
        let go = true;
        try {
          go = await handleLine(raw, handlers);
        } catch (err) {
          emit([paint.red(`  ⚠ ${t.handlerError(errorText(err))}`)]);
        }
        if (!go) break;
        showPrompt();
      }
    } finally {
      // Input ended at a prompt (Ctrl-D, end of a piped script): finish that line before saying bye.
      const atPrompt = waiting;
      waiting = false;
      rl?.close();
      out.write(`${atPrompt ? '\n' : ''}${paint.dim(t.bye)}\n`);
      resolveClosed();
    }
  }

  async function start(handlers: AdapterHandlers): Promise<void> {
    if (rl) return;
    terminal = isTty(opts.input) && isTty(out);
    rl = readline.createInterface({ input: opts.input, output: out, terminal });
    // Take the iterator now: lines that arrive before it exists would be lost.
    const lines = rl[Symbol.asyncIterator]();
    // Ctrl-C leaves like Ctrl-D instead of silently pausing the input.
    rl.on('SIGINT', () => rl?.close());
    if (opts.banner) emit([opts.banner]);
    printHelp();
    info(describeWhere());
    void readLoop(lines, handlers);
  }

  async function stop(): Promise<void> {
    // Do not await `closed`: stop() may be called from inside a handler the loop is awaiting.
    if (rl) rl.close();
    else resolveClosed();
  }

  return { platform: PLATFORM, capabilities: consoleCapabilities, start, stop, send, edit, ack, closed };
}

/** The ChatRef for a place: a group titled by its id, or the DM between the bot and the user. */
function chatOf(where: Where): ChatRef {
  if (where.group !== undefined) {
    return { platform: PLATFORM, chatId: where.group, kind: 'group', title: where.group };
  }
  // Like Telegram and WeCom, a private chat is addressed by the user's own id.
  return { platform: PLATFORM, chatId: where.user, kind: 'direct' };
}

/** A ChatRef rebuilt from an id alone (an edit of a message sent before a restart). */
function chatFromId(chatId: string): ChatRef {
  return chatId.startsWith('dm:')
    ? { platform: PLATFORM, chatId, kind: 'direct' }
    : { platform: PLATFORM, chatId, kind: 'group', title: chatId };
}

function userRef(name: string): UserRef {
  return { platform: PLATFORM, userId: name, displayName: name };
}

/** The user of a direct chat; tolerates a core that addresses DMs by bare user id like other platforms. */
function dmUser(chat: ChatRef): string {
  return chat.chatId.startsWith('dm:') ? chat.chatId.slice(3) : chat.chatId;
}

/** One key per conversation, so `dm:张三` and a bare `张三` direct chat are the same place. */
function conversationKey(chat: ChatRef): string {
  return chat.kind === 'direct' ? `direct:${dmUser(chat)}` : `group:${chat.chatId}`;
}

/** `@name` tokens of a line: the people mentioned, and whether the bot was. */
function parseMentions(line: string): { users: string[]; bot: boolean } {
  const users: string[] = [];
  let bot = false;
  for (const m of line.matchAll(MENTION_RE)) {
    const name = m[1]!;
    if (BOT_NAMES.has(name.toLowerCase())) bot = true;
    else if (!users.includes(name)) users.push(name);
  }
  return { users, bot };
}

function flattenButtons(rows: Button[][] | undefined): Button[] {
  return (rows ?? []).flat();
}

/** The lines of a message body: title, text, mentions not already in the text, buttons. */
function renderBody(msg: Outgoing, paint: Painter): string[] {
  const lines: string[] = [];
  if (msg.title) lines.push(paint.bold(msg.title));
  // Markdown is shown as plain text: the bold markers are noise in a terminal, line breaks are kept.
  const text = msg.format === 'markdown' ? msg.text.replaceAll('**', '') : msg.text;
  if (text) lines.push(...text.split('\n'));
  const extraMentions = (msg.mentions ?? [])
    .map((u) => `@${u.displayName ?? u.userId}`)
    .filter((tag) => !text.includes(tag));
  if (extraMentions.length > 0) lines.push(paint.magenta(extraMentions.join(' ')));
  lines.push(...renderButtons(msg.buttons, paint));
  return lines.map((l) => `  ${l}`);
}

/** Pressable buttons as one numbered line; link buttons with their URL, one per line. */
function renderButtons(rows: Button[][] | undefined, paint: Painter): string[] {
  const all = flattenButtons(rows);
  const pressable = all.filter((b) => !b.url);
  const lines: string[] = [];
  if (pressable.length > 0) {
    lines.push(pressable.map((b, i) => paint.green(`[${i + 1}] ${b.label}`)).join('  '));
  }
  for (const b of all) if (b.url) lines.push(`↗ ${b.label}: ${b.url}`);
  return lines;
}

/** Splits `/file` arguments into the path (quotes allow spaces) and the text after it. */
function splitPathArg(arg: string): { file: string; rest: string } {
  const quoted = /^(["'])(.+?)\1\s*(.*)$/su.exec(arg);
  if (quoted) return { file: quoted[2]!, rest: quoted[3]!.trim() };
  const m = /^(\S+)\s*(.*)$/su.exec(arg)!;
  return { file: m[1]!, rest: m[2]!.trim() };
}

async function fileSize(file: string): Promise<number | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

function mimeOf(name: string): string {
  return MIME_BY_EXT[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Writes `bytes` into `dir` under `name`, adding -1, -2… rather than overwriting an earlier file. */
async function saveFile(dir: string, name: string, bytes: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  // basename: a file name from the bot must not be able to write outside the folder.
  const safe = path.basename(name) || 'file';
  const ext = path.extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let i = 0; ; i++) {
    const target = path.join(dir, i === 0 ? safe : `${stem}-${i}${ext}`);
    try {
      // 'wx' fails when the file exists, which is race-free unlike checking first.
      await writeFile(target, bytes, { flag: 'wx' });
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** A path relative to the working directory when it lies inside it, which is shorter to read. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel;
}

/** Full-width digits from a Chinese input method count as digits when pressing buttons. */
function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/gu, (d) => String(d.charCodeAt(0) - 0xff10));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

function defaultColor(out: NodeJS.WritableStream): boolean {
  return isTty(out) && !process.env.NO_COLOR;
}

type Painter = Record<
  'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'magenta',
  (s: string) => string
>;

/** ANSI colour helpers, or identity functions when colour is off. */
function painter(on: boolean): Painter {
  const code =
    (open: number) =>
    (s: string): string =>
      on ? `\x1b[${open}m${s}\x1b[0m` : s;
  return {
    bold: code(1),
    dim: code(2),
    red: code(31),
    green: code(32),
    yellow: code(33),
    cyan: code(36),
    magenta: code(35),
  };
}
