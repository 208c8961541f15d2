/**
 * Webhook mode: our own `http` server in front of telegraf's webhook callback, which accepts a request
 * only when it is a POST to exactly the configured path carrying the configured secret in
 * `X-Telegram-Bot-Api-Secret-Token`; anything else gets 403 with an empty body (a body that is not JSON
 * gets 415). TLS is expected to end at a reverse proxy in front of this port.
 * https://core.telegram.org/bots/api#setwebhook
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telegraf } from 'telegraf';
import type { Logger } from '../../core/ports.js';

export interface WebhookServer {
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** The path Telegram will POST to: the URL's path and query, exactly as telegraf compares it. */
export function webhookPath(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}` || '/';
}

/** Listen on `port`/`host` and hand every accepted update to telegraf (and so to our middleware). */
export async function startWebhookServer(
  bot: Telegraf,
  opts: { url: string; secret?: string; port: number; host?: string },
  log: Logger,
): Promise<WebhookServer> {
  const callback = bot.webhookCallback(webhookPath(opts.url), { secretToken: opts.secret });
  const server = http.createServer((req, res) => {
    callback(req, res).catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    // Since Node 19 `close` also drops idle keep-alive sockets; requests in flight are let finish.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
