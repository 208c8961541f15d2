/**
 * The model's drafts made into the extractor's items by the deterministic rules: units through
 * `matchUnit`, deadlines through `parseDeadline` on the model's `dueText`. The model only proposes words;
 * ids and dates come from our own resolution. Pure; never throws.
 *
 * Decisions:
 * - A unit the body has (name, alias, unique part) gets its id; an unknown or ambiguous one is kept by
 *   name when it is a valid name (the secretary picks the unit); a collective (各单位, 相关部门) or a
 *   malformed name is dropped. Support units repeat neither each other nor the lead.
 * - `dueDate` from the model is a hint and is never used: a date is only what `parseDeadline` makes of the
 *   phrase. An unreadable phrase leaves both `due` and `dueText` empty (dropped, not guessed); 长期坚持
 *   and the like keep their text with no date.
 * - A liaison must be a valid person's name (names.ts); anything else is dropped.
 * - Empty contents are dropped, long ones cut; duplicates (same lead, same content) are merged away.
 * @module
 */
import type { WorkCalendar } from '../domain/calendar.js';
import { parseDeadline } from '../domain/deadline.js';
import type { ExtractedItem, UnitRef } from '../domain/extract.js';
import { checkName, checkPersonName, cleanName } from '../domain/names.js';
import { matchUnit, normalizeUnitName, type UnitCandidate } from '../domain/unit-match.js';
import type { LlmItem } from './schemas.js';

/** What the deterministic side knows: the body's units, the meeting day and the calendar. */
export interface MergeResolver {
  units: readonly UnitCandidate[];
  reference: string;
  calendar: WorkCalendar;
}

const MAX_CONTENT = 500;
const MAX_UNIT_NAME = 60;
const MAX_DUE_TEXT = 100;
const COLLECTIVE = /^(?:各|相关|有关|其他|其余|所有|全体|我们|你们|大家|各方|双方)/u;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A unit named by the model: registered (with id), kept by name, or nothing. */
export function resolveLlmUnit(name: unknown, units: readonly UnitCandidate[]): UnitRef | null {
  const clean = cleanName(str(name));
  if (!clean || clean.toLowerCase() === 'null' || COLLECTIVE.test(clean)) return null;
  const match = matchUnit(clean, units);
  if (match.kind === 'found') return { id: match.unit.id, name: match.unit.name };
  return checkName(clean, MAX_UNIT_NAME) === null ? { name: clean } : null;
}

const sameUnit = (a: UnitRef, b: UnitRef): boolean =>
  a.id !== undefined || b.id !== undefined
    ? a.id === b.id
    : normalizeUnitName(a.name) === normalizeUnitName(b.name);

/** The due date from the model's phrase, by our parser; nothing when it cannot be read. */
function dueOf(dueText: unknown, resolver: MergeResolver): { due: string | null; dueText: string | null } {
  const text = str(dueText).trim();
  if (!text || text.length > MAX_DUE_TEXT) return { due: null, dueText: null };
  const d = parseDeadline(text, resolver.reference, resolver.calendar);
  if (d.kind === 'date') return { due: d.date, dueText: text };
  if (d.kind === 'none') return { due: null, dueText: text };
  return { due: null, dueText: null };
}

function toItem(llm: LlmItem, resolver: MergeResolver): ExtractedItem | undefined {
  let content = str(llm?.content).replace(/\s+/gu, ' ').trim();
  if (!content) return undefined;
  if ([...content].length > MAX_CONTENT) content = [...content].slice(0, MAX_CONTENT).join('');
  const lead = resolveLlmUnit(llm.leadUnit, resolver.units);
  const support: UnitRef[] = [];
  for (const name of Array.isArray(llm.supportUnits) ? llm.supportUnits : []) {
    const unit = resolveLlmUnit(name, resolver.units);
    if (unit && !(lead && sameUnit(unit, lead)) && !support.some((s) => sameUnit(s, unit)))
      support.push(unit);
  }
  const liaison = cleanName(str(llm.liaison));
  const source = str(llm.sourceQuote).trim();
  return {
    content,
    leadUnit: lead,
    supportUnits: support,
    liaison: liaison && checkPersonName(liaison) === null ? liaison : null,
    ...dueOf(llm.dueText, resolver),
    source: source || content,
  };
}

/**
 * The model's items as ExtractedItem drafts, resolved by the deterministic rules.
 * @example mergeLlmItems([{ content: '排查线路', leadUnit: '二所', dueText: '10月20日前', … }], { units, reference, calendar })
 */
export function mergeLlmItems(llm: readonly LlmItem[], resolver: MergeResolver): ExtractedItem[] {
  const out: ExtractedItem[] = [];
  if (!Array.isArray(llm)) return out;
  for (const raw of llm) {
    try {
      const item = toItem(raw, resolver);
      if (!item) continue;
      const key = normalizeUnitName(item.content);
      const duplicate = out.some(
        (o) =>
          normalizeUnitName(o.content) === key &&
          (o.leadUnit && item.leadUnit ? sameUnit(o.leadUnit, item.leadUnit) : o.leadUnit === item.leadUnit),
      );
      if (!duplicate) out.push(item);
    } catch {
      // One malformed draft must not cost the others.
    }
  }
  return out;
}
