/**
 * Personal data out of any text before it leaves for a model (C28): mobile numbers, landlines and
 * ID-card numbers become placeholders. Pure; never throws.
 *
 * Decisions:
 * - Placeholders, not partial masks ("138****5678"): the model needs to know a number was there, never
 *   which one, and a partial mask still narrows a person down.
 * - Over-masking is fine, under-masking is not: any 18-character run of 17 digits and a digit or X is an
 *   ID number (bank cards of that length go too); an 11-digit 1[3-9]… is a mobile number with or
 *   without +86 and with spaces or dashes; a 0-prefixed area code with a 7–8 digit number, in any of the
 *   usual writings, is a landline; 7–8 digits right after 电话/座机/tel are a local number.
 * - Full-width digits (１３８…) are turned into ASCII first, so they cannot slip through.
 * - 400/800 service numbers and 110/120/12345 are not personal and stay.
 * @module
 */

export const MASK = { id: '[身份证号]', mobile: '[手机号]', phone: '[电话]' } as const;

/** Full-width digits, plus, minus, X and parentheses to ASCII. */
const toAscii = (text: string): string =>
  text.replace(/[\uff10-\uff19\uff0b\uff0d\uff38\uff58]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

/** Checked in order: ID numbers first (they contain runs that look like phone numbers). */
const RULES: readonly { re: RegExp; mask: string }[] = [
  { re: /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, mask: MASK.id },
  { re: /(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g, mask: MASK.mobile },
  {
    re: /(?<!\d)(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-－\s])\s?\d{7,8}(?:(?:-|转|ext\.?)\d{1,6})?(?!\d)/gi,
    mask: MASK.phone,
  },
  { re: /(?<!\d)0\d{9,11}(?!\d)/g, mask: MASK.phone },
  {
    re: /(?<=(?:电话|座机|手机|联系方式|联系电话|tel|phone)\s*[:：]?\s*)\d{7,8}(?!\d)/gi,
    mask: MASK.phone,
  },
];

/**
 * The text with phone and ID-card numbers replaced by placeholders.
 * @example maskPersonalData('联络员王五 13812345678') // '联络员王五 [手机号]'
 */
export function maskPersonalData(text: string): string {
  if (typeof text !== 'string' || !text) return '';
  let out = toAscii(text);
  for (const { re, mask } of RULES) out = out.replace(re, mask);
  return out;
}
