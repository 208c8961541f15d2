import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  columnLetter,
  DATE_FORMAT,
  DATETIME_FORMAT,
  excelDate,
  HEADER_FILL,
  isOnTime,
  isOverdue,
  LEDGER_COLUMNS,
  type LedgerInput,
  type LedgerRow,
  OVERDUE,
  renderLedgerXlsx,
  SUMMARY_SHEET,
  summarize,
  WARNING_STYLE,
} from '../../bot/render/ledger-xlsx.js';

const TODAY = '2026-12-05';

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  code: 'HP-2026-001',
  source: '2026年第三次联席会议纪要（第3期）第一项',
  assignedOn: '2026-09-29',
  content: '完成建设路3处老化线路排查整改',
  leadUnit: '区供电公司第二供电所',
  supportUnits: ['社区居委会'],
  liaison: '周明',
  acknowledgedAt: '2026-09-29 10:15',
  originalDue: '2026-10-20',
  currentDue: null,
  extensions: 0,
  lastFeedbackAt: null,
  progress: null,
  status: 'in_progress',
  warning: 'none',
  chases: 0,
  closedOn: null,
  note: null,
  ...over,
});

const HEPING: LedgerRow[] = [
  // 1: overdue, red warning.
  row({ code: 'HP-2026-001', warning: 'red', chases: 2, progress: '已排查2处' }),
  // 2: extended to a future date: not overdue, blue.
  row({
    code: 'HP-2026-002',
    content: '清理5号楼楼道堆放杂物',
    leadUnit: '万家物业',
    supportUnits: [],
    originalDue: '2026-11-30',
    currentDue: '2026-12-08',
    extensions: 1,
    warning: 'blue',
    lastFeedbackAt: '2026-12-01 16:40',
  }),
  // 3: closed on time.
  row({
    code: 'HP-2026-003',
    content: '更换幸福里小区路灯',
    status: 'closed',
    originalDue: '2026-11-15',
    reportedDoneOn: '2026-11-14',
    closedOn: '2026-11-18',
  }),
  // 4: closed late.
  row({
    code: 'HP-2026-004',
    content: '箱变围栏加固',
    status: 'closed',
    originalDue: '2026-10-12',
    closedOn: '2026-10-20',
  }),
  // 5: reported done past the due date: awaiting verification, not overdue.
  row({
    code: 'HP-2026-005',
    content: '消防通道标线',
    leadUnit: '万家物业',
    status: 'reported_done',
    originalDue: '2026-11-01',
  }),
  // 6: cancelled: not counted.
  row({
    code: 'HP-2026-006',
    content: '撤销事项',
    leadUnit: '万家物业',
    status: 'cancelled',
    originalDue: '2026-10-01',
  }),
  // 7: overdue, yellow, assigned and not acknowledged; an unreadable date kept as text.
  row({
    code: 'HP-2026-007',
    content: '夜市占道整治',
    leadUnit: '区城管执法局和平中队',
    status: 'assigned',
    acknowledgedAt: null,
    assignedOn: '国庆前',
    originalDue: '2026-12-04',
    warning: 'yellow',
  }),
];
const GRID: LedgerRow[] = [
  row({
    code: 'WG-2026-001',
    content: '5号楼化粪池清掏',
    leadUnit: '万家物业',
    originalDue: '2026-12-10',
    warning: 'blue',
  }),
];

const INPUT: LedgerInput = {
  sheets: [
    { bodyName: '和平街道区域化党建联席会议', rows: HEPING },
    { bodyName: '幸福里社区网格/第3网格[测试]', rows: GRID },
    { bodyName: '汇总', rows: [] },
  ],
  generatedAt: '2026年12月5日 10:30',
  today: TODAY,
};

let wb: ExcelJS.Workbook;
let ledger: ExcelJS.Worksheet;
const header = (ws: ExcelJS.Worksheet): string[] =>
  (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v));
const cellOf = (r: number, key: string): ExcelJS.Cell =>
  ledger.getRow(r).getCell(LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1);
const fillOf = (cell: ExcelJS.Cell): string | undefined =>
  cell.fill?.type === 'pattern' ? (cell.fill.fgColor?.argb ?? undefined) : undefined;

beforeAll(async () => {
  const buffer = await renderLedgerXlsx(INPUT);
  expect(buffer.subarray(0, 2).toString()).toBe('PK');
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  ledger = wb.getWorksheet('和平街道区域化党建联席会议')!;
});

describe('sheets', () => {
  it('has the 汇总 sheet first, then one sheet per body with safe, unique names', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SUMMARY_SHEET,
      '和平街道区域化党建联席会议',
      '幸福里社区网格 第3网格 测试',
      '汇总(2)',
    ]);
  });
});

describe('a body sheet', () => {
  it('has the 督办台账 columns of domain.md §7 in order, with widths', () => {
    expect(header(ledger)).toEqual([
      '序号',
      '立项号',
      '事项来源',
      '交办日期',
      '事项内容',
      '牵头单位',
      '配合单位',
      '联络员',
      '签收时间',
      '原定时限',
      '调整后时限',
      '延期次数',
      '最近反馈',
      '进展情况',
      '办理状态',
      '预警',
      '催办次数',
      '办结时间',
      '备注',
    ]);
    expect(ledger.columns.map((c) => c.width)).toEqual(LEDGER_COLUMNS.map((c) => c.width));
    expect(ledger.rowCount).toBe(1 + HEPING.length);
  });

  it('freezes the header row and filters on it', () => {
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ledger.autoFilter).toBe(`A1:${columnLetter(19)}1`);
  });

  it('styles the header: 黑体, bold, filled', () => {
    const cell = ledger.getRow(1).getCell(1);
    expect(cell.font).toMatchObject({ name: '黑体', bold: true });
    expect(fillOf(cell)).toBe(HEADER_FILL);
  });

  it('writes real dates at UTC midnight of the Shanghai day with a 年月日 format', () => {
    const due = cellOf(2, 'originalDue');
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString()).toBe('2026-10-20T00:00:00.000Z');
    expect(due.numFmt).toBe(DATE_FORMAT);
    expect((cellOf(2, 'assignedOn').value as Date).toISOString()).toBe('2026-09-29T00:00:00.000Z');
    const signed = cellOf(2, 'acknowledgedAt');
    expect((signed.value as Date).toISOString()).toBe('2026-09-29T10:15:00.000Z');
    expect(signed.numFmt).toBe(DATETIME_FORMAT);
    expect((cellOf(3, 'currentDue').value as Date).toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect((cellOf(4, 'closedOn').value as Date).toISOString()).toBe('2026-11-18T00:00:00.000Z');
    // Not a date: kept as the text that was given, not lost and not guessed.
    expect(cellOf(8, 'assignedOn').value).toBe('国庆前');
    expect(cellOf(2, 'currentDue').value).toBeNull();
  });

  it('writes numbers, joined support units and printed status and warning labels', () => {
    expect(cellOf(2, 'seq').value).toBe(1);
    expect(cellOf(2, 'chases').value).toBe(2);
    expect(cellOf(3, 'extensions').value).toBe(1);
    expect(cellOf(2, 'supportUnits').value).toBe('社区居委会');
    expect(cellOf(2, 'status').value).toBe('办理中');
    expect(cellOf(4, 'status').value).toBe('已销号');
    expect(cellOf(6, 'status').value).toBe('已报办结');
    expect(cellOf(8, 'status').value).toBe('已交办');
    expect(cellOf(2, 'warning').value).toBe('红色');
    expect(cellOf(3, 'warning').value).toBe('蓝色');
    expect(cellOf(8, 'warning').value).toBe('黄色');
    expect(cellOf(4, 'warning').value).toBe('');
  });

  it('fills overdue rows statically, keeping the 预警 colour', () => {
    // Rows 2 (item 1) and 8 (item 7) are overdue on 12-05; the others are not.
    for (const r of [2, 8]) {
      for (const c of LEDGER_COLUMNS.filter((x) => x.key !== 'warning')) {
        const cell = cellOf(r, c.key);
        expect(fillOf(cell), `${c.header} of row ${r}`).toBe(OVERDUE.fill);
        expect(cell.font?.color?.argb).toBe(OVERDUE.font);
      }
    }
    expect(fillOf(cellOf(2, 'warning'))).toBe(WARNING_STYLE.red.argb);
    expect(fillOf(cellOf(8, 'warning'))).toBe(WARNING_STYLE.yellow.argb);
    for (const r of [3, 4, 5, 6, 7]) expect(fillOf(cellOf(r, 'content'))).toBeUndefined();
    expect(fillOf(cellOf(3, 'warning'))).toBe(WARNING_STYLE.blue.argb);
  });

  it('adds the overdue conditional format on every column but 预警', () => {
    // Read back by exceljs but missing from its type declarations.
    const rules = (ledger as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    expect(rules.map((r) => r.ref)).toEqual(['A2:O8', 'Q2:S8']);
    for (const cf of rules) {
      const [rule] = cf.rules;
      expect(rule).toMatchObject({ type: 'expression' });
      const formula = (rule as { formulae: string[] }).formulae[0]!;
      expect(formula).toBe(
        'AND(OR($O2="已交办",$O2="办理中"),N(IF($K2<>"",$K2,$J2))>0,IF($K2<>"",$K2,$J2)<TODAY())',
      );
      expect(JSON.stringify((rule as { style: unknown }).style)).toContain(OVERDUE.fill);
    }
  });

  it('sets up printing: landscape A4, one page wide, header row repeated', () => {
    expect(ledger.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ledger.pageSetup.printTitlesRow).toBe('1:1');
  });
});

describe('the 汇总 sheet', () => {
  it('counts by lead unit across bodies: total, open, overdue, closed, on time', () => {
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(header(ws)).toEqual(['牵头单位', '事项总数', '在办', '超期', '已办结', '按期办结']);
    const body = [2, 3, 4, 5].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(body).toEqual([
      ['区供电公司第二供电所', 3, 1, 1, 2, 1],
      ['万家物业', 3, 3, 0, 0, 0],
      ['区城管执法局和平中队', 1, 1, 1, 0, 0],
      ['合计', 7, 5, 2, 2, 1],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F1');
    expect(fillOf(ws.getRow(2).getCell(4))).toBe(OVERDUE.fill);
    const note = (ws.getRow(7).values as unknown[]).slice(1);
    expect(note[0]).toBe('统计截止');
    expect((note[1] as Date).toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(note[3]).toBe('2026年12月5日 10:30');
  });
});

describe('rules', () => {
  it('judges overdue on the current due date, for running items only', () => {
    expect(isOverdue(HEPING[0]!, TODAY)).toBe(true);
    expect(isOverdue(HEPING[1]!, TODAY)).toBe(false);
    expect(isOverdue(HEPING[1]!, '2026-12-09')).toBe(true);
    expect(isOverdue(HEPING[4]!, TODAY)).toBe(false);
    expect(isOverdue(row({ originalDue: TODAY }), TODAY)).toBe(false);
    expect(isOverdue(row({ originalDue: null }), TODAY)).toBe(false);
  });

  it('judges on time by the reported day, else the closing day', () => {
    expect(isOnTime(HEPING[2]!)).toBe(true);
    expect(isOnTime(HEPING[3]!)).toBe(false);
    expect(isOnTime(HEPING[0]!)).toBe(false);
  });

  it('converts dates without the process zone and refuses non-dates', () => {
    expect(excelDate('2026-02-29')).toBeUndefined();
    expect(excelDate('2026-12-05 24:00')).toBeUndefined();
    expect(excelDate('12月5日')).toBeUndefined();
    expect(excelDate('2026-12-05T08:30')?.toISOString()).toBe('2026-12-05T08:30:00.000Z');
    expect(summarize([], TODAY)).toEqual([]);
  });

  it('writes an empty ledger', async () => {
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(
      (await renderLedgerXlsx({ sheets: [], generatedAt: '', today: TODAY })) as unknown as ArrayBuffer,
    );
    expect(empty.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET]);
    expect((empty.worksheets[0]!.getRow(2).values as unknown[]).slice(1)).toEqual(['合计', 0, 0, 0, 0, 0]);
  });
});
