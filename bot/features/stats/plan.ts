/**
 * When the monthly bulletin goes out: on the configured day of each month (moved to the next working
 * day when it is a rest day) at the configured time, in the body's zone, for the month before. The key
 * names the day and time, so a change of settings plans a new step and the old one, superseded, stays
 * silent when it fires.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { AppDeps } from '../../core/context.js';
import { parseYmd, ymd, zonedInstant } from '../../domain/dates.js';
import { localDate } from '../../domain/time.js';
import { type BulletinSettings, bulletinOf } from './settings.js';

export const BULLETIN_STEP = 'body.monthly_bulletin';

/** The dedupe key of a month's bulletin under the given settings. */
export const bulletinKey = (bodyId: number, month: string, b: BulletinSettings): string =>
  `bulletin:${bodyId}:${month}:${b.day}T${b.time}`;

/** The next bulletin of a body after `now`, or undefined when the bulletin is off. */
export function nextBulletin(
  deps: Pick<AppDeps, 'calendar'>,
  body: BodyRow,
  now: number,
): { fireAt: number; key: string; month: string } | undefined {
  const b = bulletinOf(body);
  if (!b.enabled) return undefined;
  const { y, m } = parseYmd(localDate(now, body.timezone))!;
  for (const [year, month] of [
    [y, m],
    [m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1],
  ] as const) {
    const day = deps.calendar().nextWorkday(ymd(year, month, b.day));
    const fireAt = zonedInstant(day, b.time, body.timezone);
    if (fireAt <= now) continue;
    const key = `${year}-${String(month).padStart(2, '0')}`;
    return { fireAt, key: bulletinKey(body.id, key, b), month: key };
  }
  return undefined;
}

/** Plan a body's next monthly bulletin (idempotent: the key makes it once per month and setting). */
export function planBulletin(deps: AppDeps, bodyId: number, now: number): void {
  const body = deps.repos.bodies.get(bodyId);
  if (!body) return;
  const next = nextBulletin(deps, body, now);
  if (!next) return;
  deps.repos.steps.plan(
    {
      kind: BULLETIN_STEP,
      subjectType: 'body',
      subjectId: bodyId,
      fireAt: next.fireAt,
      // After downtime a bulletin is still worth posting late, but not once the month is well under way.
      staleAt: next.fireAt + 10 * 24 * 3600_000,
      dedupeKey: next.key,
      payload: { month: next.month },
    },
    now,
  );
}
