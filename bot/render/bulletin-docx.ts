/**
 * The monthly bulletin (通报, C20) as a .docx in the same 公文 layout as the minutes: title in 二号
 * 小标宋, the addressee flush left, body paragraphs in 三号 仿宋 indented two characters, level-one
 * headings (一、总体情况) in 黑体, and the issuing office over the date at the end.
 * @module
 */
import { AlignmentType, LineRuleType, Packer, Paragraph } from 'docx';
import type { BulletinDoc } from '../features/stats/render.js';
import { blank, body, FONTS, LINE_TWIPS, officialDocument, run, SIZE, signature } from './minutes-docx.js';

export async function renderBulletinDocx(doc: BulletinDoc): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(doc.title, FONTS.title, { size: SIZE.title })],
    }),
    new Paragraph({
      spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT },
      children: [run(doc.to)],
    }),
    body([run(doc.opening)]),
  ];
  for (const section of doc.sections) {
    children.push(body([run(section.heading, FONTS.heading)]));
    for (const p of section.paragraphs) children.push(body([run(p)]));
  }
  children.push(blank(), ...signature(doc.signature, doc.date));
  return Packer.toBuffer(officialDocument({ creator: doc.signature, title: doc.title, children }));
}
