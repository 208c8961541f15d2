/**
 * /liaison (J2, C2): appoint a unit's liaison in the bound body, or show the current and past ones.
 * A new appointment closes the previous one; the history is never rewritten.
 * @module
 */
import { tokenize } from '../core/command.js';
import type { Context } from '../core/context.js';
import { UserInputError } from '../core/errors.js';
import type { CommandSpec } from '../core/router.js';
import { localDate } from '../domain/time.js';
import { enqueueDirect } from './direct.js';
import { resolvePerson, resolveUnit } from './resolve.js';

const BACKUP_WORDS = new Set(['备用', '备', 'backup']);

export const liaisonCommand: CommandSpec = {
  name: 'liaison',
  aliases: ['联络员'],
  where: 'bound',
  usage: (m) => m.liaison.usage,
  handle(ctx) {
    const body = ctx.requireBody();
    const tokens = tokenize(ctx.command.args);
    const isBackup = tokens.length > 2 && BACKUP_WORDS.has(tokens.at(-1)!.toLowerCase());
    const [unitQuery, ...personTokens] = isBackup ? tokens.slice(0, -1) : tokens;
    if (!unitQuery) throw new UserInputError((m) => m.common.usage(m.liaison.usage));
    if (personTokens.length === 0) return showLiaisons(ctx, unitQuery);
    ctx.authorize('liaisons');
    const personText = personTokens.join(' ');
    const unit = resolveUnit(ctx, body, unitQuery, {
      retry: (full) =>
        `/liaison ${/\s/.test(full) ? `「${full}」` : full} ${personText}${isBackup ? ' 备用' : ''}`,
      offerAdd: true,
    });
    if (!unit) return;
    ctx.mutate(() => {
      const { person, created } = resolvePerson(ctx, personText);
      const { repos } = ctx.deps;
      const before = repos.liaisons.current(body.id, unit.id);
      if (before.some((l) => l.personId === person.id && l.isBackup === isBackup)) {
        ctx.reply(ctx.m.liaison.unchanged(unit.name, person.name));
        return;
      }
      const { replaced } = repos.liaisons.assign({
        bodyId: body.id,
        unitId: unit.id,
        personId: person.id,
        isBackup,
        by: ctx.person.id,
        now: ctx.now,
      });
      if (!person.unitId) repos.people.updatePerson(person.id, { unitId: unit.id }, ctx.now);
      ctx.audit({
        subjectType: 'unit',
        subjectId: unit.id,
        action: isBackup ? 'liaison.assign_backup' : 'liaison.assign',
        fromState: replaced ? String(replaced.personId) : null,
        toState: String(person.id),
      });
      const lines = [
        (isBackup ? ctx.m.liaison.assignedBackup : ctx.m.liaison.assigned)(unit.name, person.name),
      ];
      if (replaced) lines.push(ctx.m.liaison.replaced(replaced.personName));
      if (created) lines.push(ctx.m.liaison.newPersonNote(person.name));
      ctx.reply(lines.join('\n'));
      if (ctx.chat.kind === 'group' && !created) {
        enqueueDirect(repos, {
          personId: person.id,
          group: ctx.chat,
          message: { text: ctx.m.liaison.notice(unit.name, body.name) },
          dedupeKey: `liaison-notice:${body.id}:${unit.id}:${person.id}:${ctx.now}`,
          now: ctx.now,
        });
      }
    });
  },
};

function showLiaisons(ctx: Context, unitQuery: string): void {
  const body = ctx.requireBody();
  const unit = resolveUnit(ctx, body, unitQuery, { retry: (full) => `/liaison ${full}`, usageOf: 'liaison' });
  if (!unit) return;
  const { m } = ctx;
  const day = (ms: number) => localDate(ms, body.timezone);
  const history = ctx.deps.repos.liaisons.history(body.id, unit.id);
  if (!history.length) {
    ctx.reply(`${m.liaison.title(unit.name)}\n${m.liaison.none}`);
    return;
  }
  const current = history.filter((h) => h.toAt === null);
  const past = history.filter((h) => h.toAt !== null);
  const lines = [m.liaison.title(unit.name)];
  for (const c of current)
    lines.push(m.liaison.currentLine(c.personName, day(c.fromAt), c.isBackup ? m.names.backup : ''));
  if (!current.length) lines.push(m.liaison.none);
  if (past.length) {
    lines.push(m.liaison.historyTitle);
    for (const p of past) lines.push(m.liaison.historyLine(p.personName, day(p.fromAt), day(p.toAt!)));
  }
  ctx.reply(lines.join('\n'));
}
