/** Texts of the grid feature (网格工单), in Chinese. The English twin in ../en/grid.ts has the same keys. */

type Status =
  | 'reported'
  | 'accepted'
  | 'rejected'
  | 'in_grid'
  | 'dispatched'
  | 'acknowledged'
  | 'return_requested'
  | 'in_progress'
  | 'responded'
  | 'verifying'
  | 'closed'
  | 'parked';
type Refusal =
  | 'wrong_status'
  | 'needs_reason'
  | 'extension_after_due'
  | 'date_not_later'
  | 'already_rated'
  | 'same_unit';

export const grid = {
  status: {
    reported: '待受理',
    accepted: '已受理',
    rejected: '不予受理',
    in_grid: '网格自办',
    dispatched: '已派单',
    acknowledged: '已签收',
    return_requested: '已退单',
    in_progress: '办理中',
    responded: '已处置待核查',
    verifying: '核查中',
    closed: '已结案',
    parked: '挂账',
  } satisfies Record<Status, string>,
  urgency: { normal: '一般', urgent: '紧急', emergency: '特急' },
  satisfaction: {
    satisfied: '满意',
    basically_satisfied: '基本满意',
    dissatisfied: '不满意',
    unreachable: '联系不上',
  },
  overdue: '⚠ 超期',
  difficult: '疑难',
  none: '（无）',

  tree: {
    usage:
      '/grid — 查看本节点所在的网格树\n/grid 时限 — 查看办理时限；/grid 时限 紧急:12小时 一般:5个工作日 投诉:13个工作日 上报:2个工作日\n/grid 联席 <联席会议名称> — 指定本节点可派单的共建单位所在的联席会议',
    notGrid: '本群绑定的不是网格节点。请在网格群中使用，或用 /setup 网格 <名称> 上级:<上级> 绑定。',
    title: (name: string) => `网格树（当前：${name}）`,
    here: '◀ 本群',
    leaders: (names: string) => `网格长 ${names}`,
    workers: (names: string) => `网格员 ${names}`,
    chats: (n: number) => `${n} 个群`,
    limitsTitle: (name: string) => `「${name}」的办理时限：`,
    limitLine: (what: string, limit: string) => `· ${what}：${limit}`,
    escalationLimit: '上报后上级处理',
    hours: (n: number) => `${n} 小时`,
    workdays: (n: number) => `${n} 个工作日`,
    limitsSaved: (name: string) => `已更新「${name}」的办理时限。`,
    badLimit: (text: string) => `看不懂时限「${text}」。请写成「键:数值」，如 紧急:12小时、一般:5个工作日。`,
    jointLinked: (node: string, joint: string) => `「${node}」可向「${joint}」的共建单位派单了。`,
    jointNotFound: (name: string) => `没有名为「${name}」的联席会议。`,
  },

  report: {
    usage:
      '/report <问题描述> [类别:…] [紧急程度:一般|紧急|特急] [地点:…]\n例：/report 5号楼楼道堆放杂物 类别:环境卫生 紧急程度:一般 地点:5号楼2单元\n也可以发照片，说明写 /report …',
    missing: '请写明要上报的问题。',
    tooLong: (max: number) => `问题描述太长了（最多 ${max} 个字）。`,
    badUrgency: (word: string) => `紧急程度「${word}」不对，请写 一般、紧急 或 特急。`,
    created: (code: string, desc: string, urgency: string, due: string) =>
      `已登记工单 ${code}：${desc}\n紧急程度：${urgency}｜处置时限：${due}\n网格长可 受理 / 不予受理。`,
    photo: '（附照片）',
    duplicate: (code: string, desc: string) => `⚠ 与 ${code}「${desc}」疑似重复，网格长可合并。`,
    mergeButton: (code: string) => `合并到 ${code}`,
  },

  act: {
    usage:
      '/ticket <编号> — 查看工单和处理经过\n/ticket <编号> 受理 | 不予受理 <原因> | 自办 | 派单 <单位> | 挂账 <复查日期> <原因> | 恢复 | 上报 [原因] | 合并 <编号>\n上级：/ticket <编号> 接办 | 派单 <共建单位> | 退回 <指导意见>\n单位：/ticket <编号> 签收 | 退单 <原因> | 已处置 <结果> | 延期 <N小时|N个工作日> <原因>\n核查：/ticket <编号> 通过 [说明] | 不通过 <原因>\n回访：/ticket <编号> 满意 | 基本满意 | 不满意 <原因>',
    notFound: (code: string) => `没有找到工单 ${code}。`,
    refusal: {
      wrong_status: '工单当前状态不能这样处理。',
      needs_reason: '请写明原因或说明。',
      extension_after_due: '已过处置时限，不能再申请延期。',
      date_not_later: '延期后的时限应晚于现时限。',
      already_rated: '这张工单已经回访过了。',
      same_unit: '工单已在这个单位手里。',
    } satisfies Record<Refusal, string>,
    accepted: (code: string) => `已受理 ${code}。可以 自办 或 派单 <单位>。`,
    rejected: (code: string, reason: string) => `${code} 不予受理：${reason}`,
    handled: (code: string, due: string) =>
      `${code} 由本级自办，处置时限 ${due}。处置后发 /ticket ${code} 已处置 <结果>。`,
    dispatched: (code: string, unit: string, due: string) => `${code} 已派单给 ${unit}，处置时限 ${due}。`,
    dispatchedItem: (_code: string, item: string) => `已同时列为督办事项 ${item}。`,
    dispatchNotice: (code: string, desc: string, where: string, due: string, node: string) =>
      `【派单】${code} ${desc}${where ? `（${where}）` : ''}\n来自：${node}｜处置时限：${due}\n请签收；不属于本单位的请退单并写明原因。`,
    noLiaison: (unit: string) => `⚠ ${unit} 还没有联络员，请在群里转告。`,
    ack: '签收',
    returnBtn: '退单',
    respondBtn: '已处置',
    acked: (code: string, unit: string) => `${unit} 已签收 ${code}。`,
    returned: (code: string, unit: string, reason: string) =>
      `${unit} 退单 ${code}：${reason}\n请网格长改派：/ticket ${code} 派单 <单位>`,
    responded: (code: string) => `已记录 ${code} 的处置结果，待网格核查。`,
    verifyCard: (code: string, desc: string, by: string, text: string) =>
      `【待核查】${code} ${desc}\n处置方：${by}\n处置结果：${text}\n请网格员或网格长现场核查。`,
    verifyOk: '核查通过',
    verifyFail: '核查不通过',
    closed: (code: string) => `${code} 核查通过，已结案。已请上报人回访评价。`,
    rework: (code: string, note: string) => `${code} 核查不通过，返工：${note}`,
    reworkNotice: (code: string, desc: string, note: string) =>
      `【返工】${code} ${desc}\n原因：${note}\n处置后请再发 /ticket ${code} 已处置 <结果>。`,
    extended: (code: string, due: string) => `${code} 已延期至 ${due}。`,
    badExtension: '请写成：延期 <N小时|N个工作日> <原因>，如 延期 2个工作日 等待配件。',
    parked: (code: string, date: string) => `${code} 已挂账，复查日期 ${date}。`,
    badParkDate: '请写成：挂账 <复查日期 YYYY-MM-DD> <原因>。',
    resumed: (code: string, due: string) => `${code} 已恢复办理，处置时限 ${due}。`,
    merged: (code: string, into: string) => `${code} 已合并到 ${into}。`,
    mergeSelf: '不能合并到自己。',
    askReason: (code: string, what: string) => `请回复 ${code} ${what}的原因或说明（发「取消」放弃）：`,
    askUnit: (code: string) => `请回复 ${code} 要派给的单位名称（发「取消」放弃）：`,
    askResult: (code: string) => `请回复 ${code} 的处置结果（发「取消」放弃）：`,
    onlyReporter: '只有上报人可以回访评价。',
    notInvolved: '只有承办单位的联络员或本节点的网格长可以这样处理。',
    notWorker: '只有本网格的网格员、网格长或上级秘书可以核查。',
    notDispatcher: '只有工单所在节点的网格长或上级秘书可以受理、派单和上报。',
    callbackAsk: (code: string, desc: string, result: string) =>
      `【回访】您上报的 ${code}「${desc}」已处置结案。\n处置结果：${result}\n请评价：`,
    rated: (code: string, what: string) => `感谢评价：${code} ${what}。`,
    reopened: (code: string, reason: string) => `${code} 回访不满意（${reason}），已重新打开返工。`,
    notReopened: (code: string) => `${code} 已记录不满意及原因，交网格长跟进说明。`,
  },

  escalate: {
    card: (
      code: string,
      desc: string,
      where: string,
      from: string,
      since: string,
      reason: string,
      tried: string,
    ) =>
      `【上报】${code} ${desc}\n地点：${where}\n来自：${from}｜上报时间：${since}\n原因：${reason}\n处理经过：\n${tried}`,
    reason: { overdue: '超期未办结', difficult: '疑难问题', other: '其他' } as Record<string, string>,
    take: '接办',
    dispatch: '派单',
    sendBack: '退回指导',
    sent: (code: string, to: string) => `${code} 已上报至「${to}」。`,
    top: (code: string) => `${code} 已超期，且已在最高一级，请尽快处理。`,
    taken: (code: string, node: string, due: string) => `「${node}」已接办 ${code}，处置时限 ${due}。`,
    backTo: (code: string, node: string, guidance: string) =>
      `${code} 已退回「${node}」，指导意见：${guidance}`,
    noOpen: (code: string) => `${code} 没有等待本级决定的上报。`,
    noParent: '本节点已是最高一级，不能再上报。',
    triedNone: '（尚无处理记录）',
  },

  board: {
    usage: '/tickets [全部|待受理|办理中|超期|已结案] — 本节点的工单',
    title: (node: string, filter: string) => `「${node}」工单（${filter}）`,
    filters: { open: '未结案', all: '全部', reported: '待受理', overdue: '超期', closed: '已结案' } as Record<
      string,
      string
    >,
    empty: '没有工单。',
    line: (code: string, desc: string, status: string, due: string, flags: string) =>
      `${code} ${desc}｜${status}｜${due}${flags}`,
    counts: (open: number, overdue: number, escalated: number) =>
      `未结案 ${open} 件，超期 ${overdue} 件，上报待决 ${escalated} 件`,
    detail: {
      title: (code: string, desc: string) => `工单 ${code}：${desc}`,
      status: (s: string) => `状态：${s}`,
      node: (origin: string, current: string) => `上报网格：${origin}｜当前节点：${current}`,
      meta: (category: string, urgency: string, where: string) =>
        `类别：${category}｜紧急程度：${urgency}｜地点：${where}`,
      reporter: (name: string, at: string) => `上报：${name} ${at}`,
      due: (due: string) => `处置时限：${due}`,
      unit: (unit: string) => `承办单位：${unit}`,
      item: (code: string) => `督办事项：${code}`,
      counts: (returns: number, extensions: number, rework: number) =>
        `退单 ${returns} 次｜延期 ${extensions} 次｜返工 ${rework} 次`,
      satisfaction: (s: string, reason: string) => `回访：${s}${reason ? `（${reason}）` : ''}`,
      history: '处理经过：',
    },
    digestTitle: (node: string, date: string) => `【汇总上报】「${node}」${date}`,
    escalatedLine: (code: string, desc: string, from: string) => `↑ ${code} ${desc}（来自 ${from}）`,
  },

  /** Audit actions as read in a ticket's history. */
  actions: {
    'ticket.report': '上报',
    'ticket.accept': '受理',
    'ticket.reject': '不予受理',
    'ticket.handle': '自办',
    'ticket.dispatch': '派单',
    'ticket.acknowledge': '签收',
    'ticket.return': '退单',
    'ticket.respond': '已处置',
    'ticket.verify': '核查',
    'ticket.extend': '延期',
    'ticket.park': '挂账',
    'ticket.resume': '恢复',
    'ticket.escalate': '上报上级',
    'ticket.take': '上级接办',
    'ticket.send_back': '上级退回',
    'ticket.merge': '合并',
    'ticket.callback': '回访',
  } as Record<string, string>,
  historyLine: (at: string, who: string, action: string, detail: string) =>
    `· ${at} ${who} ${action}${detail ? `：${detail}` : ''}`,
  system: '系统',
};
