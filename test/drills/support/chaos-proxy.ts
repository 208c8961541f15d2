/**
 * A fault-injecting HTTP proxy in front of the fake Bot API, for the reliability drills. The bot's
 * Telegram adapter is pointed at the proxy; every request goes on to the fake unless the test's `decide`
 * function answers it with a fault:
 * - `server-error`: a 5xx page, as Telegram's gateway sends it; the fake never sees the request;
 * - `rate-limit`: 429 with `retry_after`; the fake never sees the request;
 * - `timeout`: no answer at all, until the client gives up. With `delivered: true` the request reaches
 *   the fake first (the message is posted) and only the answer is lost — the one case in which a
 *   retry legitimately posts a message twice.
 * `beforeRelay` sees every answer the fake gave before it is passed on, and may cut the connection
 * instead (the kill -9 drill kills the bot there, so a message is in flight at the kill).
 *
 * The proxy records every request with its fate, so a test can state exact bounds: which requests the
 * fake accepted although the bot never heard back (`acceptedButUnanswered`).
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'timeout'; delivered: boolean };

/** One request through the proxy. */
export interface ProxiedRequest {
  /** Bot API method (`sendMessage`, `getUpdates`…). */
  method: string;
  /** 1-based count of requests of this method so far. */
  n: number;
  /** The JSON body, when there was one. */
  params: Record<string, unknown>;
  fault?: Fault;
  /** The fake's HTTP status, when the request reached it and it answered. */
  upstreamStatus?: number;
  /** Whether the client received an answer (false: timed out, aborted, or cut). */
  answered: boolean;
}

export interface ChaosProxyOptions {
  /** The fake's API root, e.g. `fake.apiRoot`. */
  target: string;
  /** A fault for this request, or undefined to pass it through. Called once per request, in order. */
  decide?: (req: ProxiedRequest) => Fault | undefined;
  /** Called with the fake's answer before it is relayed; return false to cut the connection instead. */
  beforeRelay?: (req: ProxiedRequest) => boolean | undefined;
}

export interface ChaosProxy {
  /** Point the adapter's `apiRoot` here. */
  readonly apiRoot: string;
  readonly requests: ProxiedRequest[];
  /** Requests the fake accepted (2xx) whose answer never reached the client. */
  acceptedButUnanswered(method?: string): ProxiedRequest[];
  close(): Promise<void>;
}

/** Start a proxy on 127.0.0.1 with a free port. */
export async function startChaosProxy(opts: ChaosProxyOptions): Promise<ChaosProxy> {
  const target = opts.target.replace(/\/$/, '');
  const requests: ProxiedRequest[] = [];
  const perMethod = new Map<string, number>();
  const open = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = /\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1] ?? '';
    const n = (perMethod.get(method) ?? 0) + 1;
    perMethod.set(method, n);
    const record: ProxiedRequest = { method, n, params: parseJson(req, body), answered: false };
    requests.push(record);
    res.on('finish', () => {
      record.answered = true;
    });
    const fault = opts.decide?.(record);
    if (fault) record.fault = fault;

    if (fault?.kind === 'server-error') {
      // The real gateway answers 5xx with an HTML page; telegraf reads only the status.
      res.writeHead(fault.status, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
      return;
    }
    if (fault?.kind === 'rate-limit') {
      const s = fault.retryAfterSeconds;
      sendJson(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${s}`,
        parameters: { retry_after: s },
      });
      return;
    }
    if (fault?.kind === 'timeout' && !fault.delivered) return; // held until the client gives up

    // Not aborted when the client gives up: the fake's answer is awaited anyway, so the record says
    // for certain whether the fake took a request whose answer the client never saw.
    let upstream: Response;
    try {
      upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
        body: body.length ? new Uint8Array(body) : undefined,
      });
    } catch {
      res.destroy();
      return;
    }
    const answer = Buffer.from(await upstream.arrayBuffer());
    record.upstreamStatus = upstream.status;
    if (fault?.kind === 'timeout') return; // delivered, but the answer is lost
    if (opts.beforeRelay?.(record) === false) {
      res.destroy();
      return;
    }
    res
      .writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        'content-length': answer.length,
      })
      .end(answer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Node loads its fetch implementation on first use (a good 100 ms): do it now, not inside the
  // client's first request, which a short client timeout would then cut.
  await fetch(`${target}/`).then((r) => r.arrayBuffer());
  const port = (server.address() as AddressInfo).port;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    requests,
    acceptedButUnanswered: (method) =>
      requests.filter(
        (r) =>
          (method === undefined || r.method === method) &&
          r.upstreamStatus !== undefined &&
          r.upstreamStatus < 300 &&
          !r.answered,
      ),
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(req: http.IncomingMessage, body: Buffer): Record<string, unknown> {
  if (!req.headers['content-type']?.startsWith('application/json') || body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}
