/**
 * The reads behind statistics, in bulk: a body's supervised items with their unit rows and approved
 * extensions, the tickets of a grid subtree, and the audit events that carry what the rows forget
 * (returns, moved deadlines, dispatches, callbacks). A few queries per report, not a few per item.
 * @module
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditEvents, extensionRequests, items, itemUnits, tickets, units } from '../schema/index.js';
import type { AuditRow } from './audit.js';
import type { ExtensionRow, ItemRow, ItemUnitRow } from './items.js';
import type { TicketRow } from './tickets.js';

export interface StatsUnitRow extends ItemUnitRow {
  unitName: string;
}

/** SQLite binds at most 32,766 variables; stay far below. */
const CHUNK = 500;

function chunked<T, R>(ids: readonly T[], read: (part: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...read(ids.slice(i, i + CHUNK)));
  return out;
}

export function createStatsRepo(db: Db) {
  return {
    /** Every item of a body that was ever supervised (drafts are not). */
    itemsOf: (bodyId: number): ItemRow[] =>
      db
        .select()
        .from(items)
        .where(and(eq(items.bodyId, bodyId), ne(items.status, 'draft')))
        .orderBy(asc(items.id))
        .all(),

    unitRowsOf: (itemIds: readonly number[]): StatsUnitRow[] =>
      chunked(itemIds, (part) =>
        db
          .select({ row: itemUnits, unitName: units.name })
          .from(itemUnits)
          .innerJoin(units, eq(units.id, itemUnits.unitId))
          .where(inArray(itemUnits.itemId, part))
          .orderBy(asc(itemUnits.id))
          .all()
          .map((r) => ({ ...r.row, unitName: r.unitName })),
      ),

    approvedExtensionsOf: (itemIds: readonly number[]): ExtensionRow[] =>
      chunked(itemIds, (part) =>
        db
          .select()
          .from(extensionRequests)
          .where(and(inArray(extensionRequests.itemId, part), eq(extensionRequests.status, 'approved')))
          .orderBy(asc(extensionRequests.id))
          .all(),
      ),

    /** Tickets reported in, or now held by, any of the nodes. */
    ticketsOf: (nodeIds: readonly number[]): TicketRow[] => {
      const seen = new Map<number, TicketRow>();
      for (const col of [tickets.nodeId, tickets.currentNodeId]) {
        for (const t of chunked(nodeIds, (part) => db.select().from(tickets).where(inArray(col, part)).all()))
          seen.set(t.id, t);
      }
      return [...seen.values()].sort((a, b) => a.id - b.id);
    },

    /** Audit events of some subjects with the given actions, oldest first. */
    auditOf: (
      subjectType: 'item' | 'ticket',
      ids: readonly number[],
      actions: readonly string[],
    ): AuditRow[] =>
      chunked(ids, (part) =>
        db
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.subjectType, subjectType),
              inArray(auditEvents.subjectId, part),
              inArray(auditEvents.action, [...actions]),
            ),
          )
          .all(),
      ).sort((a, b) => a.at - b.at || a.id - b.id),

    unitNames: (ids: readonly number[]): Map<number, string> =>
      new Map(
        chunked(ids, (part) =>
          db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, part)).all(),
        ).map((u) => [u.id, u.name]),
      ),
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;
