/**
 * A fingerprint of the whole database, table by table, for "this changed nothing" assertions. Unlike the
 * feature harness's snapshot (a fixed list of domain tables), it reads every table the migrations
 * created, so a table added later is covered without touching the drills.
 *
 * Bookkeeping — what handling any message may write without changing what the bot knows — is left out
 * on request: the dedupe marks (`processed_updates`), the replies (`outbox`), the audit trail, the
 * button tokens and open questions (`pending_actions`), and "last seen" stamps on people and chats.
 * @module
 */
import type { Store } from '../../../db/client.js';

/** Tables every handled message may write to. */
export const BOOKKEEPING_TABLES = ['processed_updates', 'outbox', 'audit_events', 'pending_actions'] as const;

/** Columns that only say when something was last seen or touched. */
const STAMP_COLUMNS = new Set(['last_seen_at', 'updated_at']);

/** Every table but the migrator's own and SQLite's. */
export function allTables(store: Store): string[] {
  return store
    .query<{ name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
    )
    .map((r) => r.name);
}

/**
 * The rows of every table as text. `bookkeeping: 'ignore'` leaves out {@link BOOKKEEPING_TABLES} and the
 * stamp columns; `'include'` compares everything, byte for byte.
 */
export function dbSnapshot(
  store: Store,
  opts: { bookkeeping: 'ignore' | 'include' },
): Record<string, string> {
  const skip = new Set<string>(opts.bookkeeping === 'ignore' ? BOOKKEEPING_TABLES : []);
  const replacer = (key: string, value: unknown) =>
    opts.bookkeeping === 'ignore' && STAMP_COLUMNS.has(key) ? undefined : value;
  const out: Record<string, string> = {};
  for (const table of allTables(store)) {
    if (skip.has(table)) continue;
    out[table] = JSON.stringify(store.query(`select * from "${table}" order by rowid`), replacer);
  }
  return out;
}
