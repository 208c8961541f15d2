/** Mounts every feature on a router; the order of text handlers is the order of precedence. */
import type { Router } from '../core/router.js';
import { mountDocuments } from './documents/index.js';
import { mountGrid } from './grid/index.js';
import { createHelpCommand } from './help.js';
import { holidayCommand } from './holidays.js';
import { mountItems } from './items/index.js';
import { liaisonCommand } from './liaisons.js';
import { startCommand } from './link.js';
import { mountMeetings } from './meetings/index.js';
import { nameCommand, whoamiCommand } from './people.js';
import { roleCommand } from './roles.js';
import { importCommand, ROSTER_FILE, rosterFileAnswer, rosterFileHandler } from './roster.js';
import { setupCommand } from './setup.js';
import { mountStats } from './stats/index.js';
import { unitCommand } from './units.js';

export function mountFeatures(router: Router): Router {
  router
    .command(createHelpCommand(router))
    .command(setupCommand)
    .command(unitCommand)
    .command(liaisonCommand)
    .command(roleCommand)
    .command(importCommand)
    .command(whoamiCommand)
    .command(nameCommand)
    .command(startCommand)
    .command(holidayCommand)
    .text(rosterFileHandler)
    .conversation(ROSTER_FILE, rosterFileAnswer);
  return mountStats(mountDocuments(mountGrid(mountItems(mountMeetings(router)))));
}
