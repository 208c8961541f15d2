/**
 * Statistics as an .xlsx (C20): the units ranked with every rate (as real percentages), the open
 * overdue cases, and how each score was made. Labels come from the caller's catalogue, so the sheet
 * reads in the body's language; numbers stay numbers so a secretary can sort and sum them. exceljs is
 * imported when a workbook is made, not when the bot starts.
 * @module
 */
import type ExcelJS from 'exceljs';
import type { Messages } from '../core/i18n/index.js';
import { localDate } from '../domain/time.js';
import type { StatsReport } from '../features/stats/collect.js';
import { periodLabel } from '../features/stats/render.js';
import { BORDER, DATA_FONT, excelDate, styleHeader } from './ledger-xlsx.js';

const PCT = '0.0%';

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width: number; pct?: boolean }[],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  styleHeader(ws.getRow(1));
  return {
    ws,
    add(values: (string | number | Date | null | undefined)[]) {
      const row = ws.addRow(values.map((v) => (v === undefined ? null : v)));
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.font = DATA_FONT;
        cell.border = BORDER;
        cell.alignment = { vertical: 'middle', wrapText: true };
        if (columns[col - 1]?.pct) cell.numFmt = PCT;
      });
      return row;
    },
  };
}

export async function renderStatsXlsx(m: Messages, r: StatsReport): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const h = m.stats.bulletin.sheet;
  const wb = new Excel.Workbook();
  wb.creator = 'Yishi';
  wb.title = m.stats.title(r.body.name, periodLabel(m, r.period));

  const units = sheet(wb, h.units, [
    { header: h.rank, width: 6 },
    { header: h.unit, width: 24 },
    { header: h.due, width: 8 },
    { header: h.closed, width: 8 },
    { header: h.closure, width: 9, pct: true },
    { header: h.onTime, width: 11, pct: true },
    { header: h.onTimeOriginal, width: 11, pct: true },
    { header: h.openOverdue, width: 10 },
    { header: h.closedLate, width: 9 },
    { header: h.extension, width: 9, pct: true },
    { header: h.rework, width: 9, pct: true },
    { header: h.return, width: 9, pct: true },
    { header: h.ack, width: 11, pct: true },
    { header: h.satisfaction, width: 9, pct: true },
    { header: h.avg, width: 12 },
    { header: h.score, width: 9 },
    { header: h.stars, width: 7 },
  ]);
  const round1 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);
  for (const u of r.subjects) {
    units.add([
      u.rank ?? null,
      u.subject.name,
      u.counts.due,
      u.counts.closed,
      u.rates.closure,
      u.rates.onTime,
      u.rates.onTimeOriginal,
      u.counts.openOverdue,
      u.counts.closedLate,
      u.rates.extension,
      u.rates.rework,
      u.rates.return,
      u.rates.ack,
      u.rates.satisfaction,
      round1(u.rates.avgHandlingWorkdays),
      u.score?.score ?? null,
      u.score?.stars ?? null,
    ]);
  }

  const overdue = sheet(wb, h.overdue, [
    { header: h.ref, width: 16 },
    { header: h.unit, width: 24 },
    { header: h.content, width: 44 },
    { header: h.dueDate, width: 14 },
    { header: h.days, width: 11 },
  ]);
  for (const o of r.overdue) {
    const row = overdue.add([
      o.fact.ref,
      o.fact.subject.name,
      o.fact.title,
      excelDate(localDate(o.dueAt - 1, r.body.timezone)) ?? null,
      o.workdaysOverdue,
    ]);
    row.getCell(4).numFmt = 'yyyy"年"m"月"d"日"';
  }

  const parts = sheet(wb, h.parts, [
    { header: h.unit, width: 24 },
    { header: h.part, width: 22 },
    { header: h.rate, width: 9, pct: true },
    { header: h.weight, width: 8 },
    { header: h.points, width: 9 },
  ]);
  const st = m.stats.stars;
  for (const u of r.subjects) {
    if (!u.score) continue;
    for (const p of u.score.parts)
      parts.add([u.subject.name, st.partName[p.part], p.rate, p.weight, p.points]);
    if (u.score.deductions.rework || u.score.deductions.overdue)
      parts.add([
        u.subject.name,
        st.minus(u.score.deductions.rework, u.score.deductions.overdue).trim(),
        null,
        null,
        -(u.score.deductions.rework + u.score.deductions.overdue),
      ]);
    for (const a of u.score.adjustments)
      parts.add([u.subject.name, st.adjust(a.points, a.reason), null, null, a.points]);
    parts.add([u.subject.name, h.score, null, null, u.score.score]).font = { ...DATA_FONT, bold: true };
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
