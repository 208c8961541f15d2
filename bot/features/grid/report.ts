/**
 * `/report` (C22): a grid worker or a member of a grid group reports an issue — with a photo as the
 * caption's attachment — and gets a ticket with a code and a due time by urgency and category. A
 * near-duplicate reported in the same grid shortly before is flagged, with a merge button for the leader.
 * @module
 */
import { parseArgs } from '../../core/command.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { checkName, cleanName } from '../../domain/names.js';
import {
  DUPLICATE_WINDOW_MS,
  findNearDuplicate,
  ticketDueAt,
  type Urgency,
} from '../../domain/ticket-lifecycle.js';
import { localDate } from '../../domain/time.js';
import { dueClockOf, dueText, limitsOf, planOverdue } from './engine.js';
import { planDigest } from './escalation.js';

const OPTIONS = {
  类别: 'category',
  分类: 'category',
  category: 'category',
  紧急程度: 'urgency',
  紧急: 'urgency',
  urgency: 'urgency',
  地点: 'location',
  位置: 'location',
  location: 'location',
};
const URGENCY: Record<string, Urgency> = {
  一般: 'normal',
  普通: 'normal',
  normal: 'normal',
  紧急: 'urgent',
  urgent: 'urgent',
  特急: 'emergency',
  特别紧急: 'emergency',
  emergency: 'emergency',
};
const MAX_DESCRIPTION = 500;
const MAX_OPTION = 60;

export const reportCommand: CommandSpec = {
  name: 'report',
  aliases: ['上报', '报事'],
  action: 'grid.report',
  where: 'bound',
  usage: (m) => m.grid.report.usage,
  handle(ctx) {
    const node = ctx.requireBody();
    if (node.kind !== 'grid') throw new UserInputError((m) => m.grid.tree.notGrid);
    ctx.authorize('grid.report');
    const { positional, options } = parseArgs(ctx.command.args, OPTIONS);
    const description = positional.join(' ').trim();
    if (!description) throw new UserInputError((m) => m.grid.report.missing, 'report');
    if ([...description].length > MAX_DESCRIPTION)
      throw new UserInputError((m) => m.grid.report.tooLong(MAX_DESCRIPTION), 'report');
    if (checkName(cleanName(description), MAX_DESCRIPTION) === 'bad_characters')
      throw new UserInputError((m) => m.common.badCharacters, 'report');
    let urgency: Urgency = 'normal';
    if (options.urgency !== undefined) {
      const u = URGENCY[options.urgency.toLowerCase()];
      if (!u) throw new UserInputError((m) => m.grid.report.badUrgency(options.urgency!), 'report');
      urgency = u;
    }
    for (const key of ['category', 'location'] as const) {
      const v = options[key];
      if (v !== undefined && (!v || [...v].length > MAX_OPTION))
        throw new UserInputError((m) => m.common.usage(m.grid.report.usage));
    }
    const { repos } = ctx.deps;
    const photo = ctx.msg.files[0];
    ctx.mutate(() => {
      const dueAt = ticketDueAt(
        { urgency, category: options.category },
        ctx.now,
        limitsOf(repos, node),
        dueClockOf(ctx.deps, node.timezone),
      );
      const twin = findNearDuplicate(
        { nodeId: node.id, description, location: options.location, at: ctx.now },
        repos.tickets.reportedSince(node.id, ctx.now - DUPLICATE_WINDOW_MS),
      );
      const year = Number(localDate(ctx.now, node.timezone).slice(0, 4));
      const ticket = repos.tickets.create({
        code: repos.tickets.nextCode(node.codePrefix, year),
        nodeId: node.id,
        description,
        category: options.category,
        urgency,
        location: options.location,
        photo: photo
          ? JSON.stringify({ name: photo.name ?? null, mime: photo.mime ?? null, size: photo.size ?? null })
          : null,
        reporterPersonId: ctx.person.id,
        dueAt,
        now: ctx.now,
      });
      ctx.audit({
        subjectType: 'ticket',
        subjectId: ticket.id,
        action: 'ticket.report',
        toState: 'reported',
        reason: description,
        data: {
          urgency,
          category: options.category,
          location: options.location,
          photo: Boolean(photo),
          duplicateOf: twin?.id,
        },
      });
      planOverdue(ctx.deps, ticket, ctx.now);
      planDigest(ctx.deps, node.id, ctx.now);
      const { m } = ctx;
      ctx.reply(
        m.grid.report.created(
          ticket.code,
          description + (photo ? m.grid.report.photo : ''),
          m.grid.urgency[urgency],
          dueText(m, dueAt, node.timezone),
        ),
      );
      if (twin) {
        ctx.choose(m.grid.report.duplicate(twin.code, twin.description), [
          {
            label: m.grid.report.mergeButton(twin.code),
            command: `/ticket ${ticket.code} 合并 ${twin.code}`,
          },
        ]);
      }
    });
  },
};
