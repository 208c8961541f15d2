/**
 * Typed errors. User-facing errors carry a message builder over the i18n catalogue, so the text is
 * rendered in the reader's language at the edge; delivery errors tell the outbox what to do next.
 * @module
 */
import type { Messages } from './i18n/index.js';

/** Renders a user-facing text from the catalogue of the reader's language. */
export type Say = (m: Messages) => string;

/** Bad input from a user: answered kindly with what was wrong and the correct usage; nothing changes. */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(
    readonly say: Say,
    /** The command whose usage should be shown with the error. */
    readonly usageOf?: string,
  ) {
    super('user input error');
  }
}

/** The caller may not do this here; the reason is one sentence. Nothing changes. */
export class PermissionDeniedError extends Error {
  override readonly name = 'PermissionDeniedError';
  constructor(readonly say: Say) {
    super('permission denied');
  }
}

/** Base of the errors an adapter throws from `send`; the delivery worker decides from the subclass. */
export abstract class DeliveryError extends Error {
  abstract readonly kind: 'rate_limited' | 'transient' | 'permanent';
}

/** The platform asked us to wait (HTTP 429 `retry_after`, WeCom frequency errcode). */
export class RateLimitedError extends DeliveryError {
  override readonly name = 'RateLimitedError';
  readonly kind = 'rate_limited' as const;
  constructor(
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`rate limited, retry after ${retryAfterMs} ms`, options);
  }
}

/** A failure worth retrying with backoff: 5xx, timeouts, a dropped connection. */
export class TransientDeliveryError extends DeliveryError {
  override readonly name = 'TransientDeliveryError';
  readonly kind = 'transient' as const;
  /**
   * The platform connection is down (not this message's fault): retried without counting towards the
   * attempt limit, so an outage of any length loses nothing.
   */
  readonly offline: boolean;
  constructor(message: string, options?: { cause?: unknown; offline?: boolean }) {
    super(message, options);
    this.offline = options?.offline ?? false;
  }
}

/**
 * A failure that retrying will not fix. `reason` lets the core react: a DM the user never allowed,
 * a chat the bot was removed from, a group that migrated to a new id.
 */
export class PermanentDeliveryError extends DeliveryError {
  override readonly name = 'PermanentDeliveryError';
  readonly kind = 'permanent' as const;
  constructor(
    message: string,
    readonly reason: 'dm_not_allowed' | 'chat_gone' | 'chat_migrated' | 'bad_request' | 'other' = 'other',
    readonly detail?: { newChatId?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Configuration that cannot be used; the message lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
