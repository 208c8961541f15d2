import { createWorkCalendar } from '/work/main/bot/domain/calendar.js';
import { extractItems, MAX_NOTES_LENGTH } from '/work/main/bot/domain/extract.js';
const units = [{ id: 1, name: '区供电公司第二供电所', aliases: ['二所', '供电所'] },{ id: 2, name: '和平街道幸福里社区居委会', aliases: ['社区居委会', '居委会'] }];
const cal = createWorkCalendar();
const hostile: [string,string][] = [
 ['yi', '一、'.repeat(5000)], ['you', '由'.repeat(20_000)], ['qing', '请区供电所于10月20日前完成，'.repeat(3000)],
 ['emoji', '😀'.repeat(1000)], ['x', 'x'.repeat(MAX_NOTES_LENGTH + 10)], ['paren', `${'（'.repeat(3000)}责任单位：${'）'.repeat(3000)}`],
 ['lines', Array.from({length: 3000}, (_, i) => `${i+1}. 二所负责第${i}项排查，10月20日前完成。`).join('\n')],
 ['prose', Array.from({length: 3000}, (_, i) => `会议要求二所做好第${i}项工作`).join('\n')],
];
for (const [n, t] of hostile) { const s = performance.now(); const r = extractItems(t, { units, reference: '2026-09-28', calendar: cal }); console.log(n, Math.round(performance.now()-s), 'ms', r.items.length); }
