/** Texts of statistics, the monthly bulletin and star ratings, in English; same keys as ../zh-CN/stats.ts. */
import type { stats as zh } from '../zh-CN/stats.js';

const MONTHS = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const stats: typeof zh = {
  usage:
    '/stats [period]  statistics and ranking of the units (default: this month)\nPeriods: this month, last month, 2026-10, Q3, 2026Q3, this year, last year, 2026-10-01..2026-10-31',
  bulletinUsage:
    '/bulletin [period]  the supervision bulletin (default: last month)\n/bulletin [period] docx  as a .docx\n/bulletin [period] xlsx  the statistics as .xlsx\n/bulletin set 5 09:00  day and time of the monthly bulletin\n/bulletin on | off',
  starsUsage:
    '/stars [year]  yearly star rating of the units, with the parts of the score\n/stars thresholds 90 80 70 60\n/stars weights ontime:40 closure:20 ack:20 satisfaction:20\n/stars bonus <unit> <points> <reason>  /stars penalty <unit> <points> <reason>',
  badPeriod: (t) => `I can't read the period "${t}".`,
  period: (kind, year, index, start, end) =>
    kind === 'month'
      ? `${MONTHS[index ?? 0]} ${year}`
      : kind === 'quarter'
        ? `Q${index} ${year}`
        : kind === 'year'
          ? `${year}`
          : `${start} to ${end}`,
  pct: (r) => (r === undefined ? '—' : `${(r * 100).toFixed(1).replace(/\.0$/, '')}%`),
  days: (d) => (d === undefined ? '—' : `${d.toFixed(1).replace(/\.0$/, '')} working days`),

  title: (body, period) => `📊 ${body} · statistics for ${period}`,
  asOf: (at) => `(as of ${at})`,
  totals: (due, closed, closure, onTime, onTimeOriginal) =>
    `Due ${due}, closed ${closed} (${closure}); on time ${onTime} (against the original deadline ${onTimeOriginal})`,
  totals2: (openOverdue, closedLate, waiting, parked) =>
    `Open and overdue ${openOverdue}, closed late ${closedLate}, awaiting verification ${waiting}, parked ${parked}`,
  nothing: 'Nothing was due or assigned in this period.',
  scoreLine: (rank, name, bar, score) => `${rank}. ${name} ${bar} ${score}`,
  unscoredLine: (name) => `· ${name} (nothing to assess in this period)`,
  rates: (onTime, original, closure, ack) =>
    `   on time ${onTime} (original ${original}) · closed ${closure} · signed ${ack}`,
  satisfaction: (s) => ` · satisfied ${s}`,
  counts: (overdue, extension, rework, ret, avg) =>
    `   overdue ${overdue} · extended ${extension} · rework ${rework} · returned ${ret} · avg ${avg}`,
  red: (names) => `🔴 Top: ${names}`,
  black: (names) => `⚫ Bottom: ${names}`,
  hint: 'Full bulletin: /bulletin  spreadsheet: /bulletin xlsx  stars: /stars',

  bulletin: {
    title: (body, period) => `Bulletin on the implementation of ${body}'s decisions, ${period}`,
    to: 'To all member units:',
    opening: (period) => `This bulletin reports how the agreed items stood in ${period}:`,
    h1: '1. Overall',
    overall: (due, closed, closure, onTime, onTimeRate, original) =>
      due
        ? `${due === 1 ? '1 item was' : `${due} items were`} due and ${closed} closed (${closure}); ${onTime} on time (${onTimeRate}; against the original deadline ${original}).`
        : 'No items were due in this period.',
    overall2: (openOverdue, closedLate, extended, reworked, parked) =>
      `At the end of the period ${openOverdue} were open and overdue and ${closedLate} had been closed late; ${extended} were extended, ${reworked} sent back for rework, ${parked} parked.`,
    overall3: (dispatched, ack, ret, avg) =>
      `${dispatched} assignments were made; signed for in time ${ack}, returned ${ret}; average handling time ${avg}.`,
    overallSatisfaction: (valid, rate) => `${valid} callbacks, satisfaction ${rate}.`,
    h2: '2. By unit',
    unit: (rank, name, due, closed, onTime, overdue, score) =>
      `${rank}${name}: due ${due}, closed ${closed}, on time ${onTime}, overdue ${overdue}, score ${score}.`,
    noUnits: 'No unit had anything to assess in this period.',
    h3: '3. Open and overdue',
    overdueLine: (i, unit, ref, title, due, days) =>
      `(${i}) ${unit}: ${ref} ${title} (due ${due}, ${days} working days overdue)`,
    noOverdue: 'Nothing is open and overdue.',
    h4: '4. Top and bottom',
    red: (names) => `Top: ${names}.`,
    black: (names) => `Bottom: ${names}.`,
    noLists: 'Too few units were ranked for top and bottom lists.',
    h5: '5. Requirements',
    closing:
      'Units are asked to finish their overdue items; units with overdue items explain the cause and their measures in writing within 3 working days. Units at the bottom twice running will be called in by the convener.',
    signature: (body) => `Office of ${body}`,
    posted: (period) => `📢 Supervision bulletin, ${period}`,
    docReady: (period) => `Bulletin for ${period} (.docx).`,
    xlsxReady: (period) => `Statistics for ${period} (.xlsx).`,
    settings: (enabled, day, time) =>
      enabled
        ? `The bulletin for the previous month is posted on day ${day} of each month at ${time} (next working day if a rest day).`
        : 'The monthly bulletin is off.',
    badSettings: 'Give the day and time, e.g. /bulletin set 5 09:00 (day 1–28)',
    sheet: {
      units: 'Units',
      overdue: 'Overdue',
      parts: 'Score parts',
      rank: 'Rank',
      unit: 'Unit',
      due: 'Due',
      closed: 'Closed',
      closure: 'Closure rate',
      onTime: 'On-time rate',
      onTimeOriginal: 'Against original',
      openOverdue: 'Open overdue',
      closedLate: 'Closed late',
      extension: 'Extension rate',
      rework: 'Rework rate',
      return: 'Return rate',
      ack: 'Signed in time',
      satisfaction: 'Satisfaction',
      avg: 'Avg handling (working days)',
      score: 'Score',
      stars: 'Stars',
      ref: 'Code',
      content: 'Item',
      dueDate: 'Due',
      days: 'Working days overdue',
      part: 'Part',
      rate: 'Rate',
      weight: 'Weight',
      points: 'Points',
    },
  },

  stars: {
    title: (body, year) => `⭐ ${body} · star rating ${year}`,
    rule: (t) =>
      `Thresholds: ≥${t[0]} five stars, ≥${t[1]} four, ≥${t[2]} three, ≥${t[3]} two, otherwise one`,
    line: (rank, name, stars, score) =>
      `${rank}. ${name} ${'★'.repeat(stars)}${'☆'.repeat(5 - stars)} ${score}`,
    parts: (parts) => `   ${parts}`,
    part: (label, rate, weight, points) => `${label} ${rate}×${weight}→${points}`,
    minus: (rework, overdue) => `   deducted: rework −${rework}, overdue −${overdue}`,
    adjust: (points, reason) => `${points >= 0 ? 'bonus +' : 'penalty '}${points} (${reason})`,
    none: 'No unit can be rated for this year yet.',
    partName: { onTime: 'on time', closure: 'closed', ack: 'signed in time', satisfaction: 'satisfied' },
    thresholdsSet: (t) => `Star thresholds: five ≥${t[0]}, four ≥${t[1]}, three ≥${t[2]}, two ≥${t[3]}.`,
    badThresholds: 'Give four thresholds from high to low (0–100), e.g. /stars thresholds 90 80 70 60',
    weightsSet: (w) => `Score weights: ${w}.`,
    badWeights: 'Write ontime:40 closure:20 ack:20 satisfaction:20 (integers 0–100, at least one above 0)',
    adjusted: (unit, year, points, reason) =>
      `Recorded for ${unit} in ${year}: ${points >= 0 ? 'bonus' : 'penalty'} of ${Math.abs(points)}: ${reason}`,
    badAdjust:
      'Give the unit, the points and the reason, e.g. /stars bonus Unit2 3 innovation (0.5–20 points)',
  },
};
