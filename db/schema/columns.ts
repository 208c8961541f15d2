/** Shared column helpers for the schema modules. */
import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

export const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));
export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const createdAt = () => integer('created_at').notNull();
export const updatedAt = () => integer('updated_at').notNull();
