/** People and their platform identities: the user directory (C4). */
import { and, eq, like, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { identities, people } from '../schema/index.js';

export type PersonRow = typeof people.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;

/**
 * `last_seen_at` is kept to the minute: every update reads the sender's identity, and rewriting the row
 * each time only to move the stamp by a few seconds was a write per message before any handler ran.
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export function createPeopleRepo(db: Db) {
  // Prepared once: these run for every update the bot receives.
  const personById = db
    .select()
    .from(people)
    .where(eq(people.id, sql.placeholder('id')))
    .prepare();
  const identityByAccount = db
    .select()
    .from(identities)
    .where(
      and(
        eq(identities.platform, sql.placeholder('platform')),
        eq(identities.userId, sql.placeholder('userId')),
      ),
    )
    .prepare();

  const getPerson = (id: number): PersonRow | undefined => personById.get({ id });

  const getIdentity = (platform: string, userId: string): IdentityRow | undefined =>
    identityByAccount.get({ platform, userId });

  return {
    getPerson,
    getIdentity,

    createPerson(input: {
      name: string;
      phone?: string;
      unitId?: number;
      title?: string;
      now: number;
    }): PersonRow {
      return db
        .insert(people)
        .values({
          name: input.name,
          phone: input.phone ?? null,
          unitId: input.unitId ?? null,
          title: input.title ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning()
        .get();
    },

    updatePerson(
      id: number,
      patch: Partial<Pick<PersonRow, 'name' | 'phone' | 'unitId' | 'title'>>,
      now: number,
    ): void {
      db.update(people)
        .set({ ...patch, updatedAt: now })
        .where(eq(people.id, id))
        .run();
    },

    /**
     * The identity behind a platform account, created with a new person on first sight. The platform's
     * display name is kept only until someone sets a name in the directory.
     */
    ensureIdentity(input: {
      platform: string;
      userId: string;
      displayName?: string;
      username?: string;
      now: number;
    }): { identity: IdentityRow; person: PersonRow } {
      const existing = getIdentity(input.platform, input.userId);
      if (existing) {
        const patch: Partial<IdentityRow> = {};
        if (existing.lastSeenAt === null || input.now - existing.lastSeenAt >= LAST_SEEN_RESOLUTION_MS)
          patch.lastSeenAt = input.now;
        if (input.username && input.username !== existing.username) patch.username = input.username;
        if (input.displayName && !existing.displayName) patch.displayName = input.displayName;
        // Nothing changed: no write (the common case, a known person writing again within the minute).
        if (Object.keys(patch).length > 0)
          db.update(identities).set(patch).where(eq(identities.id, existing.id)).run();
        const identity = { ...existing, ...patch };
        return { identity, person: getPerson(existing.personId)! };
      }
      const person = db
        .insert(people)
        .values({ name: input.displayName || input.userId, createdAt: input.now, updatedAt: input.now })
        .returning()
        .get();
      const identity = db
        .insert(identities)
        .values({
          personId: person.id,
          platform: input.platform,
          userId: input.userId,
          displayName: input.displayName ?? null,
          username: input.username ?? null,
          lastSeenAt: input.now,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning()
        .get();
      return { identity, person };
    },

    /** Point an identity at another person (e.g. the roster's 张三 claims his account). */
    linkIdentity(identityId: number, personId: number, now: number): void {
      db.update(identities).set({ personId, updatedAt: now }).where(eq(identities.id, identityId)).run();
    },

    setDisplayName(identityId: number, displayName: string, now: number): void {
      db.update(identities).set({ displayName, updatedAt: now }).where(eq(identities.id, identityId)).run();
    },

    setDmStatus(identityId: number, dmStatus: IdentityRow['dmStatus'], now: number): void {
      db.update(identities).set({ dmStatus, updatedAt: now }).where(eq(identities.id, identityId)).run();
    },

    identitiesOf: (personId: number): IdentityRow[] =>
      db.select().from(identities).where(eq(identities.personId, personId)).all(),

    /** People whose name, or one of whose identities' display names or usernames, matches exactly. */
    findByName(name: string): PersonRow[] {
      const viaIdentity = db
        .select({ personId: identities.personId })
        .from(identities)
        .where(or(eq(identities.displayName, name), eq(identities.username, name.replace(/^@/, ''))))
        .all()
        .map((r) => r.personId);
      const direct = db.select().from(people).where(eq(people.name, name)).all();
      const ids = new Set([...direct.map((p) => p.id), ...viaIdentity]);
      return [...ids].map((id) => getPerson(id)!).filter(Boolean);
    },

    searchByName: (fragment: string): PersonRow[] =>
      db
        .select()
        .from(people)
        .where(like(people.name, `%${fragment.replace(/[%_]/g, '')}%`))
        .limit(20)
        .all(),
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
