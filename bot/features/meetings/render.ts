/**
 * The self-contained meeting card (J4): name, number, date and weekday, time, place or link, chair, the
 * agenda so far, and the last sitting's open items with status and warning colour — everything a reader
 * needs without scrolling back. Used by the reminders, `/meeting next` and the attendance list.
 * @module
 */
import type { OccurrenceRow } from '../../../db/repos/meetings.js';
import type { AppDeps } from '../../core/context.js';
import type { Messages } from '../../core/i18n/index.js';
import { localDate } from '../../domain/time.js';
import { describeItem, itemsFromMeeting } from '../items/summary.js';
import { occurrenceLabel, restDayName, seqText, when } from './common.js';

export type CardKind = 'topic_call' | 'notice' | 'reminder' | 'next';

function personName(deps: AppDeps, id: number | null): string | undefined {
  return id ? deps.repos.people.getPerson(id)?.name : undefined;
}

/** Time, place, link and chair lines of a sitting. */
export function detailLines(deps: AppDeps, m: Messages, occ: OccurrenceRow, tz: string): string[] {
  const t = m.meetings;
  const rest = restDayName(deps, m, occ.scheduledAt, tz);
  const lines = [t.card.time(when(m, occ.scheduledAt, tz), rest ? t.restNote(rest) : '')];
  if (occ.scheduledAt !== occ.originalAt && occ.kind !== 'adhoc')
    lines.push(t.card.movedFrom(when(m, occ.originalAt, tz)));
  if (occ.place) lines.push(t.place(occ.place));
  if (occ.onlineLink) lines.push(t.online(occ.onlineLink));
  const chair = personName(deps, occ.chairPersonId);
  if (chair) lines.push(t.chair(chair));
  return lines;
}

/** The agenda so far: accepted, proposed and deferred topics. */
export function agendaLines(deps: AppDeps, m: Messages, occ: OccurrenceRow): string[] {
  const t = m.meetings;
  const topics = deps.repos.meetings.topicsOf(occ.id);
  if (!topics.length) return [t.card.noTopics];
  return [
    t.card.topics(topics.length),
    ...topics.map((tp, i) =>
      t.card.topicLine(i + 1, tp.title, tp.unitName ?? tp.proposerName ?? '', t.topicStatus[tp.status]),
    ),
  ];
}

/** 上次议定事项落实情况: the previous sitting's items that are not closed, with status and colour. */
export function previousItemLines(
  deps: AppDeps,
  m: Messages,
  occ: OccurrenceRow,
  tz: string,
  now: number,
): string[] {
  const t = m.meetings;
  const prev = deps.repos.meetings.previousOf(occ);
  if (!prev) return [];
  const items = itemsFromMeeting(deps.repos, prev.id, localDate(now, tz));
  const open = items.filter((i) => i.status !== 'closed');
  const closed = items.length - open.length;
  const head = t.card.previousItems(occurrenceLabel(m, prev, tz));
  if (!items.length) return [head, t.card.noPreviousItems];
  return [
    head,
    ...open.map((s) => `· ${describeItem(m, s)}`),
    ...(closed ? [t.card.closedCount(closed)] : []),
    ...(!open.length ? [t.card.allClosed] : []),
  ];
}

/** The whole card for a reminder of the given kind (or for `/meeting next`). */
export function renderCard(
  deps: AppDeps,
  m: Messages,
  occ: OccurrenceRow,
  opts: { kind: CardKind; tz: string; now: number; late?: boolean; minutesBefore?: number },
): string {
  const t = m.meetings;
  const { tz, now } = opts;
  const seq = seqText(m, occ);
  const lines: string[] = [t.card.header[opts.kind](occ.title, seq)];
  if (opts.kind === 'reminder' && opts.minutesBefore) lines.push(t.card.startsIn(opts.minutesBefore));
  if (opts.late) lines.push(t.card.late);
  lines.push(...detailLines(deps, m, occ, tz));
  lines.push('', ...agendaLines(deps, m, occ));
  if (opts.kind === 'topic_call') lines.push(t.card.topicCallHint);
  const previous = previousItemLines(deps, m, occ, tz, now);
  if (previous.length) lines.push('', ...previous);
  if (opts.kind !== 'next') lines.push('', t.card.answer);
  return lines.join('\n');
}

/** 参会 / 请假 (with reason and 代会人) of a sitting, for `/meeting 名单` and the minutes. */
export function attendanceLines(deps: AppDeps, m: Messages, occ: OccurrenceRow, tz: string): string[] {
  const t = m.meetings;
  const rows = deps.repos.meetings.attendanceOf(occ.id);
  const who = (r: (typeof rows)[number]) =>
    r.unitName ? t.att.withUnit(r.personName, r.unitName) : r.personName;
  const attending = rows.filter((r) => r.status === 'attending' || r.status === 'present');
  const observers = rows.filter((r) => r.status === 'observer');
  const excused = rows.filter((r) => r.status === 'excused');
  const absent = rows.filter((r) => r.status === 'absent');
  const lines = [t.att.title(occurrenceLabel(m, occ, tz))];
  if (!rows.length) return [...lines, t.att.none];
  lines.push(t.att.attending(attending.length, attending.map(who).join(m.sep) || m.common.none));
  lines.push(t.att.excused(excused.length));
  for (const r of excused) lines.push(t.att.excusedLine(who(r), r.reason ?? '', r.substituteName ?? ''));
  if (observers.length) lines.push(t.att.observers(observers.map(who).join(m.sep)));
  if (absent.length) lines.push(t.att.absent(absent.map(who).join(m.sep)));
  return lines;
}
