/**
 * Telegram failures → the delivery errors the outbox worker understands. telegraf throws a
 * `TelegramError` (`.code`, `.description`, `.parameters`) for every `ok: false` answer and for any HTTP
 * status ≥ 500; transport failures surface as node-fetch `FetchError`s or as an `AbortError` when our
 * own request timeout fired. Pure: no I/O.
 * @module
 */
import {
  DeliveryError,
  PermanentDeliveryError,
  RateLimitedError,
  TransientDeliveryError,
} from '../../core/errors.js';

/** The fields of telegraf's `TelegramError` we read (duck-typed so fixtures need no telegraf). */
export interface TelegramErrorLike {
  code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** 403 texts meaning "this person has not allowed the bot to write to them". */
const DM_REFUSED = [
  "bot can't initiate conversation",
  'bot was blocked by the user',
  'user is deactivated',
  "bot can't send messages to bots",
];

/** 403/400 texts meaning "the bot is no longer in that chat". */
const CHAT_GONE = ['bot was kicked', 'bot is not a member', 'chat not found', 'group chat was deleted'];

/** Network-level failures worth retrying (node-fetch `FetchError`, our timeout's `AbortError`, resets). */
const TRANSIENT_NAMES = new Set(['FetchError', 'AbortError', 'TimeoutError']);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Whether `err` looks like telegraf's `TelegramError`. */
export function isTelegramError(err: unknown): err is TelegramErrorLike & Error {
  if (!(err instanceof Error)) return false;
  const e = err as Partial<TelegramErrorLike>;
  return typeof e.code === 'number' && typeof e.description === 'string';
}

/** "message is not modified": an edit that changes nothing, which we count as a success. */
export function isNotModified(err: unknown): boolean {
  return isTelegramError(err) && err.code === 400 && /message is not modified/i.test(err.description);
}

/** The message being edited has a caption, not text (a document): edit the caption instead. */
export function isNoTextToEdit(err: unknown): boolean {
  return isTelegramError(err) && err.code === 400 && /no text in the message to edit/i.test(err.description);
}

/**
 * Map a failed Bot API call to a {@link DeliveryError}. `chatKind` decides what "chat not found" means:
 * for a DM it is a person who never opened the chat (Telegram answers 400 there as often as 403), for a
 * group it is a chat the bot no longer sees. Errors that are neither Telegram nor network failures
 * (bugs) are returned unchanged; the worker retries those as transient up to its attempt limit.
 */
export function toDeliveryError(err: unknown, chatKind: 'direct' | 'group'): Error {
  if (err instanceof DeliveryError) return err;
  if (isTelegramError(err)) return fromTelegramError(err, chatKind);
  if (isNetworkError(err)) {
    return new TransientDeliveryError(`telegram network error: ${redact(describe(err))}`, { cause: err });
  }
  return err instanceof Error ? err : new Error(redact(String(err)));
}

function fromTelegramError(err: TelegramErrorLike & Error, chatKind: 'direct' | 'group'): Error {
  const { code } = err;
  const description = redact(err.description);
  const text = description.toLowerCase();
  const message = `telegram ${code}: ${description}`;
  if (code === 429) {
    // Telegram names whole seconds; without a number we wait a conservative 5 s, like telegraf's poller.
    const seconds = err.parameters?.retry_after ?? 5;
    return new RateLimitedError(Math.max(1, seconds) * 1000, { cause: err });
  }
  if (code >= 500) return new TransientDeliveryError(message, { cause: err });
  const migratedTo = err.parameters?.migrate_to_chat_id;
  if (migratedTo !== undefined) {
    return new PermanentDeliveryError(
      message,
      'chat_migrated',
      { newChatId: String(migratedTo) },
      { cause: err },
    );
  }
  if (chatKind === 'direct' && (DM_REFUSED.some((t) => text.includes(t)) || text.includes('chat not found')))
    return new PermanentDeliveryError(message, 'dm_not_allowed', undefined, { cause: err });
  if (chatKind === 'group' && CHAT_GONE.some((t) => text.includes(t)))
    return new PermanentDeliveryError(message, 'chat_gone', undefined, { cause: err });
  if (code === 400) return new PermanentDeliveryError(message, 'bad_request', undefined, { cause: err });
  return new PermanentDeliveryError(message, 'other', undefined, { cause: err });
}

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  const causeCode = (err.cause as { code?: unknown } | undefined)?.code;
  return (
    TRANSIENT_NAMES.has(err.name) ||
    (typeof code === 'string' && TRANSIENT_CODES.has(code)) ||
    (typeof causeCode === 'string' && TRANSIENT_CODES.has(causeCode)) ||
    /socket hang up|network|timed? ?out/i.test(err.message)
  );
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Remove a bot token from a text. telegraf already redacts the URL in fetch errors; this is the second
 * belt for anything else that might echo the request URL.
 */
export function redact(text: string): string {
  return text.replace(/\d{3,}:[A-Za-z0-9_-]{20,}/g, '[REDACTED]');
}
