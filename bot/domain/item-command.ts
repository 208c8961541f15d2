/**
 * Reading `/item` as a secretary types it during a meeting:
 *   区供电公司第二供电所 牵头 社区居委会 配合 排查建设路3处老化线路 10月20日前
 *   由二所牵头，居委会、物业配合，排查… / 二所 排查… 10月20日前
 * Pure: it only splits the text; the caller resolves unit names and the deadline, and falls back to
 * {@link ItemCommandParse.withoutSupport} when the 配合 part turns out not to name units.
 * @module
 */

export interface ItemCommandParse {
  lead: string;
  /** Names before 配合, split on 、，, and spaces (empty when there is no 配合 part). */
  support: string[];
  /** The rest: content and deadline phrase. */
  rest: string;
  /** The same text read without a 配合 part (its words belong to the content). */
  withoutSupport?: { lead: string; rest: string };
}

const SEP = /[\s\u3000，,、；;]+/;
const LEAD = /^由?\s*(.+?)\s*牵头(?:负责)?[\s\u3000，,、；;:：]*([\s\S]*)$/;
const SUPPORT = /^(.+?)\s*(?:配合|协办|协助)[\s\u3000，,、；;:：]*([\s\S]*)$/;

const splitNames = (s: string) =>
  s
    .split(SEP)
    .map((x) => x.replace(/^(和|及|与)/, '').trim())
    .filter(Boolean);

/** Split `/item` arguments into lead unit, support units and the rest; undefined when nothing is there. */
export function parseItemCommand(args: string): ItemCommandParse | undefined {
  const text = args.trim();
  if (!text) return undefined;
  const lead = LEAD.exec(text);
  if (lead) {
    const [, leadName = '', after = ''] = lead;
    const support = SUPPORT.exec(after);
    if (support && support[2]!.trim()) {
      return {
        lead: leadName.trim(),
        support: splitNames(support[1]!),
        rest: support[2]!.trim(),
        withoutSupport: { lead: leadName.trim(), rest: after.trim() },
      };
    }
    return { lead: leadName.trim(), support: [], rest: after.trim() };
  }
  const [first = '', ...others] = text.split(SEP);
  return {
    lead: first.replace(/^由/, ''),
    support: [],
    rest:
      text
        .slice(text.indexOf(first) + first.length)
        .replace(/^[\s\u3000，,、；;:：]+/, '')
        .trim() || others.join(' '),
  };
}
