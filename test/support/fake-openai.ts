/**
 * A fake OpenAI-compatible server for tests: node http on 127.0.0.1, a random port, `POST
 * /v1/chat/completions` only. Each request takes the next scripted reply (or the default one) and is
 * recorded with its headers and parsed body, so tests can check exactly what left the machine.
 *
 * A reply can answer with content (a string, or an object sent as JSON text), a refusal, any status and
 * body, a raw body, extra headers, a finish reason, or hold the response for `delayMs` (for timeouts; a
 * client that gives up closes the socket and the held response is dropped).
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
    [key: string]: unknown;
  };
}

export interface FakeReply {
  /** HTTP status; 200 by default. */
  status?: number;
  /** The assistant's content: a string as is, anything else as JSON text. */
  content?: unknown;
  refusal?: string;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** A whole JSON body instead of a chat completion (for error statuses). */
  body?: unknown;
  /** A raw body, sent as is. */
  raw?: string;
  headers?: Record<string, string>;
  /** Hold the response this long. */
  delayMs?: number;
}

export type Responder = FakeReply | ((req: FakeRequest) => FakeReply);

export interface FakeOpenAi {
  /** Base URL ending in /v1, for `baseURL`. */
  url: string;
  requests: FakeRequest[];
  /** Replies for the next requests, in order. */
  enqueue(...replies: Responder[]): void;
  /** The reply when the queue is empty. */
  setDefault(reply: Responder): void;
  /** Forgets requests, scripted replies and the default. */
  reset(): void;
  close(): Promise<void>;
}

/** An OpenAI chat completion around the given message. */
export function completion(model: string, reply: FakeReply): unknown {
  const content =
    reply.content === undefined || reply.content === null
      ? null
      : typeof reply.content === 'string'
        ? reply.content
        : JSON.stringify(reply.content);
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [
      {
        index: 0,
        finish_reason: reply.finishReason ?? 'stop',
        logprobs: null,
        message: { role: 'assistant', content, refusal: reply.refusal ?? null },
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const queue: Responder[] = [];
  const unscripted: Responder = { status: 500, body: { error: { message: 'no reply scripted' } } };
  let fallback: Responder = unscripted;

  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    let body: FakeRequest['body'] = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    const record: FakeRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    requests.push(record);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const responder = queue.shift() ?? fallback;
    const reply = typeof responder === 'function' ? responder(record) : responder;
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reply.delayMs);
        res.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded) return;
    }
    const status = reply.status ?? 200;
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
    if (reply.raw !== undefined) res.end(reply.raw);
    else res.end(JSON.stringify(reply.body ?? completion(body.model ?? 'fake', reply)));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      fallback = unscripted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
