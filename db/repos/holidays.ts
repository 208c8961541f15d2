/** Holiday calendar overrides: years the bundled data lacks (2027…) and corrections, entered by admins. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { holidayOverrides } from '../schema/index.js';

export type HolidayOverrideRow = typeof holidayOverrides.$inferSelect;

export function createHolidayRepo(db: Db) {
  return {
    all: (): HolidayOverrideRow[] =>
      db.select().from(holidayOverrides).orderBy(asc(holidayOverrides.date)).all(),

    set(input: { date: string; isOffDay: boolean; name?: string; by?: number; now: number }): void {
      db.insert(holidayOverrides)
        .values({
          date: input.date,
          isOffDay: input.isOffDay,
          name: input.name ?? null,
          createdBy: input.by ?? null,
          createdAt: input.now,
        })
        .onConflictDoUpdate({
          target: holidayOverrides.date,
          set: {
            isOffDay: input.isOffDay,
            name: input.name ?? null,
            createdBy: input.by ?? null,
            createdAt: input.now,
          },
        })
        .run();
    },

    remove: (date: string): boolean =>
      db.delete(holidayOverrides).where(eq(holidayOverrides.date, date)).run().changes > 0,
  };
}

export type HolidayRepo = ReturnType<typeof createHolidayRepo>;
