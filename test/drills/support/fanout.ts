/**
 * The fan-out of the kill -9 drills: notices committed to the outbox of a database file (as a state
 * change commits its messages), and what became of them — per (chat, text) copies the fake Bot API
 * accepted, and the outbox rows by status.
 * @module
 */
import { openDb } from '../../../db/client.js';
import { createRepos } from '../../../db/repos/index.js';
import type { FakeTelegram } from '../../support/fake-telegram.js';

/** Messages for one private chat, in the order they must arrive. */
export interface FanoutTarget {
  chatId: number;
  texts: string[];
}

/** Commit the fan-out, due now on the system clock (the bot process runs on real time). */
export function seedFanout(databasePath: string, targets: FanoutTarget[]): void {
  const store = openDb(databasePath);
  const { outbox } = createRepos(store.db);
  const now = Date.now();
  store.tx(() => {
    for (const { chatId, texts } of targets)
      for (const [i, text] of texts.entries())
        outbox.enqueue(
          { platform: 'telegram', chatId: String(chatId), chatKind: 'direct' },
          { text },
          { dedupeKey: `drill:fanout:${chatId}:${i}`, now },
        );
  });
  store.close();
}

/** Copies the fake accepted, per `chat|text`. */
export function acceptedCopies(fake: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.callsOf('sendMessage')) {
    if (call.outcome !== 'ok') continue;
    const key = `${call.params.chat_id}|${call.params.text}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Copies beyond the first, over all messages. */
export const duplicatesIn = (copies: Map<string, number>): number =>
  [...copies.values()].reduce((sum, n) => sum + n - 1, 0);

/** Outbox rows by status, read from the file while no process writes to it. */
export function outboxStatuses(databasePath: string): Record<string, number> {
  const store = openDb(databasePath);
  try {
    const rows = store.query<{ status: string; n: number }>(
      'select status, count(*) as n from outbox group by status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    store.close();
  }
}
