/**
 * A fake WeCom smart-bot long-connection server on 127.0.0.1, for running the real
 * `@wecom/aibot-node-sdk` against. It follows the frame protocol of the reference notes (platforms.md B1):
 * every frame is one JSON text message `{ cmd?, headers: { req_id }, body?, errcode?, errmsg? }`; the
 * client subscribes with `aibot_subscribe` `{ bot_id, secret }`; every client command is acked with a frame
 * that has no `cmd` and echoes its `req_id` (with `upload_id` / `media_id` bodies for uploads); callbacks
 * (`aibot_msg_callback`, `aibot_event_callback`) carry fresh req_ids; one connection per bot, so a new
 * subscribe evicts the old connection with a `disconnected_event`.
 *
 * Tests steer it: refuse subscribes, inject errcodes or drop the acks of the next commands, drop the
 * socket (now, or when a given command arrives), ignore pings, push messages, clicks, `enter_chat` and
 * files (served AES-encrypted over HTTP like WeCom's CDN), or let seeded random faults (`chaos`) hit the
 * outbound message commands. Everything the client sends is recorded in
 * `frames`; messages the server accepted are in `deliveries`, readable as chat output.
 * @module
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

/** One frame on the wire. */
export interface WireFrame {
  cmd?: string;
  headers: { req_id: string; [key: string]: unknown };
  // biome-ignore lint/suspicious/noExplicitAny: frame bodies are free-form JSON, as in the SDK's WsFrame.
  body?: any;
  errcode?: number;
  errmsg?: string;
}

/** A frame the client sent, in arrival order. */
export interface ClientFrame {
  seq: number;
  /** Which connection (1 = the first socket). */
  conn: number;
  frame: WireFrame;
  /** `clock.now()` when the frame arrived, when the fake was started with a `clock`. */
  at?: number;
}

/** A callback the fake pushed, by its req_id. */
export interface InjectedCallback {
  reqId: string;
  cmd: 'aibot_msg_callback' | 'aibot_event_callback';
  // biome-ignore lint/suspicious/noExplicitAny: see WireFrame.body.
  body: any;
}

/** A message the server accepted (acked with errcode 0): what would appear in a chat. */
export interface Delivery {
  seq: number;
  cmd: string;
  reqId: string;
  /** Group chatid or userid the message went to. */
  chatId: string;
  /** The callback a reply answered (respond / welcome / update commands). */
  inReplyTo?: InjectedCallback;
  kind: 'stream' | 'markdown' | 'text' | 'template_card' | 'file' | 'update' | 'other';
  /** Readable text: stream / markdown / text content, or a card's title and sub-title. */
  text: string;
  /** Button labels of a card. */
  buttons: string[];
  // biome-ignore lint/suspicious/noExplicitAny: a template card as sent.
  card?: any;
  mediaId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: the command body as sent.
  body: any;
  /** Accepted, but `chaos` withheld the ack: the client never learns it went out. */
  ackDropped?: boolean;
}

/** A finished upload. */
export interface Upload {
  mediaId: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** Which client commands a rule applies to. */
export interface CommandMatch {
  cmd?: string | string[];
  /** The target chat: `chatid` of a push, or the chat of the callback a reply answers. */
  chatId?: string;
}

export interface FakeWecomOptions {
  botId?: string;
  secret?: string;
  aibotId?: string;
  /** Stamps every client frame with `at` (e.g. the test's fixed clock, to check waits on it). */
  clock?: { now(): number };
}

/**
 * Seeded random faults for the outbound message commands (`aibot_send_msg` and the replies), applied
 * after the explicit rules (`failNext`, `dropAcks`, …). Per command, one draw `r` of `rng`:
 * `r < errorRate` → ack with `errcode`; then `dropAckRate` → no ack (while fewer than `maxDroppedAcks`
 * were dropped; a second draw below `deliveredWhenAckDropped` accepts the message first); then
 * `burst.rate` → this and the next few commands are answered with the frequency-limit errcode (while
 * fewer than `burst.max` bursts happened). Every fault is recorded in `chaosFaults`.
 */
export interface ChaosOptions {
  /** Floats in [0, 1), e.g. a seeded generator's `next`. */
  rng: () => number;
  errorRate?: number;
  /** Default -1 (系统繁忙). */
  errcode?: number;
  dropAckRate?: number;
  /** Default 3: each dropped ack costs the SDK's 5 s of real time. */
  maxDroppedAcks?: number;
  /** Share of dropped acks whose message the server accepted; default 0.5. */
  deliveredWhenAckDropped?: number;
  burst?: {
    rate: number;
    /** Commands in a burst, inclusive range; default [2, 4]. */
    length?: [number, number];
    /** Default 45009 (接口调用超过限制). */
    errcode?: number;
    /** Bursts at most; default 2. */
    max?: number;
  };
}

/** A fault `chaos` injected. */
export interface ChaosFault {
  /** The `seq` of the client frame it hit. */
  seq: number;
  cmd: string;
  reqId: string;
  chatId: string;
  kind: 'error' | 'rate-limit' | 'drop-ack';
  errcode?: number;
  /** For a dropped ack: whether the message was accepted (and is in `deliveries`). */
  delivered?: boolean;
  /** The frame's `at`, when the fake has a clock. */
  at?: number;
}

const OUTBOUND = new Set([
  'aibot_respond_msg',
  'aibot_respond_welcome_msg',
  'aibot_respond_update_msg',
  'aibot_send_msg',
]);

interface Rule {
  match: CommandMatch;
  times: number;
  action: { errcode: number; errmsg: string } | 'drop-ack' | 'drop-socket';
}

interface PendingUpload {
  type: string;
  filename: string;
  totalSize: number;
  totalChunks: number;
  md5?: string;
  chunks: Map<number, Buffer>;
}

/** The running fake. */
export interface FakeWecom {
  /** `ws://127.0.0.1:<port>`, for `WECOM_WS_URL`. */
  readonly url: string;
  readonly botId: string;
  readonly secret: string;
  /** Every frame any client sent, in arrival order. */
  readonly frames: ClientFrame[];
  /** Every message the server accepted, in order. */
  readonly deliveries: Delivery[];
  /** Finished uploads by media_id. */
  readonly uploads: Map<string, Upload>;
  /** Successful subscribes so far. */
  readonly authCount: number;
  /** Sockets opened so far. */
  readonly connectionCount: number;

  /** Refuse the next `times` subscribes. */
  failAuth(times?: number, errcode?: number, errmsg?: string): void;
  /** Answer the next `times` matching commands with an errcode. */
  failNext(o: CommandMatch & { errcode: number; errmsg?: string; times?: number }): void;
  /** Record but never ack the next `times` matching commands (the SDK times out after 5 s). */
  dropAcks(o?: CommandMatch & { times?: number }): void;
  /** Close the active socket abruptly, now. */
  dropSocket(): void;
  /** Close the socket abruptly when the next matching command arrives; that command is lost. */
  dropSocketOn(o?: CommandMatch): void;
  /** Tell the active connection another one took over (`disconnected_event`), then close it. */
  sendDisconnectedEvent(): void;
  /** Stop or resume acking pings. */
  ignorePings(ignore: boolean): void;
  /** Start seeded random faults on outbound message commands; `undefined` stops them. */
  chaos(o: ChaosOptions | undefined): void;
  /** Every fault `chaos` injected, in order. */
  readonly chaosFaults: ChaosFault[];

  /** A text message: in a group when `chatId` is given (then `text` should start with the @mention). */
  pushText(o: {
    from: string;
    text: string;
    chatId?: string;
    msgid?: string;
    quote?: string;
  }): InjectedCallback;
  /** A raw `aibot_msg_callback` body (msgid, aibotid, create_time, chattype filled in when missing). */
  pushMessage(body: Record<string, unknown>): InjectedCallback;
  /** A raw `aibot_event_callback` body. */
  pushEvent(body: Record<string, unknown>): InjectedCallback;
  /** A click on a template card button, in the nested shape WeCom sends. */
  click(o: { from: string; taskId: string; key: string; chatId?: string; msgid?: string }): InjectedCallback;
  /** A user opened the single chat with the bot. */
  enterChat(o: { from: string; msgid?: string }): InjectedCallback;
  /** A file message; the bytes are served AES-encrypted over HTTP, as WeCom's CDN does. */
  pushFile(o: { from: string; data: Buffer; filename: string; chatId?: string }): InjectedCallback;

  /** Resolves once `cond()` holds (checked after every frame); rejects after `timeoutMs`. */
  waitUntil(cond: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` subscribes succeeded in total. */
  waitForAuth(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the first client frame after `afterSeq` that matches. */
  waitForFrame(match: CommandMatch, afterSeq?: number, timeoutMs?: number): Promise<ClientFrame>;
  /** Deliveries after index `since` (use `deliveries.length` as a mark). */
  deliveriesSince(since: number): Delivery[];
  close(): Promise<void>;
}

/**
 * Start a fake WeCom server on 127.0.0.1 (a random port).
 * @example const fake = await startFakeWecom({ botId: 'BOT', secret: 'SECRET' }); // then wsUrl: fake.url
 */
export async function startFakeWecom(opts: FakeWecomOptions = {}): Promise<FakeWecom> {
  const botId = opts.botId ?? 'BOTID';
  const secret = opts.secret ?? 'SECRET';
  const aibotId = opts.aibotId ?? 'AIBOTID';
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const files = new Map<string, { data: Buffer; filename: string }>();
  const http = await startFileServer(files);

  const frames: ClientFrame[] = [];
  const deliveries: Delivery[] = [];
  const uploads = new Map<string, Upload>();
  const pendingUploads = new Map<string, PendingUpload>();
  const callbacks = new Map<string, InjectedCallback>();
  const authenticated = new Set<WebSocket>();
  const rules: Rule[] = [];
  const waiters = new Set<() => void>();
  let authFailures: { times: number; errcode: number; errmsg: string } = { times: 0, errcode: 0, errmsg: '' };
  let pingsIgnored = false;
  let chaos: ChaosOptions | undefined;
  let chaosState = { droppedAcks: 0, bursts: 0, burstLeft: 0 };
  const chaosFaults: ChaosFault[] = [];
  let active: WebSocket | undefined;
  let authCount = 0;
  let connectionCount = 0;
  let seq = 0;
  let idSeq = 0;

  const nextId = (prefix: string) => `${prefix}_${++idSeq}_${randomBytes(4).toString('hex')}`;
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const send = (ws: WebSocket, frame: WireFrame, then?: () => void) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(frame), () => then?.());
  };
  const ack = (ws: WebSocket, reqId: string, errcode = 0, errmsg = 'ok', body?: unknown) =>
    send(ws, { headers: { req_id: reqId }, errcode, errmsg, ...(body === undefined ? {} : { body }) });

  /** The chat a command targets: a push names it, a reply answers a callback in it. */
  const targetOf = (frame: WireFrame): { chatId?: string; inReplyTo?: InjectedCallback } => {
    if (frame.cmd === 'aibot_send_msg') return { chatId: frame.body?.chatid };
    const cb = callbacks.get(frame.headers.req_id);
    if (!cb) return {};
    return { chatId: cb.body.chatid ?? cb.body.from?.userid, inReplyTo: cb };
  };

  const matches = (m: CommandMatch, frame: WireFrame): boolean => {
    const cmds = m.cmd === undefined ? undefined : Array.isArray(m.cmd) ? m.cmd : [m.cmd];
    if (cmds && !cmds.includes(frame.cmd ?? '')) return false;
    if (cmds === undefined && (frame.cmd === 'ping' || frame.cmd === 'aibot_subscribe')) return false;
    if (m.chatId !== undefined && targetOf(frame).chatId !== m.chatId) return false;
    return true;
  };

  /** The first rule for this frame, used up by one. */
  const takeRule = (frame: WireFrame): Rule['action'] | undefined => {
    const i = rules.findIndex((r) => r.times > 0 && matches(r.match, frame));
    if (i < 0) return undefined;
    const rule = rules[i]!;
    rule.times--;
    if (rule.times === 0) rules.splice(i, 1);
    return rule.action;
  };

  function onFrame(ws: WebSocket, conn: number, raw: RawData): void {
    let frame: WireFrame;
    try {
      frame = JSON.parse(raw.toString()) as WireFrame;
    } catch {
      return;
    }
    frames.push({ seq: ++seq, conn, frame, ...(opts.clock ? { at: opts.clock.now() } : {}) });
    try {
      handle(ws, frame);
    } finally {
      notify();
    }
  }

  function handle(ws: WebSocket, frame: WireFrame) {
    const reqId = frame.headers?.req_id ?? '';
    if (frame.cmd === 'aibot_subscribe') return subscribe(ws, frame);
    if (frame.cmd === 'ping') {
      if (!pingsIgnored) ack(ws, reqId);
      return;
    }
    if (!authenticated.has(ws)) return ack(ws, reqId, 40014, 'not subscribed');
    const action = takeRule(frame);
    if (action === 'drop-socket') return void ws.terminate();
    if (action === 'drop-ack') return;
    if (action) return ack(ws, reqId, action.errcode, action.errmsg);
    if (frame.cmd && OUTBOUND.has(frame.cmd) && chaos && applyChaos(ws, frame, chaos)) return;
    switch (frame.cmd) {
      case 'aibot_upload_media_init':
        return uploadInit(ws, frame);
      case 'aibot_upload_media_chunk':
        return uploadChunk(ws, frame);
      case 'aibot_upload_media_finish':
        return uploadFinish(ws, frame);
      default:
        if (!frame.cmd || !OUTBOUND.has(frame.cmd)) return ack(ws, reqId, 40058, `unknown cmd ${frame.cmd}`);
        deliveries.push(toDelivery(frame));
        return ack(ws, reqId);
    }
  }

  /** One seeded draw for an outbound command; true when a fault answered (or swallowed) it. */
  function applyChaos(ws: WebSocket, frame: WireFrame, c: ChaosOptions): boolean {
    const reqId = frame.headers.req_id;
    const fault = (f: Pick<ChaosFault, 'kind' | 'errcode' | 'delivered'>) => {
      const at = frames.at(-1)?.at;
      chaosFaults.push({
        seq,
        cmd: frame.cmd!,
        reqId,
        chatId: targetOf(frame).chatId ?? '',
        ...f,
        ...(at === undefined ? {} : { at }),
      });
    };
    const limited = (errcode: number) => {
      fault({ kind: 'rate-limit', errcode });
      ack(ws, reqId, errcode, 'api freq out of limit');
      return true;
    };
    const burstErrcode = c.burst?.errcode ?? 45009;
    if (chaosState.burstLeft > 0) {
      chaosState.burstLeft--;
      return limited(burstErrcode);
    }
    const r = c.rng();
    const errorRate = c.errorRate ?? 0;
    const dropRate = c.dropAckRate ?? 0;
    if (r < errorRate) {
      const errcode = c.errcode ?? -1;
      fault({ kind: 'error', errcode });
      ack(ws, reqId, errcode, 'system busy');
      return true;
    }
    if (r < errorRate + dropRate) {
      if (chaosState.droppedAcks >= (c.maxDroppedAcks ?? 3)) return false;
      chaosState.droppedAcks++;
      const delivered = c.rng() < (c.deliveredWhenAckDropped ?? 0.5);
      fault({ kind: 'drop-ack', delivered });
      if (delivered) deliveries.push({ ...toDelivery(frame), ackDropped: true });
      return true;
    }
    if (c.burst && r < errorRate + dropRate + c.burst.rate) {
      if (chaosState.bursts >= (c.burst.max ?? 2)) return false;
      chaosState.bursts++;
      const [min, max] = c.burst.length ?? [2, 4];
      chaosState.burstLeft = min - 1 + Math.floor(c.rng() * (max - min + 1));
      return limited(burstErrcode);
    }
    return false;
  }

  function subscribe(ws: WebSocket, frame: WireFrame) {
    const reqId = frame.headers.req_id;
    if (authFailures.times > 0) {
      authFailures.times--;
      return ack(ws, reqId, authFailures.errcode, authFailures.errmsg);
    }
    if (frame.body?.bot_id !== botId || frame.body?.secret !== secret)
      return ack(ws, reqId, 40001, 'invalid secret');
    // One connection per bot: the newcomer wins, the old one is told and closed.
    const previous = active;
    authenticated.add(ws);
    active = ws;
    authCount++;
    ack(ws, reqId);
    if (previous && previous !== ws && previous.readyState === previous.OPEN) evict(previous);
  }

  function evict(ws: WebSocket): void {
    authenticated.delete(ws);
    const reqId = nextId('REQ_EVT');
    const body = {
      msgid: nextId('EVT'),
      create_time: Math.floor(Date.now() / 1000),
      aibotid: aibotId,
      from: { userid: '' },
      msgtype: 'event',
      event: { eventtype: 'disconnected_event' },
    };
    send(ws, { cmd: 'aibot_event_callback', headers: { req_id: reqId }, body }, () => ws.close());
    if (active === ws) active = undefined;
  }

  function uploadInit(ws: WebSocket, frame: WireFrame) {
    const b = frame.body ?? {};
    const uploadId = nextId('UP');
    pendingUploads.set(uploadId, {
      type: b.type,
      filename: b.filename,
      totalSize: b.total_size,
      totalChunks: b.total_chunks,
      md5: b.md5,
      chunks: new Map(),
    });
    ack(ws, frame.headers.req_id, 0, 'ok', { upload_id: uploadId });
  }

  function uploadChunk(ws: WebSocket, frame: WireFrame) {
    const b = frame.body ?? {};
    const up = pendingUploads.get(b.upload_id);
    if (!up) return ack(ws, frame.headers.req_id, 40058, 'invalid upload_id');
    up.chunks.set(b.chunk_index, Buffer.from(b.base64_data ?? '', 'base64'));
    ack(ws, frame.headers.req_id);
  }

  function uploadFinish(ws: WebSocket, frame: WireFrame) {
    const uploadId = frame.body?.upload_id;
    const up = pendingUploads.get(uploadId);
    if (!up) return ack(ws, frame.headers.req_id, 40058, 'invalid upload_id');
    // The SDK numbers chunks from 0 (its type comment says 1; the code sends 0-based indexes).
    const parts = Array.from({ length: up.totalChunks }, (_, i) => up.chunks.get(i));
    if (parts.some((p) => !p)) return ack(ws, frame.headers.req_id, 40058, 'missing chunk');
    const data = Buffer.concat(parts as Buffer[]);
    const md5 = createHash('md5').update(data).digest('hex');
    if (data.length !== up.totalSize || (up.md5 && up.md5 !== md5))
      return ack(ws, frame.headers.req_id, 40006, 'size or md5 mismatch');
    pendingUploads.delete(uploadId);
    const mediaId = nextId('MEDIA');
    uploads.set(mediaId, { mediaId, filename: up.filename, type: up.type, data });
    ack(ws, frame.headers.req_id, 0, 'ok', {
      type: up.type,
      media_id: mediaId,
      created_at: String(Math.floor(Date.now() / 1000)),
    });
  }

  function toDelivery(frame: WireFrame): Delivery {
    const { chatId, inReplyTo } = targetOf(frame);
    const b = frame.body ?? {};
    const base = {
      seq,
      cmd: frame.cmd!,
      reqId: frame.headers.req_id,
      chatId: chatId ?? '',
      inReplyTo,
      body: b,
    };
    if (frame.cmd === 'aibot_respond_update_msg')
      return { ...base, kind: 'update', card: b.template_card, ...cardText(b.template_card) };
    switch (b.msgtype) {
      case 'stream':
        return { ...base, kind: 'stream', text: b.stream?.content ?? '', buttons: [] };
      case 'markdown':
        return { ...base, kind: 'markdown', text: b.markdown?.content ?? '', buttons: [] };
      case 'text':
        return { ...base, kind: 'text', text: b.text?.content ?? '', buttons: [] };
      case 'template_card':
        return { ...base, kind: 'template_card', card: b.template_card, ...cardText(b.template_card) };
      case 'file':
        return { ...base, kind: 'file', text: '', buttons: [], mediaId: b.file?.media_id };
      default:
        return { ...base, kind: 'other', text: '', buttons: [] };
    }
  }

  function push(cmd: InjectedCallback['cmd'], body: Record<string, unknown>): InjectedCallback {
    const ws = active;
    if (!ws || ws.readyState !== ws.OPEN)
      throw new Error('fake WeCom: no authenticated connection to push to');
    const reqId = nextId('REQ');
    const full = {
      msgid: nextId('MSG'),
      aibotid: aibotId,
      create_time: Math.floor(Date.now() / 1000),
      ...body,
    };
    const cb: InjectedCallback = { reqId, cmd, body: full };
    callbacks.set(reqId, cb);
    send(ws, { cmd, headers: { req_id: reqId }, body: full });
    return cb;
  }

  const where = (from: string, chatId?: string) =>
    chatId
      ? { chatid: chatId, chattype: 'group', from: { userid: from } }
      : { chattype: 'single', from: { userid: from } };

  wss.on('connection', (ws) => {
    const conn = ++connectionCount;
    ws.on('message', (raw) => onFrame(ws, conn, raw));
    ws.on('close', () => {
      authenticated.delete(ws);
      if (active === ws) active = undefined;
      notify();
    });
    ws.on('error', () => {});
  });

  const fake: FakeWecom = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    botId,
    secret,
    frames,
    deliveries,
    uploads,
    chaosFaults,
    get authCount() {
      return authCount;
    },
    get connectionCount() {
      return connectionCount;
    },

    failAuth(times = 1, errcode = 40001, errmsg = 'invalid secret') {
      authFailures = { times, errcode, errmsg };
    },
    failNext({ errcode, errmsg = `error ${errcode}`, times = 1, ...match }) {
      rules.push({ match, times, action: { errcode, errmsg } });
    },
    dropAcks({ times = 1, ...match } = {}) {
      rules.push({ match, times, action: 'drop-ack' });
    },
    dropSocket() {
      active?.terminate();
    },
    dropSocketOn(match = {}) {
      rules.push({ match, times: 1, action: 'drop-socket' });
    },
    sendDisconnectedEvent() {
      if (active) evict(active);
    },
    ignorePings(ignore) {
      pingsIgnored = ignore;
    },
    chaos(o) {
      chaos = o;
      chaosState = { droppedAcks: 0, bursts: 0, burstLeft: 0 };
    },

    pushText({ from, text, chatId, msgid, quote }) {
      return push('aibot_msg_callback', {
        ...(msgid ? { msgid } : {}),
        ...where(from, chatId),
        msgtype: 'text',
        text: { content: text },
        ...(quote ? { quote: { msgtype: 'text', text: { content: quote } } } : {}),
      });
    },
    pushMessage(body) {
      return push('aibot_msg_callback', { chattype: body.chatid ? 'group' : 'single', ...body });
    },
    pushEvent(body) {
      return push('aibot_event_callback', { msgtype: 'event', ...body });
    },
    click({ from, taskId, key, chatId, msgid }) {
      return fake.pushEvent({
        ...(msgid ? { msgid } : {}),
        ...where(from, chatId),
        event: {
          eventtype: 'template_card_event',
          template_card_event: { card_type: 'button_interaction', event_key: key, task_id: taskId },
        },
      });
    },
    enterChat({ from, msgid }) {
      return fake.pushEvent({
        ...(msgid ? { msgid } : {}),
        ...where(from),
        event: { eventtype: 'enter_chat' },
      });
    },
    pushFile({ from, data, filename, chatId }) {
      const id = nextId('FILE');
      const key = randomBytes(32);
      files.set(id, { data: encryptLikeWecom(data, key), filename });
      return fake.pushMessage({
        ...where(from, chatId),
        msgtype: 'file',
        file: { url: `${http.url}/files/${id}`, aeskey: key.toString('base64') },
      });
    },

    waitUntil(cond, what, timeoutMs = 5_000) {
      if (cond()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!cond()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake WeCom: timed out waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    waitForAuth(count, timeoutMs) {
      return fake.waitUntil(() => authCount >= count, `${count} successful subscribes`, timeoutMs);
    },
    async waitForFrame(match, afterSeq = 0, timeoutMs) {
      const find = () => frames.find((f) => f.seq > afterSeq && matches(match, f.frame));
      await fake.waitUntil(() => Boolean(find()), `a frame matching ${JSON.stringify(match)}`, timeoutMs);
      return find()!;
    },
    deliveriesSince(since) {
      return deliveries.slice(since);
    },

    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    },
  };
  return fake;
}

// biome-ignore lint/suspicious/noExplicitAny: a template card as sent.
function cardText(card: any): { text: string; buttons: string[] } {
  const text = [card?.main_title?.title, card?.main_title?.desc, card?.sub_title_text]
    .filter(Boolean)
    .join('\n');
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  const buttons = (card?.button_list ?? []).map((b: any) => String(b.text));
  return { text, buttons };
}

/**
 * AES-256-CBC as WeCom encrypts callback files: key = the 32-byte aeskey, IV = its first 16 bytes,
 * PKCS#7 padding to 32-byte blocks (what the SDK's `decryptFile` undoes).
 */
export function encryptLikeWecom(data: Buffer, key: Buffer): Buffer {
  const pad = 32 - (data.length % 32);
  const padded = Buffer.concat([data, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}

/** Serves `/files/<id>` with the file name in Content-Disposition, like WeCom's download URLs. */
async function startFileServer(
  files: Map<string, { data: Buffer; filename: string }>,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const id = /^\/files\/([^/?]+)/u.exec(req.url ?? '')?.[1];
    const file = id ? files.get(id) : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
    res.end(file.data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
