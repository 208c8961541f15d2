/** Role grants per body (admins: everywhere), with revocation kept as history. */
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { people, type ROLES, roleGrants } from '../schema/index.js';

export type Role = (typeof ROLES)[number];
export type RoleGrantRow = typeof roleGrants.$inferSelect;

export function createRoleRepo(db: Db) {
  const active = (bodyId: number | null, personId: number, role: Role) =>
    db
      .select()
      .from(roleGrants)
      .where(
        and(
          bodyId === null ? isNull(roleGrants.bodyId) : eq(roleGrants.bodyId, bodyId),
          eq(roleGrants.personId, personId),
          eq(roleGrants.role, role),
          isNull(roleGrants.revokedAt),
        ),
      )
      .get();

  // Built once: every update asks for the sender's roles.
  const rolesIn = (scope: ReturnType<typeof isNull>) =>
    db
      .select({ role: roleGrants.role })
      .from(roleGrants)
      .where(and(scope, eq(roleGrants.personId, sql.placeholder('personId')), isNull(roleGrants.revokedAt)))
      .prepare();
  const rolesInBody = rolesIn(
    or(eq(roleGrants.bodyId, sql.placeholder('bodyId')), isNull(roleGrants.bodyId)) as ReturnType<
      typeof isNull
    >,
  );
  const globalRoles = rolesIn(isNull(roleGrants.bodyId));

  return {
    /** Roles a person holds in a body, plus global ones (admin). */
    rolesOf(bodyId: number | null, personId: number): Role[] {
      const rows = bodyId === null ? globalRoles.all({ personId }) : rolesInBody.all({ bodyId, personId });
      return rows.map((r) => r.role);
    },

    /** Grant a role; returns false when the person already holds it. */
    grant(input: { bodyId: number | null; personId: number; role: Role; by?: number; now: number }): boolean {
      if (active(input.bodyId, input.personId, input.role)) return false;
      db.insert(roleGrants)
        .values({
          bodyId: input.bodyId,
          personId: input.personId,
          role: input.role,
          grantedBy: input.by ?? null,
          grantedAt: input.now,
        })
        .run();
      return true;
    },

    /** Revoke a role; returns false when the person did not hold it. */
    revoke(input: {
      bodyId: number | null;
      personId: number;
      role: Role;
      by?: number;
      now: number;
    }): boolean {
      const row = active(input.bodyId, input.personId, input.role);
      if (!row) return false;
      db.update(roleGrants)
        .set({ revokedAt: input.now, revokedBy: input.by ?? null })
        .where(eq(roleGrants.id, row.id))
        .run();
      return true;
    },

    /** Bodies in which a person holds a role. */
    bodiesWhere: (personId: number, role: Role): number[] =>
      db
        .select({ bodyId: roleGrants.bodyId })
        .from(roleGrants)
        .where(
          and(eq(roleGrants.personId, personId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)),
        )
        .all()
        .flatMap((r) => (r.bodyId === null ? [] : [r.bodyId])),

    /** Holders of each role in a body (global admins excluded). */
    holders(bodyId: number): { personId: number; name: string; role: Role }[] {
      return db
        .select({ personId: roleGrants.personId, name: people.name, role: roleGrants.role })
        .from(roleGrants)
        .innerJoin(people, eq(people.id, roleGrants.personId))
        .where(and(eq(roleGrants.bodyId, bodyId), isNull(roleGrants.revokedAt)))
        .orderBy(roleGrants.role, roleGrants.id)
        .all();
    },
  };
}

export type RoleRepo = ReturnType<typeof createRoleRepo>;
