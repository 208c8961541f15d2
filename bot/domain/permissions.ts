/**
 * Who may do what (DESIGN.md §4.4), decided in one place. Pure: the caller gathers the actor's roles in
 * the body at hand; the answer is either yes or the reason for no, which the bot says in one sentence.
 * @module
 */
import type { Role } from '../../db/repos/roles.js';

export const ACTIONS = [
  'setup',
  'roles',
  'units',
  'liaisons',
  'import',
  'meetings',
  'items',
  'extensions',
  'verify',
  'minutes.signoff',
  'liaison.act',
  'attendance',
  'topics',
  'grid.report',
  'grid.dispatch',
  'admin',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  isAdmin: boolean;
  /** Roles in the body of the chat at hand. */
  roles: ReadonlySet<Role>;
  /** Units the actor is currently liaison of, in this body. */
  liaisonUnitIds: ReadonlySet<number>;
  /** Roles in the parent body (grid escalation: the parent's secretary may dispatch). */
  parentRoles?: ReadonlySet<Role>;
  /** Whether the chat is bound to a body; members are the people of a bound chat. */
  inBoundChat: boolean;
  bodyKind?: 'joint_meeting' | 'grid';
}

export interface Target {
  /** The unit an item action concerns (liaison actions). */
  unitId?: number;
  /** Whether the body has a chair (minutes sign-off falls back to the secretary without one). */
  bodyHasChair?: boolean;
}

export type Decision = { ok: true; onBehalf?: boolean } | { ok: false; action: Action };

const has = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.has(r));

/**
 * Decide whether an actor may perform an action.
 * @example authorize(secretary, 'units').ok // true
 */
export function authorize(actor: Actor, action: Action, target: Target = {}): Decision {
  const yes: Decision = { ok: true };
  const no: Decision = { ok: false, action };
  if (action === 'admin') return actor.isAdmin ? yes : no;
  if (actor.isAdmin && action !== 'liaison.act') return yes;
  switch (action) {
    case 'setup':
    case 'roles':
    case 'units':
    case 'liaisons':
    case 'import':
      return has(actor, 'secretary') ? yes : no;
    case 'meetings':
    case 'items':
    case 'extensions':
    case 'verify':
      return has(actor, 'secretary', 'chair') ? yes : no;
    case 'minutes.signoff':
      if (has(actor, 'chair')) return yes;
      return !target.bodyHasChair && has(actor, 'secretary') ? yes : no;
    case 'liaison.act':
      if (target.unitId !== undefined && actor.liaisonUnitIds.has(target.unitId)) return yes;
      if (has(actor, 'secretary') || actor.isAdmin) return { ok: true, onBehalf: true };
      return no;
    case 'attendance':
    case 'topics':
      return actor.inBoundChat || has(actor, 'member', 'secretary', 'chair') ? yes : no;
    case 'grid.report':
      return actor.bodyKind === 'grid' && (actor.inBoundChat || has(actor, 'grid_worker', 'grid_leader'))
        ? yes
        : no;
    case 'grid.dispatch':
      if (has(actor, 'grid_leader', 'secretary')) return yes;
      return actor.parentRoles?.has('secretary') ? yes : no;
  }
}
