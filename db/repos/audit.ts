/** The audit trail (留痕): every state change records who, when, why and from which message. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditEvents } from '../schema/index.js';

export type AuditRow = typeof auditEvents.$inferSelect;

export interface AuditInput {
  at: number;
  actor: string;
  actorPersonId?: number;
  bodyId?: number | null;
  subjectType: string;
  subjectId?: number | null;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  data?: unknown;
  sourceMessage?: string | null;
}

export function createAuditRepo(db: Db) {
  // Built once: nearly every state change records an event.
  const insert = db
    .insert(auditEvents)
    .values({
      at: sql.placeholder('at'),
      actor: sql.placeholder('actor'),
      actorPersonId: sql.placeholder('actorPersonId'),
      bodyId: sql.placeholder('bodyId'),
      subjectType: sql.placeholder('subjectType'),
      subjectId: sql.placeholder('subjectId'),
      action: sql.placeholder('action'),
      fromState: sql.placeholder('fromState'),
      toState: sql.placeholder('toState'),
      reason: sql.placeholder('reason'),
      data: sql.placeholder('data'),
      sourceMessage: sql.placeholder('sourceMessage'),
    })
    .prepare();
  return {
    record(e: AuditInput): void {
      insert.run({
        at: e.at,
        actor: e.actor,
        actorPersonId: e.actorPersonId ?? null,
        bodyId: e.bodyId ?? null,
        subjectType: e.subjectType,
        subjectId: e.subjectId ?? null,
        action: e.action,
        fromState: e.fromState ?? null,
        toState: e.toState ?? null,
        reason: e.reason ?? null,
        data: e.data === undefined ? null : JSON.stringify(e.data),
        sourceMessage: e.sourceMessage ?? null,
      });
    },

    of: (subjectType: string, subjectId: number): AuditRow[] =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)))
        .orderBy(auditEvents.id)
        .all(),

    recent: (limit = 50): AuditRow[] =>
      db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(limit).all(),
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
