/**
 * Roster import (J2, C3): units, aliases and liaisons from an .xlsx/.csv file, all-or-nothing. Every
 * problem is reported with its row number; if there is any, nothing is written. Used by the chat
 * (`/import` with a file) and by the CLI (`yishi roster import`).
 * @module
 */
import type { BodyRow } from '../../db/repos/bodies.js';
import type { Repos } from '../../db/repos/index.js';
import type { Context } from '../core/context.js';
import { UserInputError } from '../core/errors.js';
import type { Messages } from '../core/i18n/index.js';
import type { CommandSpec, TextHandler } from '../core/router.js';
import { parseRoster, type RosterEntry, type RosterRowError } from '../domain/roster.js';
import { normalizeUnitName } from '../domain/unit-match.js';
import { readTable, TableReadError, tableKindOf } from '../import/read-table.js';

export interface RosterSummary {
  units: number;
  createdUnits: number;
  liaisons: number;
  changedLiaisons: number;
}

export type RosterOutcome = { ok: true; summary: RosterSummary } | { ok: false; errors: RosterRowError[] };

/** Problems only the database can reveal: an alias already used by another member unit. */
function conflictsWithBody(repos: Repos, bodyId: number, entries: RosterEntry[]): RosterRowError[] {
  const inFile = new Set(entries.map((e) => normalizeUnitName(e.unitName)));
  const others = repos.units.ofBody(bodyId).filter((u) => !inFile.has(normalizeUnitName(u.name)));
  const errors: RosterRowError[] = [];
  for (const e of entries) {
    for (const alias of e.aliases) {
      const n = normalizeUnitName(alias);
      const other = others.find(
        (u) => normalizeUnitName(u.name) === n || u.aliases.some((a) => normalizeUnitName(a) === n),
      );
      if (other)
        errors.push({
          rowNumber: e.rowNumber,
          code: 'alias_clash',
          params: { alias, otherUnit: other.name },
        });
    }
  }
  return errors;
}

/**
 * Validate and apply a roster to a body. Call inside a transaction: any failure leaves nothing behind.
 * Returns the per-row errors instead of writing when there are any.
 */
export function applyRoster(
  repos: Repos,
  body: BodyRow,
  table: Parameters<typeof parseRoster>[0],
  by: { personId?: number; now: number },
): RosterOutcome {
  const { entries, errors } = parseRoster(table);
  const all = [...errors, ...conflictsWithBody(repos, body.id, entries)].sort(
    (a, b) => a.rowNumber - b.rowNumber,
  );
  if (all.length) return { ok: false, errors: all };
  const summary: RosterSummary = { units: 0, createdUnits: 0, liaisons: 0, changedLiaisons: 0 };
  for (const e of entries) {
    let unit = repos.units.findByName(e.unitName);
    if (!unit) {
      unit = repos.units.create({ name: e.unitName, type: e.type, now: by.now });
      summary.createdUnits++;
    } else if (e.type) repos.units.setType(unit.id, e.type, by.now);
    repos.units.addAliases(unit.id, e.aliases, by.now);
    repos.units.join(body.id, unit.id, by.now);
    summary.units++;
    if (!e.liaisonName) continue;
    const personId = findOrCreateLiaison(repos, body.id, unit.id, e, by.now);
    const before = repos.liaisons.main(body.id, unit.id);
    repos.liaisons.assign({
      bodyId: body.id,
      unitId: unit.id,
      personId,
      isBackup: false,
      by: by.personId,
      now: by.now,
    });
    summary.liaisons++;
    if (before?.personId !== personId) summary.changedLiaisons++;
  }
  repos.audit.record({
    at: by.now,
    actor: by.personId ? `person:${by.personId}` : 'cli',
    actorPersonId: by.personId,
    bodyId: body.id,
    subjectType: 'body',
    subjectId: body.id,
    action: 'roster.import',
    data: summary,
  });
  return { ok: true, summary };
}

/** The person for a roster liaison: the current liaison or a namesake with the same phone, else new. */
function findOrCreateLiaison(
  repos: Repos,
  bodyId: number,
  unitId: number,
  e: RosterEntry,
  now: number,
): number {
  const namesakes = repos.people.findByName(e.liaisonName!);
  const current = repos.liaisons.main(bodyId, unitId);
  const match =
    namesakes.find((p) => e.phone && p.phone === e.phone) ??
    namesakes.find((p) => p.id === current?.personId) ??
    (namesakes.length === 1 && !e.phone && !namesakes[0]!.phone ? namesakes[0] : undefined);
  if (match) {
    const patch = { ...(e.phone ? { phone: e.phone } : {}), ...(e.title ? { title: e.title } : {}), unitId };
    repos.people.updatePerson(match.id, patch, now);
    return match.id;
  }
  return repos.people.createPerson({ name: e.liaisonName!, phone: e.phone, title: e.title, unitId, now }).id;
}

/** The rows' problems as chat lines, and as a CSV when there are too many for one message. */
export function describeRosterErrors(m: Messages, errors: RosterRowError[]): { text: string; csv?: string } {
  const lines = errors.map((e) =>
    m.roster.errorLine(e.rowNumber, m.roster.errors[e.code]?.(e.params ?? {}) ?? e.code),
  );
  const shown = lines.slice(0, 20);
  const more = lines.length - shown.length;
  const text = [m.roster.failed(errors.length), ...shown, ...(more > 0 ? [m.roster.more(more)] : [])].join(
    '\n',
  );
  const csv =
    more > 0 ? `\uFEFF${lines.map((l) => `"${l.replaceAll('"', '""')}"`).join('\r\n')}\r\n` : undefined;
  return { text, csv };
}

export function describeRosterSummary(m: Messages, s: RosterSummary): string {
  return m.roster.done(s.units, s.createdUnits, s.liaisons, s.changedLiaisons);
}

async function importFromMessage(ctx: Context, bodyName: string): Promise<void> {
  const body = ctx.chat.kind === 'direct' ? bodyForDirect(ctx, bodyName) : ctx.requireBody();
  if (ctx.chat.kind === 'group') ctx.authorize('import');
  const file = ctx.msg.files[0];
  if (!file) {
    // WeCom delivers a file as a message of its own, so the file may come next.
    ctx.ask(ctx.m.roster.sendFile(body.name), { kind: ROSTER_FILE, payload: { bodyId: body.id } });
    return;
  }
  await importFile(ctx, body, file);
}

async function importFile(ctx: Context, body: BodyRow, file: Context['msg']['files'][number]): Promise<void> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(await file.fetch(), file.name ?? '');
  } catch (err) {
    if (err instanceof TableReadError)
      throw new UserInputError((m) => m.roster.readError[err.code] ?? m.roster.readError.corrupt!, 'import');
    throw err;
  }
  ctx.mutate(() => {
    const outcome = applyRoster(ctx.deps.repos, body, table, { personId: ctx.person.id, now: ctx.now });
    if (outcome.ok) return ctx.reply(describeRosterSummary(ctx.m, outcome.summary));
    const { text, csv } = describeRosterErrors(ctx.m, outcome.errors);
    ctx.reply({
      text,
      file: csv
        ? { name: ctx.m.roster.reportName, mime: 'text/csv', base64: Buffer.from(csv).toString('base64') }
        : undefined,
    });
  });
}

/** Bodies the caller is secretary of (an admin names the body instead). */
function importableBodies(ctx: Context): BodyRow[] {
  const { repos } = ctx.deps;
  return repos.roles
    .bodiesWhere(ctx.person.id, 'secretary')
    .map((id) => repos.bodies.get(id))
    .filter((b): b is BodyRow => Boolean(b));
}

/** In a private chat the body is named, or is the only one the caller is secretary of. */
function bodyForDirect(ctx: Context, name: string): BodyRow {
  if (!name) {
    const mine = importableBodies(ctx);
    if (mine.length === 1) return mine[0]!;
    throw new UserInputError((m) => m.roster.whichBody);
  }
  const body = ctx.deps.repos.bodies.findAnyByName(name)[0];
  if (!body) throw new UserInputError((m) => m.roster.bodyNotFound(name));
  const roles = ctx.deps.repos.roles.rolesOf(body.id, ctx.person.id);
  if (!ctx.actor.isAdmin && !roles.includes('secretary')) throw new UserInputError((m) => m.denied.import);
  return body;
}

/** The conversation that waits for a roster file after `/import` without one. */
export const ROSTER_FILE = 'roster.file';

export const importCommand: CommandSpec = {
  name: 'import',
  aliases: ['导入', '导入名单'],
  action: 'import',
  usage: (m) => m.roster.usage,
  handle: (ctx) => importFromMessage(ctx, ctx.command.args.trim()),
};

/** The file the bot asked for after `/import` without one. */
export async function rosterFileAnswer(ctx: Context, payload: unknown): Promise<void> {
  const body = ctx.deps.repos.bodies.get((payload as { bodyId: number }).bodyId);
  const file = ctx.msg.files[0];
  if (!body || !file) throw new UserInputError((m) => m.roster.noFile, 'import');
  await importFile(ctx, body, file);
}

/**
 * A roster file sent without the command, by someone who may import here, is imported too: in a group
 * into its body; in a private chat into the one body the sender is secretary of.
 */
export const rosterFileHandler: TextHandler = async (ctx) => {
  const file = ctx.msg.files[0];
  if (!file || !tableKindOf(file.name ?? '')) return false;
  if (ctx.chat.kind === 'direct') {
    const mine = importableBodies(ctx);
    if (mine.length !== 1) return false;
    await importFile(ctx, mine[0]!, file);
    return true;
  }
  if (!ctx.body || (!ctx.actor.isAdmin && !ctx.actor.roles.has('secretary'))) return false;
  await importFile(ctx, ctx.body, file);
  return true;
};
