/** The structured logger (pino). Only the composition root and the CLI create one. @module */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import type { Logger } from './core/ports.js';

/** Log to stderr, or to a file when the terminal is busy being a chat. Secrets are redacted. */
export function createLogger(level: string, file?: string): Logger {
  if (file) mkdirSync(dirname(file), { recursive: true });
  const dest = file ? pino.destination({ dest: file, sync: false }) : pino.destination(2);
  return pino(
    {
      name: 'yishi',
      level,
      redact: ['token', 'secret', 'apiKey', '*.token', '*.secret', '*.apiKey', 'phone', '*.phone'],
    },
    dest,
  );
}
