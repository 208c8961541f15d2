import { beforeAll, describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  type MinutesDoc,
  mmToTwip,
  renderMinutesDocx,
  renderMinutesText,
} from '../../bot/render/minutes-docx.js';
import { readZipText, unzip } from '../support/unzip.js';

const DOC: MinutesDoc = {
  masthead: '和平街道区域化党建联席会议纪要',
  title: '和平街道区域化党建联席会议2026年第三次会议纪要',
  docNo: '第3期',
  opening:
    '2026年9月28日下午，和平街道党工委书记王明在党群服务中心三楼会议室主持召开2026年第三次联席会议，专题研究幸福里社区安全隐患整治工作。',
  discussion:
    '会议听取了区供电公司第二供电所关于建设路线路改造情况的汇报。\n会议认为，安全隐患整治要抓早抓小。',
  items: [
    {
      seq: 1,
      content: '完成建设路3处老化线路排查整改',
      lead: '区供电公司第二供电所',
      support: ['社区居委会', '万家物业'],
      liaison: '周明',
      due: '2026年10月20日前',
    },
    { seq: 2, content: '清理5号楼楼道堆放杂物。', lead: '万家物业', support: [], due: '2026年10月2日前' },
    { seq: 10, content: '规范<夜市>摊点 & 停车', lead: '区城管执法局和平中队', support: [] },
  ],
  otherMatters: '下次会议定于12月5日召开。',
  attendance: {
    present: ['王明', '区供电公司第二供电所（周明）', '社区居委会（张丽）'],
    excused: [
      { name: '区城管中队（张三）', reason: '外出培训', substitute: '李四' },
      { name: '万家物业', substitute: '赵敏' },
      { name: '区卫健委' },
    ],
    observers: ['区市场监管局和平所（孙悦）'],
  },
  issuer: '和平街道联席会议办公室',
  issuedOn: '2026年9月29日',
  status: 'draft',
};

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

interface Para {
  xml: string;
  text: string;
}

/** The paragraphs of a WordprocessingML part, with their text. */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p\/>/gs)].map((m) => ({
    xml: m[0],
    text: unescapeXml(
      [...(m[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    ),
  }));
}

/** Runs of a paragraph: their text and properties. */
function runs(p: Para): { text: string; rPr: string }[] {
  return [...p.xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => ({
    rPr: /<w:rPr>(.*?)<\/w:rPr>/s.exec(m[1]!)?.[1] ?? '',
    text: unescapeXml([...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

const attr = (xml: string, tag: string, name: string): string | undefined =>
  new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

let buffer: Buffer;
let documentXml: string;
let paras: Para[];
const para = (start: string): Para => {
  const p = paras.find((x) => x.text.startsWith(start));
  if (!p) throw new Error(`no paragraph starting with ${start}: ${paras.map((x) => x.text).join(' | ')}`);
  return p;
};

beforeAll(async () => {
  buffer = await renderMinutesDocx(DOC);
  documentXml = readZipText(buffer, 'word/document.xml');
  paras = paragraphs(documentXml);
});

describe('the .docx package', () => {
  it('is a zip with the WordprocessingML parts', () => {
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const names = [...unzip(buffer).keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        'word/document.xml',
        'word/styles.xml',
        'word/footer1.xml',
      ]),
    );
  });
});

describe('page setup', () => {
  it('is A4 with the GB/T 9704 margins, converted from millimetres to the nearest twip', () => {
    const sect = /<w:sectPr>.*<\/w:sectPr>/s.exec(documentXml)![0];
    expect(attr(sect, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(sect, 'w:pgSz', 'w:h')).toBe('16838');
    const margins = {
      top: attr(sect, 'w:pgMar', 'w:top'),
      bottom: attr(sect, 'w:pgMar', 'w:bottom'),
      left: attr(sect, 'w:pgMar', 'w:left'),
      right: attr(sect, 'w:pgMar', 'w:right'),
    };
    expect(margins).toEqual({ top: '2098', bottom: '1984', left: '1587', right: '1474' });
    for (const [mm, twips] of [
      [37, 2098],
      [35, 1984],
      [28, 1587],
      [26, 1474],
    ] as const) {
      // 1 mm = 1440 / 25.4 twips; the value is the nearest whole twip (docx's own helper floors: 37 → 2097).
      expect(mmToTwip(mm)).toBe(twips);
      expect(Math.abs(twips - (mm * 1440) / 25.4)).toBeLessThanOrEqual(0.5);
    }
  });

  it('centres "— N —" with a PAGE field in the footer', () => {
    const footer = readZipText(buffer, 'word/footer1.xml');
    const [p] = paragraphs(footer);
    expect(attr(p!.xml, 'w:jc', 'w:val')).toBe('center');
    expect(p!.text).toBe('—  —');
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:fldChar w:fldCharType="begin"\/>/);
    expect(footer.indexOf('— ')).toBeLessThan(footer.indexOf('PAGE'));
    expect(footer.lastIndexOf(' —')).toBeGreaterThan(footer.indexOf('PAGE'));
    expect(footer).toContain('<w:sz w:val="28"/>');
  });
});

describe('fonts, sizes and spacing', () => {
  it('sets the document default to 三号 仿宋_GB2312 with Times New Roman and zh-CN', () => {
    const styles = readZipText(buffer, 'word/styles.xml');
    const defaults = /<w:rPrDefault>.*?<\/w:rPrDefault>/s.exec(styles)![0];
    expect(defaults).toContain(
      '<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>',
    );
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
  });

  it('names Times New Roman for ASCII in every run', () => {
    const fonts = [...documentXml.matchAll(/<w:rFonts [^>]*\/>/g)].map((m) => m[0]);
    expect(fonts.length).toBeGreaterThan(10);
    for (const f of fonts) {
      expect(f).toContain('w:ascii="Times New Roman"');
      expect(f).toContain('w:hAnsi="Times New Roman"');
      expect(f).toMatch(/w:eastAsia="(仿宋_GB2312|方正小标宋简体|黑体|楷体_GB2312)"/);
    }
  });

  it('sets the title in 二号 方正小标宋简体 and the masthead in red', () => {
    const [title] = runs(para(DOC.title));
    expect(title!.rPr).toContain('w:eastAsia="方正小标宋简体"');
    expect(title!.rPr).toContain('<w:sz w:val="44"/>');
    expect(attr(para(DOC.title).xml, 'w:jc', 'w:val')).toBe('center');
    const [masthead] = runs(para(DOC.masthead));
    expect(masthead!.rPr).toContain('w:eastAsia="方正小标宋简体"');
    expect(masthead!.rPr).toContain('<w:color w:val="FF0000"/>');
  });

  it('sets body paragraphs in 三号 仿宋 at an exact 28 pt with a two-character first-line indent', () => {
    for (const start of [
      '2026年9月28日下午',
      '会议听取了',
      '会议认为',
      '现将议定事项纪要如下：',
      '牵头单位：',
    ]) {
      const p = para(start);
      expect(p.xml).toContain('<w:spacing w:line="560" w:lineRule="exact"/>');
      expect(attr(p.xml, 'w:ind', 'w:firstLine')).toBe('640');
      for (const r of runs(p)) {
        expect(r.rPr).toContain('w:eastAsia="仿宋_GB2312"');
        expect(r.rPr).toContain('<w:sz w:val="32"/>');
      }
    }
  });
});

describe('content', () => {
  it('marks a draft and not approved or issued minutes', async () => {
    expect(para('（讨论稿）').text).toBe('（讨论稿）');
    const issued = paragraphs(
      readZipText(await renderMinutesDocx({ ...DOC, status: 'issued' }), 'word/document.xml'),
    );
    expect(issued.some((p) => p.text.includes('讨论稿'))).toBe(false);
  });

  it('numbers the agreed items 一、二、十、 in 黑体 with their responsibilities', () => {
    const first = para('一、');
    expect(runs(first).map((r) => r.text)).toEqual(['一、', '完成建设路3处老化线路排查整改。']);
    expect(runs(first)[0]!.rPr).toContain('w:eastAsia="黑体"');
    expect(runs(first)[1]!.rPr).toContain('w:eastAsia="仿宋_GB2312"');
    expect(paras[paras.indexOf(first) + 1]!.text).toBe(
      '牵头单位：区供电公司第二供电所；配合单位：社区居委会、万家物业；联络员：周明；完成时限：2026年10月20日前。',
    );
    // No doubled full stop; one unit is the 责任单位.
    expect(para('二、').text).toBe('二、清理5号楼楼道堆放杂物。');
    expect(paras[paras.indexOf(para('二、')) + 1]!.text).toBe(
      '责任单位：万家物业；完成时限：2026年10月2日前。',
    );
    // Markup characters are text, escaped in the XML and read back intact.
    expect(para('十、').text).toBe('十、规范<夜市>摊点 & 停车。');
  });

  it('lists 出席 / 请假 / 列席 with the label in 黑体 and wrapped lines aligned after the colon', () => {
    const present = para('出席：');
    const [label, names] = runs(present);
    expect(label).toMatchObject({ text: '出席：' });
    expect(label!.rPr).toContain('w:eastAsia="黑体"');
    expect(names!.rPr).toContain('w:eastAsia="仿宋_GB2312"');
    expect(names!.text).toBe('王明、区供电公司第二供电所（周明）、社区居委会（张丽）');
    // Two characters of indent, then the label (三号 = 320 twips a character) hangs.
    expect(attr(present.xml, 'w:ind', 'w:left')).toBe(String(640 + 3 * 320));
    expect(attr(present.xml, 'w:ind', 'w:hanging')).toBe(String(3 * 320));
    expect(para('请假：').text).toBe(
      '请假：区城管中队（张三，由李四代会）、万家物业（由赵敏代会）、区卫健委',
    );
    expect(documentXml).not.toContain('外出培训');
    expect(para('列席：').text).toBe('列席：区市场监管局和平所（孙悦）');
  });

  it('right-aligns the issuing office and the date, the date four characters in', () => {
    const issuer = para(DOC.issuer);
    const date = para(DOC.issuedOn);
    expect(attr(issuer.xml, 'w:jc', 'w:val')).toBe('right');
    expect(attr(date.xml, 'w:jc', 'w:val')).toBe('right');
    expect(attr(date.xml, 'w:ind', 'w:right')).toBe('1280');
    // 2026年9月29日 is 3 characters + 7 half-width digits = 6.5 wide; the office (11) is centred over it.
    expect(Number(attr(issuer.xml, 'w:ind', 'w:right'))).toBe(1280 + ((6.5 - 11) / 2) * 320);
  });

  it('keeps the order of the chat text', () => {
    const text = renderMinutesText(DOC, 'zh-CN');
    const order = [
      DOC.masthead,
      '第3期',
      DOC.title,
      '（讨论稿）',
      '2026年9月28日下午',
      '会议听取了',
      '现将议定事项纪要如下：',
      '一、完成建设路',
      '二、清理',
      '其他事项：',
      '出席：',
      '请假：',
      '列席：',
      DOC.issuer,
      DOC.issuedOn,
    ];
    const inDoc = order.map((s) => paras.findIndex((p) => p.text.startsWith(s)));
    const inText = order.map((s) => text.split('\n').findIndex((l) => l.trim().startsWith(s)));
    expect(inDoc.every((n) => n >= 0)).toBe(true);
    expect(inText.every((n) => n >= 0)).toBe(true);
    expect([...inDoc].sort((a, b) => a - b)).toEqual(inDoc);
    expect([...inText].sort((a, b) => a - b)).toEqual(inText);
  });

  it('does not repeat the lead-in when the opening already has it, and renders minimal minutes', async () => {
    const minimal: MinutesDoc = {
      masthead: '纪要',
      title: '专题会议纪要',
      opening: '12月1日，召开专题会议。现将议定事项纪要如下：',
      items: [],
      attendance: { present: [], excused: [], observers: [] },
      issuer: '办公室',
      issuedOn: '2026年12月1日',
      status: 'approved',
    };
    const xml = readZipText(await renderMinutesDocx(minimal), 'word/document.xml');
    expect(xml.match(/现将议定事项纪要如下/g)).toHaveLength(1);
    expect(xml).not.toContain('出席');
    const text = renderMinutesText({ ...minimal, items: DOC.items.slice(0, 1) });
    expect(text.match(/现将议定事项纪要如下/g)).toHaveLength(1);
  });
});

describe('renderMinutesText', () => {
  it('renders the same parts in Chinese', () => {
    expect(renderMinutesText(DOC, 'zh-CN')).toBe(
      [
        '和平街道区域化党建联席会议纪要',
        '第3期',
        '',
        '和平街道区域化党建联席会议2026年第三次会议纪要',
        '（讨论稿）',
        '',
        DOC.opening,
        '会议听取了区供电公司第二供电所关于建设路线路改造情况的汇报。',
        '会议认为，安全隐患整治要抓早抓小。',
        '现将议定事项纪要如下：',
        '一、完成建设路3处老化线路排查整改。',
        '    牵头单位：区供电公司第二供电所；配合单位：社区居委会、万家物业；联络员：周明；完成时限：2026年10月20日前。',
        '二、清理5号楼楼道堆放杂物。',
        '    责任单位：万家物业；完成时限：2026年10月2日前。',
        '十、规范<夜市>摊点 & 停车。',
        '    责任单位：区城管执法局和平中队。',
        '其他事项：下次会议定于12月5日召开。',
        '',
        '出席：王明、区供电公司第二供电所（周明）、社区居委会（张丽）',
        '请假：区城管中队（张三，由李四代会）、万家物业（由赵敏代会）、区卫健委',
        '列席：区市场监管局和平所（孙悦）',
        '',
        '和平街道联席会议办公室',
        '2026年9月29日',
      ].join('\n'),
    );
  });

  it('renders English labels around the Chinese content', () => {
    const text = renderMinutesText({ ...DOC, status: 'issued' }, 'en');
    expect(text).toContain('Agreed items:');
    expect(text).toContain(
      '1. 完成建设路3处老化线路排查整改\n    Lead: 区供电公司第二供电所; Support: 社区居委会, 万家物业; Liaison: 周明; Due: 2026年10月20日前',
    );
    expect(text).toContain(
      'Excused: 区城管中队 (张三, substitute: 李四), 万家物业 (substitute: 赵敏), 区卫健委',
    );
    expect(text).not.toContain('draft');
  });
});

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [35, '三十五'],
    [99, '九十九'],
    [100, '100'],
    [0, '0'],
  ])('%i → %s', (n, s) => {
    expect(chineseNumeral(n)).toBe(s);
  });
});
