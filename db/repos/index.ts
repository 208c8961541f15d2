/** Every repository over one database handle. Features receive these, never the driver. */
import type { Db } from '../client.js';
import { createActionRepo } from './actions.js';
import { createAuditRepo } from './audit.js';
import { createBodyRepo } from './bodies.js';
import { createHolidayRepo } from './holidays.js';
import { createItemRepo } from './items.js';
import { createLiaisonRepo } from './liaisons.js';
import { createMeetingRepo } from './meetings.js';
import { createMinutesRepo } from './minutes.js';
import { createOutboxRepo } from './outbox.js';
import { createPeopleRepo } from './people.js';
import { createRoleRepo } from './roles.js';
import { createStatsRepo } from './stats.js';
import { createStepRepo } from './steps.js';
import { createTicketRepo } from './tickets.js';
import { createUnitRepo } from './units.js';
import { createUpdateRepo } from './updates.js';

export function createRepos(db: Db) {
  return {
    actions: createActionRepo(db),
    audit: createAuditRepo(db),
    bodies: createBodyRepo(db),
    holidays: createHolidayRepo(db),
    items: createItemRepo(db),
    liaisons: createLiaisonRepo(db),
    meetings: createMeetingRepo(db),
    minutes: createMinutesRepo(db),
    outbox: createOutboxRepo(db),
    people: createPeopleRepo(db),
    roles: createRoleRepo(db),
    stats: createStatsRepo(db),
    steps: createStepRepo(db),
    tickets: createTicketRepo(db),
    units: createUnitRepo(db),
    updates: createUpdateRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
