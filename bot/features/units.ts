/**
 * /unit (J2, C2): member units of the bound body and their aliases. Units are shared across bodies;
 * adding an existing unit makes it a member here, removing it ends the membership (history kept).
 * @module
 */
import type { UnitWithAliases } from '../../db/repos/units.js';
import { parseArgs, splitList, tokenize } from '../core/command.js';
import type { Context } from '../core/context.js';
import { UserInputError } from '../core/errors.js';
import type { CommandSpec } from '../core/router.js';
import { checkName, cleanName } from '../domain/names.js';
import { parseOrgType } from '../domain/roster.js';
import { normalizeUnitName } from '../domain/unit-match.js';
import { resolveUnit } from './resolve.js';

const OPTION_KEYS = {
  别名: 'aliases',
  简称: 'aliases',
  alias: 'aliases',
  aliases: 'aliases',
  类型: 'type',
  type: 'type',
};
const SUB: Record<string, string> = {
  add: 'add',
  新增: 'add',
  添加: 'add',
  list: 'list',
  列表: 'list',
  rename: 'rename',
  更名: 'rename',
  改名: 'rename',
  alias: 'alias',
  别名: 'alias',
  unalias: 'unalias',
  删别名: 'unalias',
  remove: 'remove',
  移除: 'remove',
  删除: 'remove',
};

export const unitCommand: CommandSpec = {
  name: 'unit',
  aliases: ['单位', 'units'],
  where: 'bound',
  usage: (m) => m.unit.usage,
  handle(ctx) {
    const [word = 'list', ...rest] = tokenize(ctx.command.args);
    const sub = SUB[word.toLowerCase()];
    if (!sub) throw new UserInputError((m) => m.common.usage(m.unit.usage));
    if (sub === 'list') return listUnits(ctx);
    ctx.authorize('units');
    const args = ctx.command.args.slice(ctx.command.args.indexOf(word) + word.length).trim();
    if (rest.length === 0) throw new UserInputError((m) => m.common.usage(m.unit.usage));
    if (sub === 'add') return addUnit(ctx, args);
    if (sub === 'rename') return renameUnit(ctx, args);
    if (sub === 'alias') return addAliases(ctx, args);
    if (sub === 'unalias') return removeAlias(ctx, args);
    return removeUnit(ctx, args);
  },
};

/** A clean unit name or alias, or a friendly error. */
function validName(raw: string, max: number): string {
  const name = cleanName(raw);
  const problem = checkName(name, max);
  if (problem === 'empty') throw new UserInputError((m) => m.common.usage(m.unit.usage));
  if (problem === 'too_long') throw new UserInputError((m) => m.common.tooLong(max), 'unit');
  if (problem) throw new UserInputError((m) => m.common.badCharacters, 'unit');
  return name;
}

function validAliases(ctx: Context, list: string[], self: { id?: number; name: string }): string[] {
  const aliases = list
    .map((a) => validName(a, 30))
    .filter((a) => normalizeUnitName(a) !== normalizeUnitName(self.name));
  const others = ctx.deps.repos.units.ofBody(ctx.requireBody().id).filter((u) => u.id !== self.id);
  for (const alias of aliases) {
    const n = normalizeUnitName(alias);
    const clash = others.find(
      (u) => normalizeUnitName(u.name) === n || u.aliases.some((a) => normalizeUnitName(a) === n),
    );
    if (clash) throw new UserInputError((m) => m.unit.aliasTaken(alias, clash.name));
  }
  return aliases;
}

function addUnit(ctx: Context, args: string): void {
  const body = ctx.requireBody();
  const { positional, options } = parseArgs(args, OPTION_KEYS);
  const name = validName(positional.join(' '), 60);
  const type = options.type !== undefined ? parseOrgType(options.type) : undefined;
  if (options.type !== undefined && !type)
    throw new UserInputError((m) => m.unit.unknownType(options.type!), 'unit');
  const { units } = ctx.deps.repos;
  const key = normalizeUnitName(name);
  const member = units
    .ofBody(body.id)
    .find((u) => normalizeUnitName(u.name) === key || u.aliases.some((a) => normalizeUnitName(a) === key));
  if (member) throw new UserInputError((m) => m.unit.exists(member.name));
  const existing = units.findByName(name);
  const aliases = validAliases(ctx, splitList(options.aliases ?? ''), { id: existing?.id, name });
  ctx.mutate(() => {
    const unit = existing ?? units.create({ name, type, now: ctx.now });
    if (existing && type) units.setType(unit.id, type, ctx.now);
    units.addAliases(unit.id, aliases, ctx.now);
    units.join(body.id, unit.id, ctx.now);
    ctx.audit({
      subjectType: 'unit',
      subjectId: unit.id,
      action: 'unit.join',
      data: { name, aliases, type },
    });
    const all = units.get(unit.id)!.aliases;
    ctx.reply(ctx.m.unit.added(name, all.length ? ctx.m.unit.aliasesNote(all.join(ctx.m.sep)) : ''));
  });
}

function listUnits(ctx: Context): void {
  const body = ctx.requireBody();
  const { m } = ctx;
  const units = ctx.deps.repos.units.ofBody(body.id);
  if (!units.length) {
    ctx.reply(m.unit.empty);
    return;
  }
  const lines = units.map((u, i) => {
    const liaison = ctx.deps.repos.liaisons.main(body.id, u.id);
    const aliases = u.aliases.length ? m.unit.listAliases(u.aliases.join(m.sep)) : '';
    return m.unit.listLine(
      i + 1,
      u.name,
      aliases,
      liaison ? `${m.names.liaison} ${liaison.personName}` : m.unit.noLiaison,
    );
  });
  ctx.reply([m.unit.listTitle(body.name, units.length), ...lines].join('\n'));
}

/** The unit named first in the arguments (quotes allow spaces), and the words after it. */
function unitAndRest(ctx: Context, args: string, retry: (full: string, rest: string) => string) {
  const [query = '', ...rest] = tokenize(args);
  const unit = resolveUnit(ctx, ctx.requireBody(), query, {
    retry: (full) => retry(full, rest.join(' ')),
    usageOf: 'unit',
  });
  return { unit, rest };
}

const quote = (s: string) => (/\s/.test(s) ? `「${s}」` : s);

function renameUnit(ctx: Context, args: string): void {
  const { unit, rest } = unitAndRest(ctx, args, (full, r) => `/unit rename ${quote(full)} ${r}`);
  if (!unit) return;
  const name = validName(rest.join(' '), 60);
  const taken = ctx.deps.repos.units.findByName(name);
  if (taken && taken.id !== unit.id) throw new UserInputError((m) => m.unit.nameTaken(name));
  ctx.mutate(() => {
    const { units } = ctx.deps.repos;
    units.rename(unit.id, name, ctx.now);
    units.addAliases(unit.id, [unit.name], ctx.now);
    units.removeAlias(unit.id, name);
    ctx.audit({
      subjectType: 'unit',
      subjectId: unit.id,
      action: 'unit.rename',
      fromState: unit.name,
      toState: name,
    });
    ctx.reply(ctx.m.unit.renamed(unit.name, name));
  });
}

function addAliases(ctx: Context, args: string): void {
  const { unit, rest } = unitAndRest(ctx, args, (full, r) => `/unit alias ${quote(full)} ${r}`);
  if (!unit) return;
  const aliases = validAliases(ctx, splitList(rest.join(',')), unit);
  if (!aliases.length) throw new UserInputError((m) => m.common.usage(m.unit.usage));
  ctx.mutate(() => {
    const added = ctx.deps.repos.units.addAliases(unit.id, aliases, ctx.now);
    if (!added.length) return ctx.reply(ctx.m.unit.aliasesNone(unit.name));
    ctx.audit({ subjectType: 'unit', subjectId: unit.id, action: 'unit.alias.add', data: { added } });
    ctx.reply(ctx.m.unit.aliasesAdded(unit.name, added.join(ctx.m.sep)));
  });
}

function removeAlias(ctx: Context, args: string): void {
  const { unit, rest } = unitAndRest(ctx, args, (full, r) => `/unit unalias ${quote(full)} ${r}`);
  if (!unit) return;
  const alias = cleanName(rest.join(' '));
  if (!alias) throw new UserInputError((m) => m.common.usage(m.unit.usage));
  if (!unit.aliases.includes(alias)) throw new UserInputError((m) => m.unit.aliasMissing(unit.name, alias));
  ctx.mutate(() => {
    ctx.deps.repos.units.removeAlias(unit.id, alias);
    ctx.audit({ subjectType: 'unit', subjectId: unit.id, action: 'unit.alias.remove', data: { alias } });
    ctx.reply(ctx.m.unit.aliasRemoved(unit.name, alias));
  });
}

function removeUnit(ctx: Context, args: string): void {
  const body = ctx.requireBody();
  const unit: UnitWithAliases | undefined = resolveUnit(ctx, body, cleanName(args), {
    retry: (full) => `/unit remove ${quote(full)}`,
    usageOf: 'unit',
  });
  if (!unit) return;
  const open = ctx.deps.repos.units.openItemCount(body.id, unit.id);
  if (open > 0) throw new UserInputError((m) => m.unit.hasOpenItems(unit.name, open));
  ctx.mutate(() => {
    ctx.deps.repos.units.leave(body.id, unit.id, ctx.now);
    const ended = ctx.deps.repos.liaisons.endAll(body.id, unit.id, ctx.person.id, ctx.now);
    ctx.audit({
      subjectType: 'unit',
      subjectId: unit.id,
      action: 'unit.leave',
      data: { liaisonsEnded: ended },
    });
    ctx.reply(ctx.m.unit.removed(unit.name));
  });
}
