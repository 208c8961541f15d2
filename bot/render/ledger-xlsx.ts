/**
 * The 督办台账 (supervision ledger, C19) as an .xlsx: one sheet per body with the columns of
 * reference/domain.md §7, and a 汇总 sheet by lead unit. Pure input (plain rows), one Buffer out.
 *
 * Decisions:
 * - Dates are real Excel dates, written as UTC midnight of the Shanghai day (Excel dates have no zone; a
 *   local-midnight Date on this UTC machine would be the same, elsewhere a day off) with a 年月日 number
 *   format; times of day (签收时间, 最近反馈) likewise as the Shanghai wall clock.
 * - Overdue (a running item — 已交办 / 办理中 — whose current due date is before `today`) is shown twice:
 *   as a static fill written at export time, so a viewer that evaluates no rules (and a printout) shows
 *   it, and as a conditional format that Excel, WPS and LibreOffice evaluate against TODAY() when the file
 *   is opened later. A conditional fill overrides a static one (reference/libraries.md §7), so the rule
 *   skips the 预警 column: its blue / yellow / orange / red fill stays visible on overdue rows.
 * - No column styles: a column style set after the header's overrides the header cells (libraries.md §7);
 *   every cell gets its own format instead.
 * - The 汇总 sheet counts by lead unit (joint items are reported by the lead, domain.md §1.1), across all
 *   bodies: total (all but 撤销), open (已交办 / 办理中 / 已报办结 / 挂账), overdue, closed (已销号), and
 *   closed on time (reported done — or closed when that is unknown — by the current due date).
 * - Sheet names are cut to Excel's 31 characters, stripped of []:*?/\ and made unique.
 * - exceljs is imported by {@link renderLedgerXlsx} when a ledger is made, not when the bot starts; the
 *   helpers and constants here need only its types.
 * @module
 */
import type ExcelJS from 'exceljs';
import type { WarningLevel } from '../domain/cadence.js';
import { parseYmd } from '../domain/dates.js';
import { type ItemStatus, OPEN_STATUSES, RUNNING_STATUSES } from '../domain/lifecycle.js';

/** One item of the ledger; plain data. Dates are `YYYY-MM-DD`, times `YYYY-MM-DD HH:mm` (body's zone). */
export interface LedgerRow {
  /** 立项号, e.g. HP-2026-031. */
  code: string;
  /** 事项来源: meeting and minutes number, instruction or document. */
  source: string;
  /** 交办日期. */
  assignedOn: string | null;
  content: string;
  leadUnit: string;
  supportUnits: string[];
  /** 联络员 (name, and a phone number if the secretary wants one printed). */
  liaison: string | null;
  /** 签收时间. */
  acknowledgedAt: string | null;
  /** 原定时限. */
  originalDue: string | null;
  /** 调整后时限: the approved new due date; null when never extended. */
  currentDue: string | null;
  /** 延期次数. */
  extensions: number;
  /** 最近反馈 (time). */
  lastFeedbackAt: string | null;
  /** 进展情况. */
  progress: string | null;
  status: ItemStatus;
  /** 预警 (三色单). */
  warning: WarningLevel;
  /** 催办次数. */
  chases: number;
  /** 办结时间 (销号). */
  closedOn: string | null;
  /** The day the lead unit reported completion; judges 按期办结 (falls back to `closedOn`). */
  reportedDoneOn?: string | null;
  /** 备注 (evidence, attachments). */
  note: string | null;
}

export interface LedgerInput {
  sheets: { bodyName: string; rows: LedgerRow[] }[];
  /** Shown on the 汇总 sheet, e.g. 2026年12月5日 10:30. */
  generatedAt: string;
  /** `YYYY-MM-DD` in the body's zone: the day overdue is judged against. */
  today: string;
}

/** 办理状态 as printed. */
export const STATUS_LABEL: Readonly<Record<ItemStatus, string>> = {
  draft: '待交办',
  assigned: '已交办',
  in_progress: '办理中',
  reported_done: '已报办结',
  closed: '已销号',
  parked: '挂账',
  cancelled: '撤销',
};

/** 预警 as printed, and its fill. */
export const WARNING_STYLE: Readonly<Record<WarningLevel, { label: string; argb: string | null }>> = {
  none: { label: '', argb: null },
  blue: { label: '蓝色', argb: 'FF9DC3E6' },
  yellow: { label: '黄色', argb: 'FFFFE699' },
  orange: { label: '橙色', argb: 'FFF4B183' },
  red: { label: '红色', argb: 'FFFF7C80' },
};

/** The overdue colours: light red fill, dark red text (Excel's "light red fill with dark red text"). */
export const OVERDUE = { fill: 'FFFFC7CE', font: 'FF9C0006' } as const;
export const HEADER_FILL = 'FFD9E1F2';
export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
export const DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm';
export const SUMMARY_SHEET = '汇总';

type Kind = 'number' | 'text' | 'date' | 'datetime';

/** The columns of domain.md §7, in order. */
export const LEDGER_COLUMNS: readonly {
  key: string;
  header: string;
  width: number;
  kind: Kind;
  wrap?: boolean;
}[] = [
  { key: 'seq', header: '序号', width: 6, kind: 'number' },
  { key: 'code', header: '立项号', width: 14, kind: 'text' },
  { key: 'source', header: '事项来源', width: 22, kind: 'text', wrap: true },
  { key: 'assignedOn', header: '交办日期', width: 15, kind: 'date' },
  { key: 'content', header: '事项内容', width: 40, kind: 'text', wrap: true },
  { key: 'leadUnit', header: '牵头单位', width: 20, kind: 'text', wrap: true },
  { key: 'supportUnits', header: '配合单位', width: 22, kind: 'text', wrap: true },
  { key: 'liaison', header: '联络员', width: 12, kind: 'text' },
  { key: 'acknowledgedAt', header: '签收时间', width: 19, kind: 'datetime' },
  { key: 'originalDue', header: '原定时限', width: 15, kind: 'date' },
  { key: 'currentDue', header: '调整后时限', width: 15, kind: 'date' },
  { key: 'extensions', header: '延期次数', width: 10, kind: 'number' },
  { key: 'lastFeedbackAt', header: '最近反馈', width: 19, kind: 'datetime' },
  { key: 'progress', header: '进展情况', width: 32, kind: 'text', wrap: true },
  { key: 'status', header: '办理状态', width: 11, kind: 'text' },
  { key: 'warning', header: '预警', width: 8, kind: 'text' },
  { key: 'chases', header: '催办次数', width: 10, kind: 'number' },
  { key: 'closedOn', header: '办结时间', width: 15, kind: 'date' },
  { key: 'note', header: '备注', width: 22, kind: 'text', wrap: true },
];

export const SUMMARY_COLUMNS: readonly { key: string; header: string; width: number }[] = [
  { key: 'unit', header: '牵头单位', width: 28 },
  { key: 'total', header: '事项总数', width: 10 },
  { key: 'open', header: '在办', width: 8 },
  { key: 'overdue', header: '超期', width: 8 },
  { key: 'closed', header: '已办结', width: 10 },
  { key: 'onTime', header: '按期办结', width: 10 },
];

/** Excel's column letter of a 1-based index (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const col = (key: string): string => columnLetter(LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1);

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:mm` → a Date at that wall clock in UTC; undefined when not a date. */
export function excelDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(value.trim());
  const d = m ? parseYmd(m[1]!) : undefined;
  if (!m || !d) return undefined;
  const [h, min] = [Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (h > 23 || min > 59) return undefined;
  return new Date(Date.UTC(d.y, d.m - 1, d.d, h, min));
}

/** The due date that counts: the approved new one, else the original. */
export const effectiveDue = (row: LedgerRow): string | null => row.currentDue ?? row.originalDue;

/** A running item (已交办 / 办理中) past its current due date. */
export function isOverdue(row: LedgerRow, today: string): boolean {
  const due = effectiveDue(row);
  return RUNNING_STATUSES.includes(row.status) && due !== null && parseYmd(due) !== undefined && today > due;
}

/** Closed, and reported done (or closed) by the current due date. */
export function isOnTime(row: LedgerRow): boolean {
  const done = row.reportedDoneOn ?? row.closedOn;
  const due = effectiveDue(row);
  return row.status === 'closed' && done !== null && due !== null && done.slice(0, 10) <= due;
}

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});
export const DATA_FONT = { name: '宋体', size: 10 };

/** Sheet names: ≤ 31 characters, without []:*?/\, unique (case-insensitively, as Excel compares). */
function sheetNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const base = [...(name.replace(/[[\]:*?/\\]/g, ' ').trim() || '联席会议')].slice(0, 31).join('');
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = `(${n})`;
      candidate = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  };
}

/** A header row: 黑体, filled, centred, wrapped, bordered. */
export function styleHeader(row: ExcelJS.Row): void {
  row.height = 30;
  row.eachCell((cell) => {
    cell.font = { name: '黑体', bold: true, size: 11 };
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
  });
}

function cellValue(row: LedgerRow, seq: number, key: string): ExcelJS.CellValue {
  switch (key) {
    case 'seq':
      return seq;
    case 'supportUnits':
      return row.supportUnits.join('、');
    case 'status':
      return STATUS_LABEL[row.status] ?? row.status;
    case 'warning':
      return WARNING_STYLE[row.warning]?.label ?? '';
    default: {
      const value = (row as unknown as Record<string, unknown>)[key];
      if (value === null || value === undefined) return null;
      return typeof value === 'number' ? value : String(value);
    }
  }
}

function writeRow(ws: ExcelJS.Worksheet, row: LedgerRow, seq: number, today: string): void {
  const r = ws.addRow([]);
  const overdue = isOverdue(row, today);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = r.getCell(i + 1);
    const raw = cellValue(row, seq, c.key);
    if (c.kind === 'date' || c.kind === 'datetime') {
      const date = typeof raw === 'string' ? excelDate(raw) : undefined;
      // A date the ledger cannot read is kept as text rather than lost.
      cell.value = date ?? raw;
      if (date)
        cell.numFmt = c.kind === 'datetime' && /\d:\d{2}$/.test(String(raw)) ? DATETIME_FORMAT : DATE_FORMAT;
    } else {
      cell.value = raw;
    }
    cell.font = overdue ? { ...DATA_FONT, color: { argb: OVERDUE.font } } : DATA_FONT;
    cell.alignment = {
      vertical: 'middle',
      horizontal: c.kind === 'text' && c.wrap ? 'left' : 'center',
      wrapText: Boolean(c.wrap),
    };
    cell.border = BORDER;
    if (overdue) cell.fill = solid(OVERDUE.fill);
  });
  const warning = WARNING_STYLE[row.warning];
  if (warning?.argb) {
    const cell = r.getCell(col('warning'));
    cell.fill = solid(warning.argb);
    cell.font = { ...DATA_FONT, bold: true };
  }
}

/** Overdue as a rule Excel evaluates on opening, on every column but 预警 (see the module notes). */
function overdueRule(ws: ExcelJS.Worksheet, lastRow: number): void {
  if (lastRow < 2) return;
  const due = `IF($${col('currentDue')}2<>"",$${col('currentDue')}2,$${col('originalDue')}2)`;
  const status = `$${col('status')}2`;
  const running = RUNNING_STATUSES.map((s) => `${status}="${STATUS_LABEL[s]}"`).join(',');
  const formula = `AND(OR(${running}),N(${due})>0,${due}<TODAY())`;
  const warningIndex = LEDGER_COLUMNS.findIndex((c) => c.key === 'warning') + 1;
  const last = columnLetter(LEDGER_COLUMNS.length);
  const ranges = [
    `A2:${columnLetter(warningIndex - 1)}${lastRow}`,
    `${columnLetter(warningIndex + 1)}2:${last}${lastRow}`,
  ];
  for (const ref of ranges) {
    ws.addConditionalFormatting({
      ref,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [formula],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: OVERDUE.fill } },
            font: { color: { argb: OVERDUE.font } },
          },
        },
      ],
    });
  }
}

function addLedgerSheet(wb: ExcelJS.Workbook, name: string, rows: readonly LedgerRow[], today: string): void {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  styleHeader(ws.addRow(LEDGER_COLUMNS.map((c) => c.header)));
  rows.forEach((row, i) => {
    writeRow(ws, row, i + 1, today);
  });
  ws.autoFilter = { from: 'A1', to: `${columnLetter(LEDGER_COLUMNS.length)}1` };
  overdueRule(ws, rows.length + 1);
}

interface UnitCounts {
  unit: string;
  total: number;
  open: number;
  overdue: number;
  closed: number;
  onTime: number;
}

/** Counts per lead unit over all sheets, in order of first appearance. */
export function summarize(sheets: LedgerInput['sheets'], today: string): UnitCounts[] {
  const byUnit = new Map<string, UnitCounts>();
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      const unit = row.leadUnit.trim() || '（未定）';
      const c = byUnit.get(unit) ?? { unit, total: 0, open: 0, overdue: 0, closed: 0, onTime: 0 };
      byUnit.set(unit, c);
      if (row.status === 'cancelled') continue;
      c.total++;
      if (OPEN_STATUSES.includes(row.status)) c.open++;
      if (isOverdue(row, today)) c.overdue++;
      if (row.status === 'closed') c.closed++;
      if (isOnTime(row)) c.onTime++;
    }
  }
  return [...byUnit.values()];
}

function addSummarySheet(wb: ExcelJS.Workbook, name: string, input: LedgerInput): void {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = SUMMARY_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  styleHeader(ws.addRow(SUMMARY_COLUMNS.map((c) => c.header)));
  const counts = summarize(input.sheets, input.today);
  const total: UnitCounts = { unit: '合计', total: 0, open: 0, overdue: 0, closed: 0, onTime: 0 };
  for (const c of counts) {
    for (const k of ['total', 'open', 'overdue', 'closed', 'onTime'] as const) total[k] += c[k];
  }
  for (const c of [...counts, total]) {
    const r = ws.addRow(SUMMARY_COLUMNS.map((s) => c[s.key as keyof UnitCounts]));
    r.eachCell((cell, i) => {
      cell.font = c === total ? { ...DATA_FONT, bold: true } : DATA_FONT;
      cell.alignment = { vertical: 'middle', horizontal: i === 1 ? 'left' : 'center' };
      cell.border = BORDER;
    });
    if (c.overdue > 0 && c !== total) {
      const cell = r.getCell(SUMMARY_COLUMNS.findIndex((s) => s.key === 'overdue') + 1);
      cell.fill = solid(OVERDUE.fill);
      cell.font = { ...DATA_FONT, color: { argb: OVERDUE.font } };
    }
  }
  ws.autoFilter = { from: 'A1', to: `${columnLetter(SUMMARY_COLUMNS.length)}1` };
  ws.addRow([]);
  const cutoff = excelDate(input.today);
  const note = ws.addRow(['统计截止', cutoff ?? input.today, '生成时间', input.generatedAt]);
  if (cutoff) note.getCell(2).numFmt = DATE_FORMAT;
  note.eachCell((cell) => {
    cell.font = { ...DATA_FONT, color: { argb: 'FF595959' } };
  });
}

/**
 * The ledger workbook: the 汇总 sheet first, then one sheet per body. `today` decides what is overdue
 * in the static fills; the conditional rule re-decides it whenever the file is opened.
 */
export async function renderLedgerXlsx(input: LedgerInput): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Yishi';
  wb.title = '督办台账';
  wb.calcProperties = { fullCalcOnLoad: true };
  const name = sheetNamer();
  addSummarySheet(wb, name(SUMMARY_SHEET), input);
  for (const sheet of input.sheets) addLedgerSheet(wb, name(sheet.bodyName), sheet.rows, input.today);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
