/**
 * Rules for names people type (units, bodies, people): length in characters and no emoji, control or
 * direction-override characters that would garble a ledger. Pure.
 * @module
 */

export type NameProblem = 'empty' | 'too_long' | 'bad_characters';

const BAD = /[\p{Cc}\p{Cf}\p{Extended_Pictographic}\p{Co}\p{Cs}]/u;

/** Trim and collapse spaces; NFKC folds full-width letters and digits. */
export function cleanName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** The first problem with a name, or null when it is fine. */
export function checkName(s: string, max: number): NameProblem | null {
  if (!s) return 'empty';
  if ([...s].length > max) return 'too_long';
  if (BAD.test(s)) return 'bad_characters';
  return null;
}
