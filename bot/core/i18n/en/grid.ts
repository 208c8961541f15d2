/** Texts of the grid feature, in English; same keys as ../zh-CN/grid.ts. */
import type { grid as zh } from '../zh-CN/grid.js';

export const grid: typeof zh = {
  status: {
    reported: 'reported',
    accepted: 'accepted',
    rejected: 'rejected',
    in_grid: 'handled in the grid',
    dispatched: 'dispatched',
    acknowledged: 'acknowledged',
    return_requested: 'returned by the unit',
    in_progress: 'in progress',
    responded: 'handled, to verify',
    verifying: 'verifying',
    closed: 'closed',
    parked: 'parked',
  },
  urgency: { normal: 'normal', urgent: 'urgent', emergency: 'emergency' },
  satisfaction: {
    satisfied: 'satisfied',
    basically_satisfied: 'basically satisfied',
    dissatisfied: 'dissatisfied',
    unreachable: 'unreachable',
  },
  overdue: '⚠ overdue',
  difficult: 'difficult',
  none: '(none)',

  tree: {
    usage:
      '/grid — the grid tree around this node\n/grid 时限 — time limits; /grid 时限 紧急:12小时 一般:5个工作日 投诉:13个工作日 上报:2个工作日\n/grid 联席 <joint meeting> — the joint meeting whose co-building units this node may dispatch to',
    notGrid:
      'This group is not bound to a grid node. Use it in a grid group, or bind one with /setup 网格 <name> 上级:<parent>.',
    title: (name) => `Grid tree (here: ${name})`,
    here: '◀ this group',
    leaders: (names) => `leaders ${names}`,
    workers: (names) => `workers ${names}`,
    chats: (n) => `${n} group(s)`,
    limitsTitle: (name) => `Time limits of "${name}":`,
    limitLine: (what, limit) => `· ${what}: ${limit}`,
    escalationLimit: 'upper node after an escalation',
    hours: (n) => `${n} hour(s)`,
    workdays: (n) => `${n} working day(s)`,
    limitsSaved: (name) => `Time limits of "${name}" updated.`,
    badLimit: (text) =>
      `I cannot read the limit "${text}". Write key:value, e.g. 紧急:12小时, 一般:5个工作日.`,
    jointLinked: (node, joint) => `"${node}" may now dispatch to the co-building units of "${joint}".`,
    jointNotFound: (name) => `There is no joint meeting named "${name}".`,
  },

  report: {
    usage:
      '/report <description> [类别:…] [紧急程度:一般|紧急|特急] [地点:…]\ne.g. /report 5号楼楼道堆放杂物 类别:环境卫生 紧急程度:一般 地点:5号楼2单元\nOr send a photo with the caption /report …',
    missing: 'Please describe the issue to report.',
    tooLong: (max) => `The description is too long (at most ${max} characters).`,
    badUrgency: (word) => `Urgency "${word}" is not valid: write 一般, 紧急 or 特急.`,
    created: (code, desc, urgency, due) =>
      `Ticket ${code} registered: ${desc}\nUrgency: ${urgency} | due: ${due}\nThe grid leader may accept or reject it.`,
    photo: ' (photo attached)',
    duplicate: (code, desc) =>
      `⚠ Looks like a duplicate of ${code} "${desc}"; the grid leader may merge them.`,
    mergeButton: (code) => `Merge into ${code}`,
  },

  act: {
    usage:
      '/ticket <code> — the ticket and its history\n/ticket <code> 受理 | 不予受理 <reason> | 自办 | 派单 <unit> | 挂账 <review date> <reason> | 恢复 | 上报 [reason] | 合并 <code>\nUpper node: /ticket <code> 接办 | 派单 <co-building unit> | 退回 <guidance>\nUnit: /ticket <code> 签收 | 退单 <reason> | 已处置 <result> | 延期 <N小时|N个工作日> <reason>\nVerify: /ticket <code> 通过 [note] | 不通过 <reason>\nCallback: /ticket <code> 满意 | 基本满意 | 不满意 <reason>',
    notFound: (code) => `Ticket ${code} was not found.`,
    refusal: {
      wrong_status: 'The ticket cannot be handled that way in its current state.',
      needs_reason: 'Please give a reason or a note.',
      extension_after_due: 'The ticket is past its due time; an extension can no longer be asked for.',
      date_not_later: 'The new due time must be later than the current one.',
      already_rated: 'This ticket has already been rated.',
      same_unit: 'The ticket is already with this unit.',
    },
    accepted: (code) => `${code} accepted. Handle it in the grid (自办) or dispatch it (派单 <unit>).`,
    rejected: (code, reason) => `${code} rejected: ${reason}`,
    handled: (code, due) =>
      `${code} is handled here, due ${due}. When done: /ticket ${code} 已处置 <result>.`,
    dispatched: (code, unit, due) => `${code} dispatched to ${unit}, due ${due}.`,
    dispatchedItem: (_code, item) => `Also supervised as item ${item}.`,
    dispatchNotice: (code, desc, where, due, node) =>
      `[Dispatch] ${code} ${desc}${where ? ` (${where})` : ''}\nFrom: ${node} | due: ${due}\nPlease acknowledge; if it is not your remit, return it with the reason.`,
    noLiaison: (unit) => `⚠ ${unit} has no liaison yet; please pass this on.`,
    ack: 'Acknowledge',
    returnBtn: 'Return',
    respondBtn: 'Handled',
    acked: (code, unit) => `${unit} acknowledged ${code}.`,
    returned: (code, unit, reason) =>
      `${unit} returned ${code}: ${reason}\nGrid leader, re-dispatch: /ticket ${code} 派单 <unit>`,
    responded: (code) => `Result of ${code} recorded; waiting for the grid to verify.`,
    verifyCard: (code, desc, by, text) =>
      `[To verify] ${code} ${desc}\nHandled by: ${by}\nResult: ${text}\nGrid worker or leader, please verify on site.`,
    verifyOk: 'Verified',
    verifyFail: 'Not resolved',
    closed: (code) => `${code} verified and closed. The reporter was asked for a rating.`,
    rework: (code, note) => `${code} failed verification, rework: ${note}`,
    reworkNotice: (code, desc, note) =>
      `[Rework] ${code} ${desc}\nReason: ${note}\nWhen done, send /ticket ${code} 已处置 <result> again.`,
    extended: (code, due) => `${code} extended to ${due}.`,
    badExtension: 'Write: 延期 <N小时|N个工作日> <reason>, e.g. 延期 2个工作日 waiting for parts.',
    parked: (code, date) => `${code} parked, review on ${date}.`,
    badParkDate: 'Write: 挂账 <review date YYYY-MM-DD> <reason>.',
    resumed: (code, due) => `${code} resumed, due ${due}.`,
    merged: (code, into) => `${code} merged into ${into}.`,
    mergeSelf: 'A ticket cannot be merged into itself.',
    askReason: (code, what) => `Please reply with the reason or note for ${what} of ${code} (or "取消"):`,
    askUnit: (code) => `Please reply with the unit to dispatch ${code} to (or "取消"):`,
    askResult: (code) => `Please reply with the result of ${code} (or "取消"):`,
    onlyReporter: 'Only the reporter can rate the ticket.',
    notInvolved: 'Only the liaison of the handling unit or the grid leader of this node can do that.',
    notWorker: 'Only a grid worker or leader of this grid, or the secretary above, can verify.',
    notDispatcher:
      'Only the grid leader of the node holding the ticket, or the secretary above, can accept, dispatch or escalate.',
    callbackAsk: (code, desc, result) =>
      `[Callback] Your report ${code} "${desc}" has been handled and closed.\nResult: ${result}\nHow satisfied are you?`,
    rated: (code, what) => `Thank you: ${code} ${what}.`,
    reopened: (code, reason) => `${code} dissatisfied (${reason}); reopened for rework.`,
    notReopened: (code) => `${code}: dissatisfaction and reason recorded; the grid leader will follow up.`,
  },

  escalate: {
    card: (code, desc, where, from, since, reason, tried) =>
      `[Escalation] ${code} ${desc}\nWhere: ${where}\nFrom: ${from} | reported: ${since}\nReason: ${reason}\nWhat was tried:\n${tried}`,
    reason: { overdue: 'overdue', difficult: 'difficult case', other: 'other' },
    take: 'Take it',
    dispatch: 'Dispatch',
    sendBack: 'Send back',
    sent: (code, to) => `${code} escalated to "${to}".`,
    top: (code) => `${code} is overdue and already at the top level; please act.`,
    taken: (code, node, due) => `"${node}" took ${code}, due ${due}.`,
    backTo: (code, node, guidance) => `${code} sent back to "${node}" with guidance: ${guidance}`,
    noOpen: (code) => `${code} has no escalation waiting for this level.`,
    noParent: 'This node is the top level; it cannot escalate further.',
    triedNone: '(nothing recorded yet)',
  },

  board: {
    usage: '/tickets [全部|待受理|办理中|超期|已结案] — tickets of this node',
    title: (node, filter) => `Tickets of "${node}" (${filter})`,
    filters: { open: 'open', all: 'all', reported: 'reported', overdue: 'overdue', closed: 'closed' },
    empty: 'No tickets.',
    line: (code, desc, status, due, flags) => `${code} ${desc} | ${status} | ${due}${flags}`,
    counts: (open, overdue, escalated) =>
      `${open} open, ${overdue} overdue, ${escalated} escalations waiting`,
    detail: {
      title: (code, desc) => `Ticket ${code}: ${desc}`,
      status: (s) => `Status: ${s}`,
      node: (origin, current) => `Reported in: ${origin} | now at: ${current}`,
      meta: (category, urgency, where) => `Category: ${category} | urgency: ${urgency} | where: ${where}`,
      reporter: (name, at) => `Reported by ${name} at ${at}`,
      due: (due) => `Due: ${due}`,
      unit: (unit) => `Handling unit: ${unit}`,
      item: (code) => `Supervised item: ${code}`,
      counts: (returns, extensions, rework) =>
        `returns ${returns} | extensions ${extensions} | rework ${rework}`,
      satisfaction: (s, reason) => `Callback: ${s}${reason ? ` (${reason})` : ''}`,
      history: 'History:',
    },
    digestTitle: (node, date) => `[Daily digest] "${node}" ${date}`,
    escalatedLine: (code, desc, from) => `↑ ${code} ${desc} (from ${from})`,
  },

  actions: {
    'ticket.report': 'reported',
    'ticket.accept': 'accepted',
    'ticket.reject': 'rejected',
    'ticket.handle': 'handled here',
    'ticket.dispatch': 'dispatched',
    'ticket.acknowledge': 'acknowledged',
    'ticket.return': 'returned',
    'ticket.respond': 'handled',
    'ticket.verify': 'verified',
    'ticket.extend': 'extended',
    'ticket.park': 'parked',
    'ticket.resume': 'resumed',
    'ticket.escalate': 'escalated',
    'ticket.take': 'taken by the upper node',
    'ticket.send_back': 'sent back by the upper node',
    'ticket.merge': 'merged',
    'ticket.callback': 'callback',
  },
  historyLine: (at, who, action, detail) => `· ${at} ${who} ${action}${detail ? `: ${detail}` : ''}`,
  system: 'system',
};
