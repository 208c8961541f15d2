import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  MAX_TABLE_BYTES,
  numberText,
  parseDelimited,
  readTable,
  TableReadError,
  type TableRow,
  zipUncompressedSize,
} from '../../bot/import/read-table.js';

/** Builds an .xlsx in memory; `fill` gets the first worksheet. */
async function xlsx(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('名单'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Expects `readTable` to reject with a TableReadError of `code`; returns it for further checks. */
async function readError(
  data: Buffer,
  fileName: string,
  code: TableReadError['code'],
): Promise<TableReadError> {
  const error = await readTable(data, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TableReadError);
  expect((error as TableReadError).code).toBe(code);
  return error as TableReadError;
}

/**
 * A GBK encoder built by inverting the platform's GB18030 decoder over the two-byte range, so the
 * test needs no encoding library and no network.
 */
const gbkTable = (() => {
  const map = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  return map;
})();

function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

const cellsOf = (rows: TableRow[]) => rows.map((r) => r.cells);

describe('readTable: .xlsx', () => {
  it('reads the first worksheet with numbers, rich text, links, formulas and dates as text', async () => {
    const data = await xlsx((ws, wb) => {
      ws.addRow(['单位', '别名', '联络员', '手机', '成立日期']);
      ws.addRow([' 平安社区居委会 ', '平安居委', '张三', 13800138000, new Date(Date.UTC(2024, 0, 5))]);
      ws.getCell('A3').value = { richText: [{ text: '星光' }, { text: '物业公司', font: { bold: true } }] };
      ws.getCell('C3').value = { text: '李四', hyperlink: 'mailto:li@example.com' };
      ws.getCell('D3').value = { formula: '13900139000+0', result: 13900139000 };
      ws.getCell('E3').value = 12.5;
      wb.addWorksheet('其他').addRow(['ignored']);
    });
    const rows = await readTable(data, '名单.XLSX');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['单位', '别名', '联络员', '手机', '成立日期'] },
      { rowNumber: 2, cells: ['平安社区居委会', '平安居委', '张三', '13800138000', '2024-01-05'] },
      { rowNumber: 3, cells: ['星光物业公司', '', '李四', '13900139000', '12.5'] },
    ]);
  });

  it('drops empty rows but keeps Excel row numbers, and fills gaps with empty strings', async () => {
    const data = await xlsx((ws) => {
      ws.getCell('A1').value = '单位';
      ws.getCell('D1').value = '手机';
      ws.getCell('A2').value = '甲单位';
      ws.getCell('B3').value = '   '; // only whitespace: counts as empty
      ws.getCell('A5').value = '乙单位';
      ws.getCell('D5').value = 13700137000;
    });
    const rows = await readTable(data, 'r.xlsx');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['单位', '', '', '手机'] },
      { rowNumber: 2, cells: ['甲单位'] },
      { rowNumber: 5, cells: ['乙单位', '', '', '13700137000'] },
    ]);
  });

  it('shows a merged title once instead of copying it into every covered cell', async () => {
    const data = await xlsx((ws) => {
      ws.getCell('A1').value = '共建单位名单';
      ws.mergeCells('A1:D1');
      ws.addRow(['单位', '联络员']);
    });
    expect(cellsOf(await readTable(data, 'r.xlsx'))).toEqual([['共建单位名单'], ['单位', '联络员']]);
  });

  it('rejects a sheet with no content as empty', async () => {
    await readError(await xlsx(() => {}), 'r.xlsx', 'empty');
  });

  it('rejects bytes that are not an .xlsx archive, or a truncated one, as corrupt', async () => {
    await readError(Buffer.from('单位,手机\n'), 'r.xlsx', 'corrupt');
    const good = await xlsx((ws) => ws.addRow(['单位']));
    await readError(good.subarray(0, good.length / 2), 'r.xlsx', 'corrupt');
  });

  it('refuses an archive whose contents would inflate beyond the limit (zip bomb guard)', async () => {
    const data = await xlsx((ws) => ws.addRow(['单位']));
    expect(zipUncompressedSize(data)).toBeGreaterThan(0);
    // Patch the first central-directory entry's uncompressed size to ~4 GB.
    const cd = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    data.writeUInt32LE(0xfffffff0, cd + 24);
    await readError(data, 'r.xlsx', 'too_large');
  });
});

describe('readTable: CSV and TSV', () => {
  const roster = '单位,联络员,手机\n平安社区居委会,张三,13800138000\n';
  const expected = [
    ['单位', '联络员', '手机'],
    ['平安社区居委会', '张三', '13800138000'],
  ];

  it('reads UTF-8 with and without BOM', async () => {
    expect(cellsOf(await readTable(Buffer.from(roster), 'a.csv'))).toEqual(expected);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(roster)]);
    const rows = await readTable(bom, 'a.csv');
    expect(cellsOf(rows)).toEqual(expected);
    expect(rows[0]!.cells[0]).toBe('单位'); // no BOM glued to the first header
  });

  it('reads GBK bytes as saved by Chinese Excel', async () => {
    const bytes = gbk(roster);
    // Spot-check the hand-built encoder against known GBK codes: 单位 = B5A5 CEBB.
    expect([...bytes.subarray(0, 4)]).toEqual([0xb5, 0xa5, 0xce, 0xbb]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(cellsOf(await readTable(bytes, 'a.csv'))).toEqual(expected);
  });

  it('reads UTF-16 "Unicode text" with BOM and tabs, as Excel exports it', async () => {
    const text = '单位\t联络员\r\n平安社区居委会\t张三\r\n';
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(cellsOf(await readTable(data, 'a.txt'))).toEqual([
      ['单位', '联络员'],
      ['平安社区居委会', '张三'],
    ]);
  });

  it('parses quoted fields with commas, doubled quotes and line breaks; numbers records as Excel rows', async () => {
    const csv =
      '单位,别名,备注\r\n"甲单位","甲, 甲方","说""明"\r\n"乙单位",,"第一行\r\n第二行"\r\n\r\n丙单位,,\r\n';
    const rows = await readTable(Buffer.from(csv), 'a.csv');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['单位', '别名', '备注'] },
      { rowNumber: 2, cells: ['甲单位', '甲, 甲方', '说"明'] },
      { rowNumber: 3, cells: ['乙单位', '', '第一行\r\n第二行'] },
      { rowNumber: 5, cells: ['丙单位'] },
    ]);
  });

  it('accepts LF, CR and a last line without line break', () => {
    expect(cellsOf(parseDelimited('a,b\rc,d\ne,f'))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('is lenient with stray quotes inside unquoted fields, as Excel is', () => {
    expect(cellsOf(parseDelimited('5"屏,"a"b, "c" \n'))).toEqual([['5"屏', 'ab', 'c']]);
  });

  it('detects tab-separated content, even with a .csv name', async () => {
    const rows = await readTable(Buffer.from('单位\t别名\n甲, 乙单位\t甲\n'), 'a.csv');
    expect(cellsOf(rows)).toEqual([
      ['单位', '别名'],
      ['甲, 乙单位', '甲'],
    ]);
  });

  it('reports an unterminated quote as corrupt, with the row where it starts', async () => {
    const error = await readError(Buffer.from('单位\n甲\n"乙单位,\n丙\n'), 'a.csv', 'corrupt');
    expect(error.rowNumber).toBe(3);
  });

  it('reports binary content under a .csv name as corrupt', async () => {
    const zip = await xlsx((ws) => ws.addRow(['单位']));
    await readError(zip, 'renamed.csv', 'corrupt');
  });

  it('reports a file with only blank lines and separators as empty', async () => {
    await readError(Buffer.from('\r\n , ,\r\n\r\n'), 'a.csv', 'empty');
    await readError(Buffer.alloc(0), 'a.csv', 'empty');
  });
});

describe('readTable: refusals', () => {
  it('refuses unsupported types, including legacy .xls and names without extension', async () => {
    for (const name of ['a.xls', 'a.pdf', 'a.docx', 'xlsx', 'a.xlsx.exe', '']) {
      await readError(Buffer.from('单位\n'), name, 'unsupported_type');
    }
  });

  it('refuses files over 5 MB before parsing', async () => {
    // Not a valid file at all: the size check must come first.
    await readError(Buffer.alloc(MAX_TABLE_BYTES + 1, 0x41), 'big.csv', 'too_large');
    await readError(Buffer.alloc(MAX_TABLE_BYTES + 1), 'big.xlsx', 'too_large');
  });
});

describe('numberText', () => {
  it('writes numbers without exponent or trailing .0', () => {
    expect(numberText(13800138000)).toBe('13800138000');
    expect(numberText(5.0)).toBe('5');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1.5e-7)).toBe('0.00000015');
    expect(numberText(-3.25)).toBe('-3.25');
    expect(numberText(Number.NaN)).toBe('');
  });
});
