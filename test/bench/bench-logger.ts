/**
 * The production logger (pino, level info) writing to a temporary file, wrapped to count errors, so a
 * benchmark pays what production pays for logging and can refuse a run in which something failed.
 * @module
 */
import { join } from 'node:path';
import type { Logger } from '../../bot/core/ports.js';
import { createLogger } from '../../bot/logger.js';

export interface CountingLogger extends Logger {
  /** Errors logged so far by this logger and its children. */
  readonly errors: number;
}

/** A pino logger at `info` into `<dir>/bench.log`, counting `error` calls. */
export function benchLogger(dir: string): CountingLogger {
  const counter = { errors: 0 };
  // pino prints an explicit `undefined` message, so it is only passed when there is one.
  const args = (obj: object | string, msg?: string): [object | string, string?] =>
    msg === undefined ? [obj] : [obj, msg];
  const wrap = (inner: Logger): Logger => ({
    debug: (obj, msg) => inner.debug(...args(obj, msg)),
    info: (obj, msg) => inner.info(...args(obj, msg)),
    warn: (obj, msg) => inner.warn(...args(obj, msg)),
    error: (obj, msg) => {
      counter.errors++;
      inner.error(...args(obj, msg));
    },
    child: (bindings) => wrap(inner.child(bindings)),
  });
  const root = wrap(createLogger('info', join(dir, 'bench.log')));
  return Object.assign(root, {
    get errors() {
      return counter.errors;
    },
  });
}
