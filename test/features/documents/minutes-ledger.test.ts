import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { itemsHarness } from '../items/helpers.js';

const docxText = (base64: string) => Buffer.from(base64, 'base64');

describe('J7: minutes and the ledger', () => {
  it('drafts the minutes from the record, the chair signs them off, the secretary issues them to the group', async () => {
    const env = await itemsHarness('2026-11-30T09:00:00+08:00');
    const { h, sec, chair, zhou } = env;
    await sec.send('/meeting 12月1日15:00 专题会 地点:三楼会议室');
    await sec.press('确认');
    await zhou.send('/meeting 请假');
    await zhou.send('外出培训');
    await zhou.send('王强');
    h.clock.set('2026-12-01T15:00:00+08:00');
    await sec.send('/meeting start');
    await sec.send('/item 二所 牵头 居委会 配合 排查建设路3处老化线路 12月11日前');
    await sec.press('确认交办');
    await sec.send('/meeting end');
    await sec.shouldReply('/minutes 签发 1', '只有召集人可以签发纪要');
    const replies = await sec.send('/minutes');
    const text = replies.join('\n');
    expect(text).toMatch(/【纪要草稿】[\s\S]*和平街道联席会议纪要/);
    expect(text).toContain('排查建设路3处老化线路');
    expect(text).toMatch(/区供电公司第二供电所/);
    expect(text).toMatch(/请假[\s\S]*王强/);
    const draftFile = h.adapter.delivered.filter((d) => d.msg.file?.name.endsWith('.docx')).at(-1)!;
    expect(draftFile.msg.file!.mime).toContain('wordprocessingml');
    expect(docxText(draftFile.msg.file!.base64).subarray(0, 2).toString()).toBe('PK');
    await chair.press('签发');
    expect(h.store.query('select status, version from minutes')).toEqual([
      { status: 'approved', version: 1 },
    ]);
    await env.wang.shouldReply('/minutes 印发 1', '只有秘书或召集人可以登记和确认事项');
    const before = h.adapter.delivered.length;
    await sec.press('印发到群');
    const issued = h.adapter.delivered.slice(before).filter((d) => d.msg.text.startsWith('【会议纪要印发】'));
    expect(issued).toHaveLength(1);
    expect(issued[0]!.msg.file?.name).toMatch(/专题会.*纪要\.docx$/);
    expect(h.store.query('select status from minutes')).toEqual([{ status: 'issued' }]);
    await sec.shouldReply('/minutes 2026-12-01', '【已印发】');
    await sec.shouldReply('/minutes 2026-12-02', '2026-12-02 没有会议');
    await sec.shouldReply('/minutes 明年某天', '看不懂日期');
  });

  it('gives the ledger as an .xlsx with every assigned item', async () => {
    const env = await itemsHarness('2026-11-30T09:00:00+08:00');
    const { h, sec } = env;
    await sec.send('/item 二所 排查建设路3处老化线路 12月4日前');
    await sec.press('确认交办');
    await sec.send('/item 居委会 清理楼道 12月31日前');
    await sec.press('确认交办');
    await sec.send('/item 城管 草稿事项 12月31日前');
    h.clock.set('2026-12-08T10:00:00+08:00');
    await sec.shouldReply('/ledger', '「和平街道联席会议」督办台账，共 2 项');
    const file = h.adapter.delivered.filter((d) => d.msg.file?.name.endsWith('.xlsx')).at(-1)!.msg.file!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('和平街道联席会议')!;
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(2).value));
    });
    expect(codes).toEqual(['HP-2026-001', 'HP-2026-002']);
    expect(wb.worksheets.map((w) => w.name)).toContain('汇总');
    await sec.shouldReply('/ledger 😀', '用法');
  });
});
