/**
 * A large, realistic database for the scheduler-tick and cold-start benchmarks (and, small, for the
 * query-plan test), written with raw SQL in one transaction: recursive CTEs generate every row inside
 * SQLite, so 100,000 items with their follow-up plans take seconds, not minutes.
 *
 * The shapes are the bot's own (checked against what the real features write): joint-meeting bodies
 * with a bound group, units with liaisons who have started the bot, open items assigned over the last
 * 60 days with their six follow-up steps (settled when past, pending when future), a monthly meeting
 * series per body with past and coming sittings and their reminder steps, live buttons, the dedupe
 * table of the last 30 days, sent outbox history and audit events. As in production at 10:30 on a
 * Tuesday, only a few steps fall due in any one minute.
 * @module
 */
import { sql } from 'drizzle-orm';
import type { Store } from '../../db/client.js';

/** The instant the seeded world is "now": Tuesday 1 December 2026, 10:30 in Shanghai. */
export const SEED_NOW = Date.parse('2026-12-01T10:30:00+08:00');

export interface SeedScale {
  /** Joint-meeting bodies, each with one group chat, one secretary and one monthly meeting series. */
  bodies: number;
  /** Open items per body. */
  itemsPerBody: number;
  /** Member units per body, each with a liaison. */
  unitsPerBody: number;
  /** Live buttons (pending_actions rows) per item: the notices' 签收 / 报进展 / … */
  buttonsPerItem: number;
  /** Handled platform updates per body over the last 30 days (the dedupe table). */
  updatesPerBody: number;
  /** Sent messages per body kept in the outbox. */
  sentPerBody: number;
  /** Audit events per item. */
  auditPerItem: number;
}

/** 5,000 bodies × 20 items: the 100,000 open items and 5,000 series of benchmark 3. */
export const TICK_SCALE: SeedScale = {
  bodies: 5000,
  itemsPerBody: 20,
  unitsPerBody: 4,
  buttonsPerItem: 5,
  updatesPerBody: 40,
  sentPerBody: 40,
  auditPerItem: 2,
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Asia/Shanghai is UTC+8 all year. */
const TZ_OFFSET = 8 * HOUR;

/** Write the world at `scale` into an empty database built from the migrations. Returns row counts. */
export function seedDatabase(store: Store, scale: SeedScale, now = SEED_NOW): Record<string, number> {
  const statements = seedStatements(scale, now);
  store.tx(() => {
    for (const s of statements) store.db.run(sql.raw(s));
  });
  const tables = [
    'bodies',
    'people',
    'items',
    'item_units',
    'meeting_series',
    'meetings',
    'scheduled_steps',
    'pending_actions',
    'processed_updates',
    'outbox',
    'audit_events',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, store.query<{ n: number }>(`select count(*) as n from ${t}`)[0]!.n]),
  );
}

/** `WITH RECURSIVE seq(x)` counting 1…n, to generate rows inside SQLite. */
const seq = (n: number) =>
  `with recursive seq(x) as (select 1 union all select x + 1 from seq where x < ${Math.max(1, n)})`;

/**
 * A deterministic scatter of `x` over 0…m−1 (m below 2²⁰) instead of random(): Knuth's multiplicative
 * hash to 32 bits, of which the top 20, well mixed even for small runs of `x`, are reduced mod m.
 */
const scatter = (x: string, m: number) => `((((${x} * 2654435761) % 4294967296) / 4096) % ${m})`;

function seedStatements(s: SeedScale, now: number): string[] {
  const B = s.bodies;
  const U = s.unitsPerBody;
  const I = s.itemsPerBody;
  const items = B * I;
  const liaisons = B * U;
  const since = now - 90 * DAY;
  // Liaison of unit u (1…U) of body b: person B + (b−1)·U + u; unit ids are (b−1)·U + u.
  return [
    `${seq(B)} insert into bodies (id, kind, name, code_prefix, timezone, created_by, created_at, updated_at)
      select x, 'joint_meeting', '第' || x || '联席会议', 'B' || x, 'Asia/Shanghai', x, ${since}, ${since} from seq`,
    `${seq(liaisons)} insert into units (id, name, type, created_at, updated_at)
      select x, '成员单位' || x, 'other', ${since}, ${since} from seq`,
    `${seq(B)} insert into people (id, name, created_at, updated_at)
      select x, '秘书' || x, ${since}, ${since} from seq`,
    `${seq(liaisons)} insert into people (id, name, unit_id, created_at, updated_at)
      select ${B} + x, '联络员' || x, x, ${since}, ${since} from seq`,
    `${seq(B + liaisons)} insert into identities (id, person_id, platform, user_id, display_name, username,
        dm_status, last_seen_at, created_at, updated_at)
      select x, x, 'telegram', cast(500000 + x as text), '用户' || x, 'user' || x, 'ok', ${now - DAY}, ${since}, ${since}
      from seq`,
    `${seq(B)} insert into chats (id, platform, chat_id, kind, title, body_id, created_at, updated_at)
      select x, 'telegram', cast(-1000000000 - x as text), 'group', '联席会议群' || x, x, ${since}, ${since} from seq`,
    `${seq(B + liaisons)} insert into chats (id, platform, chat_id, kind, created_at, updated_at)
      select ${B} + x, 'telegram', cast(500000 + x as text), 'direct', ${since}, ${since} from seq`,
    `${seq(liaisons)} insert into body_units (body_id, unit_id, joined_at)
      select (x - 1) / ${U} + 1, x, ${since} from seq`,
    `${seq(liaisons)} insert into liaison_assignments (body_id, unit_id, person_id, from_at, assigned_by)
      select (x - 1) / ${U} + 1, x, ${B} + x, ${since}, (x - 1) / ${U} + 1 from seq`,
    `${seq(B)} insert into role_grants (body_id, person_id, role, granted_by, granted_at)
      select x, x, 'secretary', x, ${since} from seq`,
    ...itemStatements(s, now),
    ...meetingStatements(s, now),
    // Live buttons of the items' notices; they expire 30 days after they were made.
    `${seq(items * s.buttonsPerItem)} insert into pending_actions (token, kind, payload, created_at, expires_at)
      select 'tk' || x, 'button', '{"command":"/task B-' || ((x - 1) / ${s.buttonsPerItem} + 1) || ' 签收"}',
        ${now} - ${scatter('x', 30 * 24 * 60)} * 60000,
        ${now} - ${scatter('x', 30 * 24 * 60)} * 60000 + ${30 * DAY} + 60000
      from seq`,
    // The dedupe table: the last 30 days, and a few minutes' worth just past retention for the tick to prune.
    `${seq(B * s.updatesPerBody)} insert into processed_updates (platform, update_id, processed_at)
      select 'telegram', cast(700000000 + x as text), ${now} - ${scatter('x', 30 * 24 * 60 + 10)} * 60000 from seq`,
    `${seq(B * s.sentPerBody)} insert into outbox (dedupe_key, platform, chat_id, chat_kind, payload, status,
        attempts, next_attempt_at, platform_message_id, created_at, sent_at)
      select 'reply:telegram:' || x || ':0', 'telegram', cast(-1000000000 - ((x - 1) % ${B}) - 1 as text), 'group',
        '{"text":"已交办 B-2026-' || x || '：排查建设路3处老化线路\\n牵头：成员单位（联络员 联络员）\\n完成时限：2026年12月20日（周日）"}',
        'sent', 1, ${now} - ${scatter('x', 60 * 24 * 60)} * 60000, cast(x as text),
        ${now} - ${scatter('x', 60 * 24 * 60)} * 60000, ${now} - ${scatter('x', 60 * 24 * 60)} * 60000
      from seq`,
    `${seq(items * s.auditPerItem)} insert into audit_events (at, actor_person_id, actor, body_id, subject_type,
        subject_id, action, to_state, source_message)
      select ${now} - ${scatter('x', 60 * 24 * 60)} * 60000, ((x - 1) / ${s.auditPerItem}) / ${I} + 1,
        'telegram:' || (500000 + ((x - 1) / ${s.auditPerItem}) / ${I} + 1), ((x - 1) / ${s.auditPerItem}) / ${I} + 1,
        'item', (x - 1) / ${s.auditPerItem} + 1, 'item.assign', 'assigned', 'telegram:-100:' || x
      from seq`,
  ];
}

/**
 * Items assigned at scattered instants over the last 60 days, due 10–40 days later, each with its lead
 * unit's row and the six cadence steps in the real keys and payloads (see bot/domain/cadence.ts).
 */
function itemStatements(s: SeedScale, now: number): string[] {
  const B = s.bodies;
  const U = s.unitsPerBody;
  const I = s.itemsPerBody;
  const assignedAt = `(${now} - ${scatter('x', 60 * 24 * 60)} * 60000 - 60000)`;
  // The due date as a local calendar day (Shanghai), 10–40 days after assignment.
  const dueDay = `date((${assignedAt} + ${TZ_OFFSET}) / 1000 + (10 + x % 31) * 86400, 'unixepoch')`;
  const unit = `((x - 1) / ${I}) * ${U} + (x - 1) % ${U} + 1`;
  // Local 09:00 of a local day `d` days after the due date.
  const nineAm = (d: number) => `(unixepoch(current_due_date) * 1000 + ${d * DAY} + ${HOUR})`;
  const step = (
    kind: string,
    fireAt: string,
    staleAt: string,
    key: string,
    payload: string,
  ) => `insert into scheduled_steps (kind, subject_type, subject_id, fire_at, stale_at, status, dedupe_key, payload,
        done_at, created_at)
      select 'item.${kind}', 'item', i.id, f.fire_at, ${staleAt}, case when f.fire_at <= ${now} then 'done' else 'pending' end,
        ${key}, ${payload}, case when f.fire_at <= ${now} then f.fire_at end, i.assigned_at
      from items i join item_units u on u.item_id = i.id
        join (select id, ${fireAt} as fire_at from items) f on f.id = i.id`;
  const unitPayload = (to: string) => `'{"unitId":' || u.unit_id || ',"level":"none","to":${to}}'`;
  const duePayload = (level: string, to: string) =>
    `'{"level":"${level}","to":${to},"dueDate":"' || i.current_due_date || '"}'`;
  return [
    `${seq(B * I)} insert into items (id, code, body_id, content, status, original_due_date, current_due_date,
        due_text, assigned_at, created_by, created_at, updated_at)
      select x, 'B' || ((x - 1) / ${I} + 1) || '-2026-' || printf('%03d', (x - 1) % ${I} + 1), (x - 1) / ${I} + 1,
        '排查建设路' || x || '号老化线路并更换配电箱',
        case when x % 10 = 0 then 'reported_done' when x % 3 = 0 then 'in_progress' else 'assigned' end,
        ${dueDay}, ${dueDay}, (10 + x % 31) || '日内', ${assignedAt}, (x - 1) / ${I} + 1, ${assignedAt}, ${assignedAt}
      from seq`,
    `${seq(B * I)} insert into item_units (id, item_id, unit_id, role, liaison_person_id, ack_status, created_at)
      select x, x, ${unit}, 'lead', ${B} + ${unit}, case when x % 3 = 0 then 'acknowledged' else 'pending' end, 0
      from seq`,
    step(
      'ack_reminder',
      `assigned_at + ${DAY}`,
      `f.fire_at + ${DAY}`,
      `'item:' || i.id || ':unit:' || u.unit_id || ':ack_reminder:' || i.assigned_at`,
      unitPayload('["liaison"]'),
    ),
    step(
      'ack_escalation',
      `assigned_at + ${2 * DAY}`,
      `f.fire_at + ${DAY}`,
      `'item:' || i.id || ':unit:' || u.unit_id || ':ack_escalation:' || i.assigned_at`,
      unitPayload('["liaison","secretary"]'),
    ),
    step(
      'due_soon',
      nineAm(-3),
      `f.fire_at + ${2 * DAY}`,
      `'item:' || i.id || ':due_soon:' || i.current_due_date`,
      duePayload('blue', '["liaison"]'),
    ),
    step(
      'due_today',
      nineAm(0),
      `f.fire_at + ${DAY}`,
      `'item:' || i.id || ':due_today:' || i.current_due_date`,
      duePayload('blue', '["liaison"]'),
    ),
    step(
      'overdue_chase',
      nineAm(1),
      `f.fire_at + ${4 * DAY}`,
      `'item:' || i.id || ':overdue_chase:' || i.current_due_date`,
      duePayload('yellow', '["liaison","secretary"]'),
    ),
    step(
      'red',
      nineAm(5),
      'null',
      `'item:' || i.id || ':red:' || i.current_due_date`,
      duePayload('red', '["secretary","chair","group"]'),
    ),
    `${seq(B)} insert into scheduled_steps (kind, subject_type, subject_id, fire_at, status, dedupe_key, created_at)
      select 'body.weekly_digest', 'body', x, ${now + 3 * DAY + 5 * HOUR + 30 * 60_000}, 'pending',
        'body:' || x || ':weekly_digest:' || date(${Math.floor(now / 1000)}, 'unixepoch'), ${now - DAY} from seq`,
  ];
}

/**
 * One monthly series per body, three sittings held in the past and three to come (the next 1–28 days
 * from now, then every 30 days) at 14:30, with the default reminders (topic call 7 days before at
 * 09:00, notice 1 day before at 09:00, reminder 1 hour before) and the series' roll step at its next
 * sitting.
 */
function meetingStatements(s: SeedScale, now: number): string[] {
  const B = s.bodies;
  // Sitting k (−2…3) of body b: local day (today + (b mod 28) + 1 + 30·k) at 14:30 (06:30 UTC).
  const today = Math.floor((now + TZ_OFFSET) / DAY);
  const sittings = `${seq(B * 6)}, m as (
      select x as id, (x - 1) / 6 + 1 as body, (x - 1) % 6 - 2 as k,
        (${today} + ((x - 1) / 6) % 28 + 1 + 30 * ((x - 1) % 6 - 2)) * ${DAY} + ${6 * HOUR + 30 * 60_000} as at
      from seq)`;
  const reminder = (kind: string, fireAt: string) => `${sittings}
    insert into scheduled_steps (kind, subject_type, subject_id, fire_at, stale_at, status, dedupe_key, payload,
        done_at, created_at)
      select 'meeting.${kind}', 'meeting', id, ${fireAt}, at, case when ${fireAt} <= ${now} then 'done' else 'pending' end,
        'meeting:' || id || ':meeting.${kind}:' || (${fireAt}), '{"at":' || at || '}',
        case when ${fireAt} <= ${now} then ${fireAt} end, ${now - 90 * DAY}
      from m`;
  // Local 09:00 of the sitting's day, minus d days.
  const nineAmBefore = (d: number) =>
    `(unixepoch(date((at + ${TZ_OFFSET}) / 1000, 'unixepoch')) * 1000 + ${HOUR - d * DAY})`;
  return [
    `${seq(B)} insert into meeting_series (id, body_id, name, rule_text, rule, timezone, place, status, created_by,
        created_at, updated_at)
      select x, x, '第' || x || '联席会议例会', '每月' || (x % 28 + 1) || '日14:30',
        '{"kind":"monthly_day","day":' || (x % 28 + 1) || ',"time":"14:30"}', 'Asia/Shanghai', '党群服务中心三楼',
        'active', x, ${now - 90 * DAY}, ${now - 90 * DAY}
      from seq`,
    `${sittings} insert into meetings (id, body_id, series_id, seq_no, title, scheduled_at, original_at, place, status,
        started_at, ended_at, created_at, updated_at)
      select id, body, body, k + 3, '第' || body || '联席会议例会', at, at, '党群服务中心三楼',
        case when at < ${now} then 'held' else 'planned' end,
        case when at < ${now} then at end, case when at < ${now} then at + ${HOUR} end, ${now - 90 * DAY}, ${now - 90 * DAY}
      from m`,
    reminder('topic_call', nineAmBefore(7)),
    reminder('notice', nineAmBefore(1)),
    reminder('reminder', `at - ${HOUR}`),
    // Every series' next sitting is its k = 0 one, 1–28 days from now.
    `${sittings} insert into scheduled_steps (kind, subject_type, subject_id, fire_at, status, dedupe_key, payload, created_at)
      select 'meeting.roll', 'body', body, at, 'pending', 'meeting-series:' || body || ':roll:' || at,
        '{"seriesId":' || body || '}', ${now - 90 * DAY}
      from m where k = 0`,
  ];
}
