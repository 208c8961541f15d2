/** Texts of the supervised-items feature, in Chinese. The English twin in ../en/items.ts has the same keys. */

type Status = 'draft' | 'assigned' | 'in_progress' | 'reported_done' | 'closed' | 'parked' | 'cancelled';
type Level = 'none' | 'blue' | 'yellow' | 'orange' | 'red';

export const items = {
  status: {
    draft: '待确认',
    assigned: '已交办',
    in_progress: '办理中',
    reported_done: '已报办结',
    closed: '已销号',
    parked: '挂账',
    cancelled: '已撤销',
  } satisfies Record<Status, string>,
  level: { none: '', blue: '🔵 临期', yellow: '🟡 催办', orange: '🟠 预警', red: '🔴 超期' } satisfies Record<
    Level,
    string
  >,
  overdue: '超期',
  noDue: '长期',
  /** One line per item in a meeting notice or a board. */
  line: (code: string, content: string, unit: string, status: string, due: string, level: string) =>
    `${code} ${content}｜${unit}｜${status}｜${due}${level ? ` ${level}` : ''}`,

  record: {
    usage:
      '/item <牵头单位> [牵头] [<配合单位…> 配合] <事项内容> <完成时限>\n例：/item 区供电公司第二供电所 牵头 社区居委会 配合 排查建设路3处老化线路 10月20日前\n可加 联络员:@某人；时限可写 月底前、下周五、10个工作日内、长期。',
    draftTitle: (id: number) => `拟立项（待确认 #${id}）`,
    content: (c: string) => `事项：${c}`,
    lead: (unit: string, liaison: string) => `牵头：${unit}（${liaison}）`,
    support: (unit: string, liaison: string) => `配合：${unit}（${liaison}）`,
    liaison: (name: string) => `联络员 ${name}`,
    noLiaison: '⚠ 未指定联络员',
    due: (date: string, said: string) => `完成时限：${date}${said}`,
    said: (text: string) => ` · 原文「${text}」`,
    defaultDue: (days: number) => ` · 未写明时限，按默认 ${days} 日`,
    noDueDate: '完成时限：长期（不设期限）',
    restDay: (holiday: string) => `⚠ 该日为休息日${holiday ? `（${holiday}）` : ''}，仍按此日期计算`,
    noCalendar: (year: string) => `⚠ ${year} 年尚无节假日数据，工作日按周一至周五计算`,
    confirm: '确认交办',
    edit: '修改',
    drop: '删除',
    badDeadline: (detail: string) =>
      `看不懂完成时限「${detail}」。请写成 10月20日前、月底前、下周五、10个工作日内 或 长期。`,
    needContent: '请写出事项内容。',
    editUsage: (id: number) => `修改草稿：/item edit ${id} 内容:<新内容> 时限:<新时限> 联络员:@某人`,
    deleted: (id: number) => `已删除草稿 #${id}。`,
    notDraft: (ref: string) => `#${ref} 不是待确认的草稿。`,
    notFound: (ref: string) => `没有找到事项「${ref}」。`,
    noUnitsLiaison: (units: string) =>
      `⚠ ${units} 尚未指定联络员，交办通知改为在群里提醒。可用 /liaison 指定。`,
  },

  assign: {
    summary: (code: string, content: string, units: string, due: string) =>
      `已交办 ${code}：${content}\n${units}\n完成时限：${due}`,
    notice: (code: string, content: string, unit: string, role: string, due: string, body: string) =>
      `【交办通知】${code}\n${body}\n事项：${content}\n责任：${unit}（${role}）\n完成时限：${due}\n请及时签收，并按时反馈进展。`,
    roleLead: '牵头',
    roleSupport: '配合',
    ack: '签收',
    progress: '报进展',
    done: '已办结',
    extend: '申请延期',
    notOurs: '非本单位职责',
  },

  act: {
    usage:
      '/task <编号>  查看详情和记录\n联络员：/task <编号> 签收|进展 <内容>|办结 <结果>|延期 <日期或N个工作日> <原因>|非本单位 <原因>\n秘书：/task <编号> 批准 [日期]|驳回 <原因>|通过|退回 <原因>|改派 <单位>|挂账 <复查日期>|恢复|撤销 <原因>|修改 时限:<新时限> 内容:<新内容>',
    acked: (code: string, unit: string) => `${unit} 已签收 ${code}。`,
    askProgress: (code: string) => `请回复 ${code} 的进展情况（可写完成百分比，如“已完成60%”）。`,
    progressSaved: (code: string) => `已记录 ${code} 的进展。`,
    askDone: (code: string) => `请回复 ${code} 的办理结果（可附照片或文件）。`,
    doneSaved: (code: string) => `已报告 ${code} 办结，等待秘书核查销号。`,
    supportDone: (code: string, unit: string) =>
      `${unit}（配合单位）已完成 ${code} 中的配合工作，已通知牵头单位。`,
    askExtension: (code: string, due: string) =>
      `${code} 现时限 ${due}。请回复新的完成日期（或“N个工作日”）和延期原因，例如：12月20日 材料未到位。`,
    extensionSaved: (code: string, date: string) => `已提交 ${code} 延期申请（至 ${date}），等待秘书审批。`,
    askNotOurs: (code: string) => `请回复 ${code} 不属本单位职责的理由，并说明建议由哪个单位办理（如有）。`,
    notOursSaved: (code: string) => `已提交 ${code}「非本单位职责」说明，等待秘书处理。`,
    onBehalf: (unit: string) => `（秘书代 ${unit} 办理，已留痕）`,
    needReason: '请写明原因。',
    badDate: (s: string) => `看不懂日期「${s}」。请写成 12月20日、2026-12-20 或 10个工作日。`,
    whichUnit: '你在这个事项里对应多个单位，请用 /task <编号> 操作并注明单位。',
    notInvolved: (code: string) => `你不是 ${code} 责任单位的联络员。`,
    verifyRequest: (code: string, unit: string, text: string) =>
      `【待核查】${unit} 报告 ${code} 已办结：${text}`,
    verifyOk: '核查通过（销号）',
    verifyReturn: '退回重办',
    extensionRequest: (code: string, unit: string, from: string, to: string, reason: string, late: string) =>
      `【延期申请】${code} ${unit}：${from} → ${to}\n原因：${reason}${late}`,
    secondExtension: '\n（第二次延期，需召集人同意）',
    approve: '批准延期',
    reject: '驳回',
    remitDisputed: (code: string, unit: string, reason: string, suggested: string) =>
      `【非本单位职责】${unit} 认为 ${code} 不属其职责：${reason}${suggested ? `；建议由 ${suggested} 办理` : ''}。请用 /task ${code} 改派 <单位>，或联系该单位。`,
    approved: (code: string, date: string) => `${code} 延期已批准，新时限 ${date}。`,
    rejected: (code: string, reason: string) => `${code} 延期申请被驳回：${reason}。仍按原时限办理。`,
    verified: (code: string) => `${code} 已核查通过，销号。`,
    returned: (code: string, reason: string) => `${code} 被退回重办：${reason}`,
    reassigned: (code: string, unit: string) => `${code} 已改派给 ${unit}。`,
    parked: (code: string, date: string) => `${code} 已挂账，${date} 复查。`,
    resumed: (code: string) => `${code} 已恢复办理。`,
    cancelled: (code: string, reason: string) => `${code} 已撤销：${reason}`,
    dueEdited: (code: string, date: string) => `${code} 时限改为 ${date}（已留痕）。`,
    contentEdited: (code: string) => `${code} 内容已修改（已留痕）。`,
    explanationAccepted: (code: string) => `已接受 ${code} 的逾期说明，不再列入通报。`,
  },

  refusal: {
    already_closed: '这个事项已销号。',
    already_cancelled: '这个事项已撤销。',
    not_open: '这个事项还是草稿，请先确认交办。',
    wrong_state: '这个事项现在的状态不能这样操作。',
    unknown_unit: '这个单位不在该事项的责任单位里。',
    unit_returned: '本单位已声明非本单位职责，如需继续办理请先签收。',
    not_lead: '只有牵头单位可以报告办结或申请延期；配合单位的完成情况记为进展。',
    already_acknowledged: '已经签收过了。',
    already_returned: '已经提交过“非本单位职责”。',
    needs_reason: '请写明原因。',
    needs_text: '请写明内容。',
    bad_percent: '百分比应在 0 到 100 之间。',
    bad_date: '日期无效。',
    needs_due_date: '请给出日期。',
    needs_lead: '请指定牵头单位。',
    due_in_past: '新时限不能早于今天。',
    needs_review_date: '挂账需要写明复查日期（晚于今天）。',
    extension_after_due: '已过完成时限，不能再申请延期：延期须在时限届满前提出。请说明原因并尽快办结。',
    date_not_later: '新日期必须晚于现时限。',
    date_unchanged: '日期没有变化。',
    extension_pending: '已有一个延期申请在等待审批。',
    no_pending_extension: '没有待审批的延期申请。',
    no_change: '没有变化。',
    unknown_event: '无法识别的操作。',
  } as Record<string, string>,

  follow: {
    ackReminder: (code: string, content: string) =>
      `【签收提醒】${code} ${content}\n交办已一个工作日，请签收。`,
    ackEscalation: (code: string, unit: string) => `【未签收】${unit} 尚未签收 ${code}（已两个工作日）。`,
    dueSoon: (code: string, content: string, due: string) =>
      `🔵【临期提醒】${code} ${content}\n将于 ${due} 到期，请抓紧办理并反馈。`,
    dueToday: (code: string, content: string) =>
      `🔵【今日到期】${code} ${content}\n今天是完成时限，请报告办结或说明情况。`,
    overdueChase: (code: string, content: string, due: string) =>
      `🟡【催办】${code} ${content}\n已超过完成时限（${due}）。请报告办结，或说明原因并明确完成时间。`,
    red: (code: string, content: string, units: string, due: string) =>
      `🔴【超期通报】${code} ${content}\n责任单位：${units}\n原定 ${due}，逾期 5 个工作日未说明，列入通报。`,
    digestTitle: (body: string, date: string) => `【督办周报】${body}（截至 ${date}）`,
    digestCounts: (open: number, overdue: number, waiting: number) =>
      `在办 ${open} 项，超期 ${overdue} 项，待核查 ${waiting} 项。`,
    digestNone: '本周没有在办事项。',
  },

  board: {
    usage:
      '/tasks  本群事项看板\n/tasks <单位>  某单位的事项\n/task <编号>  详情和记录\n/mytasks  我负责的事项（私聊）',
    title: (body: string, n: number) => `「${body}」督办事项（${n} 项在办）`,
    unit: (name: string) => `▌${name}`,
    groups: { overdue: '超期', dueSoon: '临期', open: '在办', waiting: '待核查', parked: '挂账' } as Record<
      string,
      string
    >,
    empty: '没有在办事项。',
    mine: (n: number) => `我负责的事项（${n} 项）：`,
    mineEmpty: '你目前没有负责的在办事项。',
    detail: (code: string, content: string) => `${code} ${content}`,
    field: (label: string, value: string) => `${label}：${value}`,
    labels: {
      status: '状态',
      lead: '牵头',
      support: '配合',
      due: '完成时限',
      original: '原定时限',
      source: '来源',
      extensions: '延期',
      rework: '退回重办',
      history: '记录',
    } as Record<string, string>,
    ack: { pending: '未签收', acknowledged: '已签收', returned: '非本单位职责' } as Record<string, string>,
    historyLine: (when: string, who: string, what: string) => `${when} ${who} ${what}`,
    system: '系统',
    actions: {
      draft: '登记草稿',
      draft_edited: '修改草稿',
      confirm: '确认交办',
      acknowledge: '签收',
      progress: '报进展',
      report_done: '报告办结',
      request_extension: '申请延期',
      approve_extension: '批准延期',
      reject_extension: '驳回延期',
      verify: '核查销号',
      return_for_rework: '退回重办',
      not_our_remit: '非本单位职责',
      reassign: '改派',
      park: '挂账',
      resume: '恢复办理',
      cancel: '撤销',
      edit_due: '修改时限',
      edit_content: '修改内容',
      'followup.ack_reminder': '签收提醒',
      'followup.ack_escalation': '未签收告知秘书',
      'followup.due_soon': '临期提醒',
      'followup.due_today': '到期提醒',
      'followup.overdue_chase': '催办',
      'followup.red': '超期通报',
    } as Record<string, string>,
    onBehalf: '（秘书代办）',
  },

  cadence: {
    usage:
      '/cadence  查看本群的督办节奏\n/cadence 签收|升级|临期|催办|通报 <N个工作日|关>\n/cadence 今日 <09:00|关>\n/cadence 工作时间 09:00-17:30\n/cadence 周报 <1-7> [16:00]',
    title: '督办节奏：',
    hours: (start: string, end: string) => `提醒时间：工作日 ${start}–${end}`,
    ack: (reminder: string, escalation: string) =>
      `未签收：交办后 ${reminder} 提醒联络员，${escalation} 告知秘书`,
    dueSoon: (when: string) => `临期提醒：到期前 ${when}`,
    dueToday: (time: string) => `到期当日：${time}`,
    chase: (when: string) => `催办：超期后 ${when}`,
    red: (when: string) => `超期通报：超期后 ${when}`,
    digest: (day: number, time: string) => `督办周报：每周${'一二三四五六日'[day - 1]} ${time}`,
    workdays: (n: number) => `${n} 个工作日`,
    off: '关闭',
    hint: '修改：/cadence 临期 2 · /cadence 催办 关 · /cadence 工作时间 08:30-17:00',
  },

  reply: {
    whichItem: '你有多个在办事项，这条回复是关于哪一项？',
    confirmDone: (code: string) => `你是要报告 ${code} 已办结吗？`,
    confirmExtension: (code: string, date: string) => `你是要为 ${code} 申请延期到 ${date} 吗？`,
    confirmNotOurs: (code: string) => `你是要说明 ${code} 不属于本单位职责吗？`,
    yes: '是',
    no: '不是，只是进展',
    unclear: (code: string) =>
      `没看懂这条回复和 ${code} 的关系。请用按钮，或写“已办结…”“进展…”“延期到…因为…”。`,
    recordedProgress: (code: string) => `已作为 ${code} 的进展记录。`,
  },
};
