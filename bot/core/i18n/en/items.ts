/** Texts of the supervised-items feature, in English; same keys as ../zh-CN/items.ts. */
import type { items as zh } from '../zh-CN/items.js';

export const items: typeof zh = {
  status: {
    draft: 'draft',
    assigned: 'assigned',
    in_progress: 'in progress',
    reported_done: 'reported done',
    closed: 'closed',
    parked: 'parked',
    cancelled: 'cancelled',
  },
  level: { none: '', blue: '🔵 due soon', yellow: '🟡 chased', orange: '🟠 warning', red: '🔴 overdue' },
  overdue: 'overdue',
  noDue: 'ongoing',
  line: (code, content, unit, status, due, level) =>
    `${code} ${content} | ${unit} | ${status} | ${due}${level ? ` ${level}` : ''}`,

  record: {
    usage:
      '/item <lead unit> [牵头] [<support units…> 配合] <content> <deadline>\ne.g. /item 区供电公司第二供电所 牵头 社区居委会 配合 排查建设路3处老化线路 10月20日前\nAdd 联络员:@someone to name the liaison; deadlines like 月底前, 下周五, 10个工作日内, 长期.',
    draftTitle: (id) => `Draft item (to confirm, #${id})`,
    content: (c) => `Item: ${c}`,
    lead: (unit, liaison) => `Lead: ${unit} (${liaison})`,
    support: (unit, liaison) => `Support: ${unit} (${liaison})`,
    liaison: (name) => `liaison ${name}`,
    noLiaison: '⚠ no liaison',
    due: (date, said) => `Due: ${date}${said}`,
    said: (text) => ` · as said: "${text}"`,
    defaultDue: (days) => ` · no deadline given, the default ${days} days`,
    noDueDate: 'Due: ongoing (no deadline)',
    restDay: (holiday) =>
      `⚠ That day is a rest day${holiday ? ` (${holiday})` : ''}; it is kept as the deadline`,
    noCalendar: (year) => `⚠ There is no holiday data for ${year}; working days are Mon–Fri`,
    confirm: 'Confirm and assign',
    edit: 'Edit',
    drop: 'Delete',
    badDeadline: (detail) =>
      `Cannot read the deadline "${detail}". Write e.g. 10月20日前, 月底前, 下周五, 10个工作日内 or 长期.`,
    needContent: 'Please say what the item is.',
    editUsage: (id) =>
      `Edit the draft: /item edit ${id} 内容:<new content> 时限:<new deadline> 联络员:@someone`,
    deleted: (id) => `Deleted draft #${id}.`,
    notDraft: (ref) => `#${ref} is not a draft waiting for confirmation.`,
    notFound: (ref) => `No item "${ref}" was found.`,
    noUnitsLiaison: (units) =>
      `⚠ ${units} has no liaison; the notice is posted in the group instead. Appoint one with /liaison.`,
  },

  assign: {
    summary: (code, content, units, due) => `Assigned ${code}: ${content}\n${units}\nDue: ${due}`,
    notice: (code, content, unit, role, due, body) =>
      `[Assignment] ${code}\n${body}\nItem: ${content}\nResponsible: ${unit} (${role})\nDue: ${due}\nPlease acknowledge and report progress on time.`,
    roleLead: 'lead',
    roleSupport: 'support',
    ack: 'Acknowledge',
    progress: 'Progress',
    done: 'Done',
    extend: 'Ask for extension',
    notOurs: 'Not our remit',
  },

  act: {
    usage:
      '/task <code>  details and history\nLiaison: /task <code> 签收|进展 <text>|办结 <result>|延期 <date or N个工作日> <reason>|非本单位 <reason>\nSecretary: /task <code> 批准 [date]|驳回 <reason>|通过|退回 <reason>|改派 <unit>|挂账 <review date>|恢复|撤销 <reason>|修改 时限:<deadline> 内容:<content>',
    acked: (code, unit) => `${unit} acknowledged ${code}.`,
    askProgress: (code) =>
      `Please reply with the progress of ${code} (a percentage is welcome, e.g. "60% done").`,
    progressSaved: (code) => `Recorded the progress of ${code}.`,
    askDone: (code) => `Please reply with the result of ${code} (photos or files welcome).`,
    doneSaved: (code) => `Reported ${code} as done; waiting for the secretary to verify.`,
    supportDone: (code, unit) => `${unit} (support) finished its part of ${code}; the lead unit was told.`,
    askExtension: (code, due) =>
      `${code} is due ${due}. Reply with the new date (or "N个工作日") and the reason, e.g. 12月20日 材料未到位.`,
    extensionSaved: (code, date) => `Asked to extend ${code} to ${date}; waiting for the secretary.`,
    askNotOurs: (code) =>
      `Please reply with why ${code} is not your unit's remit and, if you can, the unit that should handle it.`,
    notOursSaved: (code) => `Told the secretary that ${code} is not your unit's remit.`,
    onBehalf: (unit) => ` (done by the secretary on behalf of ${unit}, recorded)`,
    needReason: 'Please give a reason.',
    badDate: (s) => `Cannot read the date "${s}". Write 12月20日, 2026-12-20 or 10个工作日.`,
    whichUnit: 'You stand for several units on this item; use /task <code> and name the unit.',
    notInvolved: (code) => `You are not the liaison of a unit responsible for ${code}.`,
    verifyRequest: (code, unit, text) => `[To verify] ${unit} reports ${code} done: ${text}`,
    verifyOk: 'Verified (close)',
    verifyReturn: 'Return for rework',
    extensionRequest: (code, unit, from, to, reason, late) =>
      `[Extension] ${code} ${unit}: ${from} → ${to}\nReason: ${reason}${late}`,
    secondExtension: '\n(second extension: the chair must agree)',
    approve: 'Approve',
    reject: 'Reject',
    remitDisputed: (code, unit, reason, suggested) =>
      `[Not our remit] ${unit} says ${code} is not theirs: ${reason}${suggested ? `; suggests ${suggested}` : ''}. Reassign with /task ${code} 改派 <unit>, or talk to them.`,
    approved: (code, date) => `The extension of ${code} is approved; new deadline ${date}.`,
    rejected: (code, reason) => `The extension of ${code} was rejected: ${reason}. The deadline stands.`,
    verified: (code) => `${code} verified and closed.`,
    returned: (code, reason) => `${code} returned for rework: ${reason}`,
    reassigned: (code, unit) => `${code} reassigned to ${unit}.`,
    parked: (code, date) => `${code} parked; review on ${date}.`,
    resumed: (code) => `${code} resumed.`,
    cancelled: (code, reason) => `${code} cancelled: ${reason}`,
    dueEdited: (code, date) => `${code} is now due ${date} (recorded).`,
    contentEdited: (code) => `${code} content changed (recorded).`,
    explanationAccepted: (code) =>
      `Accepted the explanation for ${code}; it is no longer listed in the bulletin.`,
  },

  refusal: {
    already_closed: 'This item is closed.',
    already_cancelled: 'This item was cancelled.',
    not_open: 'This item is still a draft; confirm it first.',
    wrong_state: 'This cannot be done in the item’s current state.',
    unknown_unit: 'That unit is not responsible for this item.',
    unit_returned: 'Your unit said this is not its remit; acknowledge it first to take it back.',
    not_lead:
      'Only the lead unit reports done or asks for an extension; a support unit’s completion counts as progress.',
    already_acknowledged: 'Already acknowledged.',
    already_returned: 'Already marked as not your remit.',
    needs_reason: 'Please give a reason.',
    needs_text: 'Please write something.',
    bad_percent: 'A percentage is between 0 and 100.',
    bad_date: 'That date is not valid.',
    needs_due_date: 'Please give a date.',
    needs_lead: 'Please name the lead unit.',
    due_in_past: 'The new deadline cannot be before today.',
    needs_review_date: 'Parking needs a review date after today.',
    extension_after_due:
      'The deadline has passed, so an extension can no longer be requested: it must be asked before the deadline. Please explain and finish soon.',
    date_not_later: 'The new date must be after the current deadline.',
    date_unchanged: 'The date did not change.',
    extension_pending: 'An extension request is already waiting for a decision.',
    no_pending_extension: 'There is no extension request waiting.',
    no_change: 'Nothing changed.',
    unknown_event: 'Unknown action.',
  },

  follow: {
    ackReminder: (code, content) => `[Please acknowledge] ${code} ${content}\nAssigned a working day ago.`,
    ackEscalation: (code, unit) =>
      `[Not acknowledged] ${unit} has not acknowledged ${code} (two working days).`,
    dueSoon: (code, content, due) =>
      `🔵 [Due soon] ${code} ${content}\nDue ${due}; please push on and report.`,
    dueToday: (code, content) =>
      `🔵 [Due today] ${code} ${content}\nToday is the deadline: report it done or explain.`,
    overdueChase: (code, content, due) =>
      `🟡 [Chase] ${code} ${content}\nPast its deadline (${due}). Report it done, or explain and give a date.`,
    red: (code, content, units, due) =>
      `🔴 [Overdue, listed] ${code} ${content}\nUnits: ${units}\nDue ${due}; 5 working days late without explanation.`,
    digestTitle: (body, date) => `[Weekly digest] ${body} (as of ${date})`,
    digestCounts: (open, overdue, waiting) =>
      `${open} open, ${overdue} overdue, ${waiting} waiting for verification.`,
    digestNone: 'No open items this week.',
  },

  board: {
    usage:
      '/tasks  the board of this group\n/tasks <unit>  one unit’s items\n/task <code>  details and history\n/mytasks  my items (private chat)',
    title: (body, n) => `Items of "${body}" (${n} open)`,
    unit: (name) => `▌${name}`,
    groups: { overdue: 'overdue', dueSoon: 'due soon', open: 'open', waiting: 'to verify', parked: 'parked' },
    empty: 'No open items.',
    mine: (n) => `My items (${n}):`,
    mineEmpty: 'You have no open items.',
    detail: (code, content) => `${code} ${content}`,
    field: (label, value) => `${label}: ${value}`,
    labels: {
      status: 'Status',
      lead: 'Lead',
      support: 'Support',
      due: 'Due',
      original: 'Originally due',
      source: 'Source',
      extensions: 'Extensions',
      rework: 'Returned for rework',
      history: 'History',
    },
    ack: { pending: 'not acknowledged', acknowledged: 'acknowledged', returned: 'not our remit' },
    historyLine: (when, who, what) => `${when} ${who} ${what}`,
    system: 'system',
    actions: {
      draft: 'drafted',
      draft_edited: 'edited the draft',
      confirm: 'assigned',
      acknowledge: 'acknowledged',
      progress: 'reported progress',
      report_done: 'reported done',
      request_extension: 'asked for an extension',
      approve_extension: 'approved the extension',
      reject_extension: 'rejected the extension',
      verify: 'verified and closed',
      return_for_rework: 'returned for rework',
      not_our_remit: 'said not their remit',
      reassign: 'reassigned',
      park: 'parked',
      resume: 'resumed',
      cancel: 'cancelled',
      edit_due: 'changed the deadline',
      edit_content: 'changed the content',
      'followup.ack_reminder': 'acknowledgement reminder',
      'followup.ack_escalation': 'told the secretary: not acknowledged',
      'followup.due_soon': 'due-soon reminder',
      'followup.due_today': 'due-today reminder',
      'followup.overdue_chase': 'chase',
      'followup.red': 'red listing',
    },
    onBehalf: ' (by the secretary on their behalf)',
  },

  cadence: {
    usage:
      '/cadence  show this group’s follow-up cadence\n/cadence 签收|升级|临期|催办|通报 <N working days|关>\n/cadence 今日 <09:00|关>\n/cadence 工作时间 09:00-17:30\n/cadence 周报 <1-7> [16:00]',
    title: 'Follow-up cadence:',
    hours: (start, end) => `Reminders: working days ${start}–${end}`,
    ack: (reminder, escalation) =>
      `Not acknowledged: the liaison after ${reminder}, the secretary after ${escalation}`,
    dueSoon: (when) => `Due soon: ${when} before the deadline`,
    dueToday: (time) => `Due today: ${time}`,
    chase: (when) => `Chase: ${when} after the deadline`,
    red: (when) => `Red listing: ${when} after the deadline`,
    digest: (day, time) =>
      `Weekly digest: ${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][day - 1]} ${time}`,
    workdays: (n) => `${n} working day${n === 1 ? '' : 's'}`,
    off: 'off',
    hint: 'Change: /cadence 临期 2 · /cadence 催办 关 · /cadence 工作时间 08:30-17:00',
  },

  reply: {
    whichItem: 'You have several open items. Which one is this reply about?',
    confirmDone: (code) => `Do you want to report ${code} as done?`,
    confirmExtension: (code, date) => `Do you want to ask for ${code} to be extended to ${date}?`,
    confirmNotOurs: (code) => `Do you want to say ${code} is not your unit’s remit?`,
    yes: 'Yes',
    no: 'No, just progress',
    unclear: (code) =>
      `I could not tell what this means for ${code}. Use the buttons, or write "已办结…", "进展…", "延期到…因为…".`,
    recordedProgress: (code) => `Recorded as progress on ${code}.`,
  },
};
