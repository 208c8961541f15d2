/**
 * /help: the commands the caller may use in this chat, each with its usage line and what it does.
 * @module
 */
import type { Context } from '../core/context.js';
import type { CommandSpec, Router } from '../core/router.js';
import { authorize } from '../domain/permissions.js';

/** Whether a command is usable by this caller here (its place and its permission). */
function usableHere(spec: CommandSpec, ctx: Context): boolean {
  if (spec.where === 'bound' && !ctx.body) return false;
  if (spec.where === 'group' && ctx.chat.kind !== 'group') return false;
  return !spec.action || authorize(ctx.actor, spec.action).ok;
}

export function createHelpCommand(router: Router): CommandSpec {
  return {
    name: 'help',
    aliases: ['帮助', '菜单'],
    usage: () => '/help',
    handle(ctx) {
      const { m, body } = ctx;
      const where =
        ctx.chat.kind === 'direct' ? m.whoami.direct : body ? `「${body.name}」` : m.whoami.unbound;
      const lines = router
        .list()
        .filter((spec) => usableHere(spec, ctx))
        .map((spec) => m.help.line(`/${spec.name}`, m.help.summaries[spec.name] ?? ''));
      const hint = body ? '' : `\n\n${m.greet.joinedGroup(m.botName)}`;
      ctx.reply(
        `${m.help.title(where)}\n${lines.join('\n')}\n\n${m.help.footer}${ctx.chat.kind === 'group' ? hint : ''}`,
      );
    },
  };
}
