/** Supervised items (督办事项), their per-unit rows, feedback and extension requests. */
import { and, asc, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  extensionRequests,
  feedback,
  type ITEM_STATUSES,
  items,
  itemUnits,
  meetings,
  people,
  units,
} from '../schema/index.js';
import { createCounterRepo } from './counters.js';

export type ItemRow = typeof items.$inferSelect;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export type ItemUnitRow = typeof itemUnits.$inferSelect;
export type FeedbackRow = typeof feedback.$inferSelect;
export type ExtensionRow = typeof extensionRequests.$inferSelect;

export interface ItemUnitView extends ItemUnitRow {
  unitName: string;
  liaisonName: string | null;
}

export const OPEN_STATUSES: readonly ItemStatus[] = ['assigned', 'in_progress', 'reported_done', 'parked'];

export function createItemRepo(db: Db) {
  const unitsQuery = () =>
    db
      .select({ row: itemUnits, unitName: units.name, liaisonName: people.name })
      .from(itemUnits)
      .innerJoin(units, eq(units.id, itemUnits.unitId))
      .leftJoin(people, eq(people.id, itemUnits.liaisonPersonId));
  const view = (r: { row: ItemUnitRow; unitName: string; liaisonName: string | null }): ItemUnitView => ({
    ...r.row,
    unitName: r.unitName,
    liaisonName: r.liaisonName,
  });
  const leadFirst = sql`case ${itemUnits.role} when 'lead' then 0 else 1 end`;
  // Built once: boards and notices read an item's units many times per command.
  const unitsOfItem = unitsQuery()
    .where(eq(itemUnits.itemId, sql.placeholder('itemId')))
    .orderBy(leadFirst, asc(itemUnits.id))
    .prepare();
  const getItem = db
    .select()
    .from(items)
    .where(eq(items.id, sql.placeholder('id')))
    .prepare();
  const unitsOf = (itemId: number): ItemUnitView[] => unitsOfItem.all({ itemId }).map(view);

  return {
    get: (id: number): ItemRow | undefined => getItem.get({ id }),

    byCode: (code: string): ItemRow | undefined =>
      db.select().from(items).where(eq(items.code, code.toUpperCase())).get(),

    unitsOf,

    /** The next code for a prefix and year: HP-2026-001, HP-2026-002… (one counter per prefix and year). */
    nextCode(prefix: string, year: number): string {
      const n = createCounterRepo(db).next(`item:${prefix}:${year}`);
      return `${prefix}-${year}-${String(n).padStart(3, '0')}`;
    },

    createDraft(input: {
      bodyId: number;
      content: string;
      sourceType?: ItemRow['sourceType'];
      sourceMeetingId?: number | null;
      sourceQuote?: string | null;
      dueText?: string | null;
      dueDate?: string | null;
      createdBy?: number;
      units: { unitId: number; role: 'lead' | 'support'; liaisonPersonId?: number | null }[];
      now: number;
    }): ItemRow {
      const item = db
        .insert(items)
        .values({
          bodyId: input.bodyId,
          content: input.content,
          sourceType: input.sourceType ?? 'meeting',
          sourceMeetingId: input.sourceMeetingId ?? null,
          sourceQuote: input.sourceQuote ?? null,
          dueText: input.dueText ?? null,
          originalDueDate: input.dueDate ?? null,
          currentDueDate: input.dueDate ?? null,
          createdBy: input.createdBy ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning()
        .get();
      for (const u of input.units) {
        db.insert(itemUnits)
          .values({
            itemId: item.id,
            unitId: u.unitId,
            role: u.role,
            liaisonPersonId: u.liaisonPersonId ?? null,
            createdAt: input.now,
          })
          .run();
      }
      return item;
    },

    update(id: number, patch: Partial<Omit<ItemRow, 'id' | 'createdAt'>>, now: number): void {
      db.update(items)
        .set({ ...patch, updatedAt: now })
        .where(eq(items.id, id))
        .run();
    },

    updateUnit(id: number, patch: Partial<Omit<ItemUnitRow, 'id' | 'itemId' | 'createdAt'>>): void {
      db.update(itemUnits).set(patch).where(eq(itemUnits.id, id)).run();
    },

    addUnit(
      itemId: number,
      u: { unitId: number; role: 'lead' | 'support'; liaisonPersonId?: number | null },
      now: number,
    ): void {
      db.insert(itemUnits)
        .values({
          itemId,
          unitId: u.unitId,
          role: u.role,
          liaisonPersonId: u.liaisonPersonId ?? null,
          createdAt: now,
        })
        .onConflictDoUpdate({
          target: [itemUnits.itemId, itemUnits.unitId],
          set: {
            role: u.role,
            liaisonPersonId: u.liaisonPersonId ?? null,
            ackStatus: 'pending',
            ackAt: null,
          },
        })
        .run();
    },

    /**
     * Take a unit off an item (reassignment). Its feedback and extension requests stay with the item;
     * which unit they came from stays in the audit trail.
     */
    removeUnit: (itemUnitId: number): void => {
      db.update(feedback).set({ itemUnitId: null }).where(eq(feedback.itemUnitId, itemUnitId)).run();
      db.update(extensionRequests)
        .set({ itemUnitId: null })
        .where(eq(extensionRequests.itemUnitId, itemUnitId))
        .run();
      db.delete(itemUnits).where(eq(itemUnits.id, itemUnitId)).run();
    },

    deleteDraft(id: number): void {
      db.delete(itemUnits).where(eq(itemUnits.itemId, id)).run();
      db.delete(items)
        .where(and(eq(items.id, id), eq(items.status, 'draft')))
        .run();
    },

    /** Items of a body in the given statuses, oldest code first. */
    ofBody: (bodyId: number, statuses: readonly ItemStatus[] = OPEN_STATUSES): ItemRow[] =>
      db
        .select()
        .from(items)
        .where(and(eq(items.bodyId, bodyId), inArray(items.status, [...statuses])))
        .orderBy(asc(items.id))
        .all(),

    /**
     * The meeting an item recorded now most likely comes from: the body's latest sitting that has
     * started or starts within the next 12 hours (held or planned, not cancelled).
     */
    currentMeetingOf: (bodyId: number, now: number): { id: number } | undefined =>
      db
        .select({ id: meetings.id })
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyId, bodyId),
            lte(meetings.scheduledAt, now + 12 * 3600_000),
            ne(meetings.status, 'cancelled'),
          ),
        )
        .orderBy(desc(meetings.scheduledAt))
        .get(),

    /** Items whose source is a meeting occurrence. */
    ofMeeting: (meetingId: number): ItemRow[] =>
      db.select().from(items).where(eq(items.sourceMeetingId, meetingId)).orderBy(asc(items.id)).all(),

    /** Open items in which a person is the liaison of a unit row. */
    ofLiaison: (personId: number, statuses: readonly ItemStatus[] = OPEN_STATUSES): ItemRow[] =>
      db
        .selectDistinct({ item: items })
        .from(itemUnits)
        .innerJoin(items, eq(items.id, itemUnits.itemId))
        .where(and(eq(itemUnits.liaisonPersonId, personId), inArray(items.status, [...statuses])))
        .orderBy(asc(items.id))
        .all()
        .map((r) => r.item),

    /** The units of many items in one query (boards), lead first. */
    unitsOfMany(itemIds: readonly number[]): Map<number, ItemUnitView[]> {
      const map = new Map<number, ItemUnitView[]>(itemIds.map((id) => [id, []]));
      for (let i = 0; i < itemIds.length; i += 500) {
        const part = itemIds.slice(i, i + 500);
        for (const r of unitsQuery()
          .where(inArray(itemUnits.itemId, part))
          .orderBy(asc(itemUnits.itemId), leadFirst, asc(itemUnits.id))
          .all())
          map.get(r.row.itemId)?.push(view(r));
      }
      return map;
    },

    addFeedback(f: Omit<typeof feedback.$inferInsert, 'id'>): FeedbackRow {
      return db.insert(feedback).values(f).returning().get();
    },

    feedbackOf: (itemId: number): FeedbackRow[] =>
      db
        .select()
        .from(feedback)
        .where(eq(feedback.itemId, itemId))
        .orderBy(asc(feedback.at), asc(feedback.id))
        .all(),

    latestFeedback: (itemId: number): FeedbackRow | undefined =>
      db
        .select()
        .from(feedback)
        .where(eq(feedback.itemId, itemId))
        .orderBy(desc(feedback.at), desc(feedback.id))
        .get(),

    requestExtension(e: Omit<typeof extensionRequests.$inferInsert, 'id' | 'status'>): ExtensionRow {
      return db.insert(extensionRequests).values(e).returning().get();
    },

    pendingExtension: (itemId: number): ExtensionRow | undefined =>
      db
        .select()
        .from(extensionRequests)
        .where(and(eq(extensionRequests.itemId, itemId), eq(extensionRequests.status, 'pending')))
        .orderBy(desc(extensionRequests.id))
        .get(),

    decideExtension(
      id: number,
      d: {
        status: 'approved' | 'rejected' | 'withdrawn';
        by?: number;
        at: number;
        approvedDueDate?: string;
        note?: string;
      },
    ): void {
      db.update(extensionRequests)
        .set({
          status: d.status,
          decidedBy: d.by ?? null,
          decidedAt: d.at,
          approvedDueDate: d.approvedDueDate ?? null,
          decisionNote: d.note ?? null,
        })
        .where(eq(extensionRequests.id, id))
        .run();
    },

    extensionsOf: (itemId: number): ExtensionRow[] =>
      db
        .select()
        .from(extensionRequests)
        .where(eq(extensionRequests.itemId, itemId))
        .orderBy(asc(extensionRequests.id))
        .all(),
  };
}

export type ItemRepo = ReturnType<typeof createItemRepo>;
