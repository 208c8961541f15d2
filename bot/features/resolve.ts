/**
 * Turning what people typed into units and people, asking back when it is ambiguous.
 * Shared by the features; each returns undefined after it has asked, and the handler stops there.
 * @module
 */
import type { BodyRow } from '../../db/repos/bodies.js';
import type { PersonRow } from '../../db/repos/people.js';
import type { UnitWithAliases } from '../../db/repos/units.js';
import type { Context } from '../core/context.js';
import { UserInputError } from '../core/errors.js';
import { checkPersonName, cleanName } from '../domain/names.js';
import { matchUnit } from '../domain/unit-match.js';

/**
 * Resolve a unit of the body. Ambiguity offers the candidates as buttons that re-run the command
 * with the full name (`retry`); an unknown name is an error, or an offer to add it when `offerAdd`.
 */
export function resolveUnit(
  ctx: Context,
  body: BodyRow,
  query: string,
  opts: { retry: (fullName: string) => string; offerAdd?: boolean; usageOf?: string },
): UnitWithAliases | undefined {
  const units = ctx.deps.repos.units.ofBody(body.id);
  const match = matchUnit(query, units);
  if (match.kind === 'found') return units.find((u) => u.id === match.unit.id);
  if (match.kind === 'ambiguous') {
    ctx.choose(
      ctx.m.common.chooseOne(query),
      match.candidates.slice(0, 8).map((c) => ({ label: c.name, command: opts.retry(c.name) })),
    );
    return undefined;
  }
  if (opts.offerAdd) {
    ctx.choose(ctx.m.unit.notFound(query), [
      { label: ctx.m.unit.offerAdd(query), command: `/unit add ${query}` },
    ]);
    return undefined;
  }
  throw new UserInputError((m) => m.unit.notFound(query), opts.usageOf);
}

export interface ResolvedPerson {
  person: PersonRow;
  /** True when nobody by that name was known and a directory entry was created. */
  created: boolean;
}

/**
 * Resolve a person from `@mention`, `@username`, a platform user id, or a name in the directory.
 * An unknown plain name creates a directory entry (a liaison may be registered before they ever
 * speak); several people with the name is an error asking for an @mention.
 */
export function resolvePerson(ctx: Context, token: string): ResolvedPerson {
  const { repos } = ctx.deps;
  const bare = token.replace(/^[@＠]/, '').trim();
  const platform = ctx.msg.chat.platform;
  const mention = ctx.msg.mentions.find(
    (u) => u.userId === bare || u.username === bare || u.displayName === bare || `@${u.username}` === token,
  );
  if (mention)
    return { person: repos.people.ensureIdentity({ ...mention, now: ctx.now }).person, created: false };
  const identity = repos.people.getIdentity(platform, bare);
  if (identity) return { person: repos.people.getPerson(identity.personId)!, created: false };
  const named = repos.people.findByName(bare);
  if (named.length === 1) return { person: named[0]!, created: false };
  if (named.length > 1) throw new UserInputError((m) => m.liaison.personAmbiguous(bare, named.length));
  const name = cleanName(bare);
  const problem = checkPersonName(name);
  if (problem === 'empty') throw new UserInputError((m) => m.liaison.needPerson);
  if (problem) throw new UserInputError((m) => m.common.badPersonName);
  return { person: repos.people.createPerson({ name, now: ctx.now }), created: true };
}

/** Display name of a person (the directory's name). */
export const personName = (ctx: Context, personId: number | null | undefined): string =>
  (personId && ctx.deps.repos.people.getPerson(personId)?.name) || ctx.m.common.none;
