/**
 * Resolving what a person typed (全称, 简称, or part of a name) to one unit. Pure: callers pass the
 * units of the body in question. Ambiguity is returned, never guessed.
 * @module
 */

export interface UnitCandidate {
  id: number;
  name: string;
  aliases: readonly string[];
}

export type UnitMatch =
  | { kind: 'found'; unit: UnitCandidate; via: 'name' | 'alias' | 'partial' }
  | { kind: 'ambiguous'; candidates: UnitCandidate[] }
  | { kind: 'none' };

/** Fold width and case, drop spaces and brackets' style differences so 二所 and 二 所 match. */
export function normalizeUnitName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}

/**
 * Match a query against units: exact name, then exact alias, then a unique partial match of two or
 * more characters. Several equally good matches are ambiguous.
 * @example matchUnit('二所', [{ id: 1, name: '区供电公司第二供电所', aliases: ['二所'] }]) // found via alias
 */
export function matchUnit(query: string, units: readonly UnitCandidate[]): UnitMatch {
  const q = normalizeUnitName(query);
  if (!q) return { kind: 'none' };
  const byName = units.filter((u) => normalizeUnitName(u.name) === q);
  if (byName.length === 1) return { kind: 'found', unit: byName[0]!, via: 'name' };
  const byAlias = units.filter((u) => u.aliases.some((a) => normalizeUnitName(a) === q));
  if (byAlias.length === 1) return { kind: 'found', unit: byAlias[0]!, via: 'alias' };
  if (byAlias.length > 1) return { kind: 'ambiguous', candidates: byAlias };
  if ([...q].length < 2) return { kind: 'none' };
  const partial = units.filter(
    (u) => normalizeUnitName(u.name).includes(q) || u.aliases.some((a) => normalizeUnitName(a).includes(q)),
  );
  if (partial.length === 1) return { kind: 'found', unit: partial[0]!, via: 'partial' };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  return { kind: 'none' };
}
