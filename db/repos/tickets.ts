/** Grid tickets (工单), their escalations up the grid, and the grid settings of a node. */
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { bodies, escalations, type TICKET_STATUSES, tickets } from '../schema/index.js';
import { createCounterRepo } from './counters.js';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type EscalationRow = typeof escalations.$inferSelect;

export function createTicketRepo(db: Db) {
  return {
    get: (id: number): TicketRow | undefined => db.select().from(tickets).where(eq(tickets.id, id)).get(),

    byCode: (code: string): TicketRow | undefined =>
      db.select().from(tickets).where(eq(tickets.code, code.toUpperCase())).get(),

    /** The next code for a prefix and year: WG-2026-G001, WG-2026-G002… */
    nextCode(prefix: string, year: number): string {
      const n = createCounterRepo(db).next(`ticket:${prefix}:${year}`);
      return `${prefix}-${year}-G${String(n).padStart(3, '0')}`;
    },

    create(input: {
      code: string;
      nodeId: number;
      description: string;
      category?: string | null;
      urgency: TicketRow['urgency'];
      location?: string | null;
      photo?: string | null;
      reporterPersonId: number;
      dueAt: number | null;
      now: number;
    }): TicketRow {
      return db
        .insert(tickets)
        .values({
          code: input.code,
          nodeId: input.nodeId,
          currentNodeId: input.nodeId,
          description: input.description,
          category: input.category ?? null,
          urgency: input.urgency,
          location: input.location ?? null,
          photo: input.photo ?? null,
          reporterPersonId: input.reporterPersonId,
          dueAt: input.dueAt,
          reportedAt: input.now,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning()
        .get();
    },

    update(id: number, patch: Partial<Omit<TicketRow, 'id' | 'createdAt'>>, now: number): TicketRow {
      return db
        .update(tickets)
        .set({ ...patch, updatedAt: now })
        .where(eq(tickets.id, id))
        .returning()
        .get();
    },

    /** Tickets a node holds now, optionally only these statuses. */
    atNode: (nodeId: number, statuses?: readonly TicketStatus[]): TicketRow[] =>
      db
        .select()
        .from(tickets)
        .where(
          statuses
            ? and(eq(tickets.currentNodeId, nodeId), inArray(tickets.status, [...statuses]))
            : eq(tickets.currentNodeId, nodeId),
        )
        .orderBy(asc(tickets.id))
        .all(),

    /** Tickets reported in a node since an instant (near-duplicate candidates). */
    reportedSince: (nodeId: number, since: number): TicketRow[] =>
      db
        .select()
        .from(tickets)
        .where(and(eq(tickets.nodeId, nodeId), gte(tickets.reportedAt, since)))
        .orderBy(desc(tickets.id))
        .all(),

    // --- escalations

    escalate(input: {
      ticketId: number;
      fromBodyId: number;
      toBodyId: number;
      reason: EscalationRow['reason'];
      summary: string;
      now: number;
    }): EscalationRow {
      return db
        .insert(escalations)
        .values({
          subjectType: 'ticket',
          subjectId: input.ticketId,
          fromBodyId: input.fromBodyId,
          toBodyId: input.toBodyId,
          reason: input.reason,
          summary: input.summary,
          at: input.now,
        })
        .returning()
        .get();
    },

    escalationsOf: (ticketId: number): EscalationRow[] =>
      db
        .select()
        .from(escalations)
        .where(and(eq(escalations.subjectType, 'ticket'), eq(escalations.subjectId, ticketId)))
        .orderBy(asc(escalations.id))
        .all(),

    /** The escalation that brought the ticket to a node and is still waiting for its decision. */
    openEscalation: (ticketId: number, toBodyId: number): EscalationRow | undefined =>
      db
        .select()
        .from(escalations)
        .where(
          and(
            eq(escalations.subjectType, 'ticket'),
            eq(escalations.subjectId, ticketId),
            eq(escalations.toBodyId, toBodyId),
            eq(escalations.status, 'open'),
          ),
        )
        .orderBy(desc(escalations.id))
        .get(),

    openEscalationsTo: (toBodyId: number): EscalationRow[] =>
      db
        .select()
        .from(escalations)
        .where(
          and(
            eq(escalations.subjectType, 'ticket'),
            eq(escalations.toBodyId, toBodyId),
            eq(escalations.status, 'open'),
          ),
        )
        .orderBy(asc(escalations.id))
        .all(),

    decideEscalation(
      id: number,
      input: { status: EscalationRow['status']; by?: number | null; now: number; note?: string | null },
    ): void {
      db.update(escalations)
        .set({
          status: input.status,
          decidedBy: input.by ?? null,
          decidedAt: input.now,
          note: input.note ?? null,
        })
        .where(eq(escalations.id, id))
        .run();
    },

    /** Every grid node (the tree is small: one street has tens of nodes). */
    gridNodes: () => db.select().from(bodies).where(eq(bodies.kind, 'grid')).orderBy(asc(bodies.id)).all(),
  };
}

export type TicketRepo = ReturnType<typeof createTicketRepo>;
