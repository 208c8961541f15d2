/**
 * Opening the database: the only place that touches better-sqlite3. Migrations are applied at open
 * with foreign keys off, then checked, then switched on (reference/libraries.md §1.5: a table rebuild
 * inside a migration would otherwise cascade-delete child rows).
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema>;

/** The default folder of generated migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Store {
  db: Db;
  /** Run `fn` in one transaction (nested calls become savepoints). `fn` must be synchronous. */
  tx<T>(fn: () => T): T;
  /** Online backup to a file (safe while the bot runs, unlike copying the WAL files). */
  backup(file: string): Promise<void>;
  close(): void;
  /** EXPLAIN QUERY PLAN of a raw statement, for index assertions in benchmarks and tests. */
  explain(sqlText: string, ...params: unknown[]): string[];
  /** A raw read-only query, for diagnostics, benchmarks and tests (features use the repositories). */
  query<T = Record<string, unknown>>(sqlText: string, ...params: unknown[]): T[];
}

export interface OpenOptions {
  migrationsFolder?: string;
}

/**
 * Open (and create) a database file, apply pending migrations and return the store.
 * @example const store = openDb('./data/yishi.db');
 */
export function openDb(file: string, options: OpenOptions = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrateWithForeignKeysOff(sqlite, db, options.migrationsFolder ?? MIGRATIONS_DIR);
  cacheStatements(sqlite);
  return {
    db,
    tx: (fn) => sqlite.transaction(fn)(),
    backup: async (target) => {
      mkdirSync(dirname(target), { recursive: true });
      await sqlite.backup(target);
    },
    close: () => sqlite.close(),
    query: <T>(sqlText: string, ...params: unknown[]) => sqlite.prepare(sqlText).all(...params) as T[],
    explain: (sqlText, ...params) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[]).map(
        (r) => r.detail,
      ),
  };
}

/** An in-memory database built from the real migrations; every test gets a fresh one. */
export function openMemoryDb(options: OpenOptions = {}): Store {
  return openDb(':memory:', options);
}

/** How many compiled statements a connection keeps (the app runs a few hundred distinct ones). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Compile each SQL text once per connection. Drizzle asks better-sqlite3 to prepare the statement on
 * every call; compiling is a fifth of a command's cost. A cached statement is handed back in its
 * default (object) row mode, because drizzle switches `raw()` on for the calls that want arrays.
 * SQLite re-prepares a statement by itself when the schema changes.
 */
function cacheStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
      if (stmt.reader) stmt.raw(false);
    } else {
      stmt = prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as Database.Database['prepare'];
}

function migrateWithForeignKeysOff(sqlite: Database.Database, db: Db, migrationsFolder: string): void {
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder });
  const bad = sqlite.pragma('foreign_key_check') as unknown[];
  if (bad.length)
    throw new Error(`foreign key violations after migration: ${JSON.stringify(bad.slice(0, 5))}`);
  sqlite.pragma('foreign_keys = ON');
}
