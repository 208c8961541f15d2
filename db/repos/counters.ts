/** Sequences for codes (HP-2026-031, WG-2026-G001): one counter row per key, advanced atomically. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { counters } from '../schema/index.js';

export function createCounterRepo(db: Db) {
  return {
    /** The next value of a sequence (1 for a new key). */
    next: (key: string): number =>
      db
        .insert(counters)
        .values({ key, value: 1 })
        .onConflictDoUpdate({ target: counters.key, set: { value: sql`${counters.value} + 1` } })
        .returning()
        .get().value,
  };
}
