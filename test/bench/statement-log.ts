/**
 * Which SQL statements a piece of code runs, and how SQLite plans them. Installed on a store before
 * the repositories are built (they prepare statements once), it records every statement executed while
 * recording is on, with the parameters of its first execution, so `EXPLAIN QUERY PLAN` can be asked
 * about exactly what ran. Test and benchmark instrumentation only.
 * @module
 */
import type { Store } from '../../db/client.js';

export interface ExecutedStatement {
  sql: string;
  params: unknown[];
  /** How many times it ran while recording. */
  runs: number;
}

export interface StatementLog {
  /** Run `fn` with recording on; returns its result. */
  record<T>(fn: () => T): T;
  /** The same for asynchronous work (nothing else should run on the database meanwhile). */
  recordAsync<T>(fn: () => Promise<T>): Promise<T>;
  /** Distinct statements executed while recording, in first-run order. */
  statements(): ExecutedStatement[];
  /** Each recorded statement with its query plan (one line per plan step). */
  plans(): { sql: string; plan: string[] }[];
}

interface PreparingClient {
  prepare(source: string): object;
}

const EXECUTING = new Set(['run', 'get', 'all', 'iterate']);

/** Wrap the store's driver so statements prepared from now on can be recorded. */
export function installStatementLog(store: Store): StatementLog {
  const client = (store.db as unknown as { $client: PreparingClient }).$client;
  const prepare = client.prepare.bind(client);
  const seen = new Map<string, ExecutedStatement>();
  let recording = false;

  client.prepare = (source: string) => {
    const statement = prepare(source);
    const proxy: object = new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (recording && typeof prop === 'string' && EXECUTING.has(prop)) {
            const known = seen.get(source);
            if (known) known.runs++;
            else seen.set(source, { sql: source, params: args, runs: 1 });
          }
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          // Chainable methods (raw, pluck, bind…) return the statement: keep handing out the proxy.
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };

  return {
    record(fn) {
      recording = true;
      try {
        return fn();
      } finally {
        recording = false;
      }
    },
    async recordAsync(fn) {
      recording = true;
      try {
        return await fn();
      } finally {
        recording = false;
      }
    },
    statements: () => [...seen.values()],
    plans: () =>
      [...seen.values()]
        .filter((s) => /^\s*(select|insert|update|delete|with)\b/i.test(s.sql))
        .map((s) => ({ sql: s.sql, plan: store.explain(s.sql, ...s.params) })),
  };
}

/**
 * Plan steps that read a whole table: `SCAN <table>` (with or without an index to walk in order, a
 * scan still visits every row). `tables` limits the check; temporary B-trees and subquery scans are
 * not table scans.
 */
export function fullScans(plans: { sql: string; plan: string[] }[], tables?: string[]): string[] {
  const found: string[] = [];
  for (const { sql, plan } of plans) {
    for (const step of plan) {
      const table = /^SCAN (\w+)/.exec(step)?.[1];
      if (!table || (tables && !tables.includes(table))) continue;
      found.push(`${step} ← ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  }
  return found;
}
