/**
 * Statistics as text: the compact ranked view for a phone (`/stats`), the 通报 written the way an office
 * writes one (`/bulletin`, and the monthly post), and the star ratings with the parts of each score.
 * The .docx and .xlsx renderers take the sections built here, so every format says the same.
 * @module
 */
import type { Messages } from '../../core/i18n/index.js';
import { longDate } from '../../domain/dates.js';
import type { SubjectStats } from '../../domain/metrics.js';
import type { Period } from '../../domain/periods.js';
import { localDate, localDateTime } from '../../domain/time.js';
import type { StatsReport } from './collect.js';

export const periodLabel = (m: Messages, p: Period): string =>
  m.stats.period(p.kind, p.year, p.index, p.start, p.end);

const score = (s: SubjectStats) => (s.score ? s.score.score.toFixed(1) : '—');

/** A ten-cell bar for a score out of 100. */
export function bar(value: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(value / 10)));
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}

const names = (m: Messages, list: readonly SubjectStats[]) => list.map((s) => s.subject.name).join(m.sep);

/** `/stats`: totals, then each unit ranked with a bar and its rates; 红黑榜 at the end. */
export function statsText(m: Messages, r: StatsReport): string {
  const s = m.stats;
  const tz = r.body.timezone;
  const t = r.totals;
  const lines = [`${s.title(r.body.name, periodLabel(m, r.period))}${s.asOf(localDateTime(r.now, tz))}`];
  if (!r.subjects.length) return [...lines, s.nothing].join('\n');
  lines.push(
    s.totals(
      t.counts.due,
      t.counts.closed,
      s.pct(t.rates.closure),
      s.pct(t.rates.onTime),
      s.pct(t.rates.onTimeOriginal),
    ),
    s.totals2(t.counts.openOverdue, t.counts.closedLate, t.counts.awaitingVerification, t.counts.parked),
    '',
  );
  for (const u of r.subjects) {
    if (!u.score || u.rank === undefined) {
      lines.push(s.unscoredLine(u.subject.name));
      continue;
    }
    lines.push(
      s.scoreLine(u.rank, u.subject.name, bar(u.score.score), score(u)),
      s.rates(
        s.pct(u.rates.onTime),
        s.pct(u.rates.onTimeOriginal),
        s.pct(u.rates.closure),
        s.pct(u.rates.ack),
      ) + (u.counts.callbacks.valid ? s.satisfaction(s.pct(u.rates.satisfaction)) : ''),
      s.counts(
        u.counts.openOverdue + u.counts.closedLate,
        s.pct(u.rates.extension),
        s.pct(u.rates.rework),
        s.pct(u.rates.return),
        s.days(u.rates.avgHandlingWorkdays),
      ),
    );
  }
  if (r.top.length) lines.push('', s.red(names(m, r.top)), s.black(names(m, r.bottom)));
  lines.push('', s.hint);
  return lines.join('\n');
}

/** The 通报 as titled sections of paragraphs (the chat text, the .docx and the group post share it). */
export interface BulletinDoc {
  title: string;
  to: string;
  opening: string;
  sections: { heading: string; paragraphs: string[] }[];
  signature: string;
  date: string;
}

export function bulletinDoc(m: Messages, r: StatsReport): BulletinDoc {
  const b = m.stats.bulletin;
  const s = m.stats;
  const { counts: c, rates } = r.totals;
  const label = periodLabel(m, r.period);
  const lang = m.language as 'zh-CN' | 'en';
  const overall = [
    b.overall(
      c.due,
      c.closed,
      s.pct(rates.closure),
      c.onTime,
      s.pct(rates.onTime),
      s.pct(rates.onTimeOriginal),
    ),
    b.overall2(c.openOverdue, c.closedLate, c.extended, c.reworked, c.parked),
    b.overall3(c.dispatched, s.pct(rates.ack), s.pct(rates.return), s.days(rates.avgHandlingWorkdays)),
    ...(c.callbacks.valid ? [b.overallSatisfaction(c.callbacks.valid, s.pct(rates.satisfaction))] : []),
  ];
  const ranked = r.subjects.filter((u) => u.score);
  const units = ranked.map((u) =>
    b.unit(
      `${u.rank}. `,
      u.subject.name,
      u.counts.due,
      u.counts.closed,
      s.pct(u.rates.onTime),
      u.counts.openOverdue + u.counts.closedLate,
      score(u),
    ),
  );
  const overdue = r.overdue.map((o, i) =>
    b.overdueLine(
      i + 1,
      o.fact.subject.name,
      o.fact.ref,
      o.fact.title,
      longDate(localDate(o.dueAt - 1, r.body.timezone), lang),
      o.workdaysOverdue,
    ),
  );
  return {
    title: b.title(r.body.name, label),
    to: b.to,
    opening: b.opening(label),
    sections: [
      { heading: b.h1, paragraphs: overall },
      { heading: b.h2, paragraphs: units.length ? units : [b.noUnits] },
      { heading: b.h3, paragraphs: overdue.length ? overdue : [b.noOverdue] },
      {
        heading: b.h4,
        paragraphs: r.top.length ? [b.red(names(m, r.top)), b.black(names(m, r.bottom))] : [b.noLists],
      },
      { heading: b.h5, paragraphs: [b.closing] },
    ],
    signature: b.signature(r.body.name),
    date: longDate(localDate(r.now, r.body.timezone), lang),
  };
}

export function bulletinText(doc: BulletinDoc): string {
  return [
    doc.title,
    '',
    doc.to,
    `　　${doc.opening}`,
    ...doc.sections.flatMap((sec) => [`　　${sec.heading}`, ...sec.paragraphs.map((p) => `　　${p}`)]),
    '',
    doc.signature,
    doc.date,
  ].join('\n');
}

/** `/stars`: each unit's stars, score, and how the score was made. */
export function starsText(m: Messages, r: StatsReport, thresholds: readonly number[]): string {
  const st = m.stats.stars;
  const s = m.stats;
  const lines = [
    `${st.title(r.body.name, r.period.year)}${s.asOf(localDateTime(r.now, r.body.timezone))}`,
    st.rule(thresholds),
  ];
  const ranked = r.subjects.filter((u) => u.score && u.rank !== undefined);
  if (!ranked.length) return [...lines, st.none].join('\n');
  for (const u of ranked) {
    const sc = u.score!;
    lines.push(st.line(u.rank!, u.subject.name, sc.stars, sc.score.toFixed(1)));
    lines.push(
      st.parts(
        sc.parts
          .map((p) => st.part(st.partName[p.part], s.pct(p.rate), p.weight, p.points.toFixed(1)))
          .join(' + '),
      ),
    );
    if (sc.deductions.rework || sc.deductions.overdue)
      lines.push(st.minus(sc.deductions.rework, sc.deductions.overdue));
    if (sc.adjustments.length)
      lines.push(`   ${sc.adjustments.map((a) => st.adjust(a.points, a.reason)).join('；')}`);
  }
  return lines.join('\n');
}
