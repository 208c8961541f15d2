/** Organisation and infrastructure: bodies, chats, people, units, liaisons, roles, outbox, audit. */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { createdAt, id, inList, updatedAt } from './columns.js';

// === Organisation: bodies (joint meetings and grid nodes), chats, people, units, roles

export const BODY_KINDS = ['joint_meeting', 'grid'] as const;
export const GRID_LEVELS = ['street', 'community', 'grid', 'building'] as const;

/** A joint-meeting body (联席会议) or a grid node (街道/社区/网格/楼栋); chats bind to one of these. */
export const bodies = sqliteTable(
  'bodies',
  {
    id: id(),
    kind: text('kind', { enum: BODY_KINDS }).notNull(),
    name: text('name').notNull(),
    /** Grid nodes only: street → community → grid → building. */
    gridLevel: text('grid_level', { enum: GRID_LEVELS }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => bodies.id),
    /** A grid node's joint meeting, whose co-building units it may dispatch to. */
    jointBodyId: integer('joint_body_id').references((): AnySQLiteColumn => bodies.id),
    /** Prefix of item and ticket codes, e.g. HP → HP-2026-031. */
    codePrefix: text('code_prefix').notNull(),
    timezone: text('timezone').notNull(),
    /** Per-body settings (time limits, reminder defaults…) as JSON. */
    settings: text('settings').notNull().default('{}'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bodies_kind_name_uq').on(t.kind, t.name),
    index('bodies_parent_idx').on(t.parentId),
    check('bodies_kind_ck', sql`${t.kind} in (${inList(BODY_KINDS)})`),
    check(
      'bodies_grid_level_ck',
      sql`(${t.kind} = 'grid' and ${t.gridLevel} in (${inList(GRID_LEVELS)})) or (${t.kind} = 'joint_meeting' and ${t.gridLevel} is null)`,
    ),
  ],
);

/** A group or direct chat on a platform, optionally bound to a body. */
export const chats = sqliteTable(
  'chats',
  {
    id: id(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    kind: text('kind', { enum: ['direct', 'group'] }).notNull(),
    title: text('title'),
    bodyId: integer('body_id').references(() => bodies.id),
    /** False once the bot was removed from the chat. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    language: text('language'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('chats_platform_chat_uq').on(t.platform, t.chatId),
    index('chats_body_idx').on(t.bodyId),
    check('chats_kind_ck', sql`${t.kind} in ('direct','group')`),
  ],
);

/** A person; may exist before any chat identity (e.g. a liaison imported from a roster). */
export const people = sqliteTable(
  'people',
  {
    id: id(),
    name: text('name').notNull(),
    /** Personal data: never logged, masked in groups and before any text leaves for a model. */
    phone: text('phone'),
    unitId: integer('unit_id').references(() => units.id),
    title: text('title'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('people_name_idx').on(t.name)],
);

/** A platform account of a person, with the display name from the user directory (C4). */
export const identities = sqliteTable(
  'identities',
  {
    id: id(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name'),
    username: text('username'),
    /** Whether a direct message reaches this account: unknown until tried, or the user started the bot. */
    dmStatus: text('dm_status', { enum: ['unknown', 'ok', 'unreachable'] })
      .notNull()
      .default('unknown'),
    /** Token of a Telegram deep link (`/start <token>`) that links this identity. */
    linkToken: text('link_token'),
    lastSeenAt: integer('last_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('identities_platform_user_uq').on(t.platform, t.userId),
    uniqueIndex('identities_link_token_uq').on(t.linkToken),
    index('identities_person_idx').on(t.personId),
    check('identities_dm_status_ck', sql`${t.dmStatus} in ('unknown','ok','unreachable')`),
  ],
);

export const ORG_TYPES = [
  'street_party_committee',
  'street_office',
  'community_party_committee',
  'residents_committee',
  'grid_party_branch',
  'building_party_group',
  'government_department',
  'public_institution',
  'enterprise',
  'property_company',
  'social_organization',
  'other',
] as const;

/** A unit (单位): owns items through its liaison. Units are shared; bodies list their members. */
export const units = sqliteTable(
  'units',
  {
    id: id(),
    name: text('name').notNull(),
    type: text('type', { enum: ORG_TYPES }).notNull().default('other'),
    isCoBuilding: integer('is_co_building', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('units_name_uq').on(t.name),
    check('units_type_ck', sql`${t.type} in (${inList(ORG_TYPES)})`),
  ],
);

export const unitAliases = sqliteTable(
  'unit_aliases',
  {
    id: id(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('unit_aliases_unit_alias_uq').on(t.unitId, t.alias),
    index('unit_aliases_alias_idx').on(t.alias),
  ],
);

/** Membership of a unit in a body; `leftAt` keeps history when a unit is removed. */
export const bodyUnits = sqliteTable(
  'body_units',
  {
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    joinedAt: integer('joined_at').notNull(),
    leftAt: integer('left_at'),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.unitId] }), index('body_units_unit_idx').on(t.unitId)],
);

/** Who is a unit's liaison in a body, and since when; a change closes the old row (history kept). */
export const liaisonAssignments = sqliteTable(
  'liaison_assignments',
  {
    id: id(),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    isBackup: integer('is_backup', { mode: 'boolean' }).notNull().default(false),
    fromAt: integer('from_at').notNull(),
    toAt: integer('to_at'),
    assignedBy: integer('assigned_by').references(() => people.id),
    endedBy: integer('ended_by').references(() => people.id),
  },
  (t) => [
    index('liaison_assignments_current_idx').on(t.bodyId, t.unitId, t.toAt),
    index('liaison_assignments_person_idx').on(t.personId, t.toAt),
  ],
);

export const ROLES = ['admin', 'secretary', 'chair', 'member', 'grid_leader', 'grid_worker'] as const;

/** A role held by a person in a body (`bodyId` null = everywhere, used for admins). */
export const roleGrants = sqliteTable(
  'role_grants',
  {
    id: id(),
    bodyId: integer('body_id').references(() => bodies.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: ROLES }).notNull(),
    grantedBy: integer('granted_by').references(() => people.id),
    grantedAt: integer('granted_at').notNull(),
    revokedAt: integer('revoked_at'),
    revokedBy: integer('revoked_by').references(() => people.id),
  },
  (t) => [
    index('role_grants_body_person_idx').on(t.bodyId, t.personId, t.revokedAt),
    check('role_grants_role_ck', sql`${t.role} in (${inList(ROLES)})`),
  ],
);

// === Infrastructure: outbox, update dedupe, audit, counters, calendar, conversation state

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;

/**
 * Every message the bot sends. Written in the same transaction as the state change that causes it;
 * the delivery worker sends it under the platform's limits. The dedupe key makes a re-run harmless.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    dedupeKey: text('dedupe_key').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    chatKind: text('chat_kind', { enum: ['direct', 'group'] }).notNull(),
    threadId: text('thread_id'),
    /** For a direct message: the person it is for, and the group to fall back to if the DM fails. */
    personId: integer('person_id').references(() => people.id),
    fallbackChatId: text('fallback_chat_id'),
    /** The Outgoing message as JSON. */
    payload: text('payload').notNull(),
    replyToken: text('reply_token'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    createdAt: createdAt(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    index('outbox_sent_message_idx').on(t.platform, t.chatId, t.platformMessageId),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    check('outbox_status_ck', sql`${t.status} in (${inList(OUTBOX_STATUSES)})`),
  ],
);

/** Platform updates already handled (Telegram update_id, WeCom msgid): dedupe that survives a restart. */
export const processedUpdates = sqliteTable(
  'processed_updates',
  {
    platform: text('platform').notNull(),
    updateId: text('update_id').notNull(),
    processedAt: integer('processed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.updateId] }),
    index('processed_updates_at_idx').on(t.processedAt),
  ],
);

/** 留痕: who did what, when, why, from which message. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: id(),
    at: integer('at').notNull(),
    actorPersonId: integer('actor_person_id').references(() => people.id),
    /** `platform:userId`, or `system` for the scheduler. */
    actor: text('actor').notNull(),
    bodyId: integer('body_id').references(() => bodies.id),
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    reason: text('reason'),
    data: text('data'),
    sourceMessage: text('source_message'),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_events_body_idx').on(t.bodyId, t.at),
  ],
);

/** Sequences for codes (HP-2026-031): one row per prefix and year. */
export const counters = sqliteTable('counters', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

/** Holiday calendar overrides an admin enters for years the bundled data lacks (or to correct it). */
export const holidayOverrides = sqliteTable(
  'holiday_overrides',
  {
    date: text('date').primaryKey(),
    isOffDay: integer('is_off_day', { mode: 'boolean' }).notNull(),
    name: text('name'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  () => [],
);

/**
 * State kept server-side: long button payloads (Telegram allows 64 bytes of callback data) and
 * multi-step conversations (请假 asks for a reason, then a substitute).
 */
export const pendingActions = sqliteTable(
  'pending_actions',
  {
    id: id(),
    token: text('token').notNull(),
    kind: text('kind', { enum: ['button', 'conversation', 'link'] }).notNull(),
    platform: text('platform'),
    chatId: text('chat_id'),
    userId: text('user_id'),
    payload: text('payload').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [
    uniqueIndex('pending_actions_token_uq').on(t.token),
    index('pending_actions_conversation_idx').on(t.platform, t.chatId, t.userId, t.kind),
    index('pending_actions_expires_idx').on(t.expiresAt),
  ],
);
