import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDb } from '../../db/client.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}
const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;
const dirs: string[] = [];

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-mig-'));
  dirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  writeFileSync(
    join(dir, 'meta/_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
  );
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const NOW = 1_796_000_000_000;

describe('migrations', () => {
  it('migrate an empty database to the latest schema, idempotently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-db-'));
    dirs.push(dir);
    const file = join(dir, 'y.db');
    const first = openDb(file);
    const tables = first.query<{ name: string }>(
      "select name from sqlite_master where type = 'table' order by name",
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'bodies',
        'units',
        'items',
        'item_units',
        'meetings',
        'tickets',
        'outbox',
        'audit_events',
      ]),
    );
    expect(first.query('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(first.query('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    first.close();
    const again = openDb(file);
    expect(again.query('select count(*) as n from __drizzle_migrations')).toEqual([
      { n: journal.entries.length },
    ]);
    again.close();
  });

  it.each(journal.entries.slice(1).map((e) => [e.tag, e.idx] as const))(
    'keeps the data of the previous migration when applying %s',
    (_tag, idx) => {
      const dir = mkdtempSync(join(tmpdir(), 'yishi-db-'));
      dirs.push(dir);
      const file = join(dir, 'y.db');
      const old = openDb(file, { migrationsFolder: migrationsUpTo(idx) });
      const seed = [
        `insert into bodies (kind, name, code_prefix, timezone, created_at, updated_at) values ('joint_meeting', '和平街道联席会议', 'HP', 'Asia/Shanghai', ${NOW}, ${NOW})`,
        `insert into chats (platform, chat_id, kind, title, body_id, created_at, updated_at) values ('telegram', '-100', 'group', '群', 1, ${NOW}, ${NOW})`,
        `insert into people (name, phone, created_at, updated_at) values ('周明', '13800138000', ${NOW}, ${NOW})`,
        `insert into units (name, created_at, updated_at) values ('区供电公司第二供电所', ${NOW}, ${NOW})`,
        `insert into unit_aliases (unit_id, alias, created_at) values (1, '二所', ${NOW})`,
        `insert into body_units (body_id, unit_id, joined_at) values (1, 1, ${NOW})`,
        `insert into liaison_assignments (body_id, unit_id, person_id, from_at) values (1, 1, 1, ${NOW})`,
        `insert into role_grants (body_id, person_id, role, granted_at) values (1, 1, 'secretary', ${NOW})`,
        `insert into outbox (dedupe_key, platform, chat_id, chat_kind, payload, next_attempt_at, created_at) values ('k1', 'telegram', '-100', 'group', '{"text":"hi"}', ${NOW}, ${NOW})`,
        `insert into audit_events (at, actor, subject_type, action) values (${NOW}, 'system', 'body', 'body.create')`,
      ];
      // `returning` lets the read-only helper run an insert.
      for (const sqlText of seed) old.query(`${sqlText} returning 1`);
      const snapshot = (s: typeof old) =>
        [
          'bodies',
          'chats',
          'people',
          'units',
          'unit_aliases',
          'body_units',
          'liaison_assignments',
          'role_grants',
          'outbox',
          'audit_events',
        ].map((t) => s.query(`select * from ${t} order by rowid`));
      const before = snapshot(old);
      old.close();
      const latest = openDb(file);
      expect(snapshot(latest)).toEqual(before.map((rows) => rows.map((r) => expect.objectContaining(r))));
      expect(latest.query('pragma foreign_key_check')).toEqual([]);
      latest.close();
    },
  );
});
