/** Texts of the meetings feature, in English; same keys as ../zh-CN/meetings.ts. */
import type { meetings as zh } from '../zh-CN/meetings.js';

const withSeq = (title: string, seq: string) => `${title}${seq ? ` ${seq}` : ''}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const meetings: typeof zh = {
  usage:
    '/meeting <when> [name] [place:…] [online:link] [chair:@someone] [postpone]\ne.g. /meeting monthly on the 5th at 14:30 Street joint meeting place:Community centre 3F\ne.g. /meeting every Monday and Thursday 9:30am Weekly meeting postpone\ne.g. /meeting Dec 10 3pm Special meeting\n/meeting list | next | attendance  show\n/meeting cancel <date> [reason]  cancel one sitting\n/meeting move <date> <new time>  move one sitting\n/meeting stop | ics | remind  stop | calendar file | reminder plan\n/meeting attend | leave\n/meeting start | end  hold the meeting (capture the discussion)',
  meetingsUsage: '/meetings  (private chat) my coming meetings in every group',

  when: (date: string, time: string) => `${date} ${time}`,
  seq: (n: number) => `#${n}`,
  occurrenceLabel: (title: string, seq: string, when: string) => `${withSeq(title, seq)} (${when})`,
  weekend: 'weekend',
  restDay: 'day off',
  restNote: (name: string) => ` ⚠ ${name}`,
  restWarn: (name: string) => `\n⚠ That day is a day off (${name}); please make sure.`,
  place: (p: string) => `Place: ${p}`,
  online: (link: string) => `Online: ${link}`,
  chair: (name: string) => `Chair: ${name}`,
  policy: {
    keep: 'On holidays: held as scheduled',
    next_workday: 'On holidays: postponed to the next working day',
  },
  policyShort: { keep: '', next_workday: ' (postponed on holidays)' },
  attendButton: 'Attend',
  leaveButton: 'Excused',

  emptyText: 'The text must not be empty.',
  badText: 'The text has characters that cannot be used (such as control characters), or no words.',
  badName: 'The meeting name has characters that cannot be used (such as emoji).',
  badLink: 'An online meeting link starts with http:// or https:// and has at most 300 characters.',
  badDuration:
    'Write the duration in minutes or hours, e.g. duration:90min or duration:2h (15 minutes to 12 hours).',
  badSeq: 'The first number is a whole number 1–9999, e.g. seq:5.',
  badChair: 'Name the chair: chair:@someone or chair:name.',
  badPolicy: (word: string) =>
    `"${word}" is not an option: write "on" to postpone, "off" to hold as scheduled.`,
  needSchedule: 'Write when the meeting is, e.g. monthly on the 5th at 14:30.',
  problem: {
    no_schedule: (d: string) => `I did not understand when the meeting is${d ? `: "${d}"` : ''}.`,
    bad_day: (d: string) => `There is no such day: "${d}".`,
    bad_time: (d: string) => `The time "${d}" is not valid (0:00–23:59).`,
    bad_weekday: (d: string) => `I do not know the weekday "${d}" (Monday to Sunday).`,
    ambiguous: (d: string) =>
      `"${d}" is ambiguous; be more specific, e.g. every 2 weeks on Wednesday, monthly on the 5th at 14:30.`,
  },
  inPast: (when: string) => `${when} is in the past; give a time to come.`,

  echo: {
    title: 'This is what I understood; please confirm:',
    rule: (name: string, rule: string) => `"${name}" ${rule}`,
    seqFrom: (n: number) => `Numbering starts at #${n}`,
    defaultTime: (time: string) => `No time given, so ${time} for now; press "Edit" to change it.`,
    afternoon: 'No a.m. or p.m. given; read as the afternoon.',
    nextYear: 'That date has passed this year, so next year.',
    referenceWeek:
      'Every other week counts from this week; to start another week, write e.g. "from Dec 9 every 2 weeks on Wednesday".',
    nextThree: 'The next three:',
    theMeeting: 'The meeting:',
    noOccurrences: 'This rule gives no meeting in the future.',
    moved: (original: string) => ` (was ${original}, postponed)`,
    holidayWarn:
      '⚠ A meeting falls on a holiday or weekend. Press "Postpone on holidays" to move such meetings to the next working day.',
    onceRestWarn: '⚠ That day is a day off; do you really want to meet then?',
    noCalendarData: (years: string) =>
      `⚠ No holiday data for ${years} yet: Monday to Friday count as working days (an admin can add them with /holiday add).`,
    plan: (text: string) => `Reminders: ${text}`,
    confirm: '✅ Confirm',
    edit: '✏️ Edit',
    postponeOn: 'Postpone on holidays',
    postponeOff: 'Hold on holidays as scheduled',
  },
  confirmed: (name: string, rule: string, policy: string) =>
    `✅ Scheduled "${name}": ${rule}${policy}\nNext:`,
  confirmedHint: 'Add a topic: /topic text   List: /meeting list   Calendar: /meeting ics',
  alreadyConfirmed: (name: string) => `"${name}" is already confirmed.`,
  editPrompt: (ruleText: string, name: string) =>
    `Send the whole schedule again (now "${ruleText} ${name}"), e.g.:\nmonthly on the 5th at 14:30 Street joint meeting place:Community centre 3F`,
  seriesGone:
    'That meeting schedule no longer exists or was stopped. Send /meeting list to see the meetings.',
  occurrenceGone:
    'That meeting was cancelled, has been held, or does not exist. Send /meeting list to see the meetings.',
  noSeries:
    'No meeting is scheduled here yet. Schedule one: /meeting monthly on the 5th at 14:30 Street joint meeting',
  noUpcoming: 'No meeting is scheduled soon.',
  whichSeries: 'Which meeting?',
  whichOccurrence: 'There are several meetings that day; choose one:',
  needDate: 'Give the meeting date, e.g. Dec 10.',
  notADate: (s: string) => `"${s}" is not a date; write e.g. Dec 10 or 2026-12-10.`,
  noneOnDay: (date: string) => `No meeting is scheduled on ${date}.`,
  needNewTime: 'Give the date and the new time, e.g. /meeting move 2026-12-10 2026-12-11 15:00',
  needOneTime: (s: string) => `"${s}" is not one date and time; write e.g. 2026-12-11 15:00 or 3pm.`,
  alreadyStarted: 'That meeting has begun or is over; it cannot be cancelled or moved.',
  cancelledOne: (label: string, reason: string) =>
    `❌ Meeting cancelled: ${label}${reason ? `\nReason: ${reason}` : ''}`,
  topicsMoved: (n: number, next: string) =>
    next ? `Its ${plural(n, 'topic')} moved to ${next}.` : `Its ${plural(n, 'topic')} went back to the pool.`,
  movedOne: (from: string, to: string) => `🔁 Meeting moved: ${from}\nNow: ${to}`,
  moveUnchanged: (label: string) => `${label} keeps its time.`,
  moveClash: (label: string) => `The new time is the time of ${label}; choose another.`,
  stopAsk: (name: string, n: number) =>
    `Stop "${name}"? The ${plural(n, 'meeting')} already scheduled will be cancelled.`,
  stopConfirm: 'Stop it',
  stopped: (name: string, n: number) => `⏹ Stopped "${name}"; cancelled ${plural(n, 'coming meeting')}.`,
  icsCaption: (name: string) =>
    `Calendar file (.ics) for "${name}", to import into a phone or desktop calendar.`,
  icsPostponeNote: 'Meetings postponed for holidays: the group notice decides.',
  onceNeverMoves: 'A one-off meeting is not postponed for holidays; use /meeting move to move it.',
  policyUnchanged: (name: string, policy: string) => `"${name}" already is: ${policy}.`,
  policyChanged: (name: string, policy: string, n: number) =>
    `"${name}" now: ${policy}.${n ? ` ${plural(n, 'meeting')} moved.` : ''}`,
  topicStatus: {
    proposed: 'proposed',
    accepted: 'accepted',
    deferred: 'deferred',
    rejected: 'rejected',
    discussed: 'discussed',
  },

  plan: {
    names: { topicCall: 'Call for topics', notice: 'Notice', reminder: 'Reminder' },
    part: (name: string, value: string) => `${name} ${value}`,
    sep: '; ',
    off: 'off',
    daysBefore: (days: number, time: string) => `${plural(days, 'day')} before at ${time}`,
    minutesBefore: (min: number) =>
      min % 60 === 0 ? `${plural(min / 60, 'hour')} before` : `${plural(min, 'minute')} before`,
    show: (name: string, plan: string) =>
      `Reminders of "${name}": ${plan}\nChange: /meeting remind notice 2 days 15:00 | /meeting remind topic off | /meeting remind reminder 30min | /meeting remind default`,
    changed: (name: string, plan: string) => `Reminders of "${name}" updated: ${plan}`,
    unknownKind: (word: string) => `"${word}" is not a reminder; write topic, notice or reminder.`,
    needValue: 'Say how long before (e.g. 2 days 15:00, 30min), or off.',
    badDays: (v: string) => `I did not understand "${v}": write e.g. 2 days 15:00 (1–60 days).`,
    badMinutes: (v: string) => `I did not understand "${v}": write e.g. 30min or 2h (5 minutes to 24 hours).`,
  },

  card: {
    header: {
      topic_call: (title: string, seq: string) => `📣 Call for topics | ${withSeq(title, seq)}`,
      notice: (title: string, seq: string) => `📅 Meeting notice | ${withSeq(title, seq)}`,
      reminder: (title: string, seq: string) => `⏰ Reminder | ${withSeq(title, seq)}`,
      next: (title: string, seq: string) => `📅 Next meeting | ${withSeq(title, seq)}`,
    },
    startsIn: (min: number) => `The meeting starts in ${plural(min, 'minute')}.`,
    late: '(sent late, after the bot was back)',
    time: (when: string, rest: string) => `Time: ${when}${rest}`,
    movedFrom: (original: string) => `(was ${original})`,
    noTopics: 'Topics: none yet',
    topics: (n: number) => `Topics (${n}):`,
    topicLine: (i: number, title: string, who: string, status: string) =>
      `${i}. ${title}${who ? ` (${who})` : ''}${status ? ` [${status}]` : ''}`,
    topicCallHint: 'Propose a topic: /topic text',
    previousItems: (label: string) => `Items agreed last time (${label}):`,
    noPreviousItems: '(no items were agreed last time)',
    closedCount: (n: number) => `${plural(n, 'more item')} closed.`,
    allClosed: 'Every item agreed last time is closed.',
    answer: 'Please answer with "Attend" or "Excused".',
  },

  att: {
    title: (label: string) => `Attendance of ${label}:`,
    none: 'Nobody has answered yet.',
    attending: (n: number, names: string) => `Attending (${n}): ${names}`,
    excused: (n: number) => `Excused (${n}):${n ? '' : ' none'}`,
    excusedLine: (who: string, reason: string, substitute: string) =>
      `· ${who}${reason ? `, reason: ${reason}` : ''}; substitute: ${substitute || 'none'}`,
    observers: (names: string) => `Observers: ${names}`,
    absent: (names: string) => `Absent: ${names}`,
    withUnit: (name: string, unit: string) => `${name} (${unit})`,
    alreadyAttending: (name: string, label: string) => `${name} is already attending ${label}.`,
    attendingSaved: (name: string, label: string) => `✅ ${name} attends ${label}.`,
    askReason: (name: string, label: string) => `${name}, why can you not attend ${label}?`,
    askReasonAgain: 'Please give the reason again:',
    askSubstitute: 'Who attends in your place? (a name or an @mention; "none" if nobody)',
    badSubstitute: 'A substitute is 2–20 letters, or an @mention of someone in the group.',
    leaveSaved: (name: string, label: string, reason: string, substitute: string) =>
      `✅ ${name} is excused from ${label}\nReason: ${reason}\nSubstitute: ${substitute || 'none'}`,
  },

  topic: {
    usage:
      '/topic <topic> [unit:proposing unit]  propose a topic for the next meeting\n/topic list  show the topics\n(secretary) /topic accept|defer|reject #number',
    needText: 'Write the topic.',
    needId: 'Give the topic number, e.g. /topic accept #3 (see /topic list).',
    needUnit: 'Give the proposing unit by name or alias, e.g. unit:Power.',
    added: (title: string, who: string, label: string) =>
      `📌 Topic "${title}" (${who}) proposed for ${label}; the secretary will decide.`,
    addedToPool: (title: string, who: string) =>
      `📌 Topic "${title}" (${who}) received. No meeting is scheduled yet, so it waits in the pool.`,
    acceptButton: 'Accept',
    deferButton: 'Next time',
    rejectButton: 'Reject',
    accepted: (title: string) => `✅ Topic "${title}" accepted.`,
    deferred: (title: string, label: string) => `⏭ Topic "${title}" deferred to ${label}.`,
    deferredToPool: (title: string) => `⏭ Topic "${title}" deferred; back in the pool.`,
    rejected: (title: string, note: string) => `Topic "${title}" rejected${note ? `: ${note}` : '.'}`,
    already: (title: string, status: string) => `Topic "${title}" is already ${status}.`,
    notFound: 'No such topic (it may have been discussed, or belongs to another group).',
    listTitle: (label: string) => `Topics of ${label}:`,
    poolTitle: 'Topic pool (not scheduled yet):',
    none: 'No topics yet. Propose one: /topic text',
  },

  capture: {
    started: (label: string) =>
      `▶ Meeting started: ${label}\nI will keep the discussion here for the minutes. Send /meeting end when it is over.`,
    startedBlind: (label: string) =>
      `▶ Meeting started: ${label}\nNote: I cannot see every message of this group, so I cannot keep the whole discussion.`,
    blindTelegram:
      'Telegram privacy mode is on: the bot only sees commands and replies to it. To capture the discussion, send /setprivacy to @BotFather, choose this bot, choose Disable, then remove the bot from the group and add it again — or make the bot a group admin. This time, paste the notes to me after the meeting.',
    blindWecom:
      'In a WeCom group the bot only sees messages that @ it: what is said with @Yishi is kept. Paste the notes to me after the meeting.',
    blindOther:
      'This platform does not show the bot every group message. Paste the notes to me after the meeting.',
    alreadyRunning: (label: string) => `${label} is still running; send /meeting end first.`,
    notRunning: 'No meeting is running. Start one: /meeting start',
    nothingNow: (next: string) => `No meeting is due now (next: ${next}).`,
    ended: (label: string, n: number) =>
      `⏹ Meeting ended: ${label}\nKept ${plural(n, 'message')} for the minutes.`,
    endedNothing: (label: string) => `⏹ Meeting ended: ${label}\nNo discussion was captured.`,
    endedBlind: (label: string, n: number) =>
      `⏹ Meeting ended: ${label}\nI only saw ${plural(n, 'message')} that @ me.`,
    pasteNotes:
      'Paste the meeting notes (or the main points) here and I will keep them for the minutes. (For 24 hours; send "cancel" to skip.)',
    notesSaved: (n: number) => `✅ Notes kept (${plural(n, 'character')}) for the minutes.`,
  },

  list: {
    title: (body: string) => `Meetings of "${body}":`,
    series: (i: number, name: string, rule: string, policy: string) => `${i}. ${name} — ${rule}${policy}`,
    detailSep: ' | ',
    next: (s: string) => `Next: ${s}`,
    sep: '; ',
    cancelledMark: (label: string) => `${label} (cancelled)`,
    noneUpcoming: 'No meeting scheduled soon.',
    empty:
      'No meeting is scheduled yet. Schedule one: /meeting monthly on the 5th at 14:30 Street joint meeting',
    hint: 'Next meeting: /meeting next   Cancel: /meeting cancel date   Move: /meeting move date new-time',
  },

  mine: {
    title: 'Your coming meetings:',
    body: (name: string) => `"${name}"`,
    line: (label: string, where: string, status: string) =>
      `· ${label}${where ? ` @ ${where}` : ''} — ${status}`,
    status: {
      attending: 'attending',
      present: 'present',
      excused: 'excused',
      observer: 'observer',
      absent: 'absent',
    },
    noAnswer: 'no answer yet',
    none: 'You have no meeting soon.',
    hint: 'Answer with the "Attend" / "Excused" buttons of the notice, or /meeting attend and /meeting leave in the group.',
  },
};
