/**
 * A logger that keeps every entry (with the bindings of its child loggers), so a drill can assert
 * what the bot logged: a stale reminder skipped, nothing failing unseen.
 * @module
 */
import type { Logger } from '../../../bot/core/ports.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  /** The entry's fields merged over its logger's bindings. */
  fields: Record<string, unknown>;
}

export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
  /** Entries with this message. */
  withMsg(msg: string): LogEntry[];
}

/** @example const log = recordingLogger(); createBot({ logger: log, … }); log.withMsg('…') */
export function recordingLogger(
  entries: LogEntry[] = [],
  bindings: Record<string, unknown> = {},
): RecordingLogger {
  const at =
    (level: LogEntry['level']) =>
    (obj: object | string, msg?: string): void => {
      if (typeof obj === 'string') entries.push({ level, msg: obj, fields: { ...bindings } });
      else entries.push({ level, msg: msg ?? '', fields: { ...bindings, ...obj } });
    };
  return {
    entries,
    withMsg: (msg) => entries.filter((e) => e.msg === msg),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}
