/**
 * An offline keyword classifier for a liaison's free-text reply about an item (DESIGN C27): acknowledge,
 * progress, done, extension, not-our-remit, question — or unclear. The caller asks back when the confidence
 * is below 0.8, so the classifier is deliberately conservative:
 * - a keyword in the scope of a negation (没/未/不/无/尚未…) or a question (吗/？) never counts for it, and a
 *   negated "done" or "received" makes the reply unclear rather than anything else;
 * - "done" words under a future or hedging word (预计/计划/快/基本/应该…) or followed by a part (已完成60%,
 *   已更换3盏) count as progress, never as done; a hedged or questioned "done" is unclear;
 * - two intents that do not combine (done + question, extension + question, remit + done) are unclear.
 * Intents that do combine resolve by what the reply asks for: not-our-remit > extension > done > progress >
 * acknowledge (a reply that reports progress has been received; an extension request says how far it got).
 *
 * Dates in extension requests are parsed here in a few simple forms (12月20日, 2026-12-20, 12-20, 下周五,
 * 本周五, 月底, 25号, 明天); a full deadline parser lives in deadline.ts. "延期N个工作日 / N天 / N周" is an
 * amount BY which to extend (`workdays`/`days`; the caller adds it to the current due date, which this module
 * does not know); "还需要N个工作日" counts from today and, given a calendar, also yields `proposedDate`.
 * Never throws, whatever the input.
 * @module
 */

import { addDays, endOfMonth, mondayOf, parseYmd, ymd } from './dates.js';
import { parseNumber as parseShared } from './numerals.js';

/** The working-day questions this module asks (a structural subset of bot/domain/calendar.ts). */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
  addWorkdays(date: string, n: number): string;
  nextWorkday(date: string): string;
  workdaysBetween(from: string, to: string): number;
}

export const REPLY_INTENTS = [
  'acknowledge',
  'progress',
  'done',
  'extension',
  'not_our_remit',
  'question',
  'unclear',
] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

export interface ReplyClassification {
  intent: ReplyIntent;
  /** 0–1; below 0.8 the caller asks back instead of acting. */
  confidence: number;
  /** 0–100, from 60% / 百分之六十 / 六成. */
  percent?: number;
  /** `YYYY-MM-DD`: the date an extension asks for. */
  proposedDate?: string;
  /** Working days asked for ("延期10个工作日"). */
  workdays?: number;
  /** Calendar days asked for ("延期5天", "延期一周" = 7). */
  days?: number;
  /** The reason given (因/由于/原因是/受…影响 clause). */
  reason?: string;
  /** The unit a not-our-remit reply suggests, as written (城管, 区城管局…). */
  suggestedUnit?: string;
}

export interface ClassifyContext {
  /** Today in the body's zone, `YYYY-MM-DD`: the reference for 下周五, 月底, 12月20日. */
  today: string;
  calendar?: WorkCalendar;
}

/** Longer replies are cut: the intent of a reply is in its first sentences, and the regexes stay cheap. */
const MAX_INPUT = 2000;

// === Normalising

/** NFKC (full-width digits, ？，％ → ASCII), lower case, control characters and runs of space collapsed. */
function normalize(raw: string): string {
  return raw
    .slice(0, MAX_INPUT)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const CLAUSE_SPLIT = /[,，。;；!！?？\n、…~]+/;
const CLAUSE_CHARS = '[^,，。;；!！?？\\n]';

// === Chinese numerals

const CN_NUM = '[零〇一二两三四五六七八九十百]+';
const NUM = `(?:\\d{1,4}|${CN_NUM})`;

/** 12, 十二, 二十五, 一百 → numbers up to 9999; undefined for anything else. */
export function parseNumber(s: string): number | undefined {
  if (!/^(?:\d{1,4}|[零〇一二两三四五六七八九十百]+)$/.test(s)) return undefined;
  const n = parseShared(s);
  return n !== undefined && n <= 9999 ? n : undefined;
}

// === Keyword tables

type ScannedIntent = 'acknowledge' | 'progress' | 'done' | 'extension';
/**
 * How a keyword is protected. All: a negation before it or a question/negation right after it.
 * `plain` and `done` also: a negation later in the clause. `done` also: future/hedge words before it and
 * a partial amount or a sub-task after it.
 */
type Guard = 'done' | 'plain' | 'progress';

interface Rule {
  intent: ScannedIntent;
  re: RegExp;
  confidence: number;
  guard: Guard;
}

const rule = (intent: ScannedIntent, source: string, confidence: number, guard: Guard): Rule => ({
  intent,
  re: new RegExp(source, 'g'),
  confidence,
  guard,
});

const RULES: readonly Rule[] = [
  rule(
    'done',
    '已经?办结|办结了|已经?完成|完成了|全部完成|已经?整改(?:完毕|到位|完成|好)?|整改完毕|整改到位|整改完成|' +
      '已经?处理(?:完毕|好|完)?|处理完毕|处理好了|处理完了|已经?解决|解决了|已经?落实|落实到位|已经?修(?:好|复|缮)|' +
      '修好了|修复完毕|已经?清理(?:完毕|干净)?|清理完毕|清理干净|已经?办好|办好了|办完了|已经?办完|已经?搞定|搞定了|' +
      '已经?竣工|已经?完工|完工了|已经?拆除|拆除完毕|已经?更换|更换完毕|已经?安装|安装完毕|已经?清运|已经?疏通|' +
      '疏通完毕|已经?恢复|已经?销号|已经?于[^,，。;；]{1,12}?(?:完成|办结|完工|竣工)',
    0.95,
    'done',
  ),
  rule(
    'acknowledge',
    '已经?收到|收到|收悉|已经?签收|签收|已阅|阅悉|已经?接收|已经?领办|已经?认领',
    0.95,
    'plain',
  ),
  rule(
    'acknowledge',
    '好的|好嘞|明白|已了解|了解了|知道了|没问题|遵照执行|照办|按要求办理|' +
      '(?:马上|立即|立刻|尽快|抓紧)(?:安排|办理|处理|落实|整改|推进)',
    0.8,
    'plain',
  ),
  rule(
    'progress',
    '正在|在(?:推进|办理|处理|协调|整改|施工|对接|排查|跟进|落实)|' +
      '(?:推进|办理|处理|整改|施工|协调|进行|排查|对接|跟进|落实|维修|招标|审批)中|' +
      '已经?(?:协调|联系|对接|安排|部署|启动|开始|排查|上报|报送|报修|派人|派员|到现场|摸排|制定|召开|约谈|发函|督促|通知|立项|进场)|' +
      '协调了|联系了|安排了|开始(?:施工|整改|处理|排查|办理|维修)|现场(?:查看|勘察|勘查|核实|踏勘)|' +
      '(?:本周|下周|月底|年底|近期|近日|近几天|今天|明天|后天|周[一二三四五六日])(?:前|内|之前)?(?:可以|能|将|会)?(?:完成|办结|整改完毕|处理完)|' +
      '预计|计划|争取|力争|将于|拟于|部分完成|(?:进展|推进|进度)(?:顺利|正常)|完成了?(?:一部分|部分|大部分|大半|一半)',
    0.9,
    'progress',
  ),
  // Nouns of a progress report: they also occur in questions about it (怎么反馈进度?).
  rule('progress', '进度|进展|目前|下一步|阶段性|初步', 0.75, 'progress'),
  // Near completion is progress, and not a certain one: 快完成了 may still be days away.
  rule(
    'progress',
    '快要?(?:完成|办完|办结|好了|弄好|整改完)|即将(?:完成|办结|完工|竣工)|接近(?:完成|尾声)|' +
      '基本(?:完成|办结|整改完毕|到位|解决)|大部分(?:已经?)?完成|差不多(?:了|完成|好了)|收尾',
    0.6,
    'progress',
  ),
  rule(
    'extension',
    '延期|延长(?:时限|期限|时间)?|推迟|顺延|延后|宽限|缓办|往后推|放宽(?:时限|期限)|' +
      '再给.{0,6}(?:时间|天|周|工作日)|需要更多时间|调整(?:时限|期限|完成时间)',
    0.9,
    'plain',
  ),
];

/** Negation words, after removing the compounds in NEGATION_EXCEPTIONS that only look like them. */
const NEGATION = /[没未不无别非莫甭]/;
const NEGATION_EXCEPTIONS =
  /非常|不少|不久|不断|不错|不停|不懈|不仅|不但|不大|不日|不同(?!意)|毫不|无误|无论|不管|无异常|无遗留|无问题|无异议|没问题|没有问题|没有遗留/g;
/** Words that put a "done" into the future, a condition or a guess. */
const NOT_YET =
  /预计|计划|争取|力争|拟|准备|打算|估计|应该|应当|可能|也许|大概|好像|似乎|基本|快|即将|马上|尽快|希望|保证|确保|能否|是否|(?<!已)将|要(?!求)|会(?!议)|等|待|如果|若|一旦|下周|明天|后天|月底|年底/;
/** After a keyword: asked, negated, or conditional. */
const AFTER_NEGATED = /^了?(?:吗|么|嘛|没|没有|否|与否|不了|不完|不成|不到|后|之后|以后|再|时|的话|的必要)/;
/** After a "done" word: only part of the work (已完成60%, 已更换3盏, 已完成1/3, 已完成排查). */
const AFTER_PARTIAL = new RegExp(
  '^了?(?:一部分|部分|大部分|大半|一半|约|近|将近|\\d{1,2}(?:\\.\\d+)?\\s*%|百分之|[一二三四五六七八九]成|' +
    '\\d+\\s*/\\s*\\d+|[一二三四五六七八九十]+分之|第[一二三四五六七八九十\\d]+|' +
    '\\d+\\s*(?:个|处|户|项|件|米|盏|条|台|棵|栋|家|人|次)|' +
    '前期|初步|主体|一期|二期|阶段|方案|排查|摸排|调研|勘察|勘查|设计|招标|采购|立项|审批|报批|对接|协调|准备|' +
    '选址|报价|预算|测量|备案|筹备|论证|评估|核实|现场查看|上报|申报|制定|专人|人员|资金)',
);
/** After a "done" word: nothing, a particle, or the work itself — a whole completion. */
const DONE_TAIL =
  /^(?:[了啦的啊呀哈]*$|了?(?:100\s*%|百分之百|整改|任务|工作|全部|所有|该事项|该项|此事|此项|交办事项|事项|相关工作|办理|处理|维修|修复|清理|清运|施工|销号|完毕))/;

const QUESTION =
  /[?？]|吗|么(?=[?？]|$)|嘛(?=[?？]|$)|呢(?=[?？]|$)|什么|哪(?!怕)|几(?:号|点|时|月几)|怎么|怎样|如何|何时|多久|多长时间|多少|是否|能否|可否|请问|是不是|有没有|要不要|需不需要|能不能|可不可以|行不行|啥|谁/;
const QUESTION_EXCEPTIONS =
  /没什么|没有什么|不管什么|无论什么|不管怎么|不管怎样|无论怎样|无论如何|不管如何|或多或少/g;
/** Hedges over the whole reply: they never let a done or an acknowledgement through at full confidence. */
const HEDGE = /吧|好像|似乎|也许|可能|大概|应该/;

/** A whole reply that only says "OK" in one of its forms. */
const BARE_ACK = /^(?:好的?|好嘞|好滴|行|可以|明白了?|了解|知道了?|ok|okay|嗯+|收到谢谢|谢谢收到)$/;
/** A whole reply that only says "finished" without 已/了 — likely done, but short enough to confirm. */
const BARE_DONE = /^(?:完成|好了|弄好了|完事了?|ok了|结束了|办结|搞定|处理了|修好了)$/;

const REMIT = new RegExp(
  [
    '不是我(?:们|方)?(?:单位|部门|局|所|科|处|站|队|公司|司)?的?(?:事|职责|业务|工作|范围|管辖|活)',
    '不属于我(?:们|方)?(?:单位|部门|局|所|公司)?的?(?:职责|管辖|业务|范围|事权|工作)',
    '非我(?:们|方)?(?:单位|部门|局|所|公司|司)?的?(?:职责|管辖|业务|事权|范围)',
    '不归我(?:们|方)?(?:单位|部门)?管',
    '不在我(?:们|方)?(?:单位|部门|局|所)?的?(?:职责|管辖|业务)范围',
    '(?:超出|超越)(?:我们?|本)(?:单位|部门)?的?(?:职责|职能|管辖)',
    '我(?:们)?(?:单位|部门)?(?:管不了|无权|没有权限|没有执法权|无执法权)',
    '本(?:单位|部门|局|所)(?:无权|不负责|不具备|没有职能)',
    '我们?(?:单位|部门)?不(?:管|负责)(?:这|此|该)?(?:个|件|类)?(?:事|事情|问题)?$',
    '职责不符|职能不符|权属不清|属地不符|派错了|派单错误|分错了|不该(?:我们|由我们)',
    '(?:应|应该|应当)由.{1,20}?(?:负责|办理|处理|牵头|管理)',
    '建议(?:交给|转给|转交|移交|改派|派给|交由|由)',
    '申请退回|申请退单|退单',
    '(?:这|此)(?:件)?(?:事|个)?(?:是|归|属于)[^我本,，。]{1,15}?(?:的事|管|的职责|的活|负责)',
  ].join('|'),
);

// Greedy, then trimmed of a trailing verb: 建议交给城管处理 → 城管 (a lazy match would stop at 城|管).
const UNIT_TEXT = '([^,，。;；!！?？\\s]{1,20})';
const SUGGESTED_UNIT: readonly RegExp[] = [
  new RegExp(
    `建议(?:交给|转给|转交给?|移交给?|改派(?:给|至|到)?|派给|交由|由)${UNIT_TEXT}(?:$|[,，。;；!！?？\\s])`,
  ),
  new RegExp(`(?:应|应该|应当)由${UNIT_TEXT}(?:负责|办理|处理|牵头|管理|管)`),
  new RegExp(`属于${UNIT_TEXT}的?(?:职责|管辖|业务|事权|范围)`),
  new RegExp(`(?:是|归)${UNIT_TEXT}(?:的事|管|的职责|的活|负责)`),
];
const UNIT_TRAILER = /(?:的|(?:来|去)?(?:办理|处理|负责|牵头|管理|解决|跟进))$/;

const REASON = new RegExp(
  `(?:因为|由于|鉴于|原因是|原因为|原因[:：]|(?<!原)因(?![此而素为])|受(?=${CLAUSE_CHARS}{1,15}影响))\\s*(${CLAUSE_CHARS}*)`,
);

// === Scanning

interface Scan {
  hits: Map<ScannedIntent, number>;
  negated: Set<ScannedIntent>;
}

function addHit(scan: Scan, intent: ScannedIntent, confidence: number): void {
  scan.hits.set(intent, Math.max(scan.hits.get(intent) ?? 0, confidence));
}

/** Find every keyword in each clause and decide, from its clause context, whether it counts. */
function scanClauses(body: string): Scan {
  const scan: Scan = { hits: new Map(), negated: new Set() };
  for (const clause of body.split(CLAUSE_SPLIT)) {
    if (!clause) continue;
    for (const r of RULES) {
      for (const m of clause.matchAll(r.re)) {
        const pre = clause.slice(0, m.index).replace(NEGATION_EXCEPTIONS, '');
        const post = clause.slice(m.index + m[0].length);
        const verdict = judge(r, pre, post);
        if (verdict === 'negated') scan.negated.add(r.intent);
        else addHit(scan, verdict.intent, verdict.confidence);
      }
    }
  }
  return scan;
}

/** What a keyword found between `pre` and `post` (the rest of its clause) counts for. */
function judge(
  r: Rule,
  pre: string,
  post: string,
): 'negated' | { intent: ScannedIntent; confidence: number } {
  if (NEGATION.test(pre) || AFTER_NEGATED.test(post)) return 'negated';
  if (r.guard === 'progress') return { intent: r.intent, confidence: r.confidence };
  // 已办结但不彻底, 收到但不清楚: a negation later in the clause undoes a done, a receipt, an extension.
  if (NEGATION.test(post.replace(NEGATION_EXCEPTIONS, ''))) return 'negated';
  if (r.guard === 'plain') return { intent: r.intent, confidence: r.confidence };
  if (AFTER_PARTIAL.test(post)) return { intent: 'progress', confidence: 0.9 };
  if (NOT_YET.test(pre)) return { intent: 'progress', confidence: 0.6 };
  // 已修复路灯 is likely done; 已落实专人负责 is not: an object we do not know asks back.
  return { intent: 'done', confidence: DONE_TAIL.test(post) ? r.confidence : 0.75 };
}

function extractPercent(text: string): number | undefined {
  const numeric = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(text);
  if (numeric) return clampPercent(Math.round(Number(numeric[1])));
  const spoken = new RegExp(`百分之(${CN_NUM}|\\d{1,3})`).exec(text);
  if (spoken) return clampPercent(parseNumber(spoken[1]!));
  const tenths = /(?<![一二三四五六七八九十])([一二三四五六七八九十])成(?![本果员功熟为立绩交])/.exec(text);
  if (tenths) return clampPercent((parseNumber(tenths[1]!) ?? 0) * 10);
  return undefined;
}

const clampPercent = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;

function extractReason(text: string): { reason?: string; rest: string } {
  const m = REASON.exec(text);
  if (!m) return { rest: text };
  const reason = m[1]!.trim();
  const rest = text.slice(0, m.index) + text.slice(m.index + m[0].length);
  return reason ? { reason, rest } : { rest };
}

function extractSuggestedUnit(text: string): string | undefined {
  for (const re of SUGGESTED_UNIT) {
    const unit = re
      .exec(text)?.[1]
      ?.replace(/^(?:给|到|至)/, '')
      .replace(UNIT_TRAILER, '')
      .trim();
    if (unit && !/^(?:我|本|你|他|她)/.test(unit)) return unit;
  }
  return undefined;
}

// === Dates and amounts

const MONTH_PART_DAY: Record<string, number> = { 上旬: 10, 中旬: 20 };
const WEEKDAY_INDEX: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

interface DateMention {
  index: number;
  date: string;
}

/** The month-day date on or after today (12月20日 said in December 2026 after the 20th means 2027). */
function upcoming(today: string, m: number, d: number): string | undefined {
  const y = Number(today.slice(0, 4));
  const thisYear = parseYmd(`${y}-${pad(m)}-${pad(d)}`) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
  if (thisYear && thisYear >= today) return thisYear;
  const next = `${y + 1}-${pad(m)}-${pad(d)}`;
  return parseYmd(next) ? next : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const full = (y: number, m: number, d: number): string | undefined => {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return parseYmd(s) ? s : undefined;
};

type DateRule = { re: RegExp; resolve: (m: RegExpExecArray, today: string) => string | undefined };

const DATE_RULES: readonly DateRule[] = [
  {
    re: /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/g,
    resolve: (m) => full(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    re: new RegExp(`(?:(\\d{4})年)?(${NUM})月(?:(${NUM})[日号]?|(底|末|中旬|上旬|下旬))`, 'g'),
    resolve: (m, today) => {
      const month = parseNumber(m[2]!);
      if (month === undefined || month < 1 || month > 12) return undefined;
      const year = m[1] ? Number(m[1]) : undefined;
      const part = m[4];
      if (part === undefined) {
        const day = parseNumber(m[3] ?? '');
        if (day === undefined) return undefined;
        return year ? full(year, month, day) : upcoming(today, month, day);
      }
      // 上旬/中旬/下旬 = the 10th / 20th / last day (deadline.ts uses the same reading); 底/末 = last day.
      const first = year ? full(year, month, 1) : upcoming(`${today.slice(0, 8)}01`, month, 1);
      if (!first) return undefined;
      const day = MONTH_PART_DAY[part];
      return day === undefined ? endOfMonth(first) : `${first.slice(0, 8)}${pad(day)}`;
    },
  },
  {
    // 12-20, 12/20 — but not a range of amounts (10-15个工作日) or a fraction.
    re: /(?<![\d./-])(\d{1,2})[-/](\d{1,2})(?![\d%/-]|\s*(?:个|天|工作日|周|%|日内))/g,
    resolve: (m, today) => upcoming(today, Number(m[1]), Number(m[2])),
  },
  {
    re: /(下下|下|本|这|这个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    resolve: (m, today) => {
      const wd = WEEKDAY_INDEX[m[2]!] ?? Number(m[2]);
      const monday = mondayOf(today);
      const weeks = m[1] === '下下' ? 2 : m[1] === '下' ? 1 : 0;
      const date = addDays(monday, weeks * 7 + wd - 1);
      // A bare 周五 already past this week means next week's.
      return m[1] === undefined && date < today ? addDays(date, 7) : date;
    },
  },
  {
    re: /(下个?|本|这个?)?月底|(下个?)?月末/g,
    resolve: (m, today) => {
      const next = (m[1] ?? m[2] ?? '').startsWith('下');
      return next ? endOfMonth(addDays(endOfMonth(today), 1)) : endOfMonth(today);
    },
  },
  { re: /年底|年末/g, resolve: (_m, today) => `${today.slice(0, 4)}-12-31` },
  {
    re: new RegExp(`下个?月(${NUM})[日号]`, 'g'),
    resolve: (m, today) => {
      const d = parseNumber(m[1]!);
      const next = addDays(endOfMonth(today), 1);
      return d === undefined ? undefined : full(Number(next.slice(0, 4)), Number(next.slice(5, 7)), d);
    },
  },
  {
    // 25号 / 25日 alone: this month's when still ahead, else next month's. Not 5号楼, not 10日内.
    re: /(?<![\d月])(\d{1,2})[日号](?![楼院线门内])/g,
    resolve: (m, today) => {
      const d = Number(m[1]);
      const y = Number(today.slice(0, 4));
      const mo = Number(today.slice(5, 7));
      const here = full(y, mo, d);
      if (here && here >= today) return here;
      const next = ymd(y, mo + 1, 1);
      return full(Number(next.slice(0, 4)), Number(next.slice(5, 7)), d);
    },
  },
  { re: /明天|明日/g, resolve: (_m, today) => addDays(today, 1) },
  { re: /后天/g, resolve: (_m, today) => addDays(today, 2) },
];

/** Every date the text names, in order of appearance (the first rule to claim a position wins). */
function findDates(text: string, today: string): DateMention[] {
  const found: DateMention[] = [];
  const taken: [number, number][] = [];
  for (const r of DATE_RULES) {
    for (const m of text.matchAll(r.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      const date = r.resolve(m as RegExpExecArray, today);
      if (date) found.push({ index: start, date });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const EXTEND_VERB = '(?:延期|延长|推迟|顺延|延后|宽限|再给|往后推)(?:了|到|至)?(?:约|大约)?';

interface Amount {
  workdays?: number;
  days?: number;
  /** "延期N…": an amount beyond the due date rather than from today. */
  byExtension: boolean;
}

function extractAmount(text: string): Amount | undefined {
  const patterns: [RegExp, (n: number) => Omit<Amount, 'byExtension'>][] = [
    [new RegExp(`(${NUM})个?工作日`), (n) => ({ workdays: n })],
    [new RegExp(`(${NUM})(?:个)?(?:天|自然日)`), (n) => ({ days: n })],
    [new RegExp(`(${NUM})(?:个)?(?:周|星期|礼拜)`), (n) => ({ days: n * 7 })],
    [/半个月/, () => ({ days: 15 })],
  ];
  for (const [re, make] of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const n = m[1] === undefined ? 1 : parseNumber(m[1]);
    if (n === undefined || n < 1 || n > 365) continue;
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    return { ...make(n), byExtension: new RegExp(`${EXTEND_VERB}$`).test(before) };
  }
  return undefined;
}

// === Classifying

const result = (intent: ReplyIntent, confidence: number): ReplyClassification => ({ intent, confidence });

/**
 * Classify a liaison's free-text reply about an item. Pure and total: any string (or anything else) gives
 * a result; `unclear` with a low confidence when nothing is certain.
 * @example classifyReply('正在推进，完成60%', { today: '2026-11-20' }) // { intent: 'progress', percent: 60, … }
 */
export function classifyReply(text: string, ctx: ClassifyContext): ReplyClassification {
  try {
    return classify(typeof text === 'string' ? text : '', ctx);
  } catch {
    return result('unclear', 0);
  }
}

function classify(raw: string, ctx: ClassifyContext): ReplyClassification {
  const text = normalize(raw);
  const bare = text.replace(/[^\p{L}\p{N}]/gu, '');
  if (!bare) return result('unclear', 0);

  const { reason, rest } = extractReason(text);
  const scan = scanClauses(rest);
  const percent = extractPercent(rest);
  const question = QUESTION.test(text.replace(QUESTION_EXCEPTIONS, ''));
  const hedged = HEDGE.test(text);
  const remit = REMIT.test(text);
  if (BARE_ACK.test(bare)) addHit(scan, 'acknowledge', bare.startsWith('嗯') ? 0.6 : 0.8);
  if (BARE_DONE.test(bare)) addHit(scan, 'done', 0.75);
  if (percent !== undefined && percent < 100) addHit(scan, 'progress', 0.9);

  const out = decide({ scan, percent, question, hedged, remit });
  if (reason && out.intent !== 'unclear' && out.intent !== 'question') out.reason = reason;
  if (out.intent === 'progress' && percent !== undefined) out.percent = percent;
  if (out.intent === 'not_our_remit') {
    const unit = extractSuggestedUnit(text);
    if (unit) out.suggestedUnit = unit;
  }
  if (out.intent === 'extension') Object.assign(out, extensionDetails(rest, ctx));
  return out;
}

interface Signals {
  scan: Scan;
  percent: number | undefined;
  question: boolean;
  hedged: boolean;
  remit: boolean;
}

/** The precedence of DESIGN J6: act only on what is certain; anything mixed is asked back. */
function decide({ scan, percent, question, hedged, remit }: Signals): ReplyClassification {
  const { hits, negated } = scan;
  const anyNegated = negated.size > 0;
  const done = hits.get('done');
  const progress = hits.get('progress');
  const ack = hits.get('acknowledge');

  if (remit) {
    return done !== undefined || question ? result('unclear', 0.4) : result('not_our_remit', 0.9);
  }
  if (hits.has('extension')) {
    if (question) return result('unclear', 0.45);
    if (done !== undefined) return result('unclear', 0.4);
    return result('extension', 0.9);
  }
  if (negated.has('extension')) return result('unclear', 0.2);
  if (done !== undefined) {
    if (question) return result('unclear', 0.35);
    if (negated.has('done')) return result('unclear', 0.3);
    if (hedged) return result('unclear', 0.4);
    if (progress !== undefined || (percent !== undefined && percent < 100)) return result('progress', 0.7);
    return result('done', anyNegated ? Math.min(done, 0.7) : done);
  }
  if (progress !== undefined) {
    // Only progress nouns in a question: a question about the progress report, not a report.
    if (question) return progress < 0.9 ? result('question', 0.8) : result('unclear', 0.45);
    if (hedged) return result('progress', Math.min(progress, 0.5));
    return result('progress', anyNegated ? Math.min(progress, 0.75) : progress);
  }
  if (ack !== undefined) {
    if (question) return result(anyNegated ? 'unclear' : 'question', anyNegated ? 0.35 : 0.7);
    if (anyNegated || hedged) return result('acknowledge', Math.min(ack, 0.6));
    return result('acknowledge', ack);
  }
  if (question) return anyNegated ? result('unclear', 0.35) : result('question', 0.85);
  return result('unclear', anyNegated ? 0.2 : 0.1);
}

function extensionDetails(text: string, ctx: ClassifyContext): Partial<ReplyClassification> {
  const out: Partial<ReplyClassification> = {};
  const today = parseYmd(ctx.today) ? ctx.today : undefined;
  if (today) {
    const dates = findDates(text, today);
    const verb = new RegExp(EXTEND_VERB).exec(text);
    // The date after the extension word is the one asked for (a reply may also name the old deadline).
    const pick = dates.find((d) => verb && d.index >= verb.index) ?? dates[0];
    if (pick && pick.date > today) out.proposedDate = pick.date;
  }
  const amount = extractAmount(text);
  if (amount) {
    if (amount.workdays !== undefined) out.workdays = amount.workdays;
    if (amount.days !== undefined) out.days = amount.days;
    if (!out.proposedDate && today && !amount.byExtension) {
      const from = fromToday(today, amount, ctx.calendar);
      if (from) out.proposedDate = from;
    }
  }
  return out;
}

/** "还需要N个工作日 / N天" counted from today; working days only with a calendar to count them. */
function fromToday(today: string, amount: Amount, calendar: WorkCalendar | undefined): string | undefined {
  if (amount.days !== undefined) return addDays(today, amount.days);
  if (amount.workdays !== undefined && calendar) {
    try {
      return calendar.addWorkdays(today, amount.workdays);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
