/**
 * Benchmark 4, documents. A held meeting with 1,000 captured messages, 40 agreed items (10 units with
 * liaisons, lead and support units, attendance) is built through the real bot and saved to a file.
 * Then, each in a fresh process so its peak RSS is its own:
 * - minutes: what `/minutes` does — read the record (meeting, items and their units, attendance, and
 *   the captured discussion, which `/minutes` reads for the optional model summary), build the
 *   minutes and render the .docx in the 纪要 layout (bot/features/documents/minutes.ts,
 *   bot/render/minutes-docx.ts);
 * - ledger: `ledgerFile` — read every item and render the styled two-sheet .xlsx
 *   (bot/features/documents/ledger.ts, bot/render/ledger-xlsx.ts).
 * Baselines, same run: the same library writing the same content with nothing of ours — the minutes'
 * text as plain docx paragraphs, the ledger's cell values on one unstyled exceljs sheet — from input
 * prepared before the clock starts. The ratio is the price of reading the record and of the layout.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Document, Packer, Paragraph } from 'docx';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { messagesFor } from '../../bot/core/i18n/index.js';
import { ledgerFile, ledgerRows } from '../../bot/features/documents/ledger.js';
import { buildMinutes } from '../../bot/features/documents/minutes.js';
import { renderMinutesDocx, renderMinutesText } from '../../bot/render/minutes-docx.js';
import { openDb } from '../../db/client.js';
import { createRepos, type Repos } from '../../db/repos/index.js';
import { createHarness } from '../support/fake-chat.js';
import { runChild } from './child.js';
import { type BenchRow, fmt, mb, median, NO_GOAL } from './table.js';

const CAPTURED = 1000;
const ITEMS = 40;
const UNITS = 10;
/** Renders before the clock starts (the JIT settles after a few), then timed renders. */
const WARMUP = 5;
const RUNS = 15;
const MEETING_AT = '2026-12-01T15:00:00+08:00';

type Doc = 'minutes' | 'ledger';
type Side = 'subject' | 'baseline';

interface RenderRun {
  ms: number[];
  /** Subject only: reading the record alone (the database part of `ms`), timed separately. */
  readMs?: number[];
  bytes: number;
  /** RSS once the database was open and the input ready, before the first render. */
  rssBeforeBytes: number;
}

export async function documents(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-bench-docs-'));
  const file = join(dir, 'meeting.db');
  try {
    await buildMeeting(file);
    const rows: BenchRow[] = [];
    for (const doc of ['minutes', 'ledger'] as const) {
      const subject = await runChild<RenderRun>('documents-run', { file, doc, side: 'subject' });
      const baseline = await runChild<RenderRun>('documents-run', { file, doc, side: 'baseline' });
      const ratio = median(subject.ms) / median(baseline.ms);
      const growth = (r: typeof subject) => Math.max(0, r.maxRssBytes - r.rssBeforeBytes);
      rows.push({
        name:
          doc === 'minutes'
            ? `minutes .docx: ${ITEMS} items, ${CAPTURED} captured messages`
            : `ledger .xlsx: ${ITEMS} items, ${UNITS} units`,
        subject: { value: median(subject.ms), unit: 'ms' },
        baseline: { value: median(baseline.ms), unit: 'ms' },
        ratio,
        goal: NO_GOAL,
        met: true,
        note:
          `baseline: ${doc === 'minutes' ? 'same text as plain docx paragraphs' : 'same values on one unstyled exceljs sheet'}; ` +
          `reading the record: ${fmt(median(subject.readMs ?? []))} ms of it; ` +
          `${fmt(subject.bytes / 1000)} vs ${fmt(baseline.bytes / 1000)} kB; peak RSS ` +
          `${mb(subject.maxRssBytes)} vs ${mb(baseline.maxRssBytes)}, of which rendering +${mb(growth(subject))} ` +
          `vs +${mb(growth(baseline))}; median of ${RUNS}`,
        details: { subject, baseline },
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The meeting through the real bot (fake chat, in memory): body, units and liaisons, a one-off meeting
 * started and ended, attendance, 40 items recorded and confirmed during it; then 1,000 captured
 * messages in one insert, and a backup to `file`.
 */
async function buildMeeting(file: string): Promise<void> {
  const h = await createHarness();
  const sec = h.client('张三', '联席会议群');
  await sec.send('/setup 联席会议 和平街道区域化党建联席会议');
  for (let u = 1; u <= UNITS; u++) {
    await sec.send(`/unit add 区第${u}职能单位 别名:单位${u}`);
    await sec.send(`/liaison 单位${u} @联络员${u}`);
  }
  await sec.send('/meeting 12月1日15:00 专题会 地点:党群服务中心三楼');
  await sec.press('确认');
  h.clock.set(MEETING_AT);
  await sec.send('/meeting start');
  for (let u = 1; u <= UNITS; u++) {
    const liaison = h.client(`联络员${u}`, '联席会议群');
    if (u % 4 === 0) {
      await liaison.send('/meeting 请假');
      await liaison.send('在外地参加培训');
      await liaison.send('无');
    } else await liaison.send('/meeting 参会');
  }
  for (let i = 1; i <= ITEMS; i++) {
    const lead = (i % UNITS) + 1;
    const support = i % 3 === 0 ? ` 单位${((i + 3) % UNITS) + 1} 配合` : '';
    await sec.send(
      `/item 单位${lead} 牵头${support} 排查整治建设路第${i}处老化线路并更换配电箱 12月${(i % 25) + 5}日前`,
    );
    await sec.press('确认交办');
  }
  const meetingId = h.store.query<{ id: number }>('select id from meetings order by id desc limit 1')[0]!.id;
  const speakers = h.store.query<{ id: number; name: string }>('select id, name from people');
  h.store.tx(() => {
    for (let i = 0; i < CAPTURED; i++) {
      const who = speakers[i % speakers.length]!;
      const text = `第${i + 1}条发言：关于建设路老化线路的排查，我单位已安排人员于本周内完成现场核查，涉及配电箱${i % 7}处，需要社区协调物业配合。`;
      h.store.db.run(
        sql`insert into captured_messages (meeting_id, person_id, sender_name, text, sent_at)
          values (${meetingId}, ${who.id}, ${who.name}, ${text}, ${Date.parse(MEETING_AT) + i * 3000})`,
      );
    }
  });
  await sec.send('/meeting end');
  await h.store.backup(file);
  h.store.close();
}

/** Child task: render one document `RUNS` times (after `WARMUP` untimed renders) on one side. */
export async function documentsRunTask(args: { file: string; doc: Doc; side: Side }): Promise<RenderRun> {
  const store = openDb(args.file);
  const repos = createRepos(store.db);
  const body = repos.bodies.findAnyByName('和平街道区域化党建联席会议')[0]!;
  const render = prepare(repos, args.doc, args.side, body);
  const rssBeforeBytes = process.memoryUsage().rss;
  let bytes = 0;
  for (let w = 0; w < WARMUP; w++) bytes = (await render()).length;
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    bytes = (await render()).length;
    ms.push(performance.now() - t0);
  }
  const result: RenderRun = { ms, bytes, rssBeforeBytes };
  if (args.side === 'subject') result.readMs = timeReading(repos, args.doc, body);
  store.close();
  return result;
}

/** The database part of the subject on its own: the reads `/minutes` and `ledgerFile` make. */
function timeReading(repos: Repos, doc: Doc, body: BodyRow): number[] {
  const m = messagesFor('zh-CN');
  const occ = repos.meetings.lastHeld(body.id)!;
  const ms: number[] = [];
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const t0 = performance.now();
    if (doc === 'minutes') {
      buildMinutes(repos, body, occ, m, 'draft');
      repos.meetings.capturedOf(occ.id);
    } else ledgerRows(repos, body);
    if (r >= WARMUP) ms.push(performance.now() - t0);
  }
  return ms;
}

type BodyRow = NonNullable<ReturnType<Repos['bodies']['get']>>;

/** The timed work of one side; a baseline's input is prepared here, before any timing. */
function prepare(repos: Repos, doc: Doc, side: Side, body: BodyRow): () => Promise<Buffer> {
  const m = messagesFor('zh-CN');
  const now = Date.parse(MEETING_AT) + 2 * 3_600_000;
  const occ = repos.meetings.lastHeld(body.id)!;
  if (doc === 'minutes' && side === 'subject') {
    return () => {
      const minutes = buildMinutes(repos, body, occ, m, 'draft');
      // `/minutes` reads the captured discussion for the model's summary before anything else.
      repos.meetings.capturedOf(occ.id);
      return renderMinutesDocx(minutes);
    };
  }
  if (doc === 'minutes') {
    const text = renderMinutesText(buildMinutes(repos, body, occ, m, 'draft'));
    return () =>
      Packer.toBuffer(
        new Document({ sections: [{ children: text.split('\n').map((line) => new Paragraph(line)) }] }),
      );
  }
  if (side === 'subject') return () => ledgerFile(repos, body, now);
  const values = ledgerRows(repos, body).map((row) => Object.values(row).map(cellValue));
  return async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRows(values);
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  };
}

function cellValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return Array.isArray(v) ? v.join('、') : String(v);
}
