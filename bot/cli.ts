/**
 * The admin CLI (C32): `yishi <command>` (or `npm run cli -- <command>`). Like the bot, it reads the
 * environment and `.env`; it works on the same database file, safely while the bot runs (WAL).
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, type Store } from '../db/client.js';
import { createRepos, type Repos } from '../db/repos/index.js';
import type { OutboxStatus } from '../db/repos/outbox.js';
import { OUTBOX_STATUSES } from '../db/schema/index.js';
import { createBot } from './bot.js';
import { type Config, createConfig, readEnv } from './config.js';
import { ConfigError } from './core/errors.js';
import { type Messages, messagesFor } from './core/i18n/index.js';
import { silentLogger } from './core/ports.js';
import { createWorkCalendar } from './domain/calendar.js';
import { zonedInstant } from './domain/dates.js';
import { extractItems } from './domain/extract.js';
import { ledgerFile } from './features/documents/ledger.js';
import { buildMinutes } from './features/documents/minutes.js';
import { applyRoster, describeRosterErrors, describeRosterSummary } from './features/roster.js';
import { readTable, TableReadError } from './import/read-table.js';
import { createLlmClient } from './llm/client.js';
import { mergeLlmItems } from './llm/merge.js';

const USAGE = `yishi — 议事 admin CLI

  yishi config                              check the configuration and show what is on
  yishi migrate                             create or update the database
  yishi backup <file>                       online backup of the database to <file>
  yishi roster import <file> --body <name>  import units and liaisons (.xlsx/.csv), all-or-nothing
  yishi jobs run-due [--at <ISO instant>]   run the scheduler tick as of now or a given instant
  yishi outbox [--status <status>]          list queued, sent or failed messages (newest 50)
  yishi extract --date <YYYY-MM-DD> [--body <name>] [--llm] < notes.txt
                                            print the agreed items found in notes as JSON
  yishi export minutes --meeting <id|YYYY-MM-DD> --body <name> --out <file.docx>
  yishi export ledger --body <name> --out <file.xlsx>
`;

type Io = { out: (s: string) => void; err: (s: string) => void; stdin?: () => Promise<string> };

/** Run one CLI command; returns the exit code. Exported for tests. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      body: { type: 'string' },
      at: { type: 'string' },
      status: { type: 'string' },
      date: { type: 'string' },
      meeting: { type: 'string' },
      out: { type: 'string' },
      llm: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help) {
    io.out(USAGE);
    return command ? 0 : 1;
  }
  let config: Config;
  try {
    config = createConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
  if (command === 'config') {
    io.out(describeConfig(config));
    return 0;
  }
  const store = openDb(config.databasePath);
  try {
    return await dispatch(store, config, { command, sub, arg, values, stdin: io.stdin }, io);
  } finally {
    store.close();
  }
}

async function dispatch(
  store: Store,
  config: Config,
  a: {
    command: string;
    sub?: string;
    arg?: string;
    values: {
      body?: string;
      at?: string;
      status?: string;
      date?: string;
      meeting?: string;
      out?: string;
      llm?: boolean;
    };
    stdin?: () => Promise<string>;
  },
  io: Io,
): Promise<number> {
  const repos = createRepos(store.db);
  const m = messagesFor(config.language);
  switch (a.command) {
    case 'migrate': {
      const [row] = store.query<{ n: number }>('select count(*) as n from __drizzle_migrations');
      io.out(`database ${config.databasePath}: ${row?.n ?? 0} migrations applied`);
      return 0;
    }
    case 'backup': {
      if (!a.sub) return usage(io, 'backup needs a target file');
      await store.backup(a.sub);
      io.out(`backup written to ${a.sub}`);
      return 0;
    }
    case 'roster': {
      if (a.sub !== 'import' || !a.arg || !a.values.body)
        return usage(io, 'roster import <file> --body <name>');
      const body = repos.bodies.findAnyByName(a.values.body)[0];
      if (!body) {
        io.err(m.roster.bodyNotFound(a.values.body));
        return 1;
      }
      let table: Awaited<ReturnType<typeof readTable>>;
      try {
        table = await readTable(readFileSync(a.arg), basename(a.arg));
      } catch (err) {
        if (err instanceof TableReadError) {
          io.err(m.roster.readError[err.code] ?? err.message);
          return 1;
        }
        throw err;
      }
      const outcome = store.tx(() => applyRoster(repos, body, table, { now: Date.now() }));
      if (outcome.ok) {
        io.out(describeRosterSummary(m, outcome.summary));
        return 0;
      }
      io.err(describeRosterErrors(m, outcome.errors).text);
      return 1;
    }
    case 'jobs': {
      if (a.sub !== 'run-due') return usage(io, 'jobs run-due [--at <ISO instant>]');
      const at = a.values.at ? Date.parse(a.values.at) : Date.now();
      if (Number.isNaN(at))
        return usage(io, `not an instant: ${a.values.at} (use e.g. 2026-12-05T09:00:00+08:00)`);
      // The same tick as the bot's, without adapters: messages wait in the outbox for the running bot.
      const bot = createBot({
        store,
        clock: { now: () => at },
        logger: silentLogger,
        timezone: config.timezone,
        language: config.language,
        adapters: [],
      });
      const result = bot.tick(at);
      io.out(`run-due at ${new Date(at).toISOString()}: ${JSON.stringify(result)}`);
      return 0;
    }
    case 'outbox': {
      const status = a.values.status;
      if (status !== undefined && !isOutboxStatus(status)) {
        return usage(io, `status must be one of ${OUTBOX_STATUSES.join(', ')}`);
      }
      io.out(JSON.stringify(repos.outbox.counts()));
      for (const r of repos.outbox.list({ status, limit: 50 })) {
        const error = r.lastError ? ` error=${r.lastError}` : '';
        io.out(`#${r.id} ${r.status} ${r.target.platform}:${r.target.chatId} attempts=${r.attempts}${error}`);
      }
      return 0;
    }
    case 'extract':
      return extractCommand(repos, config, a, io);
    case 'export':
      return exportCommand(repos, a, io, m);
    default:
      return usage(io, `unknown command: ${a.command}`);
  }
}

const isOutboxStatus = (s: string): s is OutboxStatus => (OUTBOX_STATUSES as readonly string[]).includes(s);

type Args = Parameters<typeof dispatch>[2];

/** `extract`: the agreed items of notes on stdin, as JSON (the rules, or the model with --llm). */
async function extractCommand(repos: Repos, config: Config, a: Args, io: Io): Promise<number> {
  const date = a.values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return usage(io, 'extract --date YYYY-MM-DD');
  const text = (await a.stdin?.()) ?? '';
  const body = a.values.body ? repos.bodies.findAnyByName(a.values.body)[0] : undefined;
  const units = body ? repos.units.ofBody(body.id) : [];
  const calendar = createWorkCalendar(repos.holidays.all());
  let items = extractItems(text, { units, reference: date, calendar }).items;
  const llm = a.values.llm ? createLlmClient(config.openai, silentLogger) : null;
  if (a.values.llm && !llm) io.err('no model configured (OPENAI_API_KEY / OPENAI_BASE_URL); using the rules');
  if (llm) {
    const answer = await llm.extractItems(text, { units: units.map((u) => u.name), reference: date });
    if (answer.ok) items = mergeLlmItems(answer.items, { units, reference: date, calendar });
    else io.err(`the model failed (${answer.reason}); using the rules`);
  }
  const json = items.map((i) => ({
    content: i.content,
    leadUnit: i.leadUnit?.name ?? null,
    supportUnits: i.supportUnits.map((s) => s.name),
    liaison: i.liaison,
    due: i.due,
    dueText: i.dueText,
  }));
  io.out(JSON.stringify(json, null, 2));
  return 0;
}

/** `export minutes|ledger`: the same documents the bot sends, written to a file. */
async function exportCommand(repos: Repos, a: Args, io: Io, m: Messages): Promise<number> {
  const body = a.values.body ? repos.bodies.findAnyByName(a.values.body)[0] : undefined;
  if (!body || !a.values.out) return usage(io, 'export minutes|ledger --body <name> --out <file>');
  if (a.sub === 'ledger') {
    writeFileSync(a.values.out, await ledgerFile(repos, body, Date.now()));
    io.out(`ledger written to ${a.values.out}`);
    return 0;
  }
  if (a.sub !== 'minutes' || !a.values.meeting) return usage(io, 'export minutes --meeting <id|YYYY-MM-DD>');
  const ref = a.values.meeting;
  const dayStart = /^\d{4}-\d{2}-\d{2}$/.test(ref) ? zonedInstant(ref, '00:00', body.timezone) : undefined;
  const occ =
    dayStart === undefined
      ? repos.meetings.getOccurrence(Number(ref))
      : repos.meetings
          .between(body.id, dayStart, dayStart + 86_400_000)
          .find((o) => o.status !== 'cancelled');
  if (!occ || occ.bodyId !== body.id) {
    io.err(m.documents.noMeeting);
    return 1;
  }
  const saved = repos.minutes.latest(occ.id);
  const doc =
    saved && saved.status !== 'draft'
      ? JSON.parse(saved.content)
      : buildMinutes(repos, body, occ, m, 'draft');
  const { renderMinutesDocx } = await import('./render/minutes-docx.js');
  writeFileSync(a.values.out, await renderMinutesDocx(doc));
  io.out(`minutes written to ${a.values.out}`);
  return 0;
}

function usage(io: Io, problem: string): number {
  io.err(`${problem}\n\n${USAGE}`);
  return 1;
}

function describeConfig(c: Config): string {
  return [
    `database   ${c.databasePath}`,
    `timezone   ${c.timezone}, language ${c.language}`,
    `admins     ${c.admins.map((a) => `${a.platform}:${a.userId}`).join(', ') || '(none)'}`,
    `telegram   ${c.telegram ? `on (${c.telegram.webhook ? 'webhook' : 'polling'}${c.telegram.apiRoot ? `, api ${c.telegram.apiRoot}` : ''})` : 'off'}`,
    `wecom      ${c.wecom ? `on${c.wecom.wsUrl ? ` (${c.wecom.wsUrl})` : ''}` : 'off'}`,
    `llm        ${c.openai ? `on (${c.openai.model}${c.openai.baseUrl ? ` at ${c.openai.baseUrl}` : ''})` : 'off'}`,
  ].join('\n');
}

const isMain = process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]));
if (isMain) {
  runCli(process.argv.slice(2), readEnv(process.env), {
    out: (s) => console.log(s),
    err: (s) => console.error(s),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
