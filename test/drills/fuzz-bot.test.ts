/**
 * Drill: generated bad input through the real bot (fake-chat harness: pipeline, features, outbox) never
 * changes state. One world holds what the commands could touch — a joint meeting with units, liaisons,
 * an assigned item, a scheduled meeting and a topic; a grid node; an admin — and every command gets
 * inputs that are bad by construction: a generated noise fragment (no ASCII letters or digits, no CJK,
 * no `@`, so it can name no unit, person, date, role or subcommand) where a name, a date, a role or a
 * subcommand belongs. For each input: an answer comes back, it is not the "unexpected error" apology,
 * and the database is the same as before except bookkeeping (dedupe marks, outbox, audit, button
 * tokens, "last seen" stamps). 46 templates × 6 samples = 276 round trips, fixed seed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatClient, createHarness, type Harness } from '../support/fake-chat.js';
import { dbSnapshot } from './support/db-snapshot.js';
import { FUZZ_SEED, noise } from './support/hostile-text.js';

const SAMPLES_PER_TEMPLATE = 6;
const OOPS = /抱歉，处理时出了点问题/;

type Who = 'secretary' | 'admin' | 'grid' | 'dm';

/** A command with a hole where the noise goes; the input is bad whatever the noise is. */
const TEMPLATES: [Who, (n: string) => string][] = [
  // A slash then a word that is no command (a slash followed by a space is no command at all).
  ['secretary', (n) => `/${n.replace(/^[\s\u3000]+/u, '')}ж`],
  ['secretary', (n) => `/setup ${n} ${n}`],
  ['secretary', (n) => `/unit ${n}`],
  ['secretary', (n) => `/unit rename ${n} ${n}`],
  ['secretary', (n) => `/unit alias ${n} ${n}`],
  ['secretary', (n) => `/unit unalias 二所 ${n}`],
  ['secretary', (n) => `/unit remove ${n}`],
  ['secretary', (n) => `/liaison ${n} @李四`],
  ['secretary', (n) => `/role @李四 ${n}`],
  ['secretary', (n) => `/role @李四 -${n}`],
  ['secretary', (n) => `/import ${n}`],
  ['secretary', (n) => `/whoami ${n}`],
  ['secretary', (n) => `/help ${n}`],
  ['secretary', (n) => `/meeting ${n}`],
  ['secretary', (n) => `/meeting cancel ${n}`],
  ['secretary', (n) => `/meeting move ${n} ${n}`],
  ['secretary', (n) => `/meeting remind ${n}`],
  ['secretary', (n) => `/meeting 名单 ${n}`],
  ['secretary', (n) => `/topic 采纳 #${n}`],
  ['secretary', (n) => `/item ${n} 牵头 ${n} 配合 排查建设路线路 12月20日前`],
  ['secretary', (n) => `/task ${n}`],
  ['secretary', (n) => `/task HP-2026-001 ${n}`],
  ['secretary', (n) => `/task HP-2026-001 延期 ${n}`],
  ['secretary', (n) => `/task HP-2026-001 批准 ${n}`],
  ['secretary', (n) => `/task HP-2026-001 改派 ${n}`],
  ['secretary', (n) => `/tasks ${n}`],
  ['secretary', (n) => `/cadence ${n}`],
  ['secretary', (n) => `/cadence 签收 ${n}`],
  ['secretary', (n) => `/minutes ${n}`],
  ['secretary', (n) => `/ledger ${n}`],
  ['secretary', (n) => `/notes ${n}`],
  ['secretary', (n) => `/stats ${n}`],
  ['secretary', (n) => `/bulletin ${n}`],
  ['secretary', (n) => `/bulletin 设置 ${n}`],
  ['secretary', (n) => `/stars ${n}`],
  ['secretary', (n) => `/stars 标准 ${n}`],
  ['secretary', (n) => `/stars 加分 ${n} 5 ${n}`],
  ['admin', (n) => `/holiday add ${n} 休`],
  ['admin', (n) => `/holiday remove ${n}`],
  ['grid', (n) => `/grid 时限 ${n}`],
  ['grid', (n) => `/grid 联席 ${n}`],
  ['grid', (n) => `/report ${n} 紧急程度:${n}`],
  ['grid', (n) => `/ticket ${n}`],
  ['grid', (n) => `/tickets ${n}`],
  ['dm', (n) => `/start ${n}`],
  ['dm', (n) => `/meetings ${n}`],
];

let h: Harness;
let clients: Record<Who, ChatClient>;

beforeAll(async () => {
  h = await createHarness({ admins: ['管理员'] });
  const sec = h.client('张三', '联席会议群');
  await sec.send('/setup 联席会议 和平街道联席会议 编号:HP');
  await sec.send('/unit add 区供电公司第二供电所 别名:二所');
  await sec.send('/unit add 社区居委会 别名:居委会');
  const zhou = h.client('zhouming', '联席会议群');
  await zhou.send('/whoami');
  await h.client('李四', '联席会议群').send('/whoami');
  await sec.send('/liaison 二所 @zhouming');
  await sec.send('/item 二所 排查建设路3处老化线路 12月20日前');
  await sec.press('确认交办');
  await sec.send('/meeting 12月10日15:00 专题会');
  await sec.press('确认');
  await zhou.send('/topic 建设路线路改造');
  const grid = h.client('网格秘书', '网格群');
  await grid.send('/setup 网格 和平街道');
  const admin = h.client('管理员', '联席会议群');
  await admin.send('/whoami');
  const dm = h.client('张三', { direct: true });
  await dm.send('/whoami');
  expect(h.store.query('select code, status from items')).toEqual([
    { code: 'HP-2026-001', status: 'assigned' },
  ]);
  clients = { secretary: sec, admin, grid, dm };
});

describe('fuzz through the bot: bad input answers and changes nothing', () => {
  it.each(TEMPLATES.map(([who, make]) => [make('…'), who, make] as const))(
    '%s (%s)',
    async (_, who, make) => {
      await fc.assert(
        fc.asyncProperty(noise, async (n) => {
          const input = make(n);
          const before = dbSnapshot(h.store, { bookkeeping: 'ignore' });
          const replies = await clients[who].send(input);
          expect(replies.length, JSON.stringify(input)).toBeGreaterThan(0);
          expect(replies.join('\n'), JSON.stringify(input)).not.toMatch(OOPS);
          expect(dbSnapshot(h.store, { bookkeeping: 'ignore' }), JSON.stringify(input)).toEqual(before);
        }),
        { seed: FUZZ_SEED, numRuns: SAMPLES_PER_TEMPLATE },
      );
    },
  );
});
