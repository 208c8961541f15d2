/**
 * Reads an uploaded spreadsheet (.xlsx, .csv, .tsv, .txt) into rows of trimmed strings, keeping the row
 * numbers the user sees in Excel so that validation errors can point at them. Knows nothing about
 * rosters: interpreting the columns is the domain's job. exceljs is loaded when the first .xlsx is
 * read, not when the bot starts.
 * @module
 */
import type ExcelJS from 'exceljs';

/** One non-empty row of a table; `cells[0]` is column A. */
export interface TableRow {
  /** 1-based row number as shown by Excel (for CSV: the record number, which is what Excel shows). */
  rowNumber: number;
  /** Trimmed cell texts; gaps are `''`, trailing empty cells are dropped. */
  cells: string[];
}

/** Why a file could not be read as a table. */
export type TableReadErrorCode = 'unsupported_type' | 'too_large' | 'empty' | 'corrupt';

/** All {@link TableReadErrorCode}s, for exhaustive rendering. */
export const TABLE_READ_ERROR_CODES = [
  'unsupported_type',
  'too_large',
  'empty',
  'corrupt',
] as const satisfies readonly TableReadErrorCode[];

/** The file is not a table we can read; nothing was parsed. Rendered from `code` at the edge. */
export class TableReadError extends Error {
  override readonly name = 'TableReadError';
  constructor(
    readonly code: TableReadErrorCode,
    /** Where the problem starts, when known (e.g. the row of an unterminated quote). */
    readonly rowNumber?: number,
    options?: { cause?: unknown },
  ) {
    super(`table read error: ${code}${rowNumber === undefined ? '' : ` at row ${rowNumber}`}`, options);
  }
}

/** Largest accepted upload. Checked before parsing so a huge file costs nothing. */
export const MAX_TABLE_BYTES = 5 * 1024 * 1024;

/**
 * Largest total uncompressed size of an .xlsx archive. A 5 MB zip can inflate to gigabytes (zip bomb);
 * a 2000-row roster is well under 1 MB of XML, so this leaves room for embedded images and styles.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

/** Columns beyond this are ignored: a roster has a handful, and a stray cell in column XFD must not
 * make every row a 16 384-element array. */
export const MAX_TABLE_COLUMNS = 200;

export type TableKind = 'xlsx' | 'delimited';

/**
 * Reads the first worksheet of an .xlsx file, or a CSV/TSV text file, into its non-empty rows.
 * The type is taken from the file name's extension (case-insensitive).
 * @throws {TableReadError} `unsupported_type` (e.g. legacy .xls), `too_large` (> {@link MAX_TABLE_BYTES}),
 *   `empty` (no non-empty row), `corrupt` (unreadable archive, binary data in a text file, unterminated quote).
 */
export async function readTable(data: Buffer, fileName: string): Promise<TableRow[]> {
  const kind = tableKindOf(fileName);
  if (!kind) throw new TableReadError('unsupported_type');
  if (data.length > MAX_TABLE_BYTES) throw new TableReadError('too_large');
  if (data.length === 0) throw new TableReadError('empty');

  const rows = kind === 'xlsx' ? await readXlsx(data) : parseDelimited(decodeText(data));
  const nonEmpty = rows.filter((r) => r.cells.length > 0);
  if (nonEmpty.length === 0) throw new TableReadError('empty');
  return nonEmpty;
}

/** Maps the extension to a reader; `undefined` for anything we do not read (.xls, .numbers, .pdf…). */
export function tableKindOf(fileName: string): TableKind | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'delimited';
  return undefined;
}

// === .xlsx

async function readXlsx(data: Buffer): Promise<TableRow[]> {
  const inflated = zipUncompressedSize(data);
  if (inflated === undefined) throw new TableReadError('corrupt');
  if (inflated > MAX_XLSX_UNCOMPRESSED_BYTES) throw new TableReadError('too_large');

  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs types its parameter as its own ArrayBuffer-shaped `Buffer`; at runtime it takes Node's.
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (cause) {
    throw new TableReadError('corrupt', undefined, { cause });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableReadError('empty');

  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_TABLE_COLUMNS) return;
      // A merged range shows its text once; repeating it in every covered cell would turn a merged
      // title or unit cell into duplicates.
      const isMergedCopy = cell.isMerged && cell.master.address !== cell.address;
      cells[col - 1] = isMergedCopy ? '' : cellText(cell.value);
    });
    rows.push({ rowNumber, cells: trimTrailingEmpty(Array.from(cells, (c) => c ?? '')) });
  });
  return rows;
}

/** Turns any exceljs cell value into the text a user would read in the cell, trimmed. */
export function cellText(value: ExcelJS.CellValue): string {
  return rawCellText(value).trim();
}

function rawCellText(value: ExcelJS.CellValue | { richText: ExcelJS.RichText[] }): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text ?? '').join('');
  // Hyperlink text is a plain string when written, but exceljs reads styled links back as rich text.
  if ('hyperlink' in value) return rawCellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return rawCellText(value.result);
  if ('error' in value) return value.error;
  return '';
}

/**
 * Number to text without exponent or trailing `.0`: phone numbers typed into Excel are stored as
 * numbers, and `String(1e21)` would give `1e+21`.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return BigInt(n).toString();
  const text = String(n);
  if (!text.includes('e')) return text;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Excel dates carry no zone; exceljs hands them over as UTC instants of the displayed wall time. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Sums the uncompressed sizes listed in a zip's central directory, without inflating anything.
 * `undefined` when the bytes are not a readable zip; `Infinity` for zip64 archives, which no
 * 5 MB roster needs. Only a guard: the listed sizes can lie, but then jszip rejects the mismatch.
 */
export function zipUncompressedSize(data: Buffer): number | undefined {
  const EOCD_SIG = 0x06054b50;
  const CDH_SIG = 0x02014b50;
  const EOCD_MIN = 22;
  if (data.length < EOCD_MIN) return undefined;

  // The end-of-central-directory record sits at the end, before an optional comment of ≤ 65535 bytes.
  let eocd = -1;
  const lowest = Math.max(0, data.length - EOCD_MIN - 0xffff);
  for (let i = data.length - EOCD_MIN; i >= lowest; i--) {
    if (data.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;

  const entries = data.readUInt16LE(eocd + 10);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return Number.POSITIVE_INFINITY;

  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CDH_SIG) return undefined;
    const size = data.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return total;
}

// === CSV / TSV

/**
 * Decodes text bytes: UTF-16 when it has a BOM (Excel's "Unicode text" export), else UTF-8 (BOM
 * optional), else GB18030 — a superset of GBK, which Chinese Excel uses for "CSV (逗号分隔)".
 * @throws {TableReadError} `corrupt` when the result contains NUL, i.e. the file is binary.
 */
export function decodeText(data: Uint8Array): string {
  const text = decodeBytes(data);
  if (text.includes('\u0000')) throw new TableReadError('corrupt');
  return text;
}

function decodeBytes(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/**
 * Parses CSV per RFC 4180 (quoted fields, doubled quotes, line breaks inside quotes, CRLF/LF/CR),
 * with the delimiter (comma or tab) guessed from the first line. Like Excel, it is lenient with a
 * stray quote inside an unquoted field, but an unterminated quoted field is `corrupt`, because it
 * would silently swallow the rest of the file into one cell. Row numbers count records, as Excel does.
 */
export function parseDelimited(text: string, delimiter = guessDelimiter(text)): TableRow[] {
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let field = '';
  let rowNumber = 1;
  let quoteStartRow = 0;
  let inQuotes = false;
  // True right after a closing quote, so `"a"b` keeps going as `ab` instead of re-opening quotes.
  let afterQuoted = false;

  const endField = () => {
    cells.push(field.trim());
    field = '';
    afterQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push({ rowNumber, cells: trimTrailingEmpty(cells.slice(0, MAX_TABLE_COLUMNS)) });
    cells = [];
    rowNumber++;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        inQuotes = false;
        afterQuoted = true;
      }
    } else if (ch === '"' && field.trim() === '' && !afterQuoted) {
      // Excel tolerates spaces before an opening quote; the spaces are not part of the value.
      field = '';
      inQuotes = true;
      quoteStartRow = rowNumber;
    } else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (inQuotes) throw new TableReadError('corrupt', quoteStartRow);
  // A final line without a line break is still a record; a trailing line break adds none.
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}

/** Tab when the first line has more tabs than commas (outside quotes), else comma. */
export function guessDelimiter(text: string): ',' | '\t' {
  let tabs = 0;
  let commas = 0;
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n' || ch === '\r') {
      if (tabs + commas > 0) break;
    } else if (ch === '\t') tabs++;
    else if (ch === ',') commas++;
  }
  return tabs > commas ? '\t' : ',';
}

// === shared

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}
