import { openMemoryDb, type Store } from '../../db/client.js';

/** A fresh in-memory database built from the real migrations. */
export function testStore(): Store {
  return openMemoryDb();
}
