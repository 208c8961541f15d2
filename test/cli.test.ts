import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../bot/cli.js';
import { openDb } from '../db/client.js';

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yishi-cli-'));
  env = { DATABASE_PATH: join(dir, 'y.db'), BOT_LANGUAGE: 'zh-CN' };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let stdin = '';
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    stdin: async () => stdin,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function seedBody() {
  const store = openDb(env.DATABASE_PATH!);
  store.query(
    "insert into bodies (kind, name, code_prefix, timezone, created_at, updated_at) values ('joint_meeting', '和平街道联席会议', 'HP', 'Asia/Shanghai', 0, 0) returning id",
  );
  store.close();
}

describe('yishi CLI', () => {
  it('migrates, checks config and backs up', async () => {
    expect((await cli('migrate')).out).toMatch(/4 migrations applied/);
    expect((await cli('config')).out).toMatch(/telegram\s+off/);
    const backup = join(dir, 'backup.db');
    expect((await cli('backup', backup)).code).toBe(0);
    const copy = openDb(backup);
    expect(copy.query('select count(*) as n from __drizzle_migrations')).toEqual([{ n: 4 }]);
    copy.close();
  });

  it('imports a roster all-or-nothing', async () => {
    seedBody();
    const good = join(dir, 'good.csv');
    writeFileSync(good, '单位,别名,联络员,手机\n区供电公司第二供电所,二所,周明,13800138000\n');
    const r = await cli('roster', 'import', good, '--body', '和平街道联席会议');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('导入完成：1 家单位');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '单位,联络员,手机\n甲单位,王五,123\n,李四,\n');
    const b = await cli('roster', 'import', bad, '--body', '和平街道联席会议');
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/第 2 行[\s\S]*第 3 行/);
    const store = openDb(env.DATABASE_PATH!);
    expect(store.query('select name from units')).toEqual([{ name: '区供电公司第二供电所' }]);
    store.close();
    expect((await cli('roster', 'import', good, '--body', '没有')).err).toContain('没有找到「没有」');
  });

  it('runs the tick as of a given instant and refuses a bad one', async () => {
    expect((await cli('jobs', 'run-due', '--at', '2026-12-05T09:00:00+08:00')).out).toContain(
      '2026-12-05T01:00:00.000Z',
    );
    expect((await cli('jobs', 'run-due', '--at', 'next tuesday')).code).toBe(1);
  });

  it('lists the outbox and explains bad usage', async () => {
    expect((await cli('outbox', '--status', 'failed')).out).toContain('"failed":0');
    expect((await cli('outbox', '--status', 'weird')).err).toContain('status must be one of');
    expect((await cli('frobnicate')).code).toBe(1);
    expect((await cli()).out).toContain('yishi — 议事 admin CLI');
    env.BOT_TIMEZONE = 'Mars/Olympus';
    expect(await cli('migrate')).toMatchObject({ code: 2 });
  });

  it('extracts agreed items from notes on stdin as JSON, and exports the ledger and minutes', async () => {
    seedBody();
    stdin = '一、由区供电公司第二供电所负责排查建设路线路，12月11日前完成。\n出席：周明';
    const r = await cli('extract', '--date', '2026-11-30');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({
        leadUnit: '区供电公司第二供电所',
        due: '2026-12-11',
        dueText: expect.stringContaining('12月11日'),
      }),
    ]);
    expect((await cli('extract', '--date', 'tomorrow')).code).toBe(1);
    expect((await cli('extract', '--date', '2026-11-30', '--llm')).err).toContain('no model configured');
    const out = join(dir, 'ledger.xlsx');
    expect((await cli('export', 'ledger', '--body', '和平街道联席会议', '--out', out)).out).toContain(
      'ledger written',
    );
    expect(
      (
        await cli(
          'export',
          'minutes',
          '--body',
          '和平街道联席会议',
          '--meeting',
          '2026-12-01',
          '--out',
          join(dir, 'm.docx'),
        )
      ).code,
    ).toBe(1);
    expect((await cli('export', 'minutes', '--out', join(dir, 'm.docx'))).code).toBe(1);
  });
});
