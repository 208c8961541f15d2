/** Grid tickets (工单) and escalations up the grid. */
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
import { items } from './items.js';

// === Grid tickets (工单)

export const TICKET_STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'in_grid',
  'dispatched',
  'acknowledged',
  'return_requested',
  'in_progress',
  'responded',
  'verifying',
  'closed',
  'parked',
] as const;

export const tickets = sqliteTable(
  'tickets',
  {
    id: id(),
    code: text('code').notNull(),
    /** The grid node it was reported in, and the node that holds it now (after escalation). */
    nodeId: integer('node_id')
      .notNull()
      .references(() => bodies.id),
    currentNodeId: integer('current_node_id')
      .notNull()
      .references(() => bodies.id),
    description: text('description').notNull(),
    category: text('category'),
    urgency: text('urgency', { enum: ['normal', 'urgent', 'emergency'] })
      .notNull()
      .default('normal'),
    location: text('location'),
    /** Photo as JSON { name, mime, ref }. */
    photo: text('photo'),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('reported'),
    difficult: integer('difficult', { mode: 'boolean' }).notNull().default(false),
    reporterPersonId: integer('reporter_person_id').references(() => people.id),
    handlingUnitId: integer('handling_unit_id').references(() => units.id),
    itemId: integer('item_id').references((): AnySQLiteColumn => items.id),
    mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => tickets.id),
    dueAt: integer('due_at'),
    reportedAt: integer('reported_at').notNull(),
    acceptedAt: integer('accepted_at'),
    dispatchedAt: integer('dispatched_at'),
    ackAt: integer('ack_at'),
    respondedAt: integer('responded_at'),
    responseText: text('response_text'),
    verifiedAt: integer('verified_at'),
    verifiedBy: integer('verified_by').references(() => people.id),
    verifyNote: text('verify_note'),
    closedAt: integer('closed_at'),
    parkedReviewDate: text('parked_review_date'),
    satisfaction: text('satisfaction', {
      enum: ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'],
    }),
    satisfactionReason: text('satisfaction_reason'),
    returnCount: integer('return_count').notNull().default(0),
    reworkCount: integer('rework_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tickets_code_uq').on(t.code),
    index('tickets_node_status_idx').on(t.currentNodeId, t.status),
    index('tickets_status_due_idx').on(t.status, t.dueAt),
    check('tickets_status_ck', sql`${t.status} in (${inList(TICKET_STATUSES)})`),
    check('tickets_urgency_ck', sql`${t.urgency} in ('normal','urgent','emergency')`),
  ],
);

/** 疑难问题上报: an item or ticket escalated from one body to its parent. */
export const escalations = sqliteTable(
  'escalations',
  {
    id: id(),
    subjectType: text('subject_type', { enum: ['item', 'ticket'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    fromBodyId: integer('from_body_id')
      .notNull()
      .references(() => bodies.id),
    toBodyId: integer('to_body_id')
      .notNull()
      .references(() => bodies.id),
    reason: text('reason', {
      enum: ['overdue', 'difficult', 'beyond_capacity', 'unclear_owner', 'other'],
    }).notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: ['open', 'taken', 'dispatched', 'returned', 'resolved'] })
      .notNull()
      .default('open'),
    at: integer('at').notNull(),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: integer('decided_at'),
    note: text('note'),
  },
  (t) => [index('escalations_to_status_idx').on(t.toBodyId, t.status)],
);
