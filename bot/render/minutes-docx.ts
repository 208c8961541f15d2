/**
 * The minutes (纪要, C18) as a .docx in the 纪要 layout, and as plain text for the chat, in the same order:
 * masthead (纪要标志) and number, title, opening, discussion, "现将议定事项纪要如下：", the agreed items,
 * other matters, 出席 / 请假 / 列席, and the issuing office with the date (reference/domain.md §1.3, §6;
 * reference/libraries.md §6).
 *
 * Layout decisions:
 * - A4; margins top 37 / bottom 35 / left 28 / right 26 mm (GB/T 9704: 天头 37 mm, 订口 28 mm, type area
 *   156 × 225 mm). Converted with {@link mmToTwip}, which rounds to the nearest twip (37 mm = 2097.6 →
 *   2098); docx's own `convertMillimetersToTwip` floors (→ 2097), a third of a millimetre short.
 * - Body 三号 仿宋_GB2312 (32 half-points), title 二号 方正小标宋简体 (44), level-one numbers and the
 *   出席 / 请假 / 列席 labels in 黑体, the masthead red 方正小标宋简体 小初 (72). Every run names
 *   Times New Roman for ASCII (digits and Latin letters, as in printed 公文) and the Chinese face for
 *   eastAsia; the document language is zh-CN. Body paragraphs: fixed 28 pt line pitch (line 560, exact)
 *   and a first-line indent of two characters (640 twips = 2 × 16 pt).
 * - Agreed items are numbered paragraphs, not a table: a 纪要 is prose ("一、…。牵头单位：…"); tables
 *   belong to the 督办通知单 and the ledger. One unit → "责任单位"; with support units → "牵头单位" +
 *   "配合单位". Each item is its own paragraph, its responsibilities the next one.
 * - 出席 / 请假 / 列席 after the body, one blank line before, indented two characters, label in 黑体
 *   with a full-width colon, names in 仿宋; wrapped lines align after the colon (a hanging indent).
 *   请假 shows the substitute: 区城管中队（张三，由李四代会）. The reason is not printed: minutes go to
 *   every member unit, and why someone was away is the secretary's business.
 * - Page numbers "— N —" centred in the footer, 四号 (28 half-points) 宋体 with Arabic digits.
 * - The issuing office and the date are right-aligned, the date four characters from the right margin,
 *   the office centred over it.
 * - A draft gets "（讨论稿）" under the title (and in the text version); approved and issued minutes don't.
 * - A red rule under the masthead block separates it from the title (local practice).
 * @module
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';

/** The minutes to render; all strings are display text. */
export interface MinutesDoc {
  /** 纪要标志, e.g. 和平街道区域化党建联席会议纪要. */
  masthead: string;
  /** 关于…的会议纪要 / …2026年第三次会议纪要. */
  title: string;
  /** 第3期 or 〔2026〕3号. */
  docNo?: string;
  /** Date, place, chair and purpose; may end with "现将议定事项纪要如下：". */
  opening: string;
  /** 会议主要情况; paragraphs separated by newlines. */
  discussion?: string;
  items: {
    seq: number;
    content: string;
    lead: string;
    support: string[];
    liaison?: string;
    /** Display text, e.g. 2026年10月20日前. */
    due?: string;
  }[];
  /** 其他事项 / 下次会议安排. */
  otherMatters?: string;
  attendance: {
    present: string[];
    excused: { name: string; reason?: string; substitute?: string }[];
    observers: string[];
  };
  /** 印发机关, e.g. 和平街道联席会议办公室. */
  issuer: string;
  /** 2026年12月5日. */
  issuedOn: string;
  status: 'draft' | 'approved' | 'issued';
}

/** Millimetres to twips (1/1440 inch), rounded to the nearest twip. */
export const mmToTwip = (mm: number): number => Math.round((mm / 25.4) * 1440);

/** Page size and margins (mm) of the 纪要 layout. */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小初 36 pt. */
export const SIZE = { title: 44, body: 32, footer: 28, masthead: 72 } as const;

/** Fixed line pitch of the body: 28 pt. */
export const LINE_TWIPS = 560;

const LATIN = 'Times New Roman';
const face = (eastAsia: string) => ({ eastAsia, ascii: LATIN, hAnsi: LATIN });
/** The faces, named as Chinese Word/WPS installations name them. */
export const FONTS = {
  body: face('仿宋_GB2312'),
  title: face('方正小标宋简体'),
  heading: face('黑体'),
  kai: face('楷体_GB2312'),
  pageNumber: face('宋体'),
} as const;

const RED = 'FF0000';
/** One character of 三号 text: 16 pt = 320 twips. */
const CHAR = 320;
const BODY_LINE = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT } as const;

// =====================================================================================================
// Text, shared by the document and the chat version

type Lang = 'zh-CN' | 'en';

/** Every label in one place per language. The .docx is always Chinese: it is an official document. */
const LABELS = {
  'zh-CN': {
    draft: '（讨论稿）',
    leadIn: '现将议定事项纪要如下：',
    lead: '牵头单位',
    sole: '责任单位',
    support: '配合单位',
    liaison: '联络员',
    due: '完成时限',
    other: '其他事项',
    present: '出席',
    excused: '请假',
    observers: '列席',
    substitute: (name: string) => `由${name}代会`,
    colon: '：',
    fieldSep: '；',
    listSep: '、',
    open: '（',
    close: '）',
    innerSep: '，',
    end: '。',
  },
  en: {
    draft: '(draft for discussion)',
    leadIn: 'Agreed items:',
    lead: 'Lead',
    sole: 'Responsible',
    support: 'Support',
    liaison: 'Liaison',
    due: 'Due',
    other: 'Other matters',
    present: 'Present',
    excused: 'Excused',
    observers: 'Observers',
    substitute: (name: string) => `substitute: ${name}`,
    colon: ': ',
    fieldSep: '; ',
    listSep: ', ',
    open: ' (',
    close: ')',
    innerSep: ', ',
    end: '',
  },
} as const;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; 100 and beyond stay Arabic. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

const endsWithStop = (s: string): boolean => /[。！？；.!?;：:]$/u.test(s.trim());

/** "一、" / "1. ": the number of an agreed item. */
const itemNumber = (seq: number, lang: Lang): string =>
  lang === 'zh-CN' ? `${chineseNumeral(seq)}、` : `${seq}. `;

/** 牵头单位：A；配合单位：B、C；联络员：D；完成时限：E。 (责任单位 when there is no support unit). */
function responsibilities(item: MinutesDoc['items'][number], lang: Lang): string {
  const t = LABELS[lang];
  const parts: string[] = [];
  const support = item.support.filter((s) => s.trim());
  if (item.lead.trim()) parts.push(`${support.length ? t.lead : t.sole}${t.colon}${item.lead.trim()}`);
  if (support.length) parts.push(`${t.support}${t.colon}${support.join(t.listSep)}`);
  if (item.liaison?.trim()) parts.push(`${t.liaison}${t.colon}${item.liaison.trim()}`);
  if (item.due?.trim()) parts.push(`${t.due}${t.colon}${item.due.trim()}`);
  return parts.length ? `${parts.join(t.fieldSep)}${t.end}` : '';
}

/** 区城管中队（张三，由李四代会）: the substitute goes inside a trailing bracket the name already has. */
function excusedEntry(e: MinutesDoc['attendance']['excused'][number], lang: Lang): string {
  const t = LABELS[lang];
  const name = e.name.trim();
  if (!e.substitute?.trim()) return name;
  const note = t.substitute(e.substitute.trim());
  const m = /^(.*)[（(]([^（()）]*)[)）]$/u.exec(name);
  if (m) return `${m[1]}${t.open}${m[2]}${t.innerSep}${note}${t.close}`;
  return `${name}${t.open}${note}${t.close}`;
}

/** The attendance lines that have names, as [label, names]. */
function attendanceLines(a: MinutesDoc['attendance'], lang: Lang): [string, string][] {
  const t = LABELS[lang];
  const lines: [string, string[]][] = [
    [t.present, a.present.map((p) => p.trim()).filter(Boolean)],
    [t.excused, a.excused.filter((e) => e.name.trim()).map((e) => excusedEntry(e, lang))],
    [t.observers, a.observers.map((p) => p.trim()).filter(Boolean)],
  ];
  return lines.filter(([, names]) => names.length).map(([label, names]) => [label, names.join(t.listSep)]);
}

/** The paragraphs of a multi-line string (blank lines dropped). */
const paragraphsOf = (s: string | undefined): string[] =>
  (s ?? '')
    .split(/\r?\n/u)
    .map((p) => p.trim())
    .filter(Boolean);

/** Whether the opening or discussion already leads into the items ("…纪要如下："). */
const hasLeadIn = (doc: MinutesDoc): boolean =>
  /如下[：:]\s*$/u.test(
    [doc.opening, doc.discussion ?? '']
      .filter((s) => s.trim())
      .at(-1)
      ?.trim() ?? '',
  );

/**
 * The minutes as plain text for the chat, in the order of the document. Labels follow `lang`; the
 * minutes' own words (content, units, names) are shown as written.
 */
export function renderMinutesText(input: MinutesDoc, lang: Lang = 'zh-CN'): string {
  const t = LABELS[lang];
  const out: string[] = [input.masthead.trim()];
  if (input.docNo?.trim()) out.push(input.docNo.trim());
  out.push('', input.title.trim());
  if (input.status === 'draft') out.push(t.draft);
  out.push('', ...paragraphsOf(input.opening), ...paragraphsOf(input.discussion));
  if (input.items.length && !hasLeadIn(input)) out.push(t.leadIn);
  for (const item of input.items) {
    const content = item.content.trim();
    out.push(
      `${itemNumber(item.seq, lang)}${content}${lang === 'zh-CN' && !endsWithStop(content) ? '。' : ''}`,
    );
    const fields = responsibilities(item, lang);
    if (fields) out.push(`    ${fields}`);
  }
  const other = paragraphsOf(input.otherMatters);
  if (other.length) out.push(`${t.other}${t.colon}${other.join(' ')}`);
  const attendance = attendanceLines(input.attendance, lang);
  if (attendance.length) out.push('', ...attendance.map(([label, names]) => `${label}${t.colon}${names}`));
  out.push('', input.issuer.trim(), input.issuedOn.trim());
  return out.join('\n').replace(/\n{3,}/gu, '\n\n');
}

// =====================================================================================================
// Document

type Font = (typeof FONTS)[keyof typeof FONTS];

/** A run in the given face (仿宋 by default), 三号 unless sized. */
export const run = (
  text: string,
  font: Font = FONTS.body,
  extra: { bold?: boolean; color?: string; size?: number } = {},
) => new TextRun({ text, font, size: extra.size ?? SIZE.body, bold: extra.bold, color: extra.color });

/** A body paragraph: 三号 仿宋, exact 28 pt, first line indented two characters, justified. */
export const body = (children: ParagraphChild[]) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: BODY_LINE,
    indent: { firstLine: 2 * CHAR },
    children,
  });

export const blank = () => new Paragraph({ spacing: BODY_LINE, children: [] });

/** Width in characters: CJK counts one, ASCII half (Arabic digits of the date are half-width). */
const charWidth = (s: string): number => [...s].reduce((n, c) => n + (c.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

function header(input: MinutesDoc): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 120, line: 960, lineRule: LineRuleType.EXACT },
      children: [run(input.masthead.trim(), FONTS.title, { color: RED, size: SIZE.masthead })],
    }),
  ];
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...BODY_LINE, after: 240 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 } },
      children: input.docNo?.trim() ? [run(input.docNo.trim())] : [],
    }),
  );
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(input.title.trim(), FONTS.title, { size: SIZE.title })],
    }),
  );
  if (input.status === 'draft') {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: BODY_LINE,
        children: [run(LABELS['zh-CN'].draft, FONTS.kai)],
      }),
    );
  }
  out.push(blank());
  return out;
}

function items(input: MinutesDoc): Paragraph[] {
  const out: Paragraph[] = [];
  if (input.items.length && !hasLeadIn(input)) out.push(body([run(LABELS['zh-CN'].leadIn)]));
  for (const item of input.items) {
    const content = item.content.trim();
    out.push(
      body([
        run(itemNumber(item.seq, 'zh-CN'), FONTS.heading),
        run(`${content}${endsWithStop(content) ? '' : '。'}`),
      ]),
    );
    const fields = responsibilities(item, 'zh-CN');
    if (fields) out.push(body([run(fields)]));
  }
  return out;
}

/** 出席：… with the label in 黑体 and wrapped lines aligned after the colon. */
function attendance(input: MinutesDoc): Paragraph[] {
  const lines = attendanceLines(input.attendance, 'zh-CN');
  if (!lines.length) return [];
  return [
    blank(),
    ...lines.map(([label, names]) => {
      const labelWidth = (charWidth(label) + 1) * CHAR;
      return new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: BODY_LINE,
        indent: { left: 2 * CHAR + labelWidth, hanging: labelWidth },
        children: [run(`${label}：`, FONTS.heading), run(names)],
      });
    }),
  ];
}

/** The issuing office centred over the date; the date four characters from the right margin. */
export function signature(issuerText: string, dateText: string): Paragraph[] {
  const issuer = issuerText.trim();
  const date = dateText.trim();
  const dateIndent = 4 * CHAR;
  const issuerIndent = Math.max(
    0,
    Math.round(dateIndent + ((charWidth(date) - charWidth(issuer)) / 2) * CHAR),
  );
  const line = (text: string, right: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: BODY_LINE,
      indent: { right },
      children: [run(text)],
    });
  return [blank(), blank(), line(issuer, issuerIndent), line(date, dateIndent)];
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: FONTS.pageNumber,
            size: SIZE.footer,
          }),
        ],
      }),
    ],
  });
}

/** The document (exported for callers that want to add sections before packing). */
export function buildMinutesDocument(input: MinutesDoc): Document {
  const children: Paragraph[] = [
    ...header(input),
    ...paragraphsOf(input.opening).map((p) => body([run(p)])),
    ...paragraphsOf(input.discussion).map((p) => body([run(p)])),
    ...items(input),
  ];
  const other = paragraphsOf(input.otherMatters);
  other.forEach((p, i) => {
    children.push(body(i === 0 ? [run(`${LABELS['zh-CN'].other}：`, FONTS.heading), run(p)] : [run(p)]));
  });
  children.push(...attendance(input), ...signature(input.issuer, input.issuedOn));
  return officialDocument({
    creator: input.issuer.trim() || 'Yishi',
    title: input.title.trim(),
    description: input.status === 'draft' ? '讨论稿' : undefined,
    children,
  });
}

/** An A4 document in the 公文 layout (margins, 仿宋 三号 body, "— N —" page numbers) around the paragraphs. */
export function officialDocument(opts: {
  creator: string;
  title: string;
  description?: string;
  children: Paragraph[];
}): Document {
  return new Document({
    creator: opts.creator,
    title: opts.title,
    description: opts.description,
    styles: {
      default: {
        document: {
          run: { font: FONTS.body, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: BODY_LINE },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwip(PAGE_MM.width), height: mmToTwip(PAGE_MM.height) },
            margin: {
              top: mmToTwip(PAGE_MM.top),
              bottom: mmToTwip(PAGE_MM.bottom),
              left: mmToTwip(PAGE_MM.left),
              right: mmToTwip(PAGE_MM.right),
              header: mmToTwip(15),
              // The page number sits about 7 mm below the type area (GB/T 9704): its baseline ~23 mm up.
              footer: mmToTwip(23),
            },
          },
        },
        footers: { default: footer() },
        children: opts.children,
      },
    ],
  });
}

/** The minutes as a .docx file in the 纪要 layout. */
export async function renderMinutesDocx(input: MinutesDoc): Promise<Buffer> {
  return Packer.toBuffer(buildMinutesDocument(input));
}
