/** Supervised items (督办事项): per-unit rows, feedback, extensions, scheduled steps. */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { createdAt, id, inList, updatedAt } from './columns.js';
import { bodies, people, units } from './core.js';
import { tickets } from './grid.js';
import { meetings } from './meetings.js';

// === Supervised items (督办事项)

export const ITEM_STATUSES = [
  'draft',
  'assigned',
  'in_progress',
  'reported_done',
  'closed',
  'parked',
  'cancelled',
] as const;
export const WARNING_LEVELS = ['none', 'blue', 'yellow', 'orange', 'red'] as const;
export const ITEM_SOURCES = [
  'meeting',
  'leader_instruction',
  'document',
  'hotline',
  'grid_escalation',
  'other',
] as const;

export const items = sqliteTable(
  'items',
  {
    id: id(),
    /** 立项号, e.g. HP-2026-031; null while a draft. */
    code: text('code'),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    sourceType: text('source_type', { enum: ITEM_SOURCES }).notNull().default('meeting'),
    sourceMeetingId: integer('source_meeting_id').references(() => meetings.id),
    sourceTicketId: integer('source_ticket_id').references((): AnySQLiteColumn => tickets.id),
    sourceQuote: text('source_quote'),
    content: text('content').notNull(),
    priority: text('priority', { enum: ['normal', 'urgent', 'very_urgent'] })
      .notNull()
      .default('normal'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('draft'),
    originalDueDate: text('original_due_date'),
    currentDueDate: text('current_due_date'),
    /** The deadline as said (10月20日前, 10个工作日内). */
    dueText: text('due_text'),
    parkedReviewDate: text('parked_review_date'),
    warningLevel: text('warning_level', { enum: WARNING_LEVELS }).notNull().default('none'),
    chaseCount: integer('chase_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    reworkCount: integer('rework_count').notNull().default(0),
    assignedAt: integer('assigned_at'),
    reportedDoneAt: integer('reported_done_at'),
    verifiedAt: integer('verified_at'),
    verifiedBy: integer('verified_by').references(() => people.id),
    closedAt: integer('closed_at'),
    closeNote: text('close_note'),
    cancelledAt: integer('cancelled_at'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('items_code_uq').on(t.code),
    index('items_body_status_idx').on(t.bodyId, t.status),
    index('items_status_due_idx').on(t.status, t.currentDueDate),
    index('items_source_meeting_idx').on(t.sourceMeetingId),
    check('items_status_ck', sql`${t.status} in (${inList(ITEM_STATUSES)})`),
    check('items_warning_ck', sql`${t.warningLevel} in (${inList(WARNING_LEVELS)})`),
    check('items_source_ck', sql`${t.sourceType} in (${inList(ITEM_SOURCES)})`),
  ],
);

/** One row per unit on an item (lead and each support unit), with its own acknowledgement. */
export const itemUnits = sqliteTable(
  'item_units',
  {
    id: id(),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role', { enum: ['lead', 'support'] }).notNull(),
    /** Named in the item, otherwise the unit's liaison at assignment time. */
    liaisonPersonId: integer('liaison_person_id').references(() => people.id),
    ackStatus: text('ack_status', { enum: ['pending', 'acknowledged', 'returned'] })
      .notNull()
      .default('pending'),
    ackAt: integer('ack_at'),
    lastFeedbackAt: integer('last_feedback_at'),
    overdue: integer('overdue', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('item_units_item_unit_uq').on(t.itemId, t.unitId),
    index('item_units_unit_idx').on(t.unitId, t.ackStatus),
    index('item_units_liaison_idx').on(t.liaisonPersonId),
    check('item_units_role_ck', sql`${t.role} in ('lead','support')`),
    check('item_units_ack_ck', sql`${t.ackStatus} in ('pending','acknowledged','returned')`),
  ],
);

export const FEEDBACK_INTENTS = [
  'acknowledge',
  'progress',
  'done',
  'extension',
  'not_our_remit',
  'question',
] as const;

/** A liaison's reply on an item: progress, done (with evidence), not-our-remit… */
export const feedback = sqliteTable(
  'feedback',
  {
    id: id(),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    itemUnitId: integer('item_unit_id').references(() => itemUnits.id),
    personId: integer('person_id').references(() => people.id),
    intent: text('intent', { enum: FEEDBACK_INTENTS }).notNull(),
    text: text('text'),
    percent: integer('percent'),
    reason: text('reason'),
    suggestedUnit: text('suggested_unit'),
    /** Evidence files as JSON [{ name, mime, ref }]. */
    evidence: text('evidence'),
    parser: text('parser', { enum: ['button', 'keywords', 'llm', 'human'] })
      .notNull()
      .default('button'),
    sourceMessageId: text('source_message_id'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('feedback_item_idx').on(t.itemId, t.at),
    check('feedback_intent_ck', sql`${t.intent} in (${inList(FEEDBACK_INTENTS)})`),
  ],
);

/** 延期申请: filed before the due date with a reason; the approval names a date. */
export const extensionRequests = sqliteTable(
  'extension_requests',
  {
    id: id(),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    itemUnitId: integer('item_unit_id').references(() => itemUnits.id),
    requestedBy: integer('requested_by').references(() => people.id),
    requestedAt: integer('requested_at').notNull(),
    originalDueDate: text('original_due_date'),
    proposedDueDate: text('proposed_due_date').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] })
      .notNull()
      .default('pending'),
    filedBeforeDue: integer('filed_before_due', { mode: 'boolean' }).notNull(),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: integer('decided_at'),
    approvedDueDate: text('approved_due_date'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('extension_requests_item_idx').on(t.itemId, t.status),
    check('extension_requests_status_ck', sql`${t.status} in ('pending','approved','rejected','withdrawn')`),
  ],
);

/**
 * Everything the scheduler must do at an instant: meeting reminders, follow-up steps, digests. The
 * dedupe key makes "never twice" a database fact; `staleAt` lets a late step be skipped and logged.
 */
export const scheduledSteps = sqliteTable(
  'scheduled_steps',
  {
    id: id(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type', { enum: ['meeting', 'item', 'item_unit', 'ticket', 'body'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    fireAt: integer('fire_at').notNull(),
    /** After this instant the step is no longer useful: skipped and logged instead of sent late. */
    staleAt: integer('stale_at'),
    status: text('status', { enum: ['pending', 'done', 'skipped', 'cancelled'] })
      .notNull()
      .default('pending'),
    dedupeKey: text('dedupe_key').notNull(),
    payload: text('payload'),
    doneAt: integer('done_at'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('scheduled_steps_dedupe_uq').on(t.dedupeKey),
    index('scheduled_steps_due_idx').on(t.status, t.fireAt),
    index('scheduled_steps_subject_idx').on(t.subjectType, t.subjectId),
    check('scheduled_steps_status_ck', sql`${t.status} in ('pending','done','skipped','cancelled')`),
  ],
);
