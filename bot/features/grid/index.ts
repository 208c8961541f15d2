/** Grid groups (issue #8): the grid tree, residents' issues as tickets, escalation up the grid, callbacks. */
import type { Router } from '../../core/router.js';
import { TICKET_ANSWER, ticketAnswer, ticketCommand } from './actions.js';
import { gridCommand, ticketsCommand } from './boards.js';
import { gridStepHandlers } from './escalation.js';
import { reportCommand } from './report.js';

export function mountGrid(router: Router): Router {
  router.command(gridCommand).command(reportCommand).command(ticketCommand).command(ticketsCommand);
  router.conversation(TICKET_ANSWER, ticketAnswer);
  for (const [kind, factory] of gridStepHandlers) router.step(kind, factory);
  return router;
}
