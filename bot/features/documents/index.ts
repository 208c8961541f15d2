/** Minutes and ledgers (issue #7): `/minutes`, `/ledger`, `/notes`. */
import type { Router } from '../../core/router.js';
import { ledgerCommand } from './ledger.js';
import { minutesCommand } from './minutes.js';
import { notesCommand } from './notes.js';

export function mountDocuments(router: Router): Router {
  return router.command(minutesCommand).command(ledgerCommand).command(notesCommand);
}
