/** Liaison assignments per body and unit, with history: a change closes the old row. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { liaisonAssignments, people } from '../schema/index.js';

export type LiaisonRow = typeof liaisonAssignments.$inferSelect;
export interface LiaisonWithName extends LiaisonRow {
  personName: string;
}

export function createLiaisonRepo(db: Db) {
  // Built once: every update asks which units the sender is liaison of.
  const unitsOfPerson = db
    .select({ unitId: liaisonAssignments.unitId })
    .from(liaisonAssignments)
    .where(
      and(
        eq(liaisonAssignments.bodyId, sql.placeholder('bodyId')),
        eq(liaisonAssignments.personId, sql.placeholder('personId')),
        isNull(liaisonAssignments.toAt),
      ),
    )
    .prepare();
  const withName = db
    .select({ a: liaisonAssignments, personName: people.name })
    .from(liaisonAssignments)
    .innerJoin(people, eq(people.id, liaisonAssignments.personId));

  const current = (bodyId: number, unitId: number): LiaisonWithName[] =>
    withName
      .where(
        and(
          eq(liaisonAssignments.bodyId, bodyId),
          eq(liaisonAssignments.unitId, unitId),
          isNull(liaisonAssignments.toAt),
        ),
      )
      .orderBy(liaisonAssignments.isBackup, liaisonAssignments.id)
      .all()
      .map((r) => ({ ...r.a, personName: r.personName }));

  return {
    /** Current liaisons of a unit in a body: the main one first, then backups. */
    current,

    /** The main (non-backup) liaison, if any. */
    main: (bodyId: number, unitId: number): LiaisonWithName | undefined =>
      current(bodyId, unitId).find((l) => !l.isBackup),

    history: (bodyId: number, unitId: number): LiaisonWithName[] =>
      withName
        .where(and(eq(liaisonAssignments.bodyId, bodyId), eq(liaisonAssignments.unitId, unitId)))
        .orderBy(desc(liaisonAssignments.fromAt), desc(liaisonAssignments.id))
        .all()
        .map((r) => ({ ...r.a, personName: r.personName })),

    /**
     * Make a person the unit's liaison. The previous main liaison's row is closed (history kept);
     * a backup is added beside the main one. Returns the closed row, if any.
     */
    assign(input: {
      bodyId: number;
      unitId: number;
      personId: number;
      isBackup: boolean;
      by?: number;
      now: number;
    }): { replaced?: LiaisonWithName } {
      const same = current(input.bodyId, input.unitId).find(
        (l) => l.personId === input.personId && l.isBackup === input.isBackup,
      );
      if (same) return {};
      const replaced = input.isBackup
        ? undefined
        : current(input.bodyId, input.unitId).find((l) => !l.isBackup);
      if (replaced) {
        db.update(liaisonAssignments)
          .set({ toAt: input.now, endedBy: input.by ?? null })
          .where(eq(liaisonAssignments.id, replaced.id))
          .run();
      }
      // The same person cannot be main and backup at once.
      for (const l of current(input.bodyId, input.unitId).filter((c) => c.personId === input.personId)) {
        db.update(liaisonAssignments)
          .set({ toAt: input.now, endedBy: input.by ?? null })
          .where(eq(liaisonAssignments.id, l.id))
          .run();
      }
      db.insert(liaisonAssignments)
        .values({
          bodyId: input.bodyId,
          unitId: input.unitId,
          personId: input.personId,
          isBackup: input.isBackup,
          fromAt: input.now,
          assignedBy: input.by ?? null,
        })
        .run();
      return { replaced };
    },

    /** End every current assignment of a unit in a body (the unit left the body). */
    endAll(bodyId: number, unitId: number, by: number | undefined, now: number): number {
      return db
        .update(liaisonAssignments)
        .set({ toAt: now, endedBy: by ?? null })
        .where(
          and(
            eq(liaisonAssignments.bodyId, bodyId),
            eq(liaisonAssignments.unitId, unitId),
            isNull(liaisonAssignments.toAt),
          ),
        )
        .run().changes;
    },

    /** Units a person currently serves as liaison for, in a body. */
    unitsOf: (bodyId: number, personId: number): number[] =>
      unitsOfPerson.all({ bodyId, personId }).map((r) => r.unitId),
  };
}

export type LiaisonRepo = ReturnType<typeof createLiaisonRepo>;
