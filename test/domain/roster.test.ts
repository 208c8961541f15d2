import { describe, expect, it } from 'vitest';
import {
  headerKey,
  MAX_ROSTER_ROWS,
  normalizePhone,
  normalizeText,
  parseOrgType,
  parseRoster,
  ROSTER_ERROR_CODES,
  type RosterErrorCode,
  type RosterRowError,
  splitAliases,
  type TableRow,
} from '../../bot/domain/roster.js';

/** Rows numbered from 1 like a sheet without gaps. */
const table = (...rows: string[][]): TableRow[] => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));

const HEADER = ['单位', '别名', '联络员', '手机', '职务', '类型'];

/** Errors as `row:code` strings, the easiest shape to compare. */
const codes = (errors: RosterRowError[]) => errors.map((e) => `${e.rowNumber}:${e.code}`);

describe('parseRoster: a good roster', () => {
  it('returns one normalised entry per row and no errors', () => {
    const { entries, errors } = parseRoster(
      table(
        HEADER,
        ['平安社区居委会', '平安居委、平安社区', '张三', '138 0013 8000', '主任', '居委会'],
        [
          '星光物业（平安）有限公司',
          'ＸＧ物业， 星光',
          '阿依古丽•买买提',
          '+86-139-0013-9000',
          '',
          '物业公司',
        ],
        ['区城管局', '', '李四', '0571-88888888', '科长', '政府部门'],
        ['XX银行平安支行', 'XX银行', '', '', '', ''],
      ),
    );
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      {
        rowNumber: 2,
        unitName: '平安社区居委会',
        aliases: ['平安居委', '平安社区'],
        liaisonName: '张三',
        phone: '13800138000',
        title: '主任',
        type: 'residents_committee',
      },
      {
        rowNumber: 3,
        unitName: '星光物业（平安）有限公司',
        aliases: ['XG物业', '星光'],
        liaisonName: '阿依古丽·买买提',
        phone: '13900139000',
        type: 'property_company',
      },
      {
        rowNumber: 4,
        unitName: '区城管局',
        aliases: [],
        liaisonName: '李四',
        phone: '0571-88888888',
        title: '科长',
        type: 'government_department',
      },
      { rowNumber: 5, unitName: 'XX银行平安支行', aliases: ['XX银行'] },
    ]);
  });

  it('keeps the row numbers of the input, including gaps left by dropped empty rows', () => {
    const rows: TableRow[] = [
      { rowNumber: 3, cells: ['单位', '联络员'] },
      { rowNumber: 4, cells: ['甲单位', '王五'] },
      { rowNumber: 9, cells: ['乙单位', '赵六'] },
    ];
    expect(parseRoster(rows).entries.map((e) => [e.rowNumber, e.unitName])).toEqual([
      [4, '甲单位'],
      [9, '乙单位'],
    ]);
  });
});

describe('parseRoster: header', () => {
  it.each([
    [['单位名称', '简称', '联络人', '手机号', '职务', '单位类型']],
    [['成员单位', '别名', '联系人', '联系电话', 'Title', 'TYPE']],
    [['共建单位', 'Aliases', 'Liaison', '电话', '职务', '类型']],
    [[' Unit ', 'alias', ' 联 络 员 ', 'phone', 'title', 'type']],
    [['单位*', '别名（选填）', '联络员(必填)', '手机号：', '职务', '类型']],
  ])('recognises %j', (header) => {
    const { entries, errors } = parseRoster(
      table(header, ['甲单位', '甲', '王五', '13800138000', '主任', '企业']),
    );
    expect(errors).toEqual([]);
    expect(entries[0]).toMatchObject({
      unitName: '甲单位',
      aliases: ['甲'],
      liaisonName: '王五',
      phone: '13800138000',
      title: '主任',
      type: 'enterprise',
    });
  });

  it('ignores unknown columns and finds columns in any order', () => {
    const { entries } = parseRoster(table(['序号', '手机', '备注', '单位'], ['1', '', '随便写', '甲单位']));
    expect(entries).toEqual([{ rowNumber: 2, unitName: '甲单位', aliases: [] }]);
  });

  it('skips a title row above the header', () => {
    const { entries, errors } = parseRoster([
      { rowNumber: 1, cells: ['平安街道共建单位联络员名单'] },
      { rowNumber: 2, cells: ['单位', '联络员'] },
      { rowNumber: 3, cells: ['甲单位', '王五'] },
    ]);
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.rowNumber)).toEqual([3]);
  });

  it('reports missing_header on the first non-empty row when no unit column is found', () => {
    const result = parseRoster([
      { rowNumber: 2, cells: ['', ''] },
      { rowNumber: 3, cells: ['名称', '联络员'] },
      { rowNumber: 4, cells: ['甲单位', '王五'] },
    ]);
    expect(result).toEqual({ entries: [], errors: [{ rowNumber: 3, code: 'missing_header' }] });
    expect(parseRoster([]).errors).toEqual([{ rowNumber: 1, code: 'missing_header' }]);
  });

  it('reports no_data_rows for a header alone', () => {
    expect(parseRoster(table(HEADER)).errors).toEqual([{ rowNumber: 1, code: 'no_data_rows' }]);
  });
});

describe('parseRoster: errors', () => {
  it('reports both bad rows with their row numbers and keeps the good rows as entries', () => {
    const { entries, errors } = parseRoster([
      { rowNumber: 1, cells: HEADER },
      { rowNumber: 2, cells: ['甲单位', '', '王五', '13800138000'] },
      { rowNumber: 3, cells: ['乙单位', '', '赵六', '12345'] },
      { rowNumber: 4, cells: ['丙单位'] },
      { rowNumber: 7, cells: ['', '', '钱七', '13900139000'] },
    ]);
    expect(errors).toEqual([
      { rowNumber: 3, code: 'bad_phone', params: { value: '12345' } },
      { rowNumber: 7, code: 'missing_unit' },
    ]);
    expect(entries.map((e) => e.rowNumber)).toEqual([2, 4]);
  });

  it('collects several errors of one row', () => {
    const { errors } = parseRoster(table(HEADER, ['', '', '', '110', '', '学校']));
    expect(codes(errors)).toEqual(['2:missing_unit', '2:bad_phone', '2:phone_without_liaison', '2:bad_type']);
  });

  /** One roster per code, each with exactly that problem. */
  const cases: [RosterErrorCode, string[][], RosterRowError[]][] = [
    ['missing_header', [['名称'], ['甲单位']], [{ rowNumber: 1, code: 'missing_header' }]],
    ['no_data_rows', [['单位']], [{ rowNumber: 1, code: 'no_data_rows' }]],
    ['missing_unit', [HEADER, ['', '甲']], [{ rowNumber: 2, code: 'missing_unit' }]],
    [
      'unit_too_long',
      [HEADER, ['单'.repeat(61)]],
      [{ rowNumber: 2, code: 'unit_too_long', params: { max: 60 } }],
    ],
    [
      'bad_characters',
      [HEADER, ['甲单位🏢']],
      [{ rowNumber: 2, code: 'bad_characters', params: { field: 'unit', codePoint: 'U+1F3E2' } }],
    ],
    [
      'alias_too_long',
      [HEADER, ['甲单位', '甲'.repeat(31)]],
      [{ rowNumber: 2, code: 'alias_too_long', params: { max: 30 } }],
    ],
    [
      'too_many_aliases',
      [HEADER, ['甲单位', Array.from({ length: 21 }, (_, i) => `甲${i}`).join('、')]],
      [{ rowNumber: 2, code: 'too_many_aliases', params: { max: 20, count: 21 } }],
    ],
    [
      'title_too_long',
      [HEADER, ['甲单位', '', '王五', '', '长'.repeat(31)]],
      [{ rowNumber: 2, code: 'title_too_long', params: { max: 30 } }],
    ],
    [
      'bad_phone',
      [HEADER, ['甲单位', '', '王五', '1380013800']],
      [{ rowNumber: 2, code: 'bad_phone', params: { value: '1380013800' } }],
    ],
    [
      'phone_without_liaison',
      [HEADER, ['甲单位', '', '', '13800138000']],
      [{ rowNumber: 2, code: 'phone_without_liaison' }],
    ],
    [
      'bad_liaison_name',
      [HEADER, ['甲单位', '', '王']],
      [{ rowNumber: 2, code: 'bad_liaison_name', params: { min: 2, max: 20 } }],
    ],
    [
      'bad_type',
      [HEADER, ['甲单位', '', '', '', '', '学校']],
      [{ rowNumber: 2, code: 'bad_type', params: { value: '学校' } }],
    ],
    [
      'duplicate_unit',
      [HEADER, ['甲单位'], ['乙单位'], ['甲 单位']],
      [{ rowNumber: 4, code: 'duplicate_unit', params: { firstRow: 2 } }],
    ],
    [
      'alias_clash',
      [HEADER, ['甲单位', '甲'], ['乙单位', '甲']],
      [{ rowNumber: 3, code: 'alias_clash', params: { otherRow: 2, alias: '甲' } }],
    ],
  ];

  it.each(cases)('%s', (_code, rows, expected) => {
    expect(parseRoster(table(...rows)).errors).toEqual(expected);
  });

  it('has a case for every code (too_many_rows is tested below)', () => {
    const tested = new Set([...cases.map(([code]) => code), 'too_many_rows']);
    expect(ROSTER_ERROR_CODES.filter((c) => !tested.has(c))).toEqual([]);
  });

  it('reports too_many_rows once, on the first row beyond the limit', () => {
    const rows = table(['单位'], ...Array.from({ length: MAX_ROSTER_ROWS + 5 }, (_, i) => [`单位${i}`]));
    expect(parseRoster(rows)).toEqual({
      entries: [],
      errors: [{ rowNumber: MAX_ROSTER_ROWS + 2, code: 'too_many_rows', params: { max: 2000, count: 2005 } }],
    });
    expect(parseRoster(rows.slice(0, MAX_ROSTER_ROWS + 1)).entries).toHaveLength(MAX_ROSTER_ROWS);
  });

  it('reports an alias equal to another unit name, wherever that unit is', () => {
    const { errors } = parseRoster(table(HEADER, ['城管局', '乙单位'], ['乙单位'], ['丙单位', '城管局']));
    expect(errors).toEqual([
      { rowNumber: 2, code: 'alias_clash', params: { otherRow: 3, alias: '乙单位' } },
      { rowNumber: 4, code: 'alias_clash', params: { otherRow: 2, alias: '城管局' } },
    ]);
  });

  it('does not treat a repeated alias of one unit, or its own name as alias, as a clash', () => {
    const { entries, errors } = parseRoster(table(HEADER, ['甲单位', '甲单位, 甲; 甲 /甲']));
    expect(errors).toEqual([]);
    expect(entries[0]!.aliases).toEqual(['甲']);
  });

  it('reports bad characters in aliases and titles with the field', () => {
    const { errors } = parseRoster(table(HEADER, ['甲单位', '甲<b>', '王五', '', '主任★']));
    expect(errors).toEqual([
      { rowNumber: 2, code: 'bad_characters', params: { field: 'alias', codePoint: 'U+003C' } },
      { rowNumber: 2, code: 'bad_characters', params: { field: 'title', codePoint: 'U+2605' } },
    ]);
  });
});

describe('parseRoster: hostile input never throws', () => {
  const hostile: [string, string][] = [
    ['huge string', '甲'.repeat(1_000_000)],
    ['huge alias list', '甲、'.repeat(200_000)],
    ['emoji with joiners', '👨‍👩‍👧单位'],
    ['control characters', '甲\u0000单\u0007位\u001b[31m'],
    ['SQL', "x'); DROP TABLE units; --"],
    ['RTL override', '甲单位\u202Egnp.exe'],
    ['RTL mark', '\u200F甲单位'],
    ['lone surrogate', '甲\uD800单位'],
    ['HTML', '<script>alert(1)</script>'],
    ['Cyrillic look-alike', 'Аpple公司'],
  ];

  it.each(hostile)('%s', (_name, value) => {
    const rows = table(HEADER, [value, value, value, value, value, value], ['正常单位', '', '王五']);
    const { entries, errors } = parseRoster(rows);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.rowNumber === 2)).toBe(true);
    expect(entries.map((e) => e.unitName)).toEqual(['正常单位']);
    // Nothing unsafe or huge is echoed back into a chat message.
    for (const e of errors) {
      for (const v of Object.values(e.params ?? {})) expect(String(v).length).toBeLessThanOrEqual(30);
    }
  });

  it('survives malformed rows (missing cells, only unknown columns)', () => {
    const rows: TableRow[] = [
      { rowNumber: 1, cells: ['备注', '单位', '手机'] },
      { rowNumber: 2, cells: ['只有备注'] },
      { rowNumber: 3, cells: [] },
    ];
    expect(parseRoster(rows).errors).toEqual([{ rowNumber: 2, code: 'missing_unit' }]);
  });
});

describe('normalisation helpers', () => {
  it('normalizeText trims, collapses whitespace, folds full-width digits/letters, drops zero-width', () => {
    expect(normalizeText('\u3000 平安\u200B社区\n\t居委会 ')).toBe('平安社区 居委会');
    expect(normalizeText('ＡＢＣ１２３（一）')).toBe('ABC123（一）');
    expect(normalizeText('⼀⼆')).toBe('一二'); // Kangxi radicals from PDF copy
  });

  it('headerKey strips decorations', () => {
    expect(headerKey(' 手机号（必填）* ')).toBe('手机号');
    expect(headerKey('Unit Name')).toBe('unitname');
  });

  it('splitAliases splits on every separator, dedupes and drops the own name', () => {
    expect(splitAliases('a,b，c、d;e；f/g h  a A 甲单位', '甲单位')).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
    ]);
  });

  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['（+86）13800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['(010) 1234 5678', '010-12345678'],
    ['0571-8888888', '0571-8888888'],
    ['0571 8888 8888', '0571-88888888'],
    ['0571－88888888', '0571-88888888'],
    ['+86 571 88888888', '0571-88888888'],
    ['010-12345678-123', '010-12345678转123'],
    ['010-12345678转123', '010-12345678转123'],
    ['0571-88888888 ext. 12', '0571-88888888转12'],
  ])('normalizePhone(%j) = %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '12345678901',
    '1380013800',
    '138001380001',
    '12345678',
    '010123456',
    '0001-12345678',
    '13800138000转12',
    '13800138000, 13900139000',
    '电话13800138000',
    '1'.repeat(100),
  ])('normalizePhone(%j) is undefined', (input) => {
    expect(normalizePhone(input)).toBeUndefined();
  });

  it.each([
    ['政府部门', 'government_department'],
    ['事业单位', 'public_institution'],
    ['企业', 'enterprise'],
    ['国企', 'enterprise'],
    ['物业', 'property_company'],
    ['物业公司', 'property_company'],
    ['社会组织', 'social_organization'],
    ['居委会', 'residents_committee'],
    ['社区党委', 'community_party_committee'],
    ['街道办', 'street_office'],
    ['其他', 'other'],
    ['Enterprise', 'enterprise'],
    [' 物业 公司 ', 'property_company'],
  ])('parseOrgType(%j) = %j', (input, expected) => {
    expect(parseOrgType(input)).toBe(expected);
  });
});
