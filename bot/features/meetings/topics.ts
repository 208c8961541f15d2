/**
 * Agenda topics (C8, 议题征集): any member proposes `/topic 内容` for the next sitting, with their unit;
 * the secretary accepts it, defers it (下次再议: it moves on to the sitting after) or rejects it.
 * Topics proposed while nothing is scheduled wait in the pool and join the first sitting.
 * @module
 */

import type { TopicView } from '../../../db/repos/meetings.js';
import { parseArgs, tokenize } from '../../core/command.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { checkName, cleanName } from '../../domain/names.js';
import { resolveUnit } from '../resolve.js';
import { checkText, cleanText, occurrenceLabel, refId, textError, zoneOf } from './common.js';

const MAX_TOPIC = 200;
const MAX_UNIT = 60;
const OPTION_KEYS = { 单位: 'unit', 提出单位: 'unit', unit: 'unit' };
const SUB: Record<string, 'list' | 'accept' | 'defer' | 'reject'> = {
  list: 'list',
  列表: 'list',
  清单: 'list',
  accept: 'accept',
  采纳: 'accept',
  同意: 'accept',
  defer: 'defer',
  缓议: 'defer',
  下次再议: 'defer',
  reject: 'reject',
  不采纳: 'reject',
  驳回: 'reject',
};

export const topicCommand: CommandSpec = {
  name: 'topic',
  aliases: ['议题', 'topics'],
  action: 'topics',
  where: 'bound',
  usage: (m) => m.meetings.topic.usage,
  handle(ctx) {
    const args = ctx.command.args.trim();
    const [first = '', ...rest] = tokenize(args);
    const sub = SUB[first.toLowerCase()];
    if (!args) throw new UserInputError((m) => m.meetings.topic.needText, 'topic');
    if (sub === 'list' && !rest.length) return listTopics(ctx);
    if (sub && sub !== 'list') {
      if (refId(rest[0]) === undefined && !/^\d{1,9}$/.test(rest[0] ?? ''))
        throw new UserInputError((m) => m.meetings.topic.needId, 'topic');
      return decide(ctx, sub, rest);
    }
    return addTopic(ctx, args);
  },
};

function addTopic(ctx: Context, args: string): void {
  ctx.authorize('topics');
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const { positional, options } = parseArgs(args, OPTION_KEYS);
  const title = cleanText(positional.join(' '));
  const problem = checkText(title, MAX_TOPIC);
  if (problem) throw textError(problem, MAX_TOPIC, 'topic');
  let unitId: number | null = null;
  if (options.unit !== undefined) {
    const unitName = cleanName(options.unit);
    const bad = checkName(unitName, MAX_UNIT);
    if (bad === 'too_long') throw new UserInputError((m) => m.common.tooLong(MAX_UNIT), 'topic');
    if (bad) throw new UserInputError((m) => m.meetings.topic.needUnit, 'topic');
    const unit = resolveUnit(ctx, body, unitName, {
      retry: (full) => `/topic ${title} 单位:${full}`,
      usageOf: 'topic',
    });
    if (!unit) return;
    unitId = unit.id;
  } else {
    unitId = repos.liaisons.unitsOf(body.id, ctx.person.id)[0] ?? ctx.person.unitId ?? null;
  }
  const next = repos.meetings.nextPlanned(body.id, ctx.now);
  const tz = zoneOf(ctx.deps, body);
  ctx.mutate(() => {
    const topic = repos.meetings.addTopic({
      bodyId: body.id,
      meetingId: next?.id ?? null,
      title,
      proposerPersonId: ctx.person.id,
      proposerUnitId: unitId,
      now: ctx.now,
    });
    ctx.audit({
      subjectType: 'agenda_topic',
      subjectId: topic.id,
      action: 'topic.propose',
      toState: 'proposed',
      data: { title, meetingId: next?.id ?? null, unitId },
    });
    const unitName = unitId ? repos.units.get(unitId)?.name : undefined;
    const t = ctx.m.meetings.topic;
    const text = next
      ? t.added(title, unitName ?? ctx.person.name, occurrenceLabel(ctx.m, next, tz))
      : t.addedToPool(title, unitName ?? ctx.person.name);
    ctx.choose(text, [
      { label: t.acceptButton, command: `/topic accept #${topic.id}` },
      { label: t.deferButton, command: `/topic defer #${topic.id}` },
      { label: t.rejectButton, command: `/topic reject #${topic.id}` },
    ]);
  });
}

function topicLine(ctx: Context, tp: TopicView, i: number): string {
  const t = ctx.m.meetings;
  return t.card.topicLine(i + 1, tp.title, tp.unitName ?? tp.proposerName ?? '', t.topicStatus[tp.status]);
}

/** `/topic list`: the next sitting's agenda and the pool. */
function listTopics(ctx: Context): void {
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const t = ctx.m.meetings.topic;
  const lines: string[] = [];
  // The next sitting always; later ones when topics were already deferred to them.
  repos.meetings.upcoming(body.id, ctx.now, 4).forEach((occ, i) => {
    const topics = repos.meetings.topicsOf(occ.id);
    if (i > 0 && !topics.length) return;
    lines.push(t.listTitle(occurrenceLabel(ctx.m, occ, zoneOf(ctx.deps, body))));
    lines.push(...(topics.length ? topics.map((tp, j) => topicLine(ctx, tp, j)) : [t.none]));
  });
  const pool = repos.meetings.poolOf(body.id);
  if (pool.length) lines.push(t.poolTitle, ...pool.map((tp, i) => topicLine(ctx, tp, i)));
  if (!lines.length) lines.push(t.none);
  ctx.reply(lines.join('\n'));
}

/** `/topic accept|defer|reject #id [note]` (secretary or chair). */
function decide(ctx: Context, how: 'accept' | 'defer' | 'reject', tokens: string[]): void {
  ctx.authorize('meetings');
  const body = ctx.requireBody();
  const { repos } = ctx.deps;
  const id = refId(tokens[0]) ?? Number(tokens[0]);
  const topic = repos.meetings.getTopic(id);
  if (!topic || topic.bodyId !== body.id || topic.status === 'discussed')
    throw new UserInputError((m) => m.meetings.topic.notFound);
  const note = cleanText(tokens.slice(1).join(' '));
  if (note) {
    const problem = checkText(note, MAX_TOPIC);
    if (problem) throw textError(problem, MAX_TOPIC, 'topic');
  }
  const t = ctx.m.meetings.topic;
  const target = how === 'accept' ? 'accepted' : how === 'defer' ? 'deferred' : 'rejected';
  if (topic.status === target && how !== 'defer') {
    ctx.reply(t.already(topic.title, ctx.m.meetings.topicStatus[target]));
    return;
  }
  const tz = zoneOf(ctx.deps, body);
  ctx.mutate(() => {
    let text: string;
    if (how === 'defer') {
      const current = topic.meetingId ? repos.meetings.getOccurrence(topic.meetingId) : undefined;
      const next = repos.meetings.nextPlanned(body.id, current?.scheduledAt ?? ctx.now, current?.id);
      repos.meetings.updateTopic(topic.id, {
        status: 'deferred',
        meetingId: next?.id ?? null,
        deferredFromMeetingId: topic.meetingId,
        decidedBy: ctx.person.id,
        decidedAt: ctx.now,
        decisionNote: note || null,
      });
      text = next ? t.deferred(topic.title, occurrenceLabel(ctx.m, next, tz)) : t.deferredToPool(topic.title);
    } else {
      repos.meetings.updateTopic(topic.id, {
        status: target,
        decidedBy: ctx.person.id,
        decidedAt: ctx.now,
        decisionNote: note || null,
      });
      text = how === 'accept' ? t.accepted(topic.title) : t.rejected(topic.title, note);
    }
    ctx.audit({
      subjectType: 'agenda_topic',
      subjectId: topic.id,
      action: `topic.${how}`,
      fromState: topic.status,
      toState: target,
      reason: note || null,
    });
    ctx.reply(text);
  });
}
