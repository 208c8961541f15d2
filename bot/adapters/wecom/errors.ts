/**
 * WeCom failures → the delivery errors the outbox understands. The SDK rejects a command in two ways:
 * with the server's ack frame itself (`{ headers, errcode, errmsg }`, not an `Error`) when the errcode is
 * non-zero, or with an `Error` when the socket closed, was never open, or the 5 s ack timeout passed.
 * Pure: no SDK import, so the mapping is testable with plain objects.
 *
 * The errcodes come from WeCom's global error-code table (https://developer.work.weixin.qq.com/document/path/90313)
 * and from WeCom's own smart-bot plugin (846605, 846608). Which of them the smart bot's long connection
 * really returns is unverified; unknown codes are permanent ('other') so a malformed message is not
 * retried eight times.
 * @module
 */
import {
  type DeliveryError,
  PermanentDeliveryError,
  RateLimitedError,
  TransientDeliveryError,
} from '../../core/errors.js';

/** A non-zero ack as the SDK rejects it. */
export interface WecomAck {
  errcode: number;
  errmsg?: string;
  headers?: { req_id?: string };
}

/** Frequency limits: 接口调用超过限制, API 调用太频繁, 接口并发调用超过限制. */
export const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([45009, 45011, 45033]);
/** The server is busy (-1 系统繁忙): worth a retry with backoff. */
export const BUSY_ERRCODES: ReadonlySet<number> = new Set([-1]);
/**
 * The conversation cannot be reached: invalid userid (40003, 60111), ids all invalid or out of scope
 * (81013), invalid or unknown chatid (40050, 86001, 86003), no permission to push there (48002, 60011).
 * In a single chat that means the person has not opened the chat with the bot; in a group, the bot
 * was removed or the group dissolved.
 */
export const UNREACHABLE_ERRCODES: ReadonlySet<number> = new Set([
  40003, 60111, 81013, 40050, 86001, 86003, 48002, 60011,
]);
/** The message itself is wrong: msgtype, parameters, empty or too long content, media. */
export const BAD_REQUEST_ERRCODES: ReadonlySet<number> = new Set([
  40004, 40005, 40006, 40007, 40008, 40058, 44004, 45002,
]);
/**
 * The reply channel of a callback is no longer usable: 846605 "invalid req_id" (e.g. a stream reply to an
 * event), 846608 "stream older than ~6 min". The adapter then pushes with `sendMessage` instead.
 */
export const STALE_REPLY_ERRCODES: ReadonlySet<number> = new Set([846605, 846608]);

/** WeCom counts per minute and names no retry time; wait for the window to pass. */
export const RATE_LIMIT_WAIT_MS = 60_000;

/** Whether `err` is a non-zero ack frame as the SDK rejects it. */
export function isWecomAck(err: unknown): err is WecomAck {
  return (
    typeof err === 'object' &&
    err !== null &&
    !(err instanceof Error) &&
    typeof (err as { errcode?: unknown }).errcode === 'number'
  );
}

/** Whether a failed passive reply should be retried as a proactive `sendMessage`. */
export function isStaleReply(err: unknown): boolean {
  return isWecomAck(err) && STALE_REPLY_ERRCODES.has(err.errcode);
}

/**
 * Map a rejection from the SDK to a delivery error.
 * @param chatKind Decides what "unreachable" means: a refused DM ('dm_not_allowed', which the core turns
 *   into a group mention) or a group the bot lost ('chat_gone').
 * @example toDeliveryError({ errcode: 45009, errmsg: 'api freq out of limit' }, 'group') // RateLimitedError
 */
export function toDeliveryError(err: unknown, chatKind: 'direct' | 'group'): DeliveryError {
  if (err instanceof PermanentDeliveryError || err instanceof RateLimitedError) return err;
  if (err instanceof TransientDeliveryError) return err;
  if (!isWecomAck(err)) {
    // Socket closed or not open, ack timeout, taken over, an upload chunk that kept failing: the outbox
    // tries again later, after the SDK reconnected.
    return new TransientDeliveryError(`WeCom: ${describe(err)}`, { cause: err });
  }
  const { errcode } = err;
  const what = `WeCom errcode ${errcode}${err.errmsg ? ` (${err.errmsg})` : ''}`;
  if (RATE_LIMIT_ERRCODES.has(errcode)) return new RateLimitedError(RATE_LIMIT_WAIT_MS, { cause: err });
  if (BUSY_ERRCODES.has(errcode)) return new TransientDeliveryError(what, { cause: err });
  if (UNREACHABLE_ERRCODES.has(errcode)) {
    const reason = chatKind === 'direct' ? 'dm_not_allowed' : 'chat_gone';
    return new PermanentDeliveryError(what, reason, undefined, { cause: err });
  }
  if (BAD_REQUEST_ERRCODES.has(errcode) || STALE_REPLY_ERRCODES.has(errcode))
    return new PermanentDeliveryError(what, 'bad_request', undefined, { cause: err });
  return new PermanentDeliveryError(what, 'other', undefined, { cause: err });
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
