/**
 * The world of the authorization matrix, built once through the real bot into a database file that
 * every cell copies. It holds a precondition for every action: a joint meeting with units, liaisons,
 * a chair and a member; a sitting to cancel and one with draft minutes to sign; items waiting to be
 * acknowledged, to have an extension decided and to be verified; a street → community → grid tree with
 * a grid leader, a grid worker and a reported ticket; an unbound group to bind; a stranger's own chat.
 * @module
 */
import { openDb } from '../../../db/client.js';
import { fixedClock } from '../../support/fake-clock.js';
import { openChatWorld } from './chat-world.js';

/** Who is who: each role is a person of the world. */
export const PEOPLE = {
  admin: '管理员',
  secretary: '张三',
  chair: '李书记',
  member: '王成员',
  liaison: 'zhouming',
  otherLiaison: 'wangfang',
  person: '路人',
  gridWorker: 'xiaoli',
  gridLeader: 'laowang',
  parentSecretary: 'shequ',
  stranger: '陌生人',
} as const;
export type RoleKey = keyof typeof PEOPLE;

export const CHATS = {
  /** Bound to the joint meeting 和平街道联席会议. */
  joint: '联席会议群',
  /** A second group, not bound yet: binding it to the joint meeting is `setup`. */
  unbound: '领导群',
  /** Bound to the grid 幸福里社区第3网格, under 幸福里社区 (whose secretary is `parentSecretary`). */
  grid: '网格群',
  /** The stranger's own group, bound to nothing. */
  stranger: '陌生群',
} as const;

/** The instant the template ends at (and every cell starts at): Wednesday 2026-12-02 09:00 Shanghai. */
export const WORLD_TIME = '2026-12-02T09:00:00+08:00';

export interface AuthzTemplate {
  /** The id of the 12-01 sitting, whose minutes are a draft. */
  minutesMeetingId: number;
}

/** Build the world into `file` (which must not exist) and close it. */
export async function buildAuthzTemplate(file: string): Promise<AuthzTemplate> {
  const store = openDb(file);
  const clock = fixedClock('2026-11-30T09:00:00+08:00');
  const w = await openChatWorld({ store, clock, admins: [PEOPLE.admin], idPrefix: 'template-' });
  const { joint, grid } = CHATS;
  const sec = (text: string) => w.say(PEOPLE.secretary, joint, text);

  await sec('/setup 联席会议 和平街道联席会议 编号:HP');
  await sec('/unit add 区供电公司第二供电所 别名:二所');
  await sec('/unit add 社区居委会 别名:居委会');
  for (const who of Object.values(PEOPLE))
    await w.say(who, who === PEOPLE.stranger ? CHATS.stranger : joint, '/whoami');
  await w.say(PEOPLE.person, CHATS.unbound, '/whoami');
  await sec('/liaison 二所 @zhouming');
  await sec('/liaison 居委会 @wangfang');
  await sec('/role @李书记 召集人');
  await sec('/role @王成员 成员');
  for (const phrase of ['12月1日15:00 专题会', '12月10日15:00 协调会']) {
    await sec(`/meeting ${phrase}`);
    await w.press(PEOPLE.secretary, joint, '确认');
  }
  for (const content of ['排查建设路3处老化线路', '更换建设路路灯', '清理楼道杂物']) {
    await sec(`/item 二所 ${content} 12月20日前`);
    await w.press(PEOPLE.secretary, joint, '确认交办');
  }
  const zhou = (text: string) => w.say(PEOPLE.liaison, joint, text);
  await zhou('/task HP-2026-002 签收');
  await zhou('/task HP-2026-002 延期 12月25日 材料未到位');
  await zhou('/task HP-2026-003 签收');
  await zhou('/task HP-2026-003 办结 已全部清理');

  await w.say('jiedao', '街道群', '/setup 网格 和平街道');
  await w.say(PEOPLE.parentSecretary, '社区群', '/setup 网格 幸福里社区 上级:和平街道');
  await w.say('wangge', grid, '/setup 网格 幸福里社区第3网格 上级:幸福里社区');
  for (const who of [PEOPLE.gridLeader, PEOPLE.gridWorker]) await w.say(who, grid, '/whoami');
  await w.say('wangge', grid, '/role @laowang 网格长');
  await w.say('wangge', grid, '/role @xiaoli 网格员');
  await w.say(PEOPLE.gridWorker, grid, '/report 小区路灯不亮');

  clock.set(WORLD_TIME);
  await sec('/minutes 2026-12-01');
  const state = {
    items: store.query<{ code: string; status: string }>('select code, status from items order by id'),
    extensions: store.query<{ status: string }>('select status from extension_requests'),
    tickets: store.query<{ code: string; status: string }>('select code, status from tickets'),
    minutes: store.query<{ meeting_id: number; status: string }>('select meeting_id, status from minutes'),
  };
  const expected = {
    items: [
      { code: 'HP-2026-001', status: 'assigned' },
      { code: 'HP-2026-002', status: 'in_progress' },
      { code: 'HP-2026-003', status: 'reported_done' },
    ],
    extensions: [{ status: 'pending' }],
    tickets: [{ code: 'YS-2026-G001', status: 'reported' }],
    minutes: [{ meeting_id: expectOne(state.minutes).meeting_id, status: 'draft' }],
  };
  if (JSON.stringify(state) !== JSON.stringify(expected))
    throw new Error(`the authorization world is not as the matrix needs it: ${JSON.stringify(state)}`);
  store.close();
  return { minutesMeetingId: expected.minutes[0]!.meeting_id };
}

function expectOne<T>(rows: T[]): T {
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0]!;
}
