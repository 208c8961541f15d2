/**
 * The whole data model (reference/domain.md §3). Instants are UTC epoch milliseconds (`*_at`);
 * calendar dates are `YYYY-MM-DD` text in the body's time zone (`*_date`). Status columns carry a
 * CHECK because drizzle's `enum` option is TypeScript-only. Migrations are generated from these modules.
 * @module
 */

export * from './core.js';
export * from './grid.js';
export * from './items.js';
export * from './meetings.js';
