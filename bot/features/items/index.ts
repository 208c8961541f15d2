/** Supervised items (issue #6): recording, drafts, liaison and secretary actions, boards, follow-ups. */
import type { Router } from '../../core/router.js';
import { ITEM_ANSWER, itemAnswer, taskCommand } from './actions.js';
import { myTasksCommand, tasksCommand } from './boards.js';
import { cadenceCommand } from './cadence-settings.js';
import { itemCommand } from './drafts.js';
import { itemStepHandlers } from './followups.js';
import { liaisonReplyHandler } from './replies.js';

export function mountItems(router: Router): Router {
  router
    .command(itemCommand)
    .command(taskCommand)
    .command(tasksCommand)
    .command(myTasksCommand)
    .command(cadenceCommand);
  router.conversation(ITEM_ANSWER, itemAnswer).text(liaisonReplyHandler);
  for (const [kind, factory] of itemStepHandlers) router.step(kind, factory);
  return router;
}
