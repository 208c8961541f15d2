import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/fake-chat.js';

const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);

async function setup() {
  const h = await createHarness();
  const sec = h.client('张三', '联席会议群');
  await sec.send('/setup 联席会议 和平街道联席会议');
  return { h, sec };
}

describe('roster import (C3)', () => {
  it('imports units, aliases and liaisons from an .xlsx', async () => {
    const { h, sec } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRows([
      ['单位', '别名', '联络员', '手机', '类型'],
      ['区供电公司第二供电所', '二所、供电所', '周明', 13800138000, '企业'],
      ['社区居委会', '居委会', '王芳', '0571-88888888', '居委会'],
      ['区城管执法中队', '', '', '', ''],
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    await sec.shouldReply('/import', '导入完成：3 家单位（新增 3 家），2 位联络员（变更 2 位）', {
      files: [{ name: '名单.xlsx', data }],
    });
    await sec.shouldReply(
      '/unit list',
      /区供电公司第二供电所（二所、供电所） — 联络员 周明[\s\S]*社区居委会（居委会） — 联络员 王芳/,
    );
    expect(h.store.query('select name, phone from people where name = ?', '周明')).toEqual([
      { name: '周明', phone: '13800138000' },
    ]);
  });

  it('reports every bad row and writes nothing', async () => {
    const { h, sec } = await setup();
    await sec.send('/unit add 已有单位 别名:老单位');
    const before = h.snapshot();
    const replies = await sec.send('/import', {
      files: [
        {
          name: 'roster.csv',
          data: csv([
            ['单位', '别名', '联络员', '手机'],
            ['区供电公司第二供电所', '二所', '周明', '13800138000'],
            ['', '', '王五', ''],
            ['社区居委会', '', '王芳', '12345'],
            ['区城管执法中队', '老单位', '李强', ''],
          ]),
        },
      ],
    });
    const text = replies.join('\n');
    expect(text).toContain('名单有 3 处问题，未导入任何内容');
    expect(text).toContain('第 3 行：单位名称为空');
    expect(text).toContain('第 4 行：手机号「12345」格式不对');
    expect(text).toContain('第 5 行：别名「老单位」已被「已有单位」使用');
    expect(h.snapshot()).toBe(before);
  });

  it('attaches the full report when there are many problems', async () => {
    const { h, sec } = await setup();
    const rows = [
      ['单位', '联络员', '手机'],
      ...Array.from({ length: 30 }, (_, i) => [`单位${i}`, '王五', 'x']),
    ];
    await sec.send('/import', { files: [{ name: 'r.csv', data: csv(rows) }] });
    const withFile = h.adapter.delivered.find((d) => d.msg.file);
    expect(withFile?.msg.text).toContain('另有 10 处问题');
    const report = Buffer.from(withFile!.msg.file!.base64, 'base64').toString('utf8');
    expect(report.split('\r\n').filter(Boolean)).toHaveLength(30);
    expect(h.count('units')).toBe(0);
  });

  it('imports a file sent without the command by the secretary, and explains unreadable files', async () => {
    const { h, sec } = await setup();
    await sec.shouldReply('', '导入完成：1 家单位', {
      files: [{ name: 'a.csv', data: csv([['单位'], ['某单位']]) }],
    });
    await sec.shouldReply('/import', '只支持 .xlsx 和 .csv 文件', {
      files: [{ name: 'a.pdf', data: Buffer.from('%PDF') }],
    });
    await sec.shouldReply('/import', '请发送要导入「和平街道联席会议」的名单文件');
    await sec.shouldReply('', '导入完成：1 家单位', {
      files: [{ name: 'b.csv', data: csv([['单位'], ['乙单位']]) }],
    });
    await sec.shouldReply('/import', '文件无法读取', {
      files: [{ name: 'a.xlsx', data: Buffer.from('not a zip') }],
    });
    expect(h.count('units')).toBe(2);
  });

  it('re-importing keeps people and reports changed liaisons only', async () => {
    const { h, sec } = await setup();
    const file = (liaison: string) => [
      {
        name: 'r.csv',
        data: csv([
          ['单位', '联络员', '手机'],
          ['某单位', liaison, '13800138000'],
        ]),
      },
    ];
    await sec.send('/import', { files: file('周明') });
    await sec.shouldReply('/import', '1 位联络员（变更 0 位）', { files: file('周明') });
    await sec.shouldReply('/import', '1 位联络员（变更 1 位）', { files: file('李娜') });
    expect(h.count('people')).toBe(3);
    await sec.shouldReply('/liaison 某单位', /现任：李娜[\s\S]*历任：\n· 周明/);
  });

  it('imports in a private chat when the body is named', async () => {
    const { h } = await setup();
    const dm = h.client('张三', { direct: true });
    await h.client('张三', '另一群').send('/setup 联席会议 另一个联席会议');
    await dm.shouldReply('/import', '私聊导入请写明机构名称', {
      files: [{ name: 'a.csv', data: csv([['单位'], ['甲']]) }],
    });
    await dm.shouldReply('/import 和平街道联席会议', '导入完成：1 家单位', {
      files: [{ name: 'a.csv', data: csv([['单位'], ['甲']]) }],
    });
    await h
      .client('李四', { direct: true })
      .shouldReply('/import 和平街道联席会议', '只有管理员或秘书可以导入名单', {
        files: [{ name: 'a.csv', data: csv([['单位'], ['乙']]) }],
      });
  });

  it('takes a file in a private chat from the secretary of exactly one body, or after /import <名称>', async () => {
    const { h } = await setup();
    const dm = h.client('张三', { direct: true });
    await dm.shouldReply('', '导入完成：1 家单位', {
      files: [{ name: 'a.csv', data: csv([['单位'], ['甲']]) }],
    });
    await dm.shouldReply('/import 和平街道联席会议', '请发送要导入「和平街道联席会议」的名单文件');
    await dm.shouldReply('', '导入完成：1 家单位', {
      files: [{ name: 'b.csv', data: csv([['单位'], ['乙']]) }],
    });
    await h
      .client('李四', { direct: true })
      .shouldReply('', '我没有听懂', { files: [{ name: 'c.csv', data: csv([['单位'], ['丙']]) }] });
    expect(h.store.query('select name from units order by id')).toEqual([{ name: '甲' }, { name: '乙' }]);
  });
});
