/**
 * Waiting for a condition another process or the event loop brings about, with a deadline: the drills
 * that involve a real child process cannot drive time, so they poll observable state (the fake's
 * deliveries, a process exit) instead of sleeping for a fixed while.
 * @module
 */

/** Check `condition` every `everyMs` until it holds; reject naming `what` once `deadlineMs` has passed. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  opts: { deadlineMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.deadlineMs ?? 10_000);
  const every = opts.everyMs ?? 5;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
