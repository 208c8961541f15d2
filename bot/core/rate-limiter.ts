/**
 * Per-platform send limits as sliding windows. Pure: no timers and no clock of its own; the caller passes
 * `now`, so the delivery worker stays deterministic under a fake clock. One limiter serves one platform;
 * the platform's rules are data, so a new platform only needs a new rule list.
 * @module
 */

/**
 * At most `limit` sends per `windowMs`. `global` counts every send on the platform, `chat` counts per
 * chat for every chat, `group` counts per chat for group chats only (Telegram's 20/min group limit).
 */
export interface RateRule {
  scope: 'global' | 'chat' | 'group';
  limit: number;
  windowMs: number;
}

/** The part of a chat a limiter needs: which chat, and whether group-only rules apply. */
export interface RateLimitedChat {
  chatId: string;
  chatKind: 'direct' | 'group';
}

/**
 * Decides when the next send to a chat may go out. The worker asks `delay` before a send, calls
 * `record` after one succeeded, and calls `pause` when the platform itself said "wait" (HTTP 429), since
 * the platform's view of its limits beats our estimate.
 */
export interface RateLimiter {
  /** Milliseconds until a send to `chat` is allowed; 0 means now. */
  delay(chat: RateLimitedChat, now: number): number;
  /**
   * Milliseconds until the platform takes any send at all (its global rules and a global pause); 0 means
   * now. While it is positive every chat waits, so the worker need not ask chat by chat.
   */
  platformDelay(now: number): number;
  /**
   * The least time from the first to the last of `count` sends, from an idle start: under the chat's
   * rules for a chat, under the global rules for `'platform'`. The worker compares the two to see which
   * chats would finish after the rest of a fan-out if they waited their turn.
   */
  drainMs(scope: RateLimitedChat | 'platform', count: number): number;
  /** Count a send made at `now`. */
  record(chat: RateLimitedChat, now: number): void;
  /** Allow nothing to one chat (or to the whole platform) before `until`. */
  pause(scope: { chatId: string } | 'global', until: number): void;
}

/** One rule's send log: a single list for a global rule, one list per chat otherwise. */
interface RuleLog {
  rule: RateRule;
  global: number[];
  perChat: Map<string, number[]>;
}

/**
 * A sliding-window limiter over `rules`. Memory stays bounded: each log keeps at most `limit` stamps
 * (older ones cannot change a decision), and chats idle for longer than the longest window are dropped.
 * @example const limiter = createRateLimiter(telegramRateRules({ globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 }));
 */
export function createRateLimiter(rules: RateRule[]): RateLimiter {
  for (const rule of rules) assertValidRule(rule);
  const logs: RuleLog[] = rules.map((rule) => ({ rule, global: [], perChat: new Map() }));
  const longestWindowMs = Math.max(0, ...rules.map((r) => r.windowMs));
  let globalPausedUntil = 0;
  const chatPausedUntil = new Map<string, number>();
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  /** Earliest instants of the k-th send from an idle start, per rule set (platform, direct, group). */
  const drainTimes = new Map<string, number[]>();

  const stampsOf = (log: RuleLog, chat: RateLimitedChat): number[] | undefined =>
    log.rule.scope === 'global' ? log.global : log.perChat.get(chat.chatId);

  const pauseDelay = (chat: RateLimitedChat, now: number): number =>
    Math.max(0, globalPausedUntil - now, (chatPausedUntil.get(chat.chatId) ?? 0) - now);

  /** Drop what no longer matters, at most once per longest window so the cost is amortised. */
  const sweep = (now: number): void => {
    if (now - lastSweepAt < longestWindowMs) return;
    lastSweepAt = now;
    for (const log of logs) {
      for (const [chatId, stamps] of log.perChat) {
        prune(stamps, log.rule, now);
        if (stamps.length === 0) log.perChat.delete(chatId);
      }
    }
    for (const [chatId, until] of chatPausedUntil) if (until <= now) chatPausedUntil.delete(chatId);
  };

  return {
    delay(chat, now) {
      let wait = pauseDelay(chat, now);
      for (const log of logs) {
        if (!applies(log.rule, chat)) continue;
        const stamps = stampsOf(log, chat);
        if (stamps) wait = Math.max(wait, windowDelay(stamps, log.rule, now));
      }
      return wait;
    },

    platformDelay(now) {
      let wait = Math.max(0, globalPausedUntil - now);
      for (const log of logs) {
        if (log.rule.scope === 'global') wait = Math.max(wait, windowDelay(log.global, log.rule, now));
      }
      return wait;
    },

    drainMs(scope, count) {
      if (count <= 1) return 0;
      const key = scope === 'platform' ? 'platform' : scope.chatKind;
      const applicable = rules.filter((r) =>
        scope === 'platform' ? r.scope === 'global' : r.scope !== 'global' && applies(r, scope),
      );
      let times = drainTimes.get(key);
      if (!times) {
        times = [];
        drainTimes.set(key, times);
      }
      // Greedy is optimal for sliding windows: each send as early as every rule allows.
      for (let k = times.length; k < count; k++) {
        let t = k === 0 ? 0 : times[k - 1]!;
        for (const r of applicable) if (k >= r.limit) t = Math.max(t, times[k - r.limit]! + r.windowMs);
        times.push(t);
      }
      return times[count - 1]!;
    },

    record(chat, now) {
      for (const log of logs) {
        if (!applies(log.rule, chat)) continue;
        let stamps = stampsOf(log, chat);
        if (!stamps) {
          stamps = [];
          log.perChat.set(chat.chatId, stamps);
        }
        stamps.push(now);
        prune(stamps, log.rule, now);
      }
      sweep(now);
    },

    pause(scope, until) {
      if (scope === 'global') {
        globalPausedUntil = Math.max(globalPausedUntil, until);
        return;
      }
      chatPausedUntil.set(scope.chatId, Math.max(chatPausedUntil.get(scope.chatId) ?? 0, until));
    },
  };
}

/** Telegram Bot API limits: about 30 messages/s overall, 1/s per chat, 20/min per group. */
export function telegramRateRules(o: {
  globalPerSecond: number;
  chatPerSecond: number;
  groupPerMinute: number;
}): RateRule[] {
  return [
    { scope: 'global', limit: o.globalPerSecond, windowMs: 1000 },
    { scope: 'chat', limit: o.chatPerSecond, windowMs: 1000 },
    { scope: 'group', limit: o.groupPerMinute, windowMs: 60_000 },
  ];
}

/** WeCom intelligent-bot limits are per conversation, counted per minute. */
export function wecomRateRules(o: { chatPerMinute: number }): RateRule[] {
  return [{ scope: 'chat', limit: o.chatPerMinute, windowMs: 60_000 }];
}

/** The terminal chat has no limits. */
export function consoleRateRules(): RateRule[] {
  return [];
}

function applies(rule: RateRule, chat: RateLimitedChat): boolean {
  return rule.scope !== 'group' || chat.chatKind === 'group';
}

/** How long until one more send fits in the window: when the stamp `limit` sends back expires. */
function windowDelay(stamps: number[], rule: RateRule, now: number): number {
  prune(stamps, rule, now);
  if (stamps.length < rule.limit) return 0;
  const blocking = stamps[stamps.length - rule.limit] ?? now;
  return Math.max(0, blocking + rule.windowMs - now);
}

/** A stamp counts while `now < stamp + windowMs`; beyond the last `limit` stamps none can matter. */
function prune(stamps: number[], rule: RateRule, now: number): void {
  let expired = 0;
  while (expired < stamps.length && (stamps[expired] ?? now) + rule.windowMs <= now) expired++;
  const excess = Math.max(expired, stamps.length - rule.limit);
  if (excess > 0) stamps.splice(0, excess);
}

function assertValidRule(rule: RateRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 1 || !(rule.windowMs > 0)) {
    throw new RangeError(
      `invalid rate rule ${JSON.stringify(rule)}: limit must be a positive integer, windowMs > 0`,
    );
  }
}
