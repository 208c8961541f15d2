/**
 * /role (C2): grant, revoke and list roles in the bound body. Only admins grant admin; the last
 * secretary cannot be revoked (a body without one could never be managed again).
 * @module
 */
import type { Role } from '../../db/repos/roles.js';
import { tokenize } from '../core/command.js';
import type { Context } from '../core/context.js';
import { PermissionDeniedError, UserInputError } from '../core/errors.js';
import type { CommandSpec } from '../core/router.js';
import { resolvePerson } from './resolve.js';

const ROLE_WORDS: Record<string, Role> = {
  管理员: 'admin',
  admin: 'admin',
  秘书: 'secretary',
  督办员: 'secretary',
  secretary: 'secretary',
  召集人: 'chair',
  主持人: 'chair',
  chair: 'chair',
  成员: 'member',
  member: 'member',
  网格长: 'grid_leader',
  grid_leader: 'grid_leader',
  网格员: 'grid_worker',
  grid_worker: 'grid_worker',
};

export const roleCommand: CommandSpec = {
  name: 'role',
  aliases: ['角色', 'roles'],
  where: 'bound',
  usage: (m) => m.role.usage,
  handle(ctx) {
    const tokens = tokenize(ctx.command.args);
    if (tokens.length === 0) return listRoles(ctx);
    ctx.authorize('roles');
    if (tokens.length < 2) throw new UserInputError((m) => m.common.usage(m.role.usage));
    const roleWord = tokens.at(-1)!;
    const revoke = /^[-－]/.test(roleWord) || tokens[0] === 'remove' || tokens[0] === '撤销';
    const role = ROLE_WORDS[roleWord.replace(/^[-－]/, '').toLowerCase()];
    if (!role) throw new UserInputError((m) => m.role.unknownRole(roleWord), 'role');
    if (role === 'admin') ctx.authorize('admin');
    const who = tokens.slice(tokens[0] === 'remove' || tokens[0] === '撤销' ? 1 : 0, -1).join(' ');
    if (!who) throw new UserInputError((m) => m.common.usage(m.role.usage));
    const body = ctx.requireBody();
    const bodyId = role === 'admin' ? null : body.id;
    ctx.mutate(() => {
      const { person } = resolvePerson(ctx, who);
      const { roles } = ctx.deps.repos;
      const roleName = ctx.m.names.role[role];
      if (revoke) {
        const secretaries = roles.holders(body.id).filter((h) => h.role === 'secretary');
        if (role === 'secretary' && secretaries.length === 1 && secretaries[0]!.personId === person.id) {
          throw new PermissionDeniedError((m) => m.denied.lastSecretary);
        }
        if (!roles.revoke({ bodyId, personId: person.id, role, by: ctx.person.id, now: ctx.now })) {
          throw new UserInputError((m) => m.role.notHeld(person.name, roleName));
        }
        ctx.audit({ subjectType: 'person', subjectId: person.id, action: 'role.revoke', fromState: role });
        return ctx.reply(ctx.m.role.revoked(person.name, roleName));
      }
      if (!roles.grant({ bodyId, personId: person.id, role, by: ctx.person.id, now: ctx.now })) {
        throw new UserInputError((m) => m.role.already(person.name, roleName));
      }
      ctx.audit({ subjectType: 'person', subjectId: person.id, action: 'role.grant', toState: role });
      ctx.reply(ctx.m.role.granted(person.name, roleName));
    });
  },
};

function listRoles(ctx: Context): void {
  const body = ctx.requireBody();
  const { m } = ctx;
  const holders = ctx.deps.repos.roles.holders(body.id);
  if (!holders.length) {
    ctx.reply(`${m.role.title(body.name)}\n${m.role.empty}`);
    return;
  }
  const byRole = new Map<Role, string[]>();
  for (const h of holders) byRole.set(h.role, [...(byRole.get(h.role) ?? []), h.name]);
  const lines = [...byRole].map(([role, names]) => m.role.line(m.names.role[role], names.join(m.sep)));
  ctx.reply([m.role.title(body.name), ...lines].join('\n'));
}
