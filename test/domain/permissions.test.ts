import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Actor, authorize } from '../../bot/domain/permissions.js';
import type { Role } from '../../db/repos/roles.js';

const actor = (roles: Role[], over: Partial<Actor> = {}): Actor => ({
  isAdmin: false,
  roles: new Set(roles),
  liaisonUnitIds: new Set(),
  inBoundChat: true,
  bodyKind: 'joint_meeting',
  ...over,
});

const ALLOWED: Record<string, readonly Action[]> = {
  secretary: [
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
    'grid.dispatch',
  ],
  chair: ['meetings', 'items', 'extensions', 'verify', 'minutes.signoff', 'attendance', 'topics'],
  member: ['attendance', 'topics'],
  grid_leader: ['attendance', 'topics', 'grid.dispatch'],
  grid_worker: ['attendance', 'topics'],
};

describe('authorize: every role × every action', () => {
  for (const [role, allowed] of Object.entries(ALLOWED)) {
    it.each(ACTIONS)(`${role} → %s`, (action) => {
      const d = authorize(actor([role as Role]), action, { bodyHasChair: true });
      const expected = allowed.includes(action) && !(role === 'secretary' && action === 'minutes.signoff');
      expect(d.ok).toBe(expected);
    });
  }

  it('admins may do everything but act as a liaison without saying so', () => {
    for (const action of ACTIONS) expect(authorize(actor([], { isAdmin: true }), action).ok).toBe(true);
    expect(authorize(actor([], { isAdmin: true }), 'liaison.act', { unitId: 1 })).toEqual({
      ok: true,
      onBehalf: true,
    });
  });

  it('a liaison acts for their own unit only; a secretary on their behalf', () => {
    const liaison = actor([], { liaisonUnitIds: new Set([7]) });
    expect(authorize(liaison, 'liaison.act', { unitId: 7 })).toEqual({ ok: true });
    expect(authorize(liaison, 'liaison.act', { unitId: 8 })).toEqual({ ok: false, action: 'liaison.act' });
    expect(authorize(actor(['secretary']), 'liaison.act', { unitId: 8 })).toEqual({
      ok: true,
      onBehalf: true,
    });
  });

  it('the secretary signs off minutes only when no chair is set', () => {
    expect(authorize(actor(['secretary']), 'minutes.signoff', { bodyHasChair: false }).ok).toBe(true);
    expect(authorize(actor(['secretary']), 'minutes.signoff', { bodyHasChair: true }).ok).toBe(false);
  });

  it('grid reports need a grid body; dispatch may come from the parent secretary', () => {
    expect(authorize(actor([], { bodyKind: 'grid' }), 'grid.report').ok).toBe(true);
    expect(authorize(actor([], { bodyKind: 'joint_meeting' }), 'grid.report').ok).toBe(false);
    expect(authorize(actor([], { parentRoles: new Set<Role>(['secretary']) }), 'grid.dispatch').ok).toBe(
      true,
    );
    expect(authorize(actor([], { inBoundChat: false }), 'topics').ok).toBe(false);
  });
});
