/**
 * A benchmark that waits for messages must not wait forever when one never comes: past the limit the
 * run fails with the benchmark's name instead of hanging `npm run bench`.
 * @module
 */

/** `work`, or a rejection naming `what` once `limitMs` of real time have passed. */
export async function withWatchdog<T>(work: Promise<T>, what: string, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
