/**
 * The newcomer's tour (`npm run demo`, issue #10) played into a buffer and a temp dir: every step runs,
 * the bot's real replies tell the story in order on the simulated clock, nothing queued is left unsent,
 * and the minutes and the ledger are real .docx / .xlsx files with the meeting and its items inside.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOUR } from '../scripts/demo/script.js';
import { runTour, type TourResult } from '../scripts/demo/tour.js';
import { unzip } from './support/unzip.js';

let dir: string;
let transcript = '';
let result: TourResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'yishi-demo-'));
  result = await runTour({
    out: { write: (text: string) => (transcript += text) },
    outDir: path.join(dir, 'out'),
    fast: true,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The position of `text` in the transcript, failing when it is not there. */
function at(text: string, from = 0): number {
  const i = transcript.indexOf(text, from);
  if (i < 0) throw new Error(`not in the transcript: ${text}`);
  return i;
}

/** Every text of the archive's parts, for "is it in the document" checks. */
const allText = (parts: Map<string, Buffer>) => [...parts.values()].map((b) => b.toString('utf8')).join('\n');

describe('npm run demo: the newcomer’s tour', () => {
  it('runs every step, with a heading, and leaves nothing undelivered', () => {
    expect(result.steps).toHaveLength(TOUR.length);
    expect(result.steps[0]).toBe('第 1 步：建立联席会议');
    for (const heading of result.steps) expect(transcript).toContain(`── ${heading} ──`);
    expect(result.undelivered).toBe(0);
    expect(transcript).not.toMatch(/处理这条消息时出错|抱歉，处理时出了点问题/);
  });

  it('reads like the terminal chat: typed lines at the prompt, then the bot’s messages', () => {
    expect(transcript).toContain(
      '张三@联席会议群> /setup 联席会议 和平街道联席会议 编号:HP\n── [联席会议群] 议事 #1 ──\n  已创建联席会议「和平街道联席会议」',
    );
    expect(transcript).toContain('1. 区供电公司第二供电所（二所、供电所） — 联络员 周明');
    expect(transcript).toContain('周明@私信> 1\n  ▸ 你按下了「签收」');
  });

  it('tells the story in order as the simulated clock runs across 中秋 and 国庆', () => {
    const notice = at('📅 会议通知｜街道联席会议 第1次');
    expect(at('⏩ 2026年9月22日（周二）09:00')).toBeLessThan(notice);
    const excused = at('✅ 已登记 王芳 请假', notice);
    const reminder = at('⏰ 会前提醒｜街道联席会议 第1次', excused);
    const drafts = at('从记录中找到 3 项议定事项', reminder);
    const assigned = at('【交办通知】HP-2026-003', drafts);
    // 中秋 falls on Friday 25 September: the weekly digest comes on Thursday.
    const digest = at('【督办周报】和平街道联席会议（截至 2026-09-24）', assigned);
    const closed = at('HP-2026-001 已核查通过，销号。', digest);
    // Due 30 September; 1–7 October are the National Day holiday, so the chase waits for the 8th.
    const chaseDay = at('⏩ 2026年10月8日（周四）09:00', closed);
    const chase = at('🟡【催办】HP-2026-003 整治幸福里路口占道经营', chaseDay);
    const makeupDay = at('⏩ 2026年10月10日（周六·调休上班）09:00', chase);
    const extended = at('HP-2026-002 延期已批准，新时限 2026年10月23日（周五）。', makeupDay);
    const redDay = at('⏩ 2026年10月13日（周二）09:00', extended);
    const red = at('🔴【超期通报】HP-2026-003 整治幸福里路口占道经营', redDay);
    expect(transcript.slice(red)).toMatch(
      /── \[私信 → 李书记\] 议事 #\d+ ──.*\n {2}🔴【超期通报】HP-2026-003/,
    );
    expect(transcript.slice(red)).toMatch(/── \[联席会议群\] 议事 #\d+ ──.*\n {2}🔴【超期通报】HP-2026-003/);
  });

  it('shows the board after the extension without a stale due-soon colour', () => {
    const board = transcript.slice(at('张三@联席会议群> /tasks'));
    expect(board).toContain('· HP-2026-002 清理5号楼楼道堆放杂物｜幸福里社区居委会｜办理中｜2026-10-23\n');
    expect(board).toContain(
      '· HP-2026-003 整治幸福里路口占道经营｜区城管执法中队｜办理中｜2026-09-30 🔴 超期',
    );
  });

  it('writes the minutes .docx and the ledger .xlsx with the meeting and its items inside', async () => {
    const names = result.files.map((f) => path.basename(f)).sort();
    expect(names).toEqual(['和平街道联席会议督办台账-2026-10-13.xlsx', '街道联席会议第1次会议纪要.docx']);
    for (const file of result.files) expect(transcript).toContain(`📎 文件已保存：${file}`);

    const docx = unzip(await readFile(result.files.find((f) => f.endsWith('.docx'))!));
    expect([...docx.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const minutes = docx.get('word/document.xml')!.toString('utf8');
    for (const text of ['和平街道联席会议纪要', '街道联席会议第1次会议纪要', '排查建设路3处老化线路', '赵敏'])
      expect(minutes).toContain(text);
    // The minutes keep the date the meeting agreed (10-14), not the later extension (10-23).
    expect(transcript).toContain(
      '责任单位：幸福里社区居委会；联络员：王芳；完成时限：2026年10月14日（周三）前。',
    );

    const xlsx = unzip(await readFile(result.files.find((f) => f.endsWith('.xlsx'))!));
    expect([...xlsx.keys()]).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']),
    );
    const ledger = allText(xlsx);
    for (const text of ['和平街道联席会议', 'HP-2026-001', 'HP-2026-003', '整治幸福里路口占道经营', '汇总'])
      expect(ledger).toContain(text);
  });
});
