/** Meetings: series, occurrences, attendance, agenda topics, captured discussion, minutes. */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, inList, updatedAt } from './columns.js';
import { bodies, chats, people, units } from './core.js';

// === Meetings

/** A regular meeting series (例会) with its recurrence rule, reminder plan and holiday policy. */
export const meetingSeries = sqliteTable(
  'meeting_series',
  {
    id: id(),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    name: text('name').notNull(),
    /** The phrase as typed (每月5日14:30) and the rule it was understood as (JSON). */
    ruleText: text('rule_text').notNull(),
    rule: text('rule').notNull(),
    timezone: text('timezone').notNull(),
    /** keep = hold it on the holiday; next_workday = 顺延 to the next working day. */
    holidayPolicy: text('holiday_policy', { enum: ['keep', 'next_workday'] })
      .notNull()
      .default('keep'),
    place: text('place'),
    onlineLink: text('online_link'),
    chairPersonId: integer('chair_person_id').references(() => people.id),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    /** Number of the first occurrence (第N次). */
    seqStart: integer('seq_start').notNull().default(1),
    /** Reminder offsets as JSON; null keeps the body's defaults. */
    reminderPlan: text('reminder_plan'),
    status: text('status', { enum: ['draft', 'active', 'stopped'] })
      .notNull()
      .default('draft'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meeting_series_body_idx').on(t.bodyId, t.status),
    check('meeting_series_status_ck', sql`${t.status} in ('draft','active','stopped')`),
    check('meeting_series_holiday_ck', sql`${t.holidayPolicy} in ('keep','next_workday')`),
  ],
);

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;

/** One sitting: an occurrence of a series or a one-off meeting. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: id(),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    seriesId: integer('series_id').references(() => meetingSeries.id),
    seqNo: integer('seq_no'),
    title: text('title').notNull(),
    kind: text('kind', { enum: ['regular', 'adhoc', 'thematic', 'liaison'] })
      .notNull()
      .default('regular'),
    scheduledAt: integer('scheduled_at').notNull(),
    /** The rule's own instant, kept when an occurrence is moved so it is never generated twice. */
    originalAt: integer('original_at').notNull(),
    place: text('place'),
    onlineLink: text('online_link'),
    chairPersonId: integer('chair_person_id').references(() => people.id),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    startedAt: integer('started_at'),
    endedAt: integer('ended_at'),
    /** The chat whose discussion is captured between /meeting start and /meeting end. */
    captureChatId: integer('capture_chat_id').references(() => chats.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('meetings_series_original_uq').on(t.seriesId, t.originalAt),
    index('meetings_body_scheduled_idx').on(t.bodyId, t.scheduledAt),
    check('meetings_status_ck', sql`${t.status} in (${inList(MEETING_STATUSES)})`),
  ],
);

export const ATTENDANCE_STATUSES = ['attending', 'present', 'excused', 'observer', 'absent'] as const;

/** 参会 / 请假 (with reason and substitute 代会人) and, after the meeting, 出席 / 列席 / 缺席. */
export const attendance = sqliteTable(
  'attendance',
  {
    id: id(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    unitId: integer('unit_id').references(() => units.id),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    reason: text('reason'),
    substituteName: text('substitute_name'),
    substitutePersonId: integer('substitute_person_id').references(() => people.id),
    respondedAt: integer('responded_at').notNull(),
  },
  (t) => [
    uniqueIndex('attendance_meeting_person_uq').on(t.meetingId, t.personId),
    check('attendance_status_ck', sql`${t.status} in (${inList(ATTENDANCE_STATUSES)})`),
  ],
);

export const TOPIC_STATUSES = ['proposed', 'accepted', 'deferred', 'rejected', 'discussed'] as const;

/** 议题: proposed for the next sitting; deferred topics (下次再议) return to the pool. */
export const agendaTopics = sqliteTable(
  'agenda_topics',
  {
    id: id(),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    meetingId: integer('meeting_id').references(() => meetings.id),
    title: text('title').notNull(),
    proposerPersonId: integer('proposer_person_id').references(() => people.id),
    proposerUnitId: integer('proposer_unit_id').references(() => units.id),
    status: text('status', { enum: TOPIC_STATUSES }).notNull().default('proposed'),
    deferredFromMeetingId: integer('deferred_from_meeting_id').references(() => meetings.id),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: integer('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('agenda_topics_body_status_idx').on(t.bodyId, t.status),
    index('agenda_topics_meeting_idx').on(t.meetingId),
    check('agenda_topics_status_ck', sql`${t.status} in (${inList(TOPIC_STATUSES)})`),
  ],
);

/** Messages captured between /meeting start and /meeting end, for the minutes. */
export const capturedMessages = sqliteTable(
  'captured_messages',
  {
    id: id(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: integer('person_id').references(() => people.id),
    senderName: text('sender_name').notNull(),
    text: text('text').notNull(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [index('captured_messages_meeting_idx').on(t.meetingId, t.sentAt)],
);

export const MINUTES_STATUSES = ['draft', 'approved', 'issued'] as const;

/** 纪要: draft → approved by the chair → issued. The body is JSON (opening, items, attendance…). */
export const minutes = sqliteTable(
  'minutes',
  {
    id: id(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull().default(1),
    status: text('status', { enum: MINUTES_STATUSES }).notNull().default('draft'),
    docNo: text('doc_no'),
    content: text('content').notNull(),
    approvedBy: integer('approved_by').references(() => people.id),
    approvedAt: integer('approved_at'),
    issuedAt: integer('issued_at'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('minutes_meeting_version_uq').on(t.meetingId, t.version),
    check('minutes_status_ck', sql`${t.status} in (${inList(MINUTES_STATUSES)})`),
  ],
);
