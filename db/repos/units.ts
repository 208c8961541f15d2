/** Units (单位), their aliases, and which bodies they belong to. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { bodyUnits, items, itemUnits, type ORG_TYPES, unitAliases, units } from '../schema/index.js';

export type UnitRow = typeof units.$inferSelect;
export type OrgType = (typeof ORG_TYPES)[number];
export interface UnitWithAliases extends UnitRow {
  aliases: string[];
}

const OPEN_ITEM_STATUSES = ['draft', 'assigned', 'in_progress', 'reported_done', 'parked'] as const;

export function createUnitRepo(db: Db) {
  // Built once: every command that names a unit reads the body's units.
  const unitsOfBody = db
    .select({ unit: units })
    .from(bodyUnits)
    .innerJoin(units, eq(units.id, bodyUnits.unitId))
    .where(and(eq(bodyUnits.bodyId, sql.placeholder('bodyId')), isNull(bodyUnits.leftAt)))
    .orderBy(bodyUnits.joinedAt, units.id)
    .prepare();
  const aliasesOf = (unitIds: number[]): Map<number, string[]> => {
    const map = new Map<number, string[]>();
    if (!unitIds.length) return map;
    for (const r of db
      .select()
      .from(unitAliases)
      .where(inArray(unitAliases.unitId, unitIds))
      .orderBy(unitAliases.id)
      .all()) {
      map.set(r.unitId, [...(map.get(r.unitId) ?? []), r.alias]);
    }
    return map;
  };

  const withAliases = (rows: UnitRow[]): UnitWithAliases[] => {
    const map = aliasesOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, aliases: map.get(r.id) ?? [] }));
  };

  return {
    get: (id: number): UnitWithAliases | undefined => {
      const row = db.select().from(units).where(eq(units.id, id)).get();
      return row ? withAliases([row])[0] : undefined;
    },

    findByName: (name: string): UnitRow | undefined =>
      db.select().from(units).where(eq(units.name, name)).get(),

    /** The current member units of a body, in the order they joined. */
    ofBody(bodyId: number): UnitWithAliases[] {
      return withAliases(unitsOfBody.all({ bodyId }).map((r) => r.unit));
    },

    create(input: { name: string; type?: OrgType; now: number }): UnitRow {
      return db
        .insert(units)
        .values({ name: input.name, type: input.type ?? 'other', createdAt: input.now, updatedAt: input.now })
        .returning()
        .get();
    },

    setType(unitId: number, type: OrgType, now: number): void {
      db.update(units).set({ type, updatedAt: now }).where(eq(units.id, unitId)).run();
    },

    rename(unitId: number, name: string, now: number): void {
      db.update(units).set({ name, updatedAt: now }).where(eq(units.id, unitId)).run();
    },

    /** Add aliases, ignoring those the unit already has. Returns the ones actually added. */
    addAliases(unitId: number, aliases: string[], now: number): string[] {
      const added: string[] = [];
      for (const alias of aliases) {
        const r = db
          .insert(unitAliases)
          .values({ unitId, alias, createdAt: now })
          .onConflictDoNothing()
          .run();
        if (r.changes) added.push(alias);
      }
      return added;
    },

    removeAlias(unitId: number, alias: string): boolean {
      return (
        db
          .delete(unitAliases)
          .where(and(eq(unitAliases.unitId, unitId), eq(unitAliases.alias, alias)))
          .run().changes > 0
      );
    },

    /** Membership: (re)join a body. A unit that left earlier joins again with a fresh date. */
    join(bodyId: number, unitId: number, now: number): void {
      db.insert(bodyUnits)
        .values({ bodyId, unitId, joinedAt: now })
        .onConflictDoUpdate({
          target: [bodyUnits.bodyId, bodyUnits.unitId],
          set: { leftAt: null, joinedAt: now },
        })
        .run();
    },

    leave(bodyId: number, unitId: number, now: number): void {
      db.update(bodyUnits)
        .set({ leftAt: now })
        .where(and(eq(bodyUnits.bodyId, bodyId), eq(bodyUnits.unitId, unitId)))
        .run();
    },

    isMember(bodyId: number, unitId: number): boolean {
      return Boolean(
        db
          .select({ one: sql`1` })
          .from(bodyUnits)
          .where(and(eq(bodyUnits.bodyId, bodyId), eq(bodyUnits.unitId, unitId), isNull(bodyUnits.leftAt)))
          .get(),
      );
    },

    /** Open supervised items in which the unit has a row, in this body. */
    openItemCount(bodyId: number, unitId: number): number {
      const r = db
        .select({ n: sql<number>`count(*)` })
        .from(itemUnits)
        .innerJoin(items, eq(items.id, itemUnits.itemId))
        .where(
          and(
            eq(itemUnits.unitId, unitId),
            eq(items.bodyId, bodyId),
            inArray(items.status, [...OPEN_ITEM_STATUSES]),
          ),
        )
        .get();
      return r?.n ?? 0;
    },
  };
}

export type UnitRepo = ReturnType<typeof createUnitRepo>;
