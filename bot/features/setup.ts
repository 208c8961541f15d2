/**
 * /setup (J1, C1): bind a group to a new or existing joint-meeting body or grid node. The creator of a
 * new body becomes its secretary; binding to an existing body needs its admin or secretary.
 * @module
 */
import type { BodyRow } from '../../db/repos/bodies.js';
import { parseArgs } from '../core/command.js';
import type { Context } from '../core/context.js';
import { PermissionDeniedError, UserInputError } from '../core/errors.js';
import type { CommandSpec } from '../core/router.js';
import { childLevelOf, type GridLevel, levelFromName, levelFromWord } from '../domain/grid-levels.js';
import { checkName, cleanName } from '../domain/names.js';

const KIND_WORDS: Record<string, BodyRow['kind']> = {
  联席会议: 'joint_meeting',
  联席: 'joint_meeting',
  例会: 'joint_meeting',
  joint: 'joint_meeting',
  meeting: 'joint_meeting',
  网格: 'grid',
  grid: 'grid',
};
const OPTION_KEYS = {
  上级: 'parent',
  parent: 'parent',
  层级: 'level',
  level: 'level',
  编号: 'prefix',
  prefix: 'prefix',
};
const DEFAULT_PREFIX = 'YS';

export const setupCommand: CommandSpec = {
  name: 'setup',
  aliases: ['设置', '绑定'],
  usage: (m) => m.setup.usage,
  handle(ctx) {
    const { positional, options } = parseArgs(ctx.command.args, OPTION_KEYS);
    if (positional.length === 0 && Object.keys(options).length === 0) return showBinding(ctx);
    if (ctx.chat.kind !== 'group') throw new UserInputError((m) => m.common.needGroup);
    const [kindWord = '', ...nameParts] = positional;
    const kind = KIND_WORDS[kindWord.toLowerCase()];
    if (!kind) throw new UserInputError((m) => m.setup.unknownKind(kindWord), 'setup');
    const name = cleanName(nameParts.join(' '));
    const problem = checkName(name, 60);
    if (problem === 'empty') throw new UserInputError((m) => m.setup.missingName, 'setup');
    if (problem === 'too_long') throw new UserInputError((m) => m.common.tooLong(60), 'setup');
    if (problem) throw new UserInputError((m) => m.common.badCharacters, 'setup');
    const prefix = options.prefix?.toUpperCase();
    if (prefix !== undefined && !/^[A-Z0-9]{1,6}$/.test(prefix))
      throw new UserInputError((m) => m.setup.badPrefix, 'setup');

    const current = ctx.body;
    const existing = ctx.deps.repos.bodies.findByName(kind, name);
    if (current && existing && current.id === existing.id) {
      ctx.reply(ctx.m.setup.alreadyBound(ctx.m.names.bodyKind[kind], name));
      return;
    }
    if (current) ctx.authorize('setup');
    if (existing) return bindExisting(ctx, existing, current);
    const grid = kind === 'grid' ? gridPlacement(ctx, name, options) : undefined;
    ctx.mutate(() => {
      const body = ctx.deps.repos.bodies.create({
        kind,
        name,
        gridLevel: grid?.level,
        parentId: grid?.parent?.id,
        codePrefix: prefix ?? DEFAULT_PREFIX,
        timezone: ctx.deps.timezone,
        createdBy: ctx.person.id,
        now: ctx.now,
      });
      ctx.deps.repos.bodies.bindChat(ctx.chat.id, body.id, ctx.now);
      ctx.deps.repos.roles.grant({
        bodyId: body.id,
        personId: ctx.person.id,
        role: 'secretary',
        by: ctx.person.id,
        now: ctx.now,
      });
      ctx.audit({
        subjectType: 'body',
        subjectId: body.id,
        action: 'body.create',
        toState: kind,
        data: { name, grid },
      });
      ctx.audit({
        subjectType: 'chat',
        subjectId: ctx.chat.id,
        action: 'chat.bind',
        fromState: String(current?.id ?? ''),
        toState: String(body.id),
      });
      ctx.reply(
        ctx.m.setup.boundNew(ctx.m.names.bodyKind[kind], name) +
          (current ? ctx.m.setup.rebound(current.name) : ''),
      );
    });
  },
};

function bindExisting(ctx: Context, target: BodyRow, current: BodyRow | undefined): void {
  const roles = ctx.deps.repos.roles.rolesOf(target.id, ctx.person.id);
  if (!ctx.actor.isAdmin && !roles.includes('secretary'))
    throw new PermissionDeniedError((m) => m.denied.setup);
  ctx.mutate(() => {
    ctx.deps.repos.bodies.bindChat(ctx.chat.id, target.id, ctx.now);
    ctx.audit({
      subjectType: 'chat',
      subjectId: ctx.chat.id,
      action: 'chat.bind',
      fromState: String(current?.id ?? ''),
      toState: String(target.id),
    });
    ctx.reply(
      ctx.m.setup.boundExisting(ctx.m.names.bodyKind[target.kind], target.name) +
        (current ? ctx.m.setup.rebound(current.name) : ''),
    );
  });
}

/** Where a new grid node sits: its level (typed, or read from the name) and its parent node. */
function gridPlacement(
  ctx: Context,
  name: string,
  options: Record<string, string>,
): { level: GridLevel; parent?: BodyRow } {
  const level = options.level !== undefined ? levelFromWord(options.level) : levelFromName(name);
  if (!level) throw new UserInputError((m) => m.setup.unknownLevel(options.level ?? name), 'setup');
  const levelName = ctx.m.names.level[level];
  if (options.parent === undefined) {
    if (level === 'street') return { level };
    throw new UserInputError((m) => m.setup.needParent(m.names.level[level]), 'setup');
  }
  const parentName = cleanName(options.parent);
  const parent = ctx.deps.repos.bodies.findByName('grid', parentName);
  if (!parent) {
    const other = ctx.deps.repos.bodies.findByName('joint_meeting', parentName);
    throw new UserInputError((m) =>
      other ? m.setup.parentNotGrid(parentName) : m.setup.parentNotFound(parentName),
    );
  }
  if (childLevelOf(parent.gridLevel!) !== level) {
    throw new UserInputError((m) => m.setup.levelOrder(levelName, m.names.level[parent.gridLevel!]));
  }
  return { level, parent };
}

function showBinding(ctx: Context): void {
  const { m } = ctx;
  const body = ctx.body;
  if (!body) {
    ctx.reply(`${m.setup.notBound}\n\n${m.common.usage(m.setup.usage)}`);
    return;
  }
  const parent = body.parentId ? ctx.deps.repos.bodies.get(body.parentId) : undefined;
  const secretaries = ctx.deps.repos.roles
    .holders(body.id)
    .filter((h) => h.role === 'secretary')
    .map((h) => h.name);
  const extra =
    (body.gridLevel ? m.setup.level(m.names.level[body.gridLevel]) : '') +
    (parent ? m.setup.parent(parent.name) : '') +
    m.setup.secretaries(secretaries.join(m.sep) || m.common.none) +
    m.setup.codePrefix(body.codePrefix);
  ctx.reply(m.setup.current(m.names.bodyKind[body.kind], body.name, extra));
}
