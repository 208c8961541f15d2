/**
 * The users this process has seen, by @username. A `mention` entity carries only the username, and
 * the Bot API has no way to look a user up by it, so the adapter remembers who it has met. Bounded,
 * least recently seen first out; lost on restart (the core's directory keeps usernames for good).
 * @module
 */
import type { TgUser } from './decode.js';

export interface UserMemory {
  remember(user: TgUser): void;
  /** The user behind an @username (without the @, any case). */
  byUsername(username: string): TgUser | undefined;
}

/** @example const users = createUserMemory(); users.remember(from); users.byUsername('ZhouMing') */
export function createUserMemory(max = 10_000): UserMemory {
  const users = new Map<string, TgUser>();
  return {
    remember(user) {
      if (!user.username) return;
      const key = user.username.toLowerCase();
      // Re-insert so the Map's order is "least recently seen first".
      users.delete(key);
      users.set(key, user);
      if (users.size > max) {
        const oldest = users.keys().next().value;
        if (oldest !== undefined) users.delete(oldest);
      }
    },
    byUsername: (username) => users.get(username.replace(/^@/, '').toLowerCase()),
  };
}
