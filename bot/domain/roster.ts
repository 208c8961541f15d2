/**
 * Roster import (单位/联络员名单): turns the rows of an uploaded table into validated unit entries.
 * Pure and total: it never throws on hostile input and reports every problem as a row-numbered error
 * code, so the bot can render them in the reader's language and refuse the whole import.
 * @module
 */
import type { ORG_TYPES } from '../../db/schema/core.js';
import type { TableRow } from '../import/read-table.js';

export type { TableRow };

/** A unit type as stored in `units.type`. */
export type OrgType = (typeof ORG_TYPES)[number];

/** One valid data row of the roster. Text is normalised (see {@link normalizeText}). */
export interface RosterEntry {
  rowNumber: number;
  unitName: string;
  /** Deduplicated, without the unit's own name. */
  aliases: string[];
  liaisonName?: string;
  /** Mobile as 11 digits (`13800138000`); landline as `area-number` (`0571-88888888`, `010-12345678转123`). */
  phone?: string;
  title?: string;
  type?: OrgType;
}

/** Every error code `parseRoster` can produce; the bot renders them in zh-CN/en. */
export const ROSTER_ERROR_CODES = [
  /** No header row with a unit column among the first rows. */
  'missing_header',
  /** A header but no data row below it. */
  'no_data_rows',
  /** More than {@link MAX_ROSTER_ROWS} data rows; params: `max`, `count`. */
  'too_many_rows',
  'missing_unit',
  /** params: `max`. */
  'unit_too_long',
  /** A disallowed character in a unit name, alias or title; params: `field`, `codePoint` (`U+1F600`). */
  'bad_characters',
  /** params: `max`. */
  'alias_too_long',
  /** params: `max`, `count`. */
  'too_many_aliases',
  /** params: `max`. */
  'title_too_long',
  /** params: `value` when it is safe to echo. */
  'bad_phone',
  'phone_without_liaison',
  /** params: `min`, `max`. */
  'bad_liaison_name',
  /** params: `value` when it is safe to echo. */
  'bad_type',
  /** The same unit twice in the file, reported on the later row; params: `firstRow`. */
  'duplicate_unit',
  /** An alias of two units, or equal to another unit's name; params: `otherRow`, `alias` when safe. */
  'alias_clash',
] as const;

export type RosterErrorCode = (typeof ROSTER_ERROR_CODES)[number];

/** One problem in one row. Several per row are possible. */
export interface RosterRowError {
  rowNumber: number;
  code: RosterErrorCode;
  params?: Record<string, string | number>;
}

/** The result of {@link parseRoster}. */
export interface RosterParseResult {
  /** Rows without errors, in file order. The import must write nothing unless `errors` is empty. */
  entries: RosterEntry[];
  /** All problems, ordered by row number. */
  errors: RosterRowError[];
}

export const MAX_ROSTER_ROWS = 2000;
export const MAX_UNIT_NAME_LENGTH = 60;
export const MAX_ALIAS_LENGTH = 30;
export const MAX_ALIASES = 20;
export const MAX_TITLE_LENGTH = 30;
export const MIN_LIAISON_NAME_LENGTH = 2;
export const MAX_LIAISON_NAME_LENGTH = 20;
/** Title rows above the header (e.g. a merged "XX街道共建单位名单") are skipped up to this many rows. */
export const HEADER_SCAN_ROWS = 5;

type Field = 'unit' | 'aliases' | 'liaison' | 'phone' | 'title' | 'type';
type Columns = Partial<Record<Field, number>>;

/**
 * Validates a roster table. The header is the first of the first {@link HEADER_SCAN_ROWS} non-empty
 * rows that names a unit column; rows above it are ignored, every row below it is data.
 * All errors are collected; `entries` holds only the rows without errors.
 */
export function parseRoster(rows: readonly TableRow[]): RosterParseResult {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => normalizeText(c) !== ''));
  const header = findHeader(nonEmpty);
  if (!header) {
    return { entries: [], errors: [{ rowNumber: nonEmpty[0]?.rowNumber ?? 1, code: 'missing_header' }] };
  }
  const dataRows = nonEmpty.slice(header.index + 1);
  if (dataRows.length === 0) {
    return { entries: [], errors: [{ rowNumber: header.rowNumber, code: 'no_data_rows' }] };
  }
  if (dataRows.length > MAX_ROSTER_ROWS) {
    const firstExtra = dataRows[MAX_ROSTER_ROWS]!;
    const params = { max: MAX_ROSTER_ROWS, count: dataRows.length };
    return { entries: [], errors: [{ rowNumber: firstExtra.rowNumber, code: 'too_many_rows', params }] };
  }

  const parsed = dataRows.map((row) => parseRow(row, header.columns));
  const errors = [...parsed.flatMap((p) => p.errors), ...crossRowErrors(parsed.map((p) => p.entry))];
  const badRows = new Set(errors.map((e) => e.rowNumber));
  return {
    entries: parsed.map((p) => p.entry).filter((e) => !badRows.has(e.rowNumber)),
    errors: errors.sort((a, b) => a.rowNumber - b.rowNumber),
  };
}

// === Header

const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  unit: [
    '单位',
    '单位名称',
    '单位全称',
    '成员单位',
    '成员单位名称',
    '共建单位',
    '共建单位名称',
    'unit',
    'unitname',
  ],
  aliases: ['别名', '简称', '单位简称', '单位别名', 'alias', 'aliases'],
  liaison: ['联络员', '联络人', '联系人', '联络员姓名', '联系人姓名', '姓名', 'liaison'],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '电话号码',
    '联系方式',
    '联络员电话',
    '联络员手机',
    'phone',
    'mobile',
    'tel',
  ],
  title: ['职务', '职位', 'title', 'position'],
  type: ['类型', '单位类型', '单位性质', 'type'],
};

const FIELD_BY_HEADER = new Map<string, Field>(
  Object.entries(HEADER_SYNONYMS).flatMap(([field, words]) => words.map((w) => [w, field as Field] as const)),
);

function findHeader(
  rows: readonly TableRow[],
): { index: number; rowNumber: number; columns: Columns } | undefined {
  for (const [index, row] of rows.slice(0, HEADER_SCAN_ROWS).entries()) {
    const columns = headerColumns(row.cells);
    if (columns.unit !== undefined) return { index, rowNumber: row.rowNumber, columns };
  }
  return undefined;
}

/** Maps fields to column indexes; when two columns mean the same field, the leftmost wins. */
function headerColumns(cells: readonly string[]): Columns {
  const columns: Columns = {};
  cells.forEach((cell, i) => {
    const field = FIELD_BY_HEADER.get(headerKey(cell));
    if (field && columns[field] === undefined) columns[field] = i;
  });
  return columns;
}

/** `" 手机号（必填）* "` → `手机号`: people decorate headers with required marks and hints. */
export function headerKey(cell: string): string {
  return normalizeText(cell)
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();
}

// === One row

interface ParsedRow {
  entry: RosterEntry;
  errors: RosterRowError[];
}

function parseRow(row: TableRow, columns: Columns): ParsedRow {
  const errors: RosterRowError[] = [];
  const fail = (code: RosterErrorCode, params?: RosterRowError['params']) =>
    errors.push(params ? { rowNumber: row.rowNumber, code, params } : { rowNumber: row.rowNumber, code });
  const cell = (field: Field) => {
    const i = columns[field];
    return i === undefined ? '' : normalizeText(row.cells[i] ?? '');
  };

  const unitName = cell('unit');
  if (unitName === '') fail('missing_unit');
  else {
    if (length(unitName) > MAX_UNIT_NAME_LENGTH) fail('unit_too_long', { max: MAX_UNIT_NAME_LENGTH });
    const bad = firstBadChar(unitName, NAME_CHAR);
    if (bad) fail('bad_characters', { field: 'unit', codePoint: bad });
  }

  const aliases = splitAliases(cell('aliases'), unitName);
  if (aliases.length > MAX_ALIASES) fail('too_many_aliases', { max: MAX_ALIASES, count: aliases.length });
  if (aliases.some((a) => length(a) > MAX_ALIAS_LENGTH)) fail('alias_too_long', { max: MAX_ALIAS_LENGTH });
  const badAliasChar = aliases.map((a) => firstBadChar(a, NAME_CHAR)).find(Boolean);
  if (badAliasChar) fail('bad_characters', { field: 'alias', codePoint: badAliasChar });

  const liaisonName = normalizeMiddleDots(cell('liaison'));
  if (liaisonName !== '' && !isValidPersonName(liaisonName)) {
    fail('bad_liaison_name', { min: MIN_LIAISON_NAME_LENGTH, max: MAX_LIAISON_NAME_LENGTH });
  }

  const phoneText = cell('phone');
  const phone = phoneText === '' ? undefined : normalizePhone(phoneText);
  if (phoneText !== '' && !phone) fail('bad_phone', echoParams(phoneText));
  if (phoneText !== '' && liaisonName === '') fail('phone_without_liaison');

  const title = cell('title');
  if (length(title) > MAX_TITLE_LENGTH) fail('title_too_long', { max: MAX_TITLE_LENGTH });
  const badTitleChar = firstBadChar(title, NAME_CHAR);
  if (badTitleChar) fail('bad_characters', { field: 'title', codePoint: badTitleChar });

  const typeText = cell('type');
  const type = typeText === '' ? undefined : parseOrgType(typeText);
  if (typeText !== '' && !type) fail('bad_type', echoParams(typeText));

  const entry: RosterEntry = { rowNumber: row.rowNumber, unitName, aliases };
  if (liaisonName) entry.liaisonName = liaisonName;
  if (phone) entry.phone = phone;
  if (title) entry.title = title;
  if (type) entry.type = type;
  return { entry, errors };
}

/**
 * Splits an alias cell on , ， 、 ; ； / and whitespace; drops duplicates and the unit's own name
 * (compared by {@link nameKey}), keeping the first spelling.
 */
export function splitAliases(text: string, unitName: string): string[] {
  const seen = new Set([nameKey(unitName)]);
  const aliases: string[] = [];
  for (const alias of text.split(/[,，、;；/／\s]+/)) {
    const key = nameKey(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  return aliases;
}

// === Across rows

/** `duplicate_unit` and `alias_clash`, which need the whole file. */
function crossRowErrors(entries: readonly RosterEntry[]): RosterRowError[] {
  const errors: RosterRowError[] = [];
  const unitRows = new Map<string, number>();
  for (const e of entries) {
    const key = nameKey(e.unitName);
    if (key === '') continue;
    const firstRow = unitRows.get(key);
    if (firstRow === undefined) unitRows.set(key, e.rowNumber);
    else errors.push({ rowNumber: e.rowNumber, code: 'duplicate_unit', params: { firstRow } });
  }

  const aliasOwners = new Map<string, { rowNumber: number; unitKey: string }>();
  for (const e of entries) {
    const unitKey = nameKey(e.unitName);
    // Clashes of a unit already reported as a duplicate, or of an alias cell already too big, add noise.
    if (unitKey === '' || unitRows.get(unitKey) !== e.rowNumber || e.aliases.length > MAX_ALIASES) continue;
    for (const alias of e.aliases) {
      const aliasKey = nameKey(alias);
      const clash = (otherRow: number) =>
        errors.push({
          rowNumber: e.rowNumber,
          code: 'alias_clash',
          params: { otherRow, ...aliasParam(alias) },
        });
      const namedUnitRow = unitRows.get(aliasKey);
      const owner = aliasOwners.get(aliasKey);
      if (!owner) aliasOwners.set(aliasKey, { rowNumber: e.rowNumber, unitKey });
      // One report per alias: being another unit's name is the clearer reason of the two.
      if (namedUnitRow !== undefined) clash(namedUnitRow);
      else if (owner && owner.unitKey !== unitKey) clash(owner.rowNumber);
    }
  }
  return errors;
}

// === Text normalisation and character classes

/** Invisible characters that copy-paste from web pages and WeChat leaves behind; dropped silently. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;
/** Full-width digits and latin letters, Kangxi radicals and CJK compatibility ideographs (PDF copy
 * artefacts that look like ordinary characters): folded to their ordinary forms. */
const FOLDABLE = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2F00-\u2FDF\uF900-\uFAFF]/g;

/**
 * Trims, collapses any whitespace run (including U+3000 and line breaks inside a cell) to one
 * space, folds full-width digits/letters to ASCII and drops zero-width characters. Full-width
 * punctuation such as （） is kept, because that is how official Chinese names are written.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(FOLDABLE, (c) => c.normalize('NFKC'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Comparison key for unit names and aliases: case, spaces and （）/() width do not make a new unit. */
export function nameKey(name: string): string {
  return name.replace(/（/g, '(').replace(/）/g, ')').replace(/ /g, '').toLowerCase();
}

/** Characters allowed in unit names, aliases and titles. Everything else (emoji, controls, bidi
 * marks, other scripts, symbols) is refused: these names end up in messages and @-mentions. */
const NAME_CHAR = /^[\p{Script=Han}A-Za-z0-9 （）()·\-—–、.&]$/u;
const PERSON_NAME = /^[\p{Script=Han}A-Za-z· ]+$/u;
const LETTER = /[\p{Script=Han}A-Za-z]/u;
/** Characters safe to quote back in an error message. */
const ECHO_CHAR = /^[\p{Script=Han}A-Za-z0-9 （）()·\-—–、.&+#,，:：/]$/u;
const MAX_ECHO_LENGTH = 30;

/** The first disallowed character as `U+XXXX`, or `undefined` when all are allowed. */
export function firstBadChar(text: string, allowed: RegExp = NAME_CHAR): string | undefined {
  for (const ch of text) {
    if (!allowed.test(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

/** Length in code points, so a rare CJK character outside the BMP counts as one. */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Minority names are written with many look-alike middle dots (阿依古丽•买买提); store one. */
function normalizeMiddleDots(name: string): string {
  return name.replace(/[•・‧∙⋅･．]/g, '·');
}

/** 2–20 characters of CJK or latin letters, with · and spaces between. */
export function isValidPersonName(name: string): boolean {
  const n = length(name);
  return (
    n >= MIN_LIAISON_NAME_LENGTH &&
    n <= MAX_LIAISON_NAME_LENGTH &&
    PERSON_NAME.test(name) &&
    LETTER.test(name)
  );
}

function echoParams(value: string): { value: string } | undefined {
  return length(value) <= MAX_ECHO_LENGTH && !firstBadChar(value, ECHO_CHAR) ? { value } : undefined;
}

function aliasParam(alias: string): { alias: string } | Record<string, never> {
  return echoParams(alias) ? { alias } : {};
}

// === Phone numbers

const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
const MOBILE = /^(?:86)?(1[3-9]\d{9})$/;
const EXTENSION = /^(.*?)(?:转|分机|ext\.?|x|#|,)(\d{1,6})$/i;
const COUNTRY_PREFIX = /^(?:\(\+?86\)|\+86|0086)-?/;

/**
 * Normalises a Chinese phone number, or returns `undefined` when it is not one.
 * Mobiles (optionally +86/86/0086, with spaces or dashes) become 11 digits. Landlines need an area
 * code and become `0571-88888888`, with an extension as `0571-88888888转123`; the area code length is
 * implied by the numbering plan (010 and 02x have three digits, all others four), so
 * `01012345678` and `(010) 1234 5678` both work.
 */
export function normalizePhone(text: string): string | undefined {
  let s = normalizeText(text)
    .replace(/＋/g, '+')
    .replace(DASHES, '-')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/ /g, '');
  if (s.length > 40) return undefined;

  const ext = EXTENSION.exec(s);
  const extension = ext?.[2];
  if (ext) s = ext[1] ?? '';

  const country = COUNTRY_PREFIX.exec(s);
  if (country) s = s.slice(country[0].length);
  s = s.replace(/^\((0?\d{2,3})\)-?/, '$1-');
  if (!/^[\d-]+$/.test(s)) return undefined;

  const mobile = MOBILE.exec(s.replace(/-/g, ''));
  if (mobile) return extension ? undefined : mobile[1];

  // In international form the trunk 0 of the area code is dropped: +86 571 88888888.
  if (country && !s.startsWith('0')) s = `0${s}`;
  const parts = s.split('-').filter(Boolean);
  // `010-12345678-123`: a third group after a complete number is an extension.
  const last = parts.at(-1) ?? '';
  if (!extension && parts.length >= 3 && last.length <= 6) {
    const head = splitLandline(parts.slice(0, -1).join(''));
    if (head) return formatLandline(head, last);
  }
  const whole = splitLandline(parts.join(''));
  return whole ? formatLandline(whole, extension) : undefined;
}

function splitLandline(digits: string): { area: string; number: string } | undefined {
  const areaLength = /^0[12]/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const number = digits.slice(areaLength);
  // Real subscriber numbers start with 2–8, but 010-12345678 is how everyone writes an example.
  if (!/^0(?:10|2\d|[3-9]\d\d)$/.test(area) || !/^[1-9]\d{6,7}$/.test(number)) return undefined;
  return { area, number };
}

function formatLandline(parts: { area: string; number: string }, extension?: string): string {
  return `${parts.area}-${parts.number}${extension ? `转${extension}` : ''}`;
}

// === Unit types

/** Words people write in the 类型 column; the enum value itself is accepted too. */
const ORG_TYPE_WORDS: Record<OrgType, readonly string[]> = {
  street_party_committee: ['街道党工委', '街道党委'],
  street_office: ['街道办', '街道办事处', '街道'],
  community_party_committee: ['社区党委', '社区党总支', '社区党支部', '社区党组织'],
  residents_committee: ['居委会', '社区居委会', '居民委员会'],
  grid_party_branch: ['网格党支部', '网格党小组'],
  building_party_group: ['楼栋党小组', '楼栋党支部'],
  government_department: ['政府部门', '政府机关', '机关', '职能部门', '机关单位'],
  public_institution: ['事业单位'],
  enterprise: ['企业', '国企', '国有企业', '民营企业', '私营企业', '外资企业', '公司'],
  property_company: ['物业', '物业公司', '物业服务企业', '物业企业'],
  social_organization: ['社会组织', '社团', '民办非企业', '民非', '社工机构'],
  other: ['其他', '其它'],
};

const ORG_TYPE_BY_WORD = new Map<string, OrgType>(
  (Object.entries(ORG_TYPE_WORDS) as [OrgType, readonly string[]][]).flatMap(([type, words]) =>
    [type, ...words].map((w) => [w, type] as const),
  ),
);

/** `物业公司` → `property_company`; `undefined` for an unknown word. */
export function parseOrgType(text: string): OrgType | undefined {
  return ORG_TYPE_BY_WORD.get(normalizeText(text).replace(/ /g, '').toLowerCase());
}
