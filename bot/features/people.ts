/**
 * /whoami and /name (C4): who the bot thinks you are, and the user directory's display names.
 * WeCom sends only a userid, so a name set here is what everyone sees.
 * @module
 */
import { tokenize } from '../core/command.js';
import type { Context } from '../core/context.js';
import { UserInputError } from '../core/errors.js';
import type { CommandSpec } from '../core/router.js';
import { checkPersonName, cleanName } from '../domain/names.js';
import { resolvePerson } from './resolve.js';

export const whoamiCommand: CommandSpec = {
  name: 'whoami',
  aliases: ['我是谁', '我的身份'],
  usage: () => '/whoami',
  handle(ctx) {
    const { m, body } = ctx;
    const where =
      ctx.chat.kind === 'direct'
        ? m.whoami.direct
        : body
          ? `${m.names.bodyKind[body.kind]}「${body.name}」`
          : m.whoami.unbound;
    const roles = [...ctx.actor.roles].filter((r) => r !== 'admin').map((r) => m.names.role[r]);
    const units = [...ctx.actor.liaisonUnitIds]
      .map((id) => ctx.deps.repos.units.get(id)?.name)
      .filter(Boolean);
    const lines = [
      m.whoami.title(ctx.person.name) + (ctx.actor.isAdmin ? m.whoami.admin : ''),
      m.whoami.account(ctx.msg.sender.platform, ctx.msg.sender.userId),
      m.whoami.chat(where),
      m.whoami.roles(roles.join(m.sep) || m.common.none),
    ];
    if (units.length) lines.push(m.whoami.liaisonOf(units.join(m.sep)));
    ctx.reply(lines.join('\n'));
  },
};

export const nameCommand: CommandSpec = {
  name: 'name',
  aliases: ['姓名', '改名'],
  usage: (m) => m.name.usage,
  handle(ctx) {
    const tokens = tokenize(ctx.command.args);
    if (!tokens.length) throw new UserInputError((m) => m.common.usage(m.name.usage));
    const forOther = tokens.length >= 2 && /^[@＠]/.test(tokens[0]!);
    const name = validPersonName(forOther ? tokens.slice(1).join(' ') : tokens.join(' '));
    if (!forOther) return setOwnName(ctx, name);
    ctx.authorize('roles');
    ctx.mutate(() => {
      const target = resolvePerson(ctx, tokens[0]!).person;
      const { people } = ctx.deps.repos;
      // Link the account to the roster's entry of that name when exactly one has no account yet.
      const rosterPeople = people
        .findByName(name)
        .filter((p) => p.id !== target.id && people.identitiesOf(p.id).length === 0);
      const lines = [ctx.m.name.setOther(target.name, name)];
      if (rosterPeople.length === 1) {
        for (const identity of people.identitiesOf(target.id))
          people.linkIdentity(identity.id, rosterPeople[0]!.id, ctx.now);
        lines.push(ctx.m.name.linked(name));
      } else {
        people.updatePerson(target.id, { name }, ctx.now);
      }
      ctx.audit({
        subjectType: 'person',
        subjectId: target.id,
        action: 'person.rename',
        fromState: target.name,
        toState: name,
      });
      ctx.reply(lines.join('\n'));
    });
  },
};

function validPersonName(raw: string): string {
  const name = cleanName(raw);
  const problem = checkPersonName(name);
  if (problem === 'empty') throw new UserInputError((m) => m.common.usage(m.name.usage));
  if (problem === 'too_long') throw new UserInputError((m) => m.name.tooLong, 'name');
  if (problem) throw new UserInputError((m) => m.common.badCharacters, 'name');
  return name;
}

function setOwnName(ctx: Context, name: string): void {
  ctx.mutate(() => {
    ctx.deps.repos.people.updatePerson(ctx.person.id, { name }, ctx.now);
    ctx.deps.repos.people.setDisplayName(ctx.identity.id, name, ctx.now);
    ctx.audit({
      subjectType: 'person',
      subjectId: ctx.person.id,
      action: 'person.rename',
      fromState: ctx.person.name,
      toState: name,
    });
    ctx.reply(ctx.m.name.setSelf(name));
  });
}
