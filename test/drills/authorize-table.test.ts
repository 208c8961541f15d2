/**
 * Drill: `authorize()` checked cell by cell against an explicit matrix — every kind of actor the bot
 * builds (`buildActor` in bot/app.ts) × every action in ACTIONS. The matrix is written out in full, so a
 * change to the rules shows up here as a changed line, not as a silently different answer.
 * Y: allowed; B: allowed on the liaison's behalf (audited); N: refused, naming the action.
 * The target is the liaison's unit (7) in a body that has a chair.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Actor, authorize } from '../../bot/domain/permissions.js';
import type { Role } from '../../db/repos/roles.js';

const UNIT = 7;

const joint = (o: Partial<Actor> = {}): Actor => ({
  isAdmin: false,
  roles: new Set<Role>(),
  liaisonUnitIds: new Set<number>(),
  inBoundChat: true,
  bodyKind: 'joint_meeting',
  ...o,
});
const grid = (o: Partial<Actor> = {}): Actor => joint({ bodyKind: 'grid', ...o });
const roles = (...r: Role[]) => new Set<Role>(r);

/** Every actor the pipeline can build, by the name used in the table. */
const ACTORS: Record<string, Actor> = {
  admin: joint({ isAdmin: true }),
  secretary: joint({ roles: roles('secretary') }),
  chair: joint({ roles: roles('chair') }),
  member: joint({ roles: roles('member') }),
  liaison: joint({ liaisonUnitIds: new Set([UNIT]) }),
  otherLiaison: joint({ liaisonUnitIds: new Set([UNIT + 1]) }),
  person: joint(),
  gridWorker: grid({ roles: roles('grid_worker') }),
  gridLeader: grid({ roles: roles('grid_leader') }),
  gridSecretary: grid({ roles: roles('secretary') }),
  parentSecretary: grid({ parentRoles: roles('secretary') }),
  gridPerson: grid(),
  memberElsewhere: joint({ roles: roles('member'), inBoundChat: false }),
  stranger: joint({ inBoundChat: false, bodyKind: undefined }),
};

const TABLE = `
              admin secretary chair member liaison otherLiaison person gridWorker gridLeader gridSecretary parentSecretary gridPerson memberElsewhere stranger
setup           Y       Y       N     N      N          N          N       N          N           Y             N             N            N            N
roles           Y       Y       N     N      N          N          N       N          N           Y             N             N            N            N
units           Y       Y       N     N      N          N          N       N          N           Y             N             N            N            N
liaisons        Y       Y       N     N      N          N          N       N          N           Y             N             N            N            N
import          Y       Y       N     N      N          N          N       N          N           Y             N             N            N            N
meetings        Y       Y       Y     N      N          N          N       N          N           Y             N             N            N            N
items           Y       Y       Y     N      N          N          N       N          N           Y             N             N            N            N
extensions      Y       Y       Y     N      N          N          N       N          N           Y             N             N            N            N
verify          Y       Y       Y     N      N          N          N       N          N           Y             N             N            N            N
minutes.signoff Y       N       Y     N      N          N          N       N          N           N             N             N            N            N
liaison.act     B       B       N     N      Y          N          N       N          N           B             N             N            N            N
attendance      Y       Y       Y     Y      Y          Y          Y       Y          Y           Y             Y             Y            Y            N
topics          Y       Y       Y     Y      Y          Y          Y       Y          Y           Y             Y             Y            Y            N
grid.report     Y       N       N     N      N          N          N       Y          Y           Y             Y             Y            N            N
grid.dispatch   Y       Y       N     N      N          N          N       N          Y           Y             Y             N            N            N
admin           Y       N       N     N      N          N          N       N          N           N             N             N            N            N
`;

function parse(table: string): { actors: string[]; rows: [Action, string[]][] } {
  const [header, ...lines] = table.trim().split('\n');
  const actors = header!.trim().split(/\s+/);
  const rows = lines.map((line) => {
    const [action, ...cells] = line.trim().split(/\s+/);
    return [action as Action, cells] as [Action, string[]];
  });
  return { actors, rows };
}

const { actors, rows } = parse(TABLE);
const decisionOf = (cell: string) =>
  cell === 'Y' ? { ok: true } : cell === 'B' ? { ok: true, onBehalf: true } : undefined;

describe('authorize() against the explicit matrix', () => {
  it('the table names every actor and every action, once', () => {
    expect([...actors].sort()).toEqual(Object.keys(ACTORS).sort());
    expect(rows.map(([a]) => a).sort()).toEqual([...ACTIONS].sort());
    for (const [, cells] of rows) expect(cells).toHaveLength(actors.length);
  });

  const cases = rows.flatMap(([action, cells]) =>
    cells.map((cell, i) => [action, actors[i]!, cell] as const),
  );
  it.each(cases)('%s × %s → %s', (action, actor, cell) => {
    const decision = authorize(ACTORS[actor]!, action, { unitId: UNIT, bodyHasChair: true });
    expect(decision).toEqual(decisionOf(cell) ?? { ok: false, action });
  });

  it('without a chair, the secretary signs off the minutes', () => {
    expect(authorize(ACTORS.secretary!, 'minutes.signoff', { bodyHasChair: false })).toEqual({ ok: true });
    expect(authorize(ACTORS.member!, 'minutes.signoff', { bodyHasChair: false })).toEqual({
      ok: false,
      action: 'minutes.signoff',
    });
  });
});
