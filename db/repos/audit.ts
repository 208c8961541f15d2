/** The audit trail (留痕): every state change records who, when, why and from which message. */
import { and, desc, eq } from 'drizzle-orm';
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
  return {
    record(e: AuditInput): void {
      db.insert(auditEvents)
        .values({
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
        })
        .run();
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
