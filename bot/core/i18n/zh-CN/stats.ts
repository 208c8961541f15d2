/** Texts of statistics, the monthly bulletin (通报) and star ratings (评星定级), in Chinese. */

type PeriodKind = 'month' | 'quarter' | 'year' | 'range';
const QUARTER = ['', '第一季度', '第二季度', '第三季度', '第四季度'];
const CN_STAR = ['', '一星', '二星', '三星', '四星', '五星'];

export const stats = {
  usage:
    '/stats [期间]  各单位统计和排名（默认本月）\n期间：本月、上月、10月、2026年10月、三季度、今年、去年、2026-10-01至2026-10-31',
  bulletinUsage:
    '/bulletin [期间]  督办情况通报（默认上月）\n/bulletin [期间] docx  通报文件（.docx）\n/bulletin [期间] xlsx  统计表（.xlsx）\n/bulletin 设置 每月5日 09:00  每月自动通报的日期和时间\n/bulletin 开启 | 关闭',
  starsUsage:
    '/stars [年份]  各单位年度评星定级和得分构成\n/stars 标准 90 80 70 60  五星到二星的分数线\n/stars 权重 按期:40 办结:20 签收:20 满意:20\n/stars 加分 <单位> <分值> <原因>  /stars 扣分 <单位> <分值> <原因>',
  badPeriod: (t: string) => `看不懂期间「${t}」。`,
  period: (kind: PeriodKind, year: number, index: number | undefined, start: string, end: string) =>
    kind === 'month'
      ? `${year}年${index}月`
      : kind === 'quarter'
        ? `${year}年${QUARTER[index ?? 0]}`
        : kind === 'year'
          ? `${year}年`
          : `${start}至${end}`,
  pct: (r: number | undefined) => (r === undefined ? '—' : `${(r * 100).toFixed(1).replace(/\.0$/, '')}%`),
  days: (d: number | undefined) => (d === undefined ? '—' : `${d.toFixed(1).replace(/\.0$/, '')}个工作日`),

  // --- /stats in chat
  title: (body: string, period: string) => `📊 ${body} · ${period}督办统计`,
  asOf: (at: string) => `（截至 ${at}）`,
  totals: (due: number, closed: number, closure: string, onTime: string, onTimeOriginal: string) =>
    `应办结 ${due} 件，已办结 ${closed} 件（${closure}）；按期办结率 ${onTime}（按原定时限 ${onTimeOriginal}）`,
  totals2: (openOverdue: number, closedLate: number, waiting: number, parked: number) =>
    `超期未办结 ${openOverdue} 件，超期办结 ${closedLate} 件，待核验 ${waiting} 件，挂账 ${parked} 件`,
  nothing: '这一期间没有应办结或交办的事项。',
  scoreLine: (rank: number, name: string, bar: string, score: string) => `${rank}. ${name} ${bar} ${score}分`,
  unscoredLine: (name: string) => `· ${name}（本期无考核数据）`,
  rates: (onTime: string, original: string, closure: string, ack: string) =>
    `   按期 ${onTime}（原定 ${original}）· 办结 ${closure} · 签收 ${ack}`,
  satisfaction: (s: string) => ` · 满意 ${s}`,
  counts: (overdue: number, extension: string, rework: string, ret: string, avg: string) =>
    `   超期 ${overdue} · 延期 ${extension} · 返工 ${rework} · 退回 ${ret} · 平均 ${avg}`,
  red: (names: string) => `🔴 红榜：${names}`,
  black: (names: string) => `⚫ 黑榜：${names}`,
  hint: '完整通报：/bulletin　统计表：/bulletin xlsx　评星：/stars',

  // --- the bulletin (通报)
  bulletin: {
    title: (body: string, period: string) => `关于${period}${body}议定事项落实情况的通报`,
    to: '各成员单位：',
    opening: (period: string) => `现将${period}议定事项落实情况通报如下：`,
    h1: '一、总体情况',
    overall: (
      due: number,
      closed: number,
      closure: string,
      onTime: number,
      onTimeRate: string,
      original: string,
    ) =>
      `${due ? `本期应办结事项${due}件，已办结${closed}件，办结率${closure}；按期办结${onTime}件，按期办结率${onTimeRate}（按原定时限${original}）。` : '本期无应办结事项。'}`,
    overall2: (openOverdue: number, closedLate: number, extended: number, reworked: number, parked: number) =>
      `截至期末，超期未办结${openOverdue}件，超期办结${closedLate}件；申请延期${extended}件，退回重办${reworked}件，挂账${parked}件。`,
    overall3: (dispatched: number, ack: string, ret: string, avg: string) =>
      `本期交办（派遣）${dispatched}次，及时签收率${ack}，退回率${ret}；平均办理用时${avg}。`,
    overallSatisfaction: (valid: number, rate: string) => `回访${valid}件，满意率${rate}。`,
    h2: '二、各单位情况',
    unit: (
      rank: string,
      name: string,
      due: number,
      closed: number,
      onTime: string,
      overdue: number,
      score: string,
    ) =>
      `${rank}${name}：应办结${due}件，已办结${closed}件，按期办结率${onTime}，超期${overdue}件，综合得分${score}。`,
    noUnits: '本期各单位均无考核数据。',
    h3: '三、超期未办结事项',
    overdueLine: (i: number, unit: string, ref: string, title: string, due: string, days: number) =>
      `（${i}）${unit}：${ref} ${title}（时限${due}，已超期${days}个工作日）`,
    noOverdue: '本期无超期未办结事项。',
    h4: '四、红黑榜',
    red: (names: string) => `红榜：${names}。`,
    black: (names: string) => `黑榜：${names}。`,
    noLists: '参与排名的单位不足，本期不设红黑榜。',
    h5: '五、工作要求',
    closing:
      '请各单位对照通报，抓紧办理超期事项；超期单位请于3个工作日内书面说明原因和整改措施。对连续两期列入黑榜的单位，将提请召集人约谈。',
    signature: (body: string) => `${body}办公室`,
    posted: (period: string) => `📢 ${period}督办情况通报`,
    docReady: (period: string) => `${period}督办情况通报（.docx）。`,
    xlsxReady: (period: string) => `${period}督办统计表（.xlsx）。`,
    settings: (enabled: boolean, day: number, time: string) =>
      enabled ? `每月${day}日 ${time}（遇休息日顺延）在群里发布上月通报。` : '每月自动通报已关闭。',
    badSettings: '请写明日期和时间，如：/bulletin 设置 每月5日 09:00（日期1–28）',
    sheet: {
      units: '各单位情况',
      overdue: '超期事项',
      parts: '得分构成',
      rank: '排名',
      unit: '单位',
      due: '应办结',
      closed: '已办结',
      closure: '办结率',
      onTime: '按期办结率',
      onTimeOriginal: '按原定时限',
      openOverdue: '超期未办结',
      closedLate: '超期办结',
      extension: '延期率',
      rework: '返工率',
      return: '退回率',
      ack: '及时签收率',
      satisfaction: '满意率',
      avg: '平均办理（工作日）',
      score: '综合得分',
      stars: '星级',
      ref: '编号',
      content: '事项',
      dueDate: '时限',
      days: '超期工作日',
      part: '项目',
      rate: '比率',
      weight: '权重',
      points: '得分',
    },
  },

  // --- stars (评星定级)
  stars: {
    title: (body: string, year: number) => `⭐ ${body} · ${year}年度评星定级`,
    rule: (t: readonly number[]) =>
      `标准：≥${t[0]}分五星，≥${t[1]}分四星，≥${t[2]}分三星，≥${t[3]}分二星，其余一星`,
    line: (rank: number, name: string, stars: number, score: string) =>
      `${rank}. ${name} ${'★'.repeat(stars)}${'☆'.repeat(5 - stars)} ${score}分（${CN_STAR[stars]}）`,
    parts: (parts: string) => `   ${parts}`,
    part: (label: string, rate: string, weight: number, points: string) =>
      `${label}${rate}×${weight}→${points}`,
    minus: (rework: number, overdue: number) => `   扣分：返工 −${rework}，超期 −${overdue}`,
    adjust: (points: number, reason: string) =>
      `${points >= 0 ? '加分' : '扣分'} ${points >= 0 ? '+' : ''}${points}（${reason}）`,
    none: '这一年还没有可以评星的单位。',
    partName: { onTime: '按期办结率', closure: '办结率', ack: '及时签收率', satisfaction: '满意率' },
    thresholdsSet: (t: readonly number[]) =>
      `评星标准已改为：五星≥${t[0]}，四星≥${t[1]}，三星≥${t[2]}，二星≥${t[3]}。`,
    badThresholds: '请给出四个从高到低的分数线（0–100），如：/stars 标准 90 80 70 60',
    weightsSet: (w: string) => `评分权重已改为：${w}。`,
    badWeights: '请写成 按期:40 办结:20 签收:20 满意:20（0–100 的整数，至少一项大于0）',
    adjusted: (unit: string, year: number, points: number, reason: string) =>
      `已记录 ${unit} ${year}年度${points >= 0 ? '加分' : '扣分'} ${Math.abs(points)} 分：${reason}`,
    badAdjust: '请写明单位、分值和原因，如：/stars 加分 二所 3 创新项目（分值 0.5–20）',
  },
};
