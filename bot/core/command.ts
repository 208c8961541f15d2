/**
 * Parsing what people type: `/unit@yishi_bot add 二所`, `／单位 add`, or — after @bot in WeCom, or in a
 * private chat — a bare Chinese alias such as `帮助`. Pure functions.
 * @module
 */

export interface ParsedCommand {
  name: string;
  args: string;
}

export interface CommandTable {
  /** Canonical names and Chinese aliases, each mapped to the canonical name. */
  resolve(word: string): string | undefined;
}

const SLASH = /^[/／]([^\s@]+)(?:@(\S+))?(?:\s+([\s\S]*))?$/;

/**
 * Find the command in a message.
 * @param bare Whether a leading alias without a slash counts (the bot was addressed directly).
 * @param botUsername A `/cmd@other_bot` for another bot is not ours.
 */
export function parseCommand(
  text: string,
  table: CommandTable,
  opts: { bare: boolean; botUsername?: string },
): ParsedCommand | { unknown: string } | null {
  const t = text.trim();
  const m = SLASH.exec(t);
  if (m) {
    const [, word = '', target, rest = ''] = m;
    if (target && opts.botUsername && target.toLowerCase() !== opts.botUsername.toLowerCase()) return null;
    const name = table.resolve(word.toLowerCase()) ?? table.resolve(word);
    return name ? { name, args: rest.trim() } : { unknown: word };
  }
  if (!opts.bare) return null;
  const [first = ''] = t.split(/[\s\u3000]+/);
  const name = table.resolve(first);
  return name ? { name, args: t.slice(first.length).trim() } : null;
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', "'": "'" };

/** Split arguments on spaces (also the full-width space), keeping quoted parts together. */
export function tokenize(args: string): string[] {
  const out: string[] = [];
  let cur = '';
  let close: string | undefined;
  let open = '';
  let quoted = false;
  for (const ch of args) {
    if (close) {
      if (ch === close) close = undefined;
      else cur += ch;
    } else if (QUOTES[ch] && cur === '') {
      close = QUOTES[ch];
      open = ch;
      quoted = true;
    } else if (/[\s\u3000]/.test(ch)) {
      if (cur || quoted) out.push(cur);
      cur = '';
      quoted = false;
    } else cur += ch;
  }
  // An unclosed quote is not a quote: keep it, so the text is judged as typed.
  if (close) cur = open + cur;
  if (cur || quoted) out.push(cur);
  return out;
}

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
}

/**
 * Separate `key:value` options (half- or full-width colon) from positional words. Keys are mapped
 * through `keys` (e.g. 别名 → aliases); unknown `a:b` words stay positional (a name may contain a colon).
 */
export function parseArgs(args: string, keys: Record<string, string>): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (const token of tokenize(args)) {
    const m = /^([^:：]+)[:：]([\s\S]*)$/.exec(token);
    const key = m ? keys[m[1]!.toLowerCase()] : undefined;
    if (m && key) options[key] = m[2]!.trim();
    else positional.push(token);
  }
  return { positional, options };
}

/** Split a list typed as 二所,供电所 / 二所、供电所 / 二所；供电所. */
export function splitList(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[,，、;；/]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
