/**
 * The deterministic extractor (C27): agreed items out of pasted meeting notes — formal 纪要 with numbered
 * items and 责任单位 / 牵头单位 / 配合单位 / 联络员 / 完成时限 fields, prose ("由X负责…", "X牵头Y配合…",
 * "请X于…前…", "责成X…") and WeChat-style chat logs. No network; pure; never throws.
 *
 * How it works, in four passes over the lines (each a small table of patterns, not one giant regex):
 * 1. Each line is cleaned (invisible characters, chat timestamps and speaker prefixes) and classified:
 *    chatter, attendance, heading, numbered (一、 / 1. / （一） / (1) / ① …), field line or prose.
 * 2. Numbered lines get an outline depth from the order their styles first appear (一、 then （一） then 1.);
 *    a numbered line followed by deeper ones is a container: a heading whose section (议定事项 /
 *    落实情况 / 其他事项) and whose units and deadline its children inherit.
 * 3. Blocks: a numbered leaf plus the field and prose lines under it; a prose line directly followed by
 *    field lines; a field line that opens with 事项：; a row of a pasted table (tab-, bar- or
 *    space-separated, under a 事项 / 责任单位 / 完成时限 header). A block with fields is one item.
 *    Otherwise (and for free prose) the text is cut into clauses, and a clause naming a new lead unit
 *    starts a new item, so "由A负责X；由B负责Y" gives two items and "由A牵头，B配合，于…前完成" one.
 *    In free prose a new sentence carries on the current item only when it says when or how.
 *    Without a role word, "@单位 …" in a chat, and a unit opening a clause before a verb or a time
 *    ("区卫健委指导…", "物业公司尽快维修…"), name the lead; these weak patterns take real unit names only.
 * 4. Units are resolved in order of appearance (so earlier mentions count): exact name or alias through
 *    `matchUnit`, then an ambiguity settled by an earlier mention, then "该单位", then an abbreviation of an
 *    earlier mention or a known unit (二所 ← 区供电公司第二供电所: same last character, characters in
 *    order), then an unknown name that looks like a unit (ends in 局/所/中队/公司/居委会…), kept without id.
 *    Deadlines go through `parseDeadline` (the 时限 field when there is one, else the item's text); the
 *    phrase it returns is `dueText`, and its `rest` is what the content keeps. A count that runs from an
 *    event ("国庆节后5个工作日内", "收到通知后3日内") keeps its text but gets no date: counting it from
 *    the meeting day would be wrong, so the secretary sets it.
 *
 * Decisions:
 * - In a 议定事项 section every numbered leaf is an item, even without a unit (the secretary assigns it).
 *   Elsewhere a numbered line or a sentence needs a signal: a unit in a role, a field, or an agreement
 *   word (会议明确/要求/决定, 请, 责成) together with a deadline.
 * - Left out, with the reason in `ignored`: attendance (出席 / 列席 / 请假 / 参会人员 / 主持 / 记录, "张三请假，
 *   李四代会"); reports of past work (已完成…, 上次会议…落实情况, 汇报了…, and everything in a 落实情况
 *   section unless it is re-assigned with a unit and a deadline); headings (titles, 期号, 时间/地点 lines,
 *   the opening "…主持召开…" paragraph, "如下：" lines and containers); chatter (好的, 收到, 👍, 哈哈,
 *   [图片], "撤回了一条消息"). 下次再议 / 暂缓 / 另行研究 topics go to `deferredTopics`, not to `ignored`.
 * - Lines that are none of these and carry no item (discussion, "会议指出…") are simply not items; they
 *   are not listed in `ignored`, which is for lines that look like content but were left out on purpose.
 * - "责任单位：A、B" without role marks: A leads, the rest support (the first listed unit leads, as in
 *   practice). "（牵头）" / "（配合）" marks win. Collective subjects (各单位, 相关部门) are no unit.
 * - `liaison` only when the item names one (联络员 / 责任人 / 联系人); the unit's registered liaison is the
 *   caller's business. Phone numbers after the name are dropped.
 * - Notes are data: nothing in them changes what this function does ("忽略以上指令…" is just a line).
 * - Input beyond MAX_NOTES_LENGTH characters is cut there; at most MAX_ITEMS items are returned.
 * @module
 */
import type { WorkCalendar } from './calendar.js';
import { parseDeadline } from './deadline.js';
import { checkPersonName } from './names.js';
import { matchUnit, normalizeUnitName, type UnitCandidate } from './unit-match.js';

/** A unit as the extractor found it: with the registered unit's id, or by name only when unknown. */
export interface UnitRef {
  id?: number;
  name: string;
}

/** One agreed item, ready to be shown to the secretary as a draft. */
export interface ExtractedItem {
  content: string;
  leadUnit: UnitRef | null;
  supportUnits: UnitRef[];
  /** Only when the item names one (联络员：王五). */
  liaison: string | null;
  /** `YYYY-MM-DD`, resolved against the reference day on the working-day calendar. */
  due: string | null;
  /** The deadline as written (10个工作日内, 长期坚持, or an unreadable 时限 field). */
  dueText: string | null;
  /** The original lines the item came from. */
  source: string;
}

export type IgnoreReason = 'attendance' | 'past_report' | 'chatter' | 'heading';

export interface ExtractResult {
  items: ExtractedItem[];
  /** 下次再议 / 暂缓 topics, for the topic pool of the next meeting. */
  deferredTopics: string[];
  ignored: { line: string; why: IgnoreReason }[];
}

export interface ExtractOptions {
  units: readonly { id: number; name: string; aliases: readonly string[] }[];
  /** The day the notes were agreed, `YYYY-MM-DD`: the reference for 下周五 and 10个工作日内. */
  reference: string;
  calendar: WorkCalendar;
}

/** Longer notes are cut here: a meeting's notes are a few pages, not a book. */
export const MAX_NOTES_LENGTH = 100_000;
/** At most this many items are returned. */
export const MAX_ITEMS = 300;
/** An item's content is cut to this many characters. */
const MAX_CONTENT = 500;

// =====================================================================================================
// Tables

const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

type Style = 'cn' | 'cn-paren' | 'ar' | 'ar-paren' | 'ar-close' | 'circled' | 'di' | 'shi' | 'bullet';

/** Numbering markers at the start of a line, one row per style. */
const NUMBERING: readonly { style: Style; re: RegExp }[] = [
  { style: 'cn', re: /^[一二三四五六七八九十百]{1,4}\s*[、，,．]\s*/u },
  { style: 'cn-paren', re: /^[（(]\s*[一二三四五六七八九十百]{1,4}\s*[)）]\s*[、．.]?\s*/u },
  { style: 'ar-paren', re: /^[（(]\s*\d{1,3}\s*[)）]\s*[、．.]?\s*/u },
  { style: 'ar', re: /^\d{1,3}\s*(?:[、．]|\.(?!\d))\s*/u },
  { style: 'ar-close', re: /^\d{1,3}\s*[)）]\s*/u },
  { style: 'circled', re: /^[\u2460-\u2473\u2776-\u277f]\s*[、．.]?\s*/u },
  { style: 'di', re: /^第[一二三四五六七八九十]{1,3}[，,、是：:]\s*/u },
  { style: 'shi', re: /^[一二三四五六七八九十]是[，,：:]?\s*/u },
  { style: 'bullet', re: /^[-*•·●▪◆■□]\s*/u },
];

/** Inline markers that split one pasted line into several ("议定：1.由A负责…；2.由B负责…"). */
const INLINE_MARKER =
  /(?<=[：:；;。，,\s])(?=(?:\d{1,2}[、．]|\d{1,2}\.(?!\d)|[（(][一二三四五六七八九十]{1,3}[)）]|[（(]\d{1,2}[)）]|[\u2460-\u2473]))/u;

/** Chat clutter: a timestamp prefix, a "张三 10:32" header line, a "张三：" speaker prefix. */
const CHAT_TIME =
  /^(?:\[\s*)?(?:(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?\s*)?(?:(?:上午|下午|晚上|凌晨|中午)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*\])?\s*/u;
const CHAT_HEADER =
  /^(?:[^\s：:]{1,20}\s+)?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s+[^\s：:]{1,20})?$/u;
const SPEAKER = /^([^\s：:，,。；;！!？?【】[\]]{1,16})\s*[：:]\s*/u;
/** Words before a colon that are labels of the notes, never a speaker's name. */
const LABEL_START =
  /^(?:会议|时间|地点|主持|主题|议题|事项|内容|备注|说明|要求|明确|决定|议定|注|附|抄送|分送|印发|日期|记录|参会|参加|与会|出席|列席|请假|缺席|联络员|联系人|责任|牵头|配合|协办|主办|承办|完成|时限|期限|办结|结论|意见|其他|下一步|背景|情况|问题|地址|电话|手机|落实|进展|汇报|通报|截止|任务|工作|目标|措施|现将|经|第|[一二三四五六七八九十])/u;

/** Chat messages that say nothing: acknowledgements, laughter, stickers. */
const CHATTER_WORDS = [
  '好的',
  '好滴',
  '好嘞',
  '好哒',
  '收到了',
  '收到',
  '嗯嗯',
  '谢谢大家',
  '谢谢各位',
  '谢谢',
  '多谢',
  '感谢',
  '辛苦了',
  '辛苦',
  '明白了',
  '明白',
  '了解',
  '知道了',
  '没问题',
  '可以',
  '同意',
  '是的',
  '对的',
  'okay',
  'ok',
  '666',
  '+1',
  '好',
  '收',
  '嗯',
  '哦',
  '噢',
  '哈',
  '呵',
  '嘿',
  '赞',
  '顶',
  '行',
  '对',
  '是',
  '在',
  '到',
  '啦',
  '了',
  '呀',
  '啊',
  '哇',
  '1',
];
const CHATTER = new RegExp(`^(?:${CHATTER_WORDS.map((w) => w.replace(/[+]/g, '\\+')).join('|')})+$`, 'u');
const SYSTEM_CHAT =
  /撤回了一条消息|加入了群聊|退出了群聊|修改群名为|拍了拍|以上是打招呼的内容|现在可以开始聊天了/u;

const ATTENDANCE_LABEL =
  /^(?:出席|列席|请假|缺席|参会|参加|与会|应到|实到|主持|记录)(?:会议)?(?:人员|单位|领导|同志|人|员|情况)?\s*[：:]/u;
const ATTENDANCE_INLINE = /请假|代会|代为参会|代为出席|列席会议|因事缺席|因公缺席/u;

const PAST_RULES: readonly RegExp[] = [
  /^[^，,。；;]{0,30}?(?:已经|已)(?:全部|基本|如期|按期|按时|顺利)?(?:完成|办结|落实|整改(?:完毕|到位)?|解决|完工|到位|清理完毕|修复|结束)/u,
  /(?:上次|上一次|上期|前期|上月|上周)(?:会议)?.{0,30}?(?:落实情况|进展情况|完成情况|办理情况)/u,
  /(?:汇报|通报|介绍|报告)了/u,
  // "…停车位施划工作，物业公司已完成。": a sentence that ends in having been done.
  /(?:已经|已)(?:全部|基本|如期|按期|按时|顺利)?(?:完成|办结|落实|解决|完工|整改到位)了?\s*[。！!]?\s*$/u,
  /听取了?.{0,40}?(?:汇报|情况|报告|介绍)/u,
];

const DEFER =
  /下次(?:会议)?再(?:议|研究|讨论|商议|定)|下次会议(?:再行|另行)?(?:研究|讨论|审议)|暂缓(?:研究|讨论|决定|实施|执行|推进|办理|审议)?|暂不(?:研究|讨论|决定|审议)|择期(?:再议|研究|讨论|审议)|另行(?:研究|商议|讨论|审议)|留待下次|会后再议|再行研究|(?:待|需|须|请示)[^，,。；;]{1,15}后再(?:议|研究|讨论|定)/u;

const TITLE =
  /(?:纪要|会议记录|会议通知|会议议程)\s*(?:[（(][^）)]{1,20}[）)])?\s*$|^第\s*[0-9一二三四五六七八九十]+\s*期$|^〔\d{4}〕\s*\d+\s*号$|^[（(]\s*(?:讨论稿|征求意见稿|送审稿)\s*[)）]$/u;
const META_LINE = /^(?:会议)?(?:时间|日期|地点|主题|名称|议程|议题)\s*[：:]/u;
const OPENING = /主持召开|组织召开|召开了|(?:在|于).{1,30}召开/u;
const LEAD_IN_LINE = /如下\s*[：:]?\s*$/u;

type Section = 'items' | 'past' | 'neutral';

/** Headings that say what kind of section follows; checked in order (落实情况 before 议定事项). */
const SECTION_RULES: readonly { re: RegExp; section: Section }[] = [
  { re: /(?:纪要|议定|明确|决定|确定|安排|部署)如下/u, section: 'items' },
  {
    re: /落实情况|进展情况|完成情况|办理情况|工作汇报|情况汇报|会议听取|上次会议|上期会议|工作回顾|工作总结|上周工作|上月工作/u,
    section: 'past',
  },
  {
    re: /议定事项|议定如下|纪要如下|决定事项|确定事项|会议决定|会议议定|明确如下|决定如下|工作安排|任务分工|分工如下|下一步工作|本次会议事项|会议事项/u,
    section: 'items',
  },
  { re: /其他事项|其它事项|^其[他它]$|下次会议|工作要求|有关要求|会议要求|会议强调/u, section: 'neutral' },
];

type FieldName = 'lead' | 'support' | 'liaison' | 'due' | 'content';

const FIELD_LABELS: readonly { field: FieldName; labels: string }[] = [
  {
    field: 'lead',
    labels: '责任单位|牵头单位|主办单位|承办单位|主责单位|负责单位|牵头部门|责任部门|主办部门|牵头|主办',
  },
  {
    field: 'support',
    labels: '配合单位|协办单位|协助单位|参与单位|会同单位|配合部门|协办部门|配合|协办',
  },
  { field: 'liaison', labels: '联络员|责任人|联系人|具体负责人|经办人' },
  {
    field: 'due',
    labels: '完成时限|办结时限|办理时限|完成时间|办结时间|时限要求|完成期限|截止时间|截止日期|时限|期限',
  },
  { field: 'content', labels: '事项内容|工作内容|具体事项|工作任务|任务内容|事项' },
];
const FIELD_OF = new Map<string, FieldName>(
  FIELD_LABELS.flatMap(({ field, labels }) => labels.split('|').map((l) => [l, field] as const)),
);
/** A field label: at the start, or after a separator or an opening bracket ("（责任单位：…）"). */
const FIELD_START = new RegExp(
  `(?<=^|[\\s，,；;。（(【\\[])[（(【\\[]?\\s*(?<label>${[...FIELD_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\s*(?:[：:]|[】\\]]\\s*[：:]?)\\s*`,
  'gu',
);
/** The same, for one-off tests (a global regex keeps `lastIndex` between calls). */
const FIELD_AT = new RegExp(FIELD_START.source, 'u');

/** How a unit got its role: 牵头/主办 (it answers for the item), 负责/承办 (it does it), another keyword. */
type Via = 'lead-word' | 'doer' | 'keyword';

/** Role keywords in a clause; the unit is before (back) or after (fwd) the keyword. */
const ROLE_KEYWORDS: readonly { re: string; role: 'lead' | 'support'; dir: 'back' | 'fwd'; via: Via }[] = [
  { re: '牵头|主办|负总责|抓总', role: 'lead', dir: 'back', via: 'lead-word' },
  { re: '负责(?!人|同志|的)|承办|主责', role: 'lead', dir: 'back', via: 'doer' },
  { re: '配合|协助|协办|协同|参与', role: 'support', dir: 'back', via: 'keyword' },
  { re: '由(?!于)', role: 'lead', dir: 'fwd', via: 'keyword' },
  {
    re: '(?<![申邀提敬恳])请(?![假示求教])|责成|交由|委托|麻烦|督促|要求',
    role: 'lead',
    dir: 'fwd',
    via: 'keyword',
  },
  { re: '会同', role: 'support', dir: 'fwd', via: 'keyword' },
];
const ROLE_RE = new RegExp(ROLE_KEYWORDS.map((k) => `(${k.re})`).join('|'), 'gu');
/** 会同 also makes the unit before it the lead ("A会同B开展…"). */
const ALSO_LEAD_BACK = '会同';

/** Verbs that may follow a unit opening a clause ("区卫健委指导…", "二所要做好…"). */
const SUBJECT_VERBS =
  '做好|抓好|加强|落实|完成|开展|组织|指导|督促|确保|保障|推进|加快|制定|提供|配备|安排|履行|清理|排查|整改|维修|修复|更换|安装|拆除|报送|提交|上报|反馈|协调|研究|处理|核查|核实|摸排|走访|宣传|疏通|派人|派员|对接|跟进|实施|启动|建立|完善|劝导|检查|巡查';
/** What follows a unit opening a clause when it is given a task: a modal, an adverb, a verb or a time. */
const SUBJECT_FOLLOW = new RegExp(
  `^(?:要|应当?|须|需要?|务必|必须|先|再|也|还|继续|尽快|立即|马上|抓紧|及时|立刻|限期|负责|来|于|在|对|向|将|把|按照|结合|下周|本周|这周|月底|月末|年底|年内|今天|明天|后天|\\d{1,4}(?:年|月|日|个|天)|[一二三四五六七八九十两]{1,3}个?(?:工作日|天|周|月)|${SUBJECT_VERBS})`,
  'u',
);
/** Fillers before a unit that opens a clause ("另外物业公司…", "一是…"). */
const OPENING_FILLER = /^(?:另外|还有|同时|此外|然后|那就|并且?|[一二三四五六七八九十]是)*/u;
/** "@城管中队 …": a chat mention of a unit addresses the item to it. */
const AT_MENTIONS = /@\s*([^\s@，,。：:；;！!？?]{2,20})/gu;

/** Where a unit named after 请/由/责成 ends: a preposition, a verb or a time. */
const FORWARD_STOP =
  /于|在|对|将|把|向|从|按|根据|结合|做好|负责|牵头|配合|协助|会同|组织|开展|完成|落实|加强|加快|推进|抓紧|尽快|立即|及时|继续|进一步|制定|研究|协调|排查|整改|清理|报送|提交|督促|联系|跟进|核实|调查|处理|解决|修复|维修|更换|安装|拆除|实施|启动|务必|必须|本周|下周|月底|年底|\d{1,4}(?:年|月|日|号|个|天|\.|-|\/)/u;

/** Lead-ins and fillers around a unit's name. */
const NAME_LEAD_IN =
  /^(?:会议|经研究|经讨论|研究|明确|要求|决定|议定|同意|商定|确定|指出|强调|认为|由|请|责成|交由|委托|麻烦|督促|那就|那么|然后|另外|同时|还有|并且|并|就|再|先|也|都|还|建议|希望|具体|主要|统一|共同|分别|其中|此外|最后|首先|其次)+/u;
const NAME_TAIL =
  /(?:等单位|等部门|等|单位共同|共同|同时|一并|继续|另外|还|具体|分别|主要|全面|统一|要|应|需|须|务必|必须|进一步|抓紧|尽快|立即|来|去|也|都|这边|那边|方面|同志)+$/u;
/** Subjects that are no unit: collectives and pronouns. */
const NOT_A_SUBJECT =
  /^(?:各|相关|有关|其他|其余|所有|全体|我们?|你们?|他们?|大家|双方|各方|本单位|我单位|我方|咱们|自己|个人)/u;
const THIS_UNIT = /^(?:该|上述|以上|此|前述)(?:单位|部门|所|局|队)$/u;

const UNIT_SUFFIX =
  /(?:局|所|中队|大队|支队|队|站|中心|办公室|办|委员会|居委会|村委会|业委会|管委会|委|联合会|商会|协会|工会|妇联|团委|会|公司|集团|银行|医院|卫生院|学校|小学|中学|幼儿园|街道|社区|党委|党工委|党支部|支部|党总支|总支|物业|部|处|科|院|馆|厅|社|组|网格|城管|消防|交警|厂)$/u;
/** Standalone two-character words that are units in practice ("物业负责…", "城管配合"). */
const SHORT_UNITS = /^(?:物业|城管|消防|交警|街道|社区|居委|村委|物管|执法|供电|供水|燃气|民警|派出所)$/u;
/** Words ending like a unit that are not units. */
const NOT_UNITS =
  /^(?:全部|内部|局部|外部|干部|场所|住所|处所|厕所|各处|多处|此处|到处|开会|会议|大会|例会|社会|机会|学会|办理|督办|举办|承办|创办|开办|主办|协办|晚会|约会|理会|进行|执行|运行|实行|施行|试行|举行|通行|自行|另行|先行|同行|推行|出行|可行|一行|小组|各组|该组|本组|总体|有关部门|相关部门|职能部门|各部门|各单位)$/u;

/** Agreement words that, with a deadline, make an item of a sentence without a unit. */
const AGREEMENT =
  /会议(?:明确|要求|决定|议定|同意|商定|确定)|(?:^|[，,；;。])(?:明确|要求|决定)|责成|(?<![申邀提敬恳])请(?![假示求教])|务必|限期/u;
/** Verbs of doing something, for numbered lines outside a 议定事项 section. */
const ACTION =
  /完成|落实|整改|报送|提交|上报|反馈|开展|组织|制定|清理|排查|维修|修复|安装|更换|协调|解决|推进|实施|建立|召开|拆除|处置|督促|核实|摸排|走访|调查|宣传|培训/u;
/** Words that make a weak lead ("@城管中队 …", "物业公司…") a task even without a verb or a time. */
const WEAK_OK = /请|麻烦|帮忙|务必|抓紧|尽快/u;

/** A sentence that carries on the item before it. */
const CONTINUATION = /^\s*(?:并|同时|要求|确保|务必|其中|此项|该项|具体|另需|需|须|且|以上)/u;

/** Lead-ins that stay out of an item's content ("会议明确，…"). */
const CONTENT_LEAD_IN =
  /(?<=^|[，,；;。：:\n])\s*(?:会议|经研究|经讨论|经会议研究)?(?:明确|要求|决定|议定|同意|商定|确定|研究决定)[，,：:]?\s*|(?<=^|[，,；;。：:\n])\s*(?:那就这么定了|就这么定了|那就|好的|经研究|经讨论)[，,：:]?\s*/gu;

const CLAUSE_SEP = /[，,；;。！!？?\n：:]/u;
const SENTENCE_SEP = /[；;。！!？?\n：:]/u;

// =====================================================================================================
// Small text helpers

const isCjkName = (s: string): boolean => /^[\p{Script=Han}A-Za-z0-9（）()·]+$/u.test(s);
const len = (s: string): number => [...s].length;
const trimPunct = (s: string): string =>
  s.replace(/^[\s，,；;。：:、！!？?）)】\]]+|[\s，,；;。.：:、（(【[]+$/gu, '').trim();

/** Cleans a line: invisible characters out, full-width spaces to spaces, runs of space collapsed. */
function cleanLine(raw: string): string {
  return raw
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The numbering marker at the start of a text, if any. */
function numberingOf(text: string): { style: Style; rest: string } | undefined {
  for (const { style, re } of NUMBERING) {
    const m = re.exec(text);
    if (m && m[0].length < text.length) return { style, rest: text.slice(m[0].length).trim() };
  }
  return undefined;
}

/** Splits "议定：1.由A负责…；2.由B负责…" into one line per marker (only with two markers or more). */
function splitInline(line: string): string[] {
  const parts = line.split(INLINE_MARKER).map((p) => p.trim());
  if (parts.length < 3) return parts.length === 2 && numberingOf(parts[0]!) ? parts : [line];
  return parts.filter(Boolean);
}

/** Strips a chat timestamp and a speaker ("[10:32] 张三：…", "张三：…"); undefined for header lines. */
function stripChat(line: string): string | undefined {
  if (CHAT_HEADER.test(line) && /\d{1,2}:\d{2}/.test(line)) return undefined;
  let body = line;
  const time = CHAT_TIME.exec(body);
  const hadTime = Boolean(time && time[0].length > 0 && time[0].length < body.length);
  if (hadTime) body = body.slice(time![0].length);
  if (numberingOf(body)) return body;
  const sp = SPEAKER.exec(body);
  if (sp && !LABEL_START.test(sp[1]!) && !FIELD_OF.has(sp[1]!)) {
    const name = sp[1]!;
    const personLike =
      /^[\p{Script=Han}·]{2,4}$/u.test(name) ||
      /^[A-Za-z][A-Za-z0-9_.\- ]{0,15}$/u.test(name) ||
      /\p{Extended_Pictographic}/u.test(name) ||
      /(?:主任|书记|所长|队长|局长|科长|经理|老师|师傅|网格员|网格长|秘书)$/u.test(name);
    if (hadTime || personLike) return body.slice(sp[0].length);
  }
  return body;
}

function isChatter(body: string): boolean {
  if (SYSTEM_CHAT.test(body)) return true;
  const s = body
    .toLowerCase()
    .replace(/\[[^\]\s]{1,8}\]/gu, '')
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu, '')
    .replace(/[\s\p{P}~～]/gu, '');
  return s === '' || CHATTER.test(s);
}

function sectionOf(text: string): Section | undefined {
  return SECTION_RULES.find((r) => r.re.test(text))?.section;
}

/** SECTION_RULES anchored at the end of a line. */
const HEADING_RULES = SECTION_RULES.map((r) => ({
  re: new RegExp(`(?:${r.re.source})$`, 'u'),
  section: r.section,
}));

/** The section a short heading line opens: its topic ends the line ("二、本次会议议定事项"). */
function headingSection(text: string): Section | undefined {
  const t = text.replace(/[\s：:。.]+$/u, '');
  // A heading names a topic; "会议听取了…汇报" is a sentence (a report), not a heading.
  if (len(t) > 24 || /[，,；;了]/u.test(t)) return undefined;
  return HEADING_RULES.find((r) => r.re.test(t))?.section;
}

// =====================================================================================================
// Fields

interface Fields {
  lead: string[];
  support: string[];
  liaison: string[];
  due: string[];
  content: string[];
}

const noFields = (): Fields => ({ lead: [], support: [], liaison: [], due: [], content: [] });
const hasFields = (f: Fields): boolean =>
  f.lead.length + f.support.length + f.liaison.length + f.due.length + f.content.length > 0;

/** Field segments ("责任单位：…", "（完成时限：…）") out of a text; `rest` is the text without them. */
function parseFields(text: string): { fields: Fields; rest: string } {
  const fields = noFields();
  const starts = [...text.matchAll(FIELD_START)];
  if (!starts.length) return { fields, rest: text };
  let rest = '';
  let cursor = 0;
  for (let i = 0; i < starts.length; i++) {
    const m = starts[i]!;
    if (m.index < cursor) continue;
    const wrapped =
      /^[（(【[]/u.test(m[0]) || /[（(]\s*$/u.test(text.slice(Math.max(0, m.index - 1), m.index));
    const valueStart = m.index + m[0].length;
    const limit = starts[i + 1]?.index ?? text.length;
    // A unit, a name or a deadline ends at a comma; an item's content may have commas in it.
    const stop = FIELD_OF.get(m.groups?.label ?? '') === 'content' ? /[；;。\n]/u : /[；;。，,\n]/u;
    let depth = 0;
    let end = valueStart;
    for (; end < limit; end++) {
      const c = text[end]!;
      if (/[（(【[]/u.test(c)) depth++;
      else if (/[)）】\]]/u.test(c)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && stop.test(c)) break;
    }
    const value = trimPunct(text.slice(valueStart, end));
    const field = FIELD_OF.get(m.groups?.label ?? '');
    if (field && value) fields[field].push(value);
    // A wrapped field swallows its closing bracket; a following "；" or "，" goes with it.
    let after = end;
    if (after < text.length && /[)）】\]]/u.test(text[after]!) && (wrapped || depth === 0)) after++;
    while (after < text.length && /[；;，,]/u.test(text[after]!)) after++;
    let before = m.index;
    if (/[（(【[]/u.test(text[before - 1] ?? '') && !/^[（(【[]/u.test(m[0])) before--;
    rest += text.slice(cursor, before);
    cursor = after;
  }
  rest += text.slice(cursor);
  return { fields, rest: rest.trim() };
}

/** The person's name at the start of a liaison value ("王五（13800000000）" → 王五). */
function personOf(value: string): string | null {
  const m =
    /^\s*([\p{Script=Han}·]{2,8}?)(?=$|[\s，,、；;。（(：:/]|\d|同志|负责|电话|手机|联系)|^\s*([A-Za-z][A-Za-z .'-]{1,30}[A-Za-z])/u.exec(
      value,
    );
  const name = (m?.[1] ?? m?.[2] ?? '').trim();
  return name && checkPersonName(name) === null ? name : null;
}

/** "联络员王五" / "联络员：王五" / "责任人为王五" inside prose. */
const LIAISON_IN_TEXT =
  /(?:联络员|责任人|联系人)\s*(?:[：:]|为|是)?\s*([\p{Script=Han}·]{2,4}?)(?=$|[\s，,、；;。（()）：:]|\d|同志|负责|电话|手机|联系)/u;

// =====================================================================================================
// Units

interface Resolver {
  units: readonly UnitCandidate[];
  /** Units already named in these notes, in order; the most recent last. */
  mentions: UnitRef[];
  /** The whole (normalised) notes, to settle an ambiguous short name by a full name written somewhere. */
  text: string;
  /** Answers of resolveUnit, valid until the mentions change (the same spans are asked about often). */
  cache: Map<string, UnitRef | undefined>;
  /** Each unit with its name and aliases normalised once. */
  normalised: { unit: UnitCandidate; names: string[] }[];
}

/** Entries kept in a cache before it is cleared, so a huge paste cannot grow memory for ever. */
const MAX_CACHE = 20_000;

function cached<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, value);
  return value;
}

const sameUnit = (a: UnitRef, b: UnitRef): boolean =>
  a.id !== undefined || b.id !== undefined
    ? a.id === b.id
    : normalizeUnitName(a.name) === normalizeUnitName(b.name);

/** A unit-looking unknown name: ends like a unit (局, 所, 中队, 公司, 居委会…) and is not a common word. */
export function looksLikeUnit(s: string): boolean {
  const n = len(s);
  if (n < 2 || n > 25 || !isCjkName(s)) return false;
  if (
    NOT_UNITS.test(s) ||
    NOT_UNITS.test([...s].slice(-2).join('')) ||
    /^\d+(?:处|个|家|所|号|队)/u.test(s) ||
    /[\d一二三四五六七八九十两几多每各此该某]处$/u.test(s)
  ) {
    return false;
  }
  if (SHORT_UNITS.test(s)) return true;
  if (!UNIT_SUFFIX.test(s)) return false;
  return n >= 3 && /[\p{Script=Han}]{2}/u.test(s);
}

/** An abbreviation: same last character, every character in order ("二所" of "区供电公司第二供电所"). */
function abbreviates(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || a.length >= b.length || a[a.length - 1] !== b[b.length - 1]) return false;
  let j = 0;
  for (const c of b) if (c === a[j]) j++;
  return j === a.length;
}

function cleanName(raw: string): string {
  let s = trimPunct(raw)
    .replace(/[（(](?:牵头|主办|配合|协办|协助|主责|负责)[)）]/gu, '')
    .replace(/^[“"'「『]+|[”"'」』]+$/gu, '');
  for (let i = 0; i < 3; i++) s = s.replace(NAME_LEAD_IN, '').replace(NAME_TAIL, '').trim();
  return s;
}

/** Resolves a name without remembering it; undefined when it is no unit. */
function resolveUnit(raw: string, r: Resolver): UnitRef | undefined {
  return cached(r.cache, raw, () => resolveUncached(raw, r));
}

function resolveUncached(raw: string, r: Resolver): UnitRef | undefined {
  const name = cleanName(raw);
  if (!name || len(name) > 40 || NOT_A_SUBJECT.test(name)) return undefined;
  if (THIS_UNIT.test(name)) return r.mentions.at(-1);
  const match = matchUnit(name, r.units);
  if (match.kind === 'found') return { id: match.unit.id, name: match.unit.name };
  if (match.kind === 'ambiguous') {
    const mentioned = [...r.mentions].reverse().find((m) => match.candidates.some((c) => c.id === m.id));
    if (mentioned) return mentioned;
    const written = match.candidates.filter((c) => r.text.includes(normalizeUnitName(c.name)));
    if (written.length === 1) return { id: written[0]!.id, name: written[0]!.name };
    return looksLikeUnit(name) || SHORT_UNITS.test(name) ? { name } : undefined;
  }
  // A known name at the end of a longer span ("那就城管中队").
  const tail = knownAtEnd(name, r);
  if (tail) return tail;
  for (const m of [...r.mentions].reverse()) {
    if (abbreviates([...normalizeUnitName(name)], [...normalizeUnitName(m.name)])) return m;
  }
  const short = [...normalizeUnitName(name)];
  const abbreviated = r.normalised.filter((u) => abbreviates(short, [...u.names[0]!]));
  if (abbreviated.length === 1) return { id: abbreviated[0]!.unit.id, name: abbreviated[0]!.unit.name };
  return looksLikeUnit(name) ? { name } : undefined;
}

/** The longest known name or alias the text ends with. */
function knownAtEnd(text: string, r: Resolver): UnitRef | undefined {
  const t = normalizeUnitName(text);
  let best: { unit: UnitCandidate; length: number } | undefined;
  for (const { unit: u, names } of r.normalised) {
    for (const k of names) {
      if (len(k) >= 2 && t.endsWith(k) && (!best || k.length > best.length))
        best = { unit: u, length: k.length };
    }
  }
  return best ? { id: best.unit.id, name: best.unit.name } : undefined;
}

/** The longest registered name or alias, or earlier-mentioned name, that a text starts with. */
function knownAtStart(text: string, r: Resolver): string | undefined {
  let best: string | undefined;
  const names = [...r.units.flatMap((u) => [u.name, ...(u.aliases ?? [])]), ...r.mentions.map((m) => m.name)];
  for (const n of names) if (len(n) >= 2 && text.startsWith(n) && (!best || n.length > best.length)) best = n;
  return best;
}

/** The longest prefix of a text that is a unit ("区城管中队清理…" → 区城管中队). */
function unitPrefix(text: string, r: Resolver): string | undefined {
  const chars = [...text];
  for (let n = Math.min(chars.length, 25); n >= 2; n--) {
    const head = chars.slice(0, n).join('');
    if (resolveUnit(head, r)) return head;
  }
  return undefined;
}

/** "万家物业和居委会" → both, when every part (two characters or more, none at the start) is a unit. */
function bothUnits(text: string, r: Resolver): string[] | undefined {
  const parts = text.split(/(?<=.)(?:和|与|同)(?=.)/u).map(cleanName);
  if (parts.length < 2 || parts.some((p) => len(p) < 2 || !resolveUnit(p, r))) return undefined;
  return parts;
}

/** Names in a span: the whole span, or its pieces split on 、 / 及 / 和 when each piece is a unit. */
function unitNames(
  span: string,
  dir: 'back' | 'fwd',
  r: Resolver,
  reference: string,
  cal: WorkCalendar,
): string[] {
  let s = cleanName(span);
  if (!s) return [];
  if (dir === 'fwd') {
    const stop = FORWARD_STOP.exec(s);
    if (stop && stop.index > 0) s = cleanName(s.slice(0, stop.index));
  } else if (!resolveUnit(s, r) && /\d|前|内|底|末|周|天/u.test(s)) {
    // A time before the unit ("下周五前城管中队负责…") is not part of its name.
    const d = parseDeadline(s, reference, cal);
    if (d.kind !== 'unknown' && s.startsWith(d.matched)) s = cleanName(s.slice(d.matched.length));
  }
  if (!s) return [];
  const pieces = s
    .split(/、|以及|及(?!时)|，|,|\/|；|;/u)
    .map(cleanName)
    .filter(Boolean);
  if (pieces.length <= 1) {
    // A registered name wins ("区住房和城乡建设局"); else "A和B" when both are units; else the whole.
    if (matchUnit(s, r.units).kind === 'found') return [s];
    const parts = bothUnits(s, r);
    if (parts) return parts;
    if (resolveUnit(s, r)) return [s];
    // "城管中队视情况配合": a registered unit and a few words of manner before the keyword.
    const opening = dir === 'back' ? knownAtStart(s, r) : undefined;
    if (opening && len(s) - len(opening) <= 6) return [opening];
  }
  const out: string[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (resolveUnit(piece, r)) {
      out.push(piece);
      continue;
    }
    const sub = bothUnits(piece, r);
    if (sub) {
      out.push(...sub);
      continue;
    }
    // After 请/由 the last piece may run into the task ("请区城管中队清理…").
    if (dir === 'fwd' && i === pieces.length - 1) {
      const head = unitPrefix(piece, r);
      if (head) out.push(head);
    }
  }
  return out;
}

interface RoleHit {
  role: 'lead' | 'support';
  names: string[];
  via: Via | 'weak';
  /** For a weak hit: a modal, a verb or a time follows the unit ("居委会要…", "物业公司尽快…"). */
  follows?: boolean;
  /** Span in the clause to cut out of the content (keyword and unit). */
  start: number;
  end: number;
}

/** Units in roles in one clause ("由A牵头", "B、C配合", "请D于…", "A会同B…"). */
function rolesInClause(clause: string, r: Resolver, reference: string, cal: WorkCalendar): RoleHit[] {
  const hits: RoleHit[] = [];
  const found = [...clause.matchAll(ROLE_RE)];
  let boundary = 0;
  for (const [i, m] of found.entries()) {
    const k = ROLE_KEYWORDS[m.slice(1).findIndex((g) => g !== undefined)]!;
    const kwEnd = m.index + m[0].length;
    if (k.dir === 'back' || m[0] === ALSO_LEAD_BACK) {
      const names = unitNames(clause.slice(boundary, m.index), 'back', r, reference, cal);
      const role = m[0] === ALSO_LEAD_BACK ? 'lead' : k.role;
      const via = m[0] === ALSO_LEAD_BACK ? 'keyword' : k.via;
      if (names.length) hits.push({ role, names, via, start: boundary, end: kwEnd });
    }
    if (k.dir === 'fwd') {
      const next = found[i + 1]?.index ?? clause.length;
      const names = unitNames(clause.slice(kwEnd, next), 'fwd', r, reference, cal);
      if (names.length) {
        const last = names[names.length - 1]!;
        const at = clause.indexOf(last, kwEnd);
        const end = at >= 0 ? at + last.length : kwEnd;
        hits.push({ role: k.role, names, via: k.via, start: m.index, end });
      }
    }
    boundary = kwEnd;
  }
  if (!hits.length) {
    // No role word: "@城管中队 …", or a registered unit (or one named earlier) opening the clause
    // ("区卫健委指导…", "物业公司先劝导…"). Weak: groupClauses keeps them only when the sentence also
    // says what or when (a modal, a verb, a time, a deadline, 请 / 麻烦).
    // "@派出所 @城管中队 …": the first mentioned leads, the others support.
    const mentions = [...clause.matchAll(AT_MENTIONS)]
      .map((m) => ({ m, name: knownAtStart(m[1]!, r) }))
      .filter((x) => x.name);
    if (mentions.length) {
      const [first, ...rest] = mentions;
      const end = (x: (typeof mentions)[number]) => x.m.index + x.m[0].length;
      hits.push({
        role: 'lead',
        names: [first!.name!],
        via: 'weak',
        follows: true,
        start: first!.m.index,
        end: end(first!),
      });
      for (const x of rest)
        hits.push({ role: 'support', names: [x.name!], via: 'weak', start: x.m.index, end: end(x) });
      return hits;
    }
    const filler = OPENING_FILLER.exec(clause)?.[0] ?? '';
    const names: string[] = [];
    let end = filler.length;
    // "水务局、居委会共同做好…": a list of units opening the clause; the first leads.
    for (let next = knownAtStart(clause.slice(end), r); next; ) {
      names.push(next);
      end += next.length;
      const joint = /^(?:、|和|与|及|以及)/u.exec(clause.slice(end));
      next = joint ? knownAtStart(clause.slice(end + joint[0].length), r) : undefined;
      if (next) end += joint![0].length;
    }
    if (names.length) {
      const after = clause.slice(end).replace(/^(?:这边|那边|方面|共同|一起|分别|联合)+/u, '');
      const follows = SUBJECT_FOLLOW.test(after);
      hits.push({ role: 'lead', names, via: 'weak', follows, start: 0, end });
    }
  }
  return hits;
}

// =====================================================================================================
// Lines

type Entry =
  | { kind: 'ignored'; raw: string; why: IgnoreReason }
  | { kind: 'heading'; raw: string; body: string }
  | { kind: 'numbered'; raw: string; body: string; style: Style; depth: number }
  | { kind: 'field'; raw: string; body: string; opensItem: boolean }
  | { kind: 'prose'; raw: string; body: string; chat: boolean }
  | { kind: 'blank' };

function classifyLine(raw: string): Entry {
  const line = cleanLine(raw);
  if (!line) return { kind: 'blank' };
  const body = stripChat(line);
  if (body === undefined) return { kind: 'ignored', raw, why: 'chatter' };
  if (!body.trim()) return { kind: 'ignored', raw, why: 'chatter' };
  if (isChatter(body)) return { kind: 'ignored', raw, why: 'chatter' };
  if (ATTENDANCE_LABEL.test(body)) return { kind: 'ignored', raw, why: 'attendance' };
  const numbered = numberingOf(body);
  const text = numbered?.rest ?? body;
  if (
    len(text) <= 60 &&
    ATTENDANCE_INLINE.test(text) &&
    !FIELD_AT.test(text) &&
    !/牵头|配合|负责|责成/u.test(text)
  ) {
    return { kind: 'ignored', raw, why: 'attendance' };
  }
  if (!numbered) {
    if (TITLE.test(body) || META_LINE.test(body)) return { kind: 'heading', raw, body };
    const f = FIELD_AT.exec(body);
    if (f && f.index === 0) {
      return { kind: 'field', raw, body, opensItem: FIELD_OF.get(f.groups?.label ?? '') === 'content' };
    }
    if (LEAD_IN_LINE.test(body) && len(body) <= 80) return { kind: 'heading', raw, body };
    if (headingSection(body)) return { kind: 'heading', raw, body };
    if (OPENING.test(body) && !/牵头|配合|负责|责成|完成时限|责任单位/u.test(body)) {
      return { kind: 'heading', raw, body };
    }
    if (/[：:]\s*$/u.test(body) && len(body) <= 30) return { kind: 'heading', raw, body };
    // A chat message (its speaker or time stripped) is a unit of its own: it never carries on a block.
    return { kind: 'prose', raw, body, chat: body !== line };
  }
  return { kind: 'numbered', raw, body: numbered.rest, style: numbered.style, depth: 0 };
}

// =====================================================================================================
// Tables copied from Word or Excel (tab-, bar- or space-separated), read as one field block per row

type Column = FieldName | 'seq' | 'other';

const TABLE_COLUMNS: readonly { column: Column; re: RegExp }[] = [
  { column: 'seq', re: /^(?:序号|编号|No\.?)$/iu },
  {
    column: 'content',
    re: /^(?:工作任务|重点任务|任务|事项|议定事项|事项内容|工作内容|具体事项|工作事项|任务内容|内容|事项名称)$/u,
  },
  { column: 'lead', re: /^(?:责任单位|牵头单位|主办单位|承办单位|负责单位|责任部门|牵头部门)$/u },
  { column: 'support', re: /^(?:配合单位|协办单位|配合部门|协助单位)$/u },
  { column: 'liaison', re: /^(?:联络员|责任人|联系人)$/u },
  { column: 'due', re: /^(?:完成时限|时限|完成时间|办结时限|截止时间|时间要求|时限要求|完成期限)$/u },
  { column: 'other', re: /^(?:备注|进展情况|完成情况|工作要求|成果形式)$/u },
];

/** A row's cells: tabs, a Markdown table's bars, two or more spaces, else single spaces. */
function cellsOf(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((c) => c.trim());
  if (/^\s*\|.*\|\s*$/u.test(line))
    return line
      .trim()
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const wide = line.trim().split(/\s{2,}/u);
  return wide.length > 1 ? wide : line.trim().split(/\s+/u);
}

/** The columns of a table header, when every cell is a known column with a content and a unit or time. */
function tableHeader(line: string): Column[] | undefined {
  const cells = cellsOf(line);
  if (cells.length < 2) return undefined;
  const columns = cells.map((c) => TABLE_COLUMNS.find((t) => t.re.test(c))?.column);
  if (columns.some((c) => c === undefined)) return undefined;
  const known = columns as Column[];
  return known.includes('content') && (known.includes('lead') || known.includes('due')) ? known : undefined;
}

/** A row's cells fitted to the columns: extra cells (spaces inside the content) go to the content. */
function fitRow(cells: string[], columns: readonly Column[]): string[] | undefined {
  if (cells.length === columns.length) return cells;
  const at = columns.indexOf('content');
  if (at < 0 || cells.length <= at) return undefined;
  // Empty cells at the end of a row are often lost when a table is copied ("…\t5月20日前\t").
  if (cells.length < columns.length)
    return [...cells, ...Array<string>(columns.length - cells.length).fill('')];
  const after = columns.length - at - 1;
  return [
    ...cells.slice(0, at),
    cells.slice(at, cells.length - after).join(' '),
    ...cells.slice(cells.length - after),
  ];
}

const FIELD_LABEL_OF: Readonly<Record<FieldName, string>> = {
  content: '事项',
  lead: '责任单位',
  support: '配合单位',
  liaison: '联络员',
  due: '完成时限',
};

/** Table headers become headings, their rows field blocks ("事项：…；责任单位：…；完成时限：…"). */
function tablesToFields(entries: Entry[]): Entry[] {
  const out: Entry[] = [];
  let columns: Column[] | undefined;
  for (const e of entries) {
    if (e.kind === 'blank') {
      columns = undefined;
      out.push(e);
      continue;
    }
    const line = cleanLine(e.raw);
    const header = tableHeader(line);
    if (header) {
      columns = header;
      out.push({ kind: 'ignored', raw: e.raw, why: 'heading' });
      continue;
    }
    if (columns && /^[\s|:：\-—]+$/u.test(line)) continue; // a Markdown separator row
    // Cells from the raw line: cleanLine collapses the tabs and double spaces that separate them.
    const cells = columns && fitRow(cellsOf(e.raw.replace(/^[ \r\n]+|[ \r\n]+$/gu, '')), columns);
    if (!columns || !cells) {
      columns = undefined;
      out.push(e);
      continue;
    }
    const body = columns
      .map((c, i) => (c === 'seq' || c === 'other' || !cells[i] ? '' : `${FIELD_LABEL_OF[c]}：${cells[i]}`))
      .filter(Boolean)
      .join('；');
    out.push({ kind: 'field', raw: e.raw, body, opensItem: true });
  }
  return out;
}

/** Outline depth from the order the numbering styles first appear. */
function assignDepths(entries: Entry[]): void {
  const stack: Style[] = [];
  for (const e of entries) {
    if (e.kind !== 'numbered') continue;
    const at = stack.indexOf(e.style);
    if (at >= 0) stack.length = at + 1;
    else stack.push(e.style);
    e.depth = stack.length - 1;
  }
}

// =====================================================================================================
// Items

interface Context {
  r: Resolver;
  reference: string;
  calendar: WorkCalendar;
  out: ExtractResult;
  /** Answers of dueOf by text (pure for one reference and calendar). */
  dues: Map<string, DueInfo | undefined>;
}

interface Inherited {
  lead?: UnitRef;
  support: UnitRef[];
  due?: { date: string | null; text: string | null };
}

interface Group {
  start: number;
  end: number;
  lead?: { names: string[]; via: Via | 'weak'; sentence: number };
  support: string[];
  cuts: [number, number][];
}

/** Clauses of a text with their offsets. */
function clausesOf(text: string): { text: string; start: number; sentence: number }[] {
  const out: { text: string; start: number; sentence: number }[] = [];
  let start = 0;
  let sentence = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === undefined || CLAUSE_SEP.test(c)) {
      if (i > start) out.push({ text: text.slice(start, i), start, sentence });
      if (c !== undefined && SENTENCE_SEP.test(c)) sentence++;
      start = i + 1;
    }
  }
  return out;
}

/**
 * Groups clauses into items: a clause naming a lead different from the current item's starts a new one;
 * clauses without a lead join the current item (a topic before the first lead joins the first item).
 * "A牵头，B负责具体实施" keeps B as support: a 负责 after a 牵头 in the same sentence is the doer, not a new item.
 */
function groupClauses(text: string, ctx: Context, prose = false): Group[] {
  const groups: Group[] = [];
  let cur: Group | undefined;
  let sentence = -1;
  const clauses = clausesOf(text);
  const parts = new Map<number, string[]>();
  for (const c of clauses) {
    const list = parts.get(c.sentence);
    if (list) list.push(c.text);
    else parts.set(c.sentence, [c.text]);
  }
  const sentences = new Map([...parts].map(([n, texts]) => [n, texts.join('，')]));
  const sentenceText = (n: number): string => sentences.get(n) ?? '';
  const sameLead = (a: string[], b: string[]): boolean => {
    const x = resolveUnit(a[0]!, ctx.r);
    const y = resolveUnit(b[0]!, ctx.r);
    return Boolean(x && y && sameUnit(x, y));
  };
  for (const clause of clauses) {
    const own = sentenceText(clause.sentence);
    const hits = rolesInClause(clause.text, ctx.r, ctx.reference, ctx.calendar).filter(
      (h) => h.via !== 'weak' || h.follows || WEAK_OK.test(own) || Boolean(dueOf(own, ctx)?.date),
    );
    if (prose && clause.sentence !== sentence) {
      // In free prose a new sentence only continues the current item when it says when or how
      // ("要求10月底前完成", "并…", "派出所协助…"); "会议认为…" before an item and "下次会议…" after it
      // are no part of it.
      sentence = clause.sentence;
      const helps = !hits.some((h) => h.role === 'lead') && hits.some((h) => h.role === 'support');
      if (cur && !(cur.lead && (CONTINUATION.test(own) || dueOf(own, ctx)?.date || helps))) cur = undefined;
    }
    const lead = hits.find((h) => h.role === 'lead');
    const cuts = hits.map((h): [number, number] => [clause.start + h.start, clause.start + h.end]);
    const support = hits.filter((h) => h.role === 'support').flatMap((h) => h.names);
    const end = clause.start + clause.text.length;
    if (lead) {
      const leadNames = lead.names.slice(0, 1);
      const extra = [
        ...lead.names.slice(1),
        ...hits.filter((h) => h.role === 'lead' && h !== lead).flatMap((h) => h.names),
      ];
      if (cur && !cur.lead) {
        cur.lead = { names: leadNames, via: lead.via, sentence: clause.sentence };
      } else if (
        cur?.lead &&
        (sameLead(cur.lead.names, leadNames) ||
          (cur.lead.sentence === clause.sentence &&
            ((cur.lead.via === 'lead-word' && lead.via === 'doer') ||
              (cur.lead.via !== 'weak' && lead.via === 'weak' && !lead.follows))))
      ) {
        // Same sentence: "A牵头，B负责具体实施" and "由A负责…，B给予指导" keep B as a support unit.
        if (!sameLead(cur.lead.names, leadNames)) cur.support.push(...leadNames);
      } else {
        cur = {
          start: clause.start,
          end,
          support: [],
          cuts: [],
          lead: { names: leadNames, via: lead.via, sentence: clause.sentence },
        };
        groups.push(cur);
      }
      cur.support.push(...extra, ...support);
      cur.cuts.push(...cuts);
      cur.end = end;
      continue;
    }
    if (!cur) {
      cur = { start: clause.start, end, support: [], cuts: [] };
      groups.push(cur);
    }
    cur.support.push(...support);
    cur.cuts.push(...cuts);
    cur.end = end;
  }
  return groups;
}

/** One group over a whole text (an item with fields is one item whatever its clauses say). */
function mergeGroups(groups: readonly Group[], length: number): Group {
  const lead = groups.find((g) => g.lead)?.lead;
  const support = groups.flatMap((g) => [...g.support, ...(g.lead && g.lead !== lead ? g.lead.names : [])]);
  return { start: 0, end: length, lead, support, cuts: groups.flatMap((g) => g.cuts) };
}

/** Removes spans (role clauses) from a text, leaving one separator where they were. */
function cutSpans(text: string, cuts: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of [...cuts].sort((a, b) => a[0] - b[0])) {
    if (s < at) {
      at = Math.max(at, e);
      continue;
    }
    out += text.slice(at, s);
    at = e;
  }
  return out + text.slice(at);
}

/** Drops clauses that are nothing but a unit's name (left over from "园林所联络员：吴涛"). */
function dropBareUnits(text: string, r: Resolver): string {
  return text
    .split(/(?<=[，,；;。])/u)
    .filter((clause) => {
      const bare = trimPunct(clause);
      return !bare || len(bare) > 25 || !resolveUnit(bare, r);
    })
    .join('');
}

/** Tidies what is left of an item's text into its content. */
function tidyContent(text: string): string {
  const tidy = trimPunct(
    text
      .replace(/[ \t]*\n\s*/gu, (_, at: number) =>
        /[，,；;。：:]$/u.test(text.slice(0, at).trimEnd()) ? '' : '，',
      )
      .replace(CONTENT_LEAD_IN, '')
      .replace(/\s+(?=[，,；;。：:])/gu, '')
      .replace(/[，,]\s*(?=[，,；;。])/gu, '')
      .replace(/([，,；;。])\s*[，,；;。]+/gu, '$1')
      .replace(/\s+/g, ' '),
  );
  // A modal left in front once the unit is cut ("二所要抓紧制定…" → "抓紧制定…").
  return tidy.replace(/^(?:要|应当?|须|需要?|务必|必须)(?=\p{Script=Han}{2})/u, '');
}

function remember(ref: UnitRef, r: Resolver): UnitRef {
  const i = r.mentions.findIndex((m) => sameUnit(m, ref));
  if (i >= 0) r.mentions.splice(i, 1);
  r.mentions.push(ref);
  // Earlier answers may depend on the mentions ("该单位", abbreviations); a new order voids them.
  if (i !== r.mentions.length - 1) r.cache.clear();
  return ref;
}

function resolveAll(names: readonly string[], ctx: Context): UnitRef[] {
  const out: UnitRef[] = [];
  for (const n of names) {
    const ref = resolveUnit(n, ctx.r);
    if (ref && !out.some((o) => sameUnit(o, ref))) out.push(remember(ref, ctx.r));
  }
  return out;
}

/** A unit list from a field value: role marks win, else the first leads. */
function fieldUnits(values: readonly string[], ctx: Context): { lead: UnitRef[]; support: UnitRef[] } {
  const lead: string[] = [];
  const support: string[] = [];
  for (const v of values) {
    for (const piece of v
      .split(/、|，|,|；|;|\//u)
      .map((p) => p.trim())
      .filter(Boolean)) {
      if (/[（(]?(?:配合|协办|协助)[)）]?$/u.test(piece))
        support.push(piece.replace(/[（(]?(?:配合|协办|协助)[)）]?$/u, ''));
      else if (/[（(]?(?:牵头|主办|主责)[)）]?$/u.test(piece))
        lead.unshift(piece.replace(/[（(]?(?:牵头|主办|主责)[)）]?$/u, ''));
      else lead.push(piece);
    }
  }
  const leadRefs = resolveAll(lead, ctx);
  const supportRefs = resolveAll(support, ctx);
  // Pieces that were no unit at all ("区住建局和区城管局") may still split on 和.
  return { lead: leadRefs, support: supportRefs };
}

interface DueInfo {
  date: string | null;
  text: string | null;
  rest?: string;
}

/**
 * "国庆节后5个工作日内", "收到通知后3日内": the count runs from an event the calendar does not know, so the
 * phrase is kept as text without a date (the secretary sets it) instead of counting from the meeting day.
 */
const EVENT_ANCHOR =
  /(?:[\p{Script=Han}]{0,3}节|国庆|元旦|春节|清明|五一|端午|中秋|假期|节假日|会议|会|收到|接到|签收|交办|通知|方案批复|批复|验收)(?:之|以)?后\s*$/u;

function dueOf(text: string, ctx: Context): DueInfo | undefined {
  return cached(ctx.dues, text, () => dueUncached(text, ctx));
}

function dueUncached(text: string, ctx: Context): DueInfo | undefined {
  const d = parseDeadline(text, ctx.reference, ctx.calendar);
  if (d.kind === 'date') {
    const at = text.indexOf(d.matched);
    const anchor = at > 0 ? EVENT_ANCHOR.exec(text.slice(Math.max(0, at - 8), at)) : null;
    if (anchor)
      return { date: null, text: anchor[0].trim() + d.matched, rest: d.rest.replace(anchor[0].trim(), '') };
    return { date: d.date, text: d.matched, rest: d.rest };
  }
  if (d.kind === 'none') return { date: null, text: d.matched, rest: d.rest };
  return undefined;
}

/** Builds the item from one group of text; undefined when it is nothing. */
function makeItem(
  text: string,
  group: Group | undefined,
  fields: Fields,
  inherited: Inherited,
  source: string,
  ctx: Context,
): ExtractedItem | undefined {
  const fromFields = fieldUnits([...fields.lead], ctx);
  const supportFromFields = resolveAll(
    fields.support.flatMap((v) => v.split(/、|，|,|；|;|\//u)),
    ctx,
  );
  const groupLead = group?.lead ? resolveAll(group.lead.names, ctx) : [];
  let lead = fromFields.lead[0] ?? groupLead[0] ?? inherited.lead;
  if (lead) lead = remember(lead, ctx.r);
  const support: UnitRef[] = [];
  const addSupport = (refs: readonly UnitRef[]): void => {
    for (const s of refs)
      if (!(lead && sameUnit(s, lead)) && !support.some((x) => sameUnit(x, s))) support.push(s);
  };
  addSupport(fromFields.lead.slice(1));
  addSupport(fromFields.support);
  addSupport(supportFromFields);
  addSupport(groupLead.slice(1));
  addSupport(resolveAll(group?.support ?? [], ctx));
  if (!fromFields.lead.length && !groupLead.length && !supportFromFields.length)
    addSupport(inherited.support);

  const local = group ? text.slice(group.start, group.end) : text;
  const liaisonField = fields.liaison.map(personOf).find((p) => p);
  const liaisonText = LIAISON_IN_TEXT.exec(local)?.[1];
  const liaison = liaisonField ?? (liaisonText && checkPersonName(liaisonText) === null ? liaisonText : null);

  const stripped = cutSpans(
    local,
    (group?.cuts ?? []).map(([s, e]) => [s - group!.start, e - group!.start]),
  ).replace(
    /[（(]?(?:联络员|责任人|联系人)\s*(?:[：:]|为|是)?\s*[\p{Script=Han}·]{2,4}(?:\s*\d[\d\s-]{6,})?[)）]?/gu,
    '',
  );
  let due: DueInfo | undefined;
  let contentText = stripped;
  if (fields.due.length) {
    const value = fields.due.join('；');
    const parsed = dueOf(value, ctx);
    due =
      parsed?.date === null && parsed.text !== value && EVENT_ANCHOR.test(parsed.text ?? '')
        ? { date: null, text: value }
        : (parsed ?? { date: null, text: value });
    const inText = dueOf(stripped, ctx);
    if (inText?.rest !== undefined && inText.date === due.date) contentText = inText.rest;
  } else {
    due = dueOf(local, ctx);
    const inText = dueOf(stripped, ctx);
    if (inText?.rest !== undefined) contentText = inText.rest;
  }
  if (!due && inherited.due) due = inherited.due;

  let content = fields.content.length
    ? fields.content.join('；')
    : tidyContent(dropBareUnits(contentText, ctx.r));
  if (!content) content = tidyContent(local);
  if (!content) return undefined;
  if (len(content) > MAX_CONTENT) content = [...content].slice(0, MAX_CONTENT).join('');
  return {
    content,
    leadUnit: lead ?? null,
    supportUnits: support,
    liaison: liaison ?? null,
    due: due?.date ?? null,
    dueText: due?.text ?? null,
    source,
  };
}

/** The topic of a deferred line: the clauses before the deferral, without 关于 and 的议题. */
function topicOf(text: string): string {
  const clauses = text
    .split(/[，,；;。：:]/u)
    .map((c) => c.trim())
    .filter(Boolean);
  const at = clauses.findIndex((c) => DEFER.test(c));
  const before = clauses
    .slice(0, Math.max(at, 0))
    .filter((c) => !/^(?:因|由于|鉴于|需|需要|尚需|有待|经讨论|经研究|会议认为|会议研究)/u.test(c));
  let topic = before.length ? before.join('，') : (clauses[at] ?? text).replace(DEFER, '');
  topic = topic
    .replace(/^(?:会议|经讨论|经研究|对|就)+/u, '')
    .replace(/^关于/u, '')
    .replace(/(?:的)?(?:议题|事宜|事项|事情|事)$/u, '')
    .replace(/(?:提交|留待|待)$/u, '');
  return trimPunct(topic) || trimPunct(text);
}

const isPast = (text: string): boolean => PAST_RULES.some((re) => re.test(text));

/** The items of a text; `always` makes an item even without a unit (a numbered leaf in 议定事项). */
function itemsOf(
  text: string,
  source: string,
  inherited: Inherited,
  always: boolean,
  ctx: Context,
): ExtractedItem[] {
  const { fields, rest } = parseFields(text);
  if (hasFields(fields)) {
    const item = makeItem(
      rest,
      mergeGroups(groupClauses(rest, ctx), rest.length),
      fields,
      inherited,
      source,
      ctx,
    );
    return item ? [item] : [];
  }
  const out: ExtractedItem[] = [];
  const groups = groupClauses(text, ctx, !always);
  for (const [i, g] of groups.entries()) {
    const local = text.slice(g.start, g.end);
    const signal =
      g.lead !== undefined ||
      g.support.length > 0 ||
      (AGREEMENT.test(local) && dueOf(local, ctx)?.date != null) ||
      (always && i === 0);
    if (!signal) continue;
    const item = makeItem(text, g, noFields(), inherited, source, ctx);
    if (item) out.push(item);
  }
  return out;
}

/** Deferred sentences out of a text; what is left goes on. */
function takeDeferred(text: string, ctx: Context): string {
  if (!DEFER.test(text)) return text;
  const kept: string[] = [];
  for (const sentence of text.split(/(?<=[；;。！!？?])/u)) {
    if (DEFER.test(sentence)) ctx.out.deferredTopics.push(topicOf(sentence));
    else kept.push(sentence);
  }
  return kept.join('').trim();
}

/** Inherited context of a container heading: its units and deadline. */
function contextOf(text: string, parent: Inherited, ctx: Context): Inherited {
  const { fields, rest } = parseFields(text);
  const group = groupClauses(rest, ctx)[0];
  const units = fieldUnits(fields.lead, ctx);
  const lead =
    units.lead[0] ?? (group?.lead ? resolveAll(group.lead.names, ctx)[0] : undefined) ?? parent.lead;
  const support = [
    ...units.support,
    ...resolveAll(fields.support, ctx),
    ...resolveAll(group?.support ?? [], ctx),
  ];
  const due = fields.due.length
    ? (dueOf(fields.due.join('；'), ctx) ?? parent.due)
    : (dueOf(rest, ctx) ?? parent.due);
  return { lead, support: support.length ? support : parent.support, due };
}

/** A line that is an item on its own: fields, or a unit in a role with a deadline. */
function isCompleteItem(text: string, ctx: Context): boolean {
  if (hasFields(parseFields(text).fields)) return true;
  return groupClauses(text, ctx).some((g) => g.lead) && Boolean(dueOf(text, ctx)?.date);
}

interface Block {
  head: Entry & { kind: 'numbered' | 'prose' | 'field' };
  lines: Entry[];
}

function blockText(b: Block): string {
  return [b.head, ...b.lines]
    .map((e) => ('body' in e ? e.body : ''))
    .filter(Boolean)
    .join('\n');
}

function blockSource(b: Block): string {
  return [b.head, ...b.lines]
    .map((e) => ('raw' in e ? e.raw.trim() : ''))
    .filter(Boolean)
    .join('\n');
}

/**
 * Finds the agreed items in meeting notes. `units` are the body's registered units; `reference` is the
 * meeting day (`YYYY-MM-DD`). Never throws: a failure inside yields an empty result.
 * @example extractItems('一、排查建设路老化线路。\n责任单位：二所\n完成时限：10月20日前', { units, reference: '2026-09-28', calendar })
 */
export function extractItems(text: string, opts: ExtractOptions): ExtractResult {
  const out: ExtractResult = { items: [], deferredTopics: [], ignored: [] };
  try {
    if (typeof text !== 'string' || !opts || !Array.isArray(opts.units)) return out;
    const notes = text.slice(0, MAX_NOTES_LENGTH);
    const ctx: Context = {
      r: {
        units: opts.units,
        mentions: [],
        text: normalizeUnitName(notes),
        cache: new Map(),
        normalised: opts.units.map((unit) => ({
          unit,
          names: [unit.name, ...(unit.aliases ?? [])].map(normalizeUnitName),
        })),
      },
      dues: new Map(),
      reference: opts.reference,
      calendar: opts.calendar,
      out,
    };
    run(notes, ctx);
    out.items = out.items.slice(0, MAX_ITEMS);
    out.deferredTopics = [...new Set(out.deferredTopics.filter(Boolean))];
    return out;
  } catch {
    return { items: [], deferredTopics: [], ignored: [] };
  }
}

function run(notes: string, ctx: Context): void {
  // Raw lines are kept as written (tabs separate table cells); only a line split on inline markers
  // becomes its cleaned pieces.
  const lines = notes.split(/\r\n|\r|\n|\u2028|\u2029/u).flatMap((l) => {
    const parts = splitInline(cleanLine(l));
    return parts.length > 1 ? parts : [l];
  });
  const entries = tablesToFields(lines.map(classifyLine));
  assignDepths(entries);

  // Sections and inherited context, one scope per container depth (-1 = the whole notes).
  const scopes: { depth: number; section: Section; inherited: Inherited }[] = [
    { depth: -1, section: 'neutral', inherited: { support: [] } },
  ];
  const scope = () => scopes[scopes.length - 1]!;
  const ignore = (raw: string, why: IgnoreReason): void => {
    ctx.out.ignored.push({ line: raw.trim(), why });
  };

  // The depth of the numbered list whose last entry was an item: its siblings are items too when they
  // ask for something ("4、各单位联络员请于每周五报送…"), even without a unit or a date.
  let itemList: number | undefined;
  let i = 0;
  while (i < entries.length) {
    const e = entries[i]!;
    if (e.kind === 'blank') {
      i++;
      continue;
    }
    if (e.kind === 'ignored') {
      ignore(e.raw, e.why);
      itemList = undefined;
      i++;
      continue;
    }
    if (e.kind === 'heading') {
      itemList = undefined;
      const s = sectionOf(e.body);
      if (s) {
        scopes.length = 1;
        scopes[0]!.section = s;
      }
      ignore(e.raw, 'heading');
      i++;
      continue;
    }
    if (e.kind === 'numbered') {
      while (scopes.length > 1 && scope().depth >= e.depth) scopes.pop();
      const hasChildren = childFollows(entries, i);
      const section = headingSection(e.body);
      const headingLike = section !== undefined && !dueOf(e.body, ctx);
      if (hasChildren && !headingLike && isCompleteItem(e.body, ctx)) {
        // "（二）区供电所负责…（完成时限：…）" with sub-points: an item, and the context of its children.
        scopes.push({
          depth: e.depth,
          section: scope().section,
          inherited: contextOf(e.body, scope().inherited, ctx),
        });
        blockItems(
          { head: e, lines: [] },
          ctx,
          scopes[scopes.length - 2]!.section,
          scopes[scopes.length - 2]!.inherited,
          ignore,
          false,
        );
        itemList = undefined;
        i++;
        continue;
      }
      if (hasChildren || headingLike) {
        ignore(e.raw, 'heading');
        itemList = undefined;
        scopes.push({
          depth: e.depth,
          section: section ?? sectionOf(e.body) ?? scope().section,
          inherited: hasChildren ? contextOf(e.body, scope().inherited, ctx) : scope().inherited,
        });
        i++;
        continue;
      }
    }
    // A block: a numbered leaf, a field line, or a prose line followed by field lines.
    const block = collectBlock(entries, i, ctx);
    if (!block) {
      // A prose line on its own.
      i++;
      if (e.kind === 'prose') prose(e.raw, e.body, ctx, scope().section, ignore);
      continue;
    }
    i += 1 + block.lines.length;
    const depth = block.head.kind === 'numbered' ? block.head.depth : undefined;
    const added = blockItems(block, ctx, scope().section, scope().inherited, ignore, itemList === depth);
    itemList = added > 0 && depth !== undefined ? depth : undefined;
  }
}

/** Whether the next numbered line, with no heading or left-out line between, is deeper than line i. */
function childFollows(entries: readonly Entry[], i: number): boolean {
  const own = entries[i]!;
  if (own.kind !== 'numbered') return false;
  for (let j = i + 1; j < entries.length; j++) {
    const x = entries[j]!;
    if (x.kind === 'ignored' || x.kind === 'heading') return false;
    if (x.kind === 'numbered') return x.depth > own.depth;
  }
  return false;
}

/** Whether a line says who, when or how: a unit in a role, a deadline, or a continuation word. */
function hasSignal(text: string, ctx: Context): boolean {
  return (
    CONTINUATION.test(text) ||
    Boolean(dueOf(text, ctx)?.date) ||
    groupClauses(text, ctx, true).some((g) => g.lead || g.support.length)
  );
}

function collectBlock(entries: readonly Entry[], i: number, ctx: Context): Block | undefined {
  const head = entries[i]!;
  if (head.kind !== 'numbered' && head.kind !== 'field' && head.kind !== 'prose') return undefined;
  const lines: Entry[] = [];
  let sawField = head.kind === 'field';
  for (let j = i + 1; j < entries.length; j++) {
    const e = entries[j]!;
    if (e.kind === 'blank') {
      // A blank line ends a block unless field lines follow it.
      const after = entries.slice(j + 1).find((x) => x.kind !== 'blank');
      if (after?.kind === 'field' && !after.opensItem) continue;
      if (head.kind === 'numbered' && after?.kind === 'prose') continue;
      break;
    }
    if (e.kind === 'field') {
      if (e.opensItem && (sawField || lines.length)) break;
      sawField = true;
      lines.push(e);
      continue;
    }
    if (e.kind === 'prose' && e.chat) break;
    if (e.kind === 'prose' && head.kind !== 'prose') {
      // A prose line followed by fields, after fields, starts the next block.
      const after = entries[j + 1];
      if (sawField && after?.kind === 'field') break;
      // Under a topic line ("一、关于…问题") the prose is the item; under a complete item only a line
      // that says who, when or how carries on ("请大家按时完成。谢谢！" does not).
      if (!lines.length && !hasSignal(head.body, ctx)) {
        lines.push(e);
        continue;
      }
      if (!hasSignal(e.body, ctx) && !sawField) break;
      lines.push(e);
      continue;
    }
    break;
  }
  if (head.kind === 'prose' && !lines.some((l) => l.kind === 'field')) return undefined;
  return { head: head as Block['head'], lines };
}

function blockItems(
  block: Block,
  ctx: Context,
  section: Section,
  inherited: Inherited,
  ignore: (raw: string, why: IgnoreReason) => void,
  inItemList: boolean,
): number {
  const source = blockSource(block);
  let text = blockText(block);
  const { fields } = parseFields(text);
  const withFields = hasFields(fields);
  if (!withFields) text = takeDeferred(text, ctx);
  if (!text) return 0;
  const groups = withFields ? [] : groupClauses(text, ctx);
  const anyUnit = groups.some((g) => g.lead || g.support.length);
  const due = dueOf(text, ctx);
  const assigned = assignsUnit(groups);
  const past = (!withFields && !assigned && isPast(text)) || (section === 'past' && !(assigned && due?.date));
  if (past) {
    ignore(source, 'past_report');
    return 0;
  }
  const numbered = block.head.kind === 'numbered';
  const asks = AGREEMENT.test(text) || (numbered && ACTION.test(text));
  const signal =
    withFields ||
    anyUnit ||
    (numbered && section === 'items') ||
    (numbered && inItemList && asks) ||
    (due?.date != null && asks);
  if (!signal) return 0;
  const items = itemsOf(text, source, inherited, numbered, ctx);
  ctx.out.items.push(...items);
  return items.length;
}

/**
 * Whether the groups give a unit a role by a role word (牵头, 负责, 请, 配合…). A unit merely opening a
 * sentence ("城管中队已完成…", "二所汇报了…") does not: it is how reports of past work begin.
 */
const assignsUnit = (groups: readonly Group[]): boolean =>
  groups.some((g) => (g.lead && g.lead.via !== 'weak') || g.support.length > 0);

/**
 * A prose line: deferred sentences to the topics, reports of past work dropped sentence by sentence
 * ("…城管中队已完成夜市整治；物业公司…会议要求5月15日前全部完成" keeps the second), the rest to items.
 */
function prose(
  raw: string,
  body: string,
  ctx: Context,
  section: Section,
  ignore: (raw: string, why: IgnoreReason) => void,
): void {
  const text = takeDeferred(body, ctx);
  if (!text) return;
  const sentences = text.split(/(?<=[；;。！!？?])/u).filter((x) => x.trim());
  const kept = sentences.filter((sentence) => {
    const assigned = assignsUnit(groupClauses(sentence, ctx, true));
    if (section === 'past') return assigned && Boolean(dueOf(sentence, ctx)?.date);
    return assigned || !isPast(sentence);
  });
  if (!kept.length) return ignore(raw, 'past_report');
  ctx.out.items.push(...itemsOf(kept.join(''), raw.trim(), { support: [] }, false, ctx));
}
