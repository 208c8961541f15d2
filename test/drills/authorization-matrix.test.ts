/**
 * Drill: the authorization matrix through the real bot. Eleven people — admin, secretary, chair, member,
 * the liaison of the item's unit, the liaison of another unit, a person in the group with no role, a
 * grid worker, a grid leader, the secretary of the grid's parent node, and a stranger in an unbound
 * chat — each try one representative command for every action of `bot/domain/permissions.ts`. Every
 * cell starts from a copy of the same world (`support/authz-world.ts`).
 *
 * Where a command is typed: joint-meeting actions in the joint meeting's group, grid actions in the grid
 * group, `setup` in a second, unbound group (binding it to the existing body) — and the stranger types
 * everything in their own unbound group. Permissions follow the body of the chat at hand (DESIGN §4.4),
 * so the joint meeting's secretary is nobody special in the grid group, and anyone in a bound group is
 * one of its members (attendance, topics, grid reports).
 *
 * Y: it succeeds — its answer, and a change in the database. B: it succeeds on the liaison's behalf, and
 * the audit says so. N: one sentence of refusal, and the database is unchanged but for bookkeeping.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, type Action } from '../../bot/domain/permissions.js';
import { openDb } from '../../db/client.js';
import { fixedClock } from '../support/fake-clock.js';
import {
  type AuthzTemplate,
  buildAuthzTemplate,
  CHATS,
  PEOPLE,
  type RoleKey,
  WORLD_TIME,
} from './support/authz-world.js';
import { openChatWorld } from './support/chat-world.js';
import { dbSnapshot } from './support/db-snapshot.js';

const ROLE_ORDER: RoleKey[] = [
  'admin',
  'secretary',
  'chair',
  'member',
  'liaison',
  'otherLiaison',
  'person',
  'gridWorker',
  'gridLeader',
  'parentSecretary',
  'stranger',
];

/** The expected matrix; columns in ROLE_ORDER. */
const EXPECTED_TABLE = `
                  admin sec chair member liaison other person gworker gleader parentSec stranger
setup               Y    Y    N     N      N      N     N      N       N        N        N
roles               Y    Y    N     N      N      N     N      N       N        N        N
units               Y    Y    N     N      N      N     N      N       N        N        N
liaisons            Y    Y    N     N      N      N     N      N       N        N        N
import              Y    Y    N     N      N      N     N      N       N        N        N
meetings            Y    Y    Y     N      N      N     N      N       N        N        N
items               Y    Y    Y     N      N      N     N      N       N        N        N
extensions          Y    Y    Y     N      N      N     N      N       N        N        N
verify              Y    Y    Y     N      N      N     N      N       N        N        N
minutes.signoff     Y    N    Y     N      N      N     N      N       N        N        N
liaison.act         B    B    N     N      Y      N     N      N       N        N        N
attendance          Y    Y    Y     Y      Y      Y     Y      Y       Y        Y        N
topics              Y    Y    Y     Y      Y      Y     Y      Y       Y        Y        N
grid.report         Y    Y    Y     Y      Y      Y     Y      Y       Y        Y        N
grid.dispatch       Y    N    N     N      N      N     N      N       Y        Y        N
admin               Y    N    N     N      N      N     N      N       N        N        N
`;

type Outcome = 'Y' | 'N' | 'B';

function parseTable(table: string): Record<Action, Record<RoleKey, Outcome>> {
  const rows = table.trim().split('\n').slice(1);
  const out = {} as Record<Action, Record<RoleKey, Outcome>>;
  for (const row of rows) {
    const [action, ...cells] = row.trim().split(/\s+/);
    if (cells.length !== ROLE_ORDER.length) throw new Error(`row ${action} has ${cells.length} cells`);
    out[action as Action] = Object.fromEntries(ROLE_ORDER.map((r, i) => [r, cells[i] as Outcome])) as Record<
      RoleKey,
      Outcome
    >;
  }
  return out;
}

const EXPECTED = parseTable(EXPECTED_TABLE);

/** Where the action is typed, what is typed, and how its success reads. */
interface Probe {
  chat: string;
  text: (t: AuthzTemplate) => string;
  success: RegExp;
  file?: { name: string; data: Buffer };
  /** For B cells: the audited subject whose record must say "on behalf". */
  auditedItem?: string;
}

const PROBES: Record<Action, Probe> = {
  setup: {
    chat: CHATS.unbound,
    text: () => '/setup 联席会议 和平街道联席会议',
    success: /^已将本群绑定到联席会议「和平街道联席会议」/,
  },
  roles: { chat: CHATS.joint, text: () => '/role @路人 成员', success: /^已授予 路人「成员」角色/ },
  units: {
    chat: CHATS.joint,
    text: () => '/unit add 区城管执法中队 别名:城管',
    success: /^已添加成员单位「区城管执法中队」/,
  },
  liaisons: {
    chat: CHATS.joint,
    text: () => '/liaison 居委会 @路人',
    success: /^已指定 路人 为「社区居委会」的联络员/,
  },
  import: {
    chat: CHATS.joint,
    text: () => '/import',
    file: {
      name: '名单.csv',
      data: Buffer.from('单位,别名,联络员,手机\n区水务公司,水务,李华,13912345678\n'),
    },
    success: /^导入完成/,
  },
  meetings: {
    chat: CHATS.joint,
    text: () => '/meeting cancel 12月10日 临时有事',
    success: /会议取消：协调会/,
  },
  items: {
    chat: CHATS.joint,
    text: () => '/item 二所 排查建设路井盖 12月20日前',
    success: /^拟立项/,
  },
  extensions: { chat: CHATS.joint, text: () => '/task HP-2026-002 批准', success: /^HP-2026-002 延期已批准/ },
  verify: {
    chat: CHATS.joint,
    text: () => '/task HP-2026-003 通过',
    success: /^HP-2026-003 已核查通过，销号/,
  },
  'minutes.signoff': {
    chat: CHATS.joint,
    text: (t) => `/minutes 签发 ${t.minutesMeetingId}`,
    success: /^【已签发】/,
  },
  'liaison.act': {
    chat: CHATS.joint,
    text: () => '/task HP-2026-001 签收',
    success: /^区供电公司第二供电所 已签收 HP-2026-001/,
    auditedItem: 'HP-2026-001',
  },
  attendance: { chat: CHATS.joint, text: () => '/meeting 参会', success: /^✅ 已登记 \S+ 参会：协调会/ },
  topics: {
    chat: CHATS.joint,
    text: () => '/topic 建设路线路改造',
    success: /^📌 收到议题「建设路线路改造」/,
  },
  'grid.report': {
    chat: CHATS.grid,
    text: () => '/report 5号楼楼道堆放杂物',
    success: /^已登记工单 YS-2026-G002/,
  },
  'grid.dispatch': {
    chat: CHATS.grid,
    text: () => '/ticket YS-2026-G001 受理',
    success: /^已受理 YS-2026-G001/,
  },
  admin: {
    chat: CHATS.joint,
    text: () => '/holiday add 2027-01-01 休 元旦',
    success: /^已记录：2027-01-01 放假/,
  },
};

/** A refusal: one sentence saying who may, or that the chat is bound to nothing. */
const REFUSAL = /^(只有|本群还没有绑定)[^\n]*$/;

let dir: string;
let templateFile: string;
let template: AuthzTemplate;
let cellNo = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yishi-authz-'));
  templateFile = join(dir, 'template.db');
  template = await buildAuthzTemplate(templateFile);
}, 30_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A world from a fresh copy of the template. */
async function cellWorld() {
  const file = join(dir, `cell-${++cellNo}.db`);
  copyFileSync(templateFile, file);
  const store = openDb(file);
  const world = await openChatWorld({
    store,
    clock: fixedClock(WORLD_TIME),
    admins: [PEOPLE.admin],
    idPrefix: `cell${cellNo}-`,
  });
  return { world, store };
}

describe('the authorization matrix through the real bot', () => {
  it('covers every action of permissions.ts', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(PROBES).sort()).toEqual([...ACTIONS].sort());
  });

  describe.each([...ACTIONS])('%s', (action) => {
    it.each(ROLE_ORDER)('%s', async (role) => {
      const expected = EXPECTED[action][role];
      const probe = PROBES[action];
      const { world, store } = await cellWorld();
      try {
        const chat = role === 'stranger' ? CHATS.stranger : probe.chat;
        const text = probe.text(template);
        const before = dbSnapshot(store, { bookkeeping: 'ignore' });
        const replies = await world.say(PEOPLE[role], chat, text, probe.file ? [probe.file] : []);
        const after = dbSnapshot(store, { bookkeeping: 'ignore' });
        const said = replies.join('\n---\n');
        if (expected === 'N') {
          expect(replies, said).toHaveLength(1);
          expect(replies[0], said).toMatch(REFUSAL);
          expect(after).toEqual(before);
          return;
        }
        expect(
          replies.some((r) => probe.success.test(r)),
          said,
        ).toBe(true);
        expect(
          replies.some((r) => REFUSAL.test(r)),
          said,
        ).toBe(false);
        expect(after, 'the command changed something').not.toEqual(before);
        if (probe.auditedItem) {
          const audit = store.query<{ data: string }>(
            `select a.data from audit_events a join items i on a.subject_type = 'item' and a.subject_id = i.id
             where i.code = ? order by a.id desc limit 1`,
            probe.auditedItem,
          )[0];
          expect(JSON.parse(audit?.data ?? '{}').onBehalf).toBe(expected === 'B');
        }
      } finally {
        store.close();
      }
    });
  });
});
