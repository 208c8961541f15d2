/**
 * Render a sample minutes .docx and ledger .xlsx and, when LibreOffice is installed, turn them into PDF
 * and PNG pages for a human look: `npx tsx scripts/render-samples.ts [outDir]`. Not part of CI.
 * LibreOffice substitutes fonts; with FONTCONFIG_FILE pointing at an alias file (README) the 仿宋/小标宋
 * families map to Noto CJK.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLedgerXlsx } from '../bot/render/ledger-xlsx.js';
import { renderMinutesDocx } from '../bot/render/minutes-docx.js';

const out = process.argv[2] ?? 'data/samples';
mkdirSync(out, { recursive: true });

const minutes = await renderMinutesDocx({
  masthead: '和平街道区域化党建联席会议纪要',
  title: '2026年第四次联席会议纪要',
  docNo: '第4期',
  opening:
    '2026年12月5日下午，街道党工委书记李明在党群服务中心三楼会议室主持召开2026年第四次联席会议。现将议定事项纪要如下：',
  discussion: '会议听取了上次议定事项落实情况汇报，研究了老旧小区线路改造和楼道堆物清理工作。',
  items: [
    {
      seq: 1,
      content: '排查建设路3处老化线路并完成更换',
      lead: '区供电公司第二供电所',
      support: ['社区居委会'],
      liaison: '周明',
      due: '2026年12月18日前',
    },
    {
      seq: 2,
      content: '清理5号楼楼道堆放杂物，建立长效巡查机制',
      lead: '社区居委会',
      support: ['物业公司'],
      liaison: '王芳',
      due: '2026年12月11日前',
    },
  ],
  attendance: {
    present: ['街道党工委（李明）', '区供电公司第二供电所（周明）', '社区居委会（王芳）'],
    excused: [{ name: '区城管执法中队（张强）', reason: '外出培训', substitute: '刘伟' }],
    observers: ['物业公司（陈静）'],
  },
  issuer: '和平街道联席会议办公室',
  issuedOn: '2026年12月5日',
  status: 'approved',
});
writeFileSync(join(out, 'minutes.docx'), minutes);

const ledger = await renderLedgerXlsx({
  generatedAt: '2026年12月8日 10:00',
  today: '2026-12-08',
  sheets: [
    {
      bodyName: '和平街道区域化党建联席会议',
      rows: [
        {
          code: 'HP-2026-031',
          source: '第四次联席会议',
          assignedOn: '2026-12-05',
          content: '排查建设路3处老化线路',
          leadUnit: '区供电公司第二供电所',
          supportUnits: ['社区居委会'],
          liaison: '周明',
          acknowledgedAt: '2026-12-05 10:30',
          originalDue: '2026-12-04',
          currentDue: null,
          extensions: 0,
          lastFeedbackAt: '2026-12-07 16:00',
          progress: '已完成2处',
          status: 'in_progress',
          warning: 'yellow',
          chases: 1,
          closedOn: null,
          note: null,
        },
        {
          code: 'HP-2026-032',
          source: '第四次联席会议',
          assignedOn: '2026-12-05',
          content: '清理5号楼楼道杂物',
          leadUnit: '社区居委会',
          supportUnits: [],
          liaison: '王芳',
          acknowledgedAt: '2026-12-05 11:00',
          originalDue: '2026-12-11',
          currentDue: null,
          extensions: 0,
          lastFeedbackAt: null,
          progress: null,
          status: 'closed',
          warning: 'none',
          chases: 0,
          closedOn: '2026-12-07',
          reportedDoneOn: '2026-12-06',
          note: null,
        },
      ],
    },
  ],
});
writeFileSync(join(out, 'ledger.xlsx'), ledger);
console.log(`wrote ${join(out, 'minutes.docx')} and ${join(out, 'ledger.xlsx')}`);

if (spawnSync('soffice', ['--version']).status === 0) {
  for (const f of ['minutes.docx', 'ledger.xlsx']) {
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, join(out, f)], {
      stdio: 'inherit',
    });
  }
  if (spawnSync('pdftoppm', ['-v']).status === 0) {
    for (const f of ['minutes', 'ledger'])
      execFileSync('pdftoppm', ['-png', '-r', '80', join(out, `${f}.pdf`), join(out, f)]);
  }
  console.log(`PDF${spawnSync('pdftoppm', ['-v']).status === 0 ? ' and PNG' : ''} pages are in ${out}`);
} else {
  console.log(
    'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils',
  );
}
