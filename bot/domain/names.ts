/**
 * Rules for names people type: units and bodies (CJK, latin, digits and the punctuation official names
 * use) and people (letters, · and spaces). The same character rules as the roster import, so a name
 * accepted in chat is accepted in a file. Pure.
 * @module
 */
import { firstBadChar, isValidPersonName } from './roster.js';

export type NameProblem = 'empty' | 'too_long' | 'bad_characters';

/** Trim and collapse spaces; NFKC folds full-width letters and digits. */
export function cleanName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** The first problem with a unit, body or alias name, or null when it is fine. */
export function checkName(s: string, max: number): NameProblem | null {
  if (!s) return 'empty';
  if ([...s].length > max) return 'too_long';
  if (firstBadChar(s.replace(/[（）]/g, '()'))) return 'bad_characters';
  if (!/[\p{Script=Han}A-Za-z]/u.test(s)) return 'bad_characters';
  return null;
}

/** The first problem with a person's name (2–20 letters, · and spaces), or null. */
export function checkPersonName(s: string): NameProblem | null {
  if (!s) return 'empty';
  if ([...s].length > 20) return 'too_long';
  return isValidPersonName(s) ? null : 'bad_characters';
}
