/**
 * /start in a private chat: the person has opened the chat, so direct messages can reach them; with a
 * deep-link token (`t.me/<bot>?start=<token>`, shown when a DM could not be delivered) their account is
 * linked to the directory entry the token was made for.
 * @module
 */
import type { CommandSpec } from '../core/router.js';

const LINK_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export const startCommand: CommandSpec = {
  name: 'start',
  aliases: ['开始'],
  usage: () => '/start',
  handle(ctx) {
    if (ctx.chat.kind !== 'direct') {
      ctx.reply(ctx.m.link.welcome(ctx.m.botName));
      return;
    }
    const token = ctx.command.args.trim();
    const { repos } = ctx.deps;
    const personId = LINK_TOKEN.test(token) ? repos.actions.personForLink(token, ctx.now) : undefined;
    ctx.mutate(() => {
      repos.people.setDmStatus(ctx.identity.id, 'ok', ctx.now);
      if (personId && personId !== ctx.person.id) {
        repos.people.linkIdentity(ctx.identity.id, personId, ctx.now);
        ctx.audit({
          subjectType: 'person',
          subjectId: personId,
          action: 'identity.link',
          data: { identityId: ctx.identity.id },
        });
      }
      const name = personId ? (repos.people.getPerson(personId)?.name ?? ctx.person.name) : ctx.person.name;
      if (personId) ctx.reply(ctx.m.link.linked(name));
      else ctx.reply(token ? ctx.m.link.expired : ctx.m.link.welcome(ctx.m.botName));
    });
  },
};
