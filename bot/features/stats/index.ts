/** Evaluation (issue #9): `/stats`, the monthly bulletin `/bulletin`, star ratings `/stars`. */
import type { Router } from '../../core/router.js';
import { bulletinCommand, statsStepHandlers } from './bulletin.js';
import { starsCommand } from './stars.js';
import { statsCommand } from './stats.js';

export function mountStats(router: Router): Router {
  router.command(statsCommand).command(bulletinCommand).command(starsCommand);
  for (const [kind, factory] of statsStepHandlers) router.step(kind, factory);
  return router;
}
