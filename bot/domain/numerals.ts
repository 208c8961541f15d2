/** Chinese and Arabic numerals as people type them in dates, counts and times. Pure. @module */

export const ZH_DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * An Arabic or Chinese numeral: `15`, `十五`, `廿五`, `两`, `一百零五`, `三万`, and digit-by-digit years
 * (`二〇二六` → 2026). Undefined for anything malformed (`十十`, `二二十`).
 */
export function parseNumber(token: string): number | undefined {
  if (!token) return undefined;
  if (/^\d+$/.test(token)) return Number(token);
  if (/^[零〇一二两三四五六七八九]+$/.test(token)) {
    return Number([...token].map((c) => ZH_DIGIT[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const c of token) {
    const d = ZH_DIGIT[c];
    const unit = ZH_UNIT[c];
    if (d !== undefined) {
      if (digit !== undefined && digit !== 0) return undefined; // 二二十
      digit = d;
    } else if (unit !== undefined) {
      if (unit >= lastUnit) return undefined;
      if (digit === undefined && unit !== 10) return undefined; // 百 alone
      section += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else if (c === '廿' || c === '卅') {
      if (section !== 0 || digit !== undefined) return undefined;
      section = c === '廿' ? 20 : 30;
      lastUnit = 10;
    } else if (c === '万') {
      section += digit ?? 0;
      if (section === 0 || total !== 0) return undefined;
      total = section * 10_000;
      section = 0;
      digit = undefined;
      lastUnit = Number.POSITIVE_INFINITY;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}
