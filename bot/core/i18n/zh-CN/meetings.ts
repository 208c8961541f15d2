/** Texts of the meetings feature, in Chinese. The English twin in ../en/meetings.ts has the same keys. */

type Problem = 'no_schedule' | 'bad_day' | 'bad_time' | 'bad_weekday' | 'ambiguous';
type Policy = 'keep' | 'next_workday';
type CardKind = 'topic_call' | 'notice' | 'reminder' | 'next';
type AttStatus = 'attending' | 'present' | 'excused' | 'observer' | 'absent';
type TopicStatus = 'proposed' | 'accepted' | 'deferred' | 'rejected' | 'discussed';
type PlanKey = 'topicCall' | 'notice' | 'reminder';

const withSeq = (title: string, seq: string) => `${title}${seq ? ` ${seq}` : ''}`;

export const meetings = {
  usage:
    '/meeting <时间> [名称] [地点:…] [线上:链接] [主持:@某人] [顺延]\n例：/meeting 每月5日14:30 街道联席会议 地点:党群服务中心三楼\n例：/meeting 每周一、四上午九点半 工作例会 顺延\n例：/meeting 12月10日15:00 专题会\n/meeting list｜next｜名单  查看\n/meeting cancel <日期> [原因]  取消一次\n/meeting move <日期> <新时间>  改期一次\n/meeting stop｜ics｜remind  停止｜日历文件｜提醒计划\n/meeting 参会｜请假\n/meeting start｜end  开会｜散会（记录讨论）',
  meetingsUsage: '/meetings  （私聊）查看我在各群的近期会议',

  when: (date: string, time: string) => `${date}${time}`,
  seq: (n: number) => `第${n}次`,
  occurrenceLabel: (title: string, seq: string, when: string) => `${withSeq(title, seq)}（${when}）`,
  weekend: '周末',
  restDay: '休息日',
  restNote: (name: string) => ` ⚠ ${name}`,
  restWarn: (name: string) => `\n⚠ 这天是休息日（${name}），请确认。`,
  place: (p: string) => `地点：${p}`,
  online: (link: string) => `线上：${link}`,
  chair: (name: string) => `主持：${name}`,
  policy: {
    keep: '遇节假日：照常举行',
    next_workday: '遇节假日：顺延到下一个工作日',
  } satisfies Record<Policy, string>,
  policyShort: { keep: '', next_workday: '（遇节假日顺延）' } satisfies Record<Policy, string>,
  attendButton: '参会',
  leaveButton: '请假',

  emptyText: '内容不能为空。',
  badText: '内容里有无法使用的字符（如控制字符），或者没有文字。',
  badName: '会议名称里有无法使用的字符（如表情符号）。',
  badLink: '线上会议链接应以 http:// 或 https:// 开头，且不超过 300 个字符。',
  badDuration: '时长请写分钟或小时，例如 时长:90分钟 或 时长:2小时（15 分钟到 12 小时）。',
  badSeq: '起始序号应为 1–9999 的整数，例如 序号:5。',
  badChair: '请写出主持人：主持:@某人 或 主持:姓名。',
  badPolicy: (word: string) => `「${word}」不是可识别的选项：顺延请写「开」，照常举行请写「关」。`,
  needSchedule: '请写出会议时间，例如 每月5日14:30。',
  problem: {
    no_schedule: (d: string) => `没有看懂会议时间${d ? `：「${d}」` : ''}。`,
    bad_day: (d: string) => `没有这一天：「${d}」。`,
    bad_time: (d: string) => `时间「${d}」不对（应在 0:00–23:59 之间）。`,
    bad_weekday: (d: string) => `看不懂星期：「${d}」（应为周一至周日）。`,
    ambiguous: (d: string) =>
      `「${d}」有歧义，请写得具体些，例如 每两周周三、每月5日14:30、每季度第一个月15日。`,
  } satisfies Record<Problem, (d: string) => string>,
  inPast: (when: string) => `${when} 已经过去了，请写将来的时间。`,

  echo: {
    title: '我理解的安排如下，请确认：',
    rule: (name: string, rule: string) => `「${name}」${rule}`,
    seqFrom: (n: number) => `编号从第${n}次开始`,
    defaultTime: (time: string) => `没写时间，暂按 ${time}；要改请点「修改」。`,
    afternoon: '没写上午还是下午，按下午理解。',
    nextYear: '这个日期今年已过，按明年安排。',
    referenceWeek: '隔周从本周算起；要从别的周开始，可写「从12月9日起每两周周三」。',
    nextThree: '接下来三次：',
    theMeeting: '会议时间：',
    noOccurrences: '按这个规则算不出将来的会议时间。',
    moved: (original: string) => `（原定 ${original}，顺延）`,
    holidayWarn: '⚠ 有会议落在节假日或周末。可点「遇节假日顺延」改到下一个工作日。',
    onceRestWarn: '⚠ 这天是休息日，确认要在这天开会吗？',
    noCalendarData: (years: string) =>
      `⚠ ${years} 年尚无节假日数据，暂按周一至周五判断（管理员可用 /holiday add 补录）。`,
    plan: (text: string) => `提醒：${text}`,
    confirm: '✅ 确认',
    edit: '✏️ 修改',
    postponeOn: '遇节假日顺延',
    postponeOff: '遇节假日照常举行',
  },
  confirmed: (name: string, rule: string, policy: string) =>
    `✅ 已安排「${name}」：${rule}${policy}\n接下来：`,
  confirmedHint: '提交议题：/topic 内容　查看：/meeting list　日历：/meeting ics',
  alreadyConfirmed: (name: string) => `「${name}」已经确认过了。`,
  editPrompt: (ruleText: string, name: string) =>
    `请发送修改后的完整安排（现在是「${ruleText} ${name}」），例如：\n每月5日14:30 街道联席会议 地点:党群服务中心三楼`,
  seriesGone: '这个会议安排已不存在或已停止。发送 /meeting list 查看。',
  occurrenceGone: '这次会议已取消、已召开或不存在。发送 /meeting list 查看。',
  noSeries: '本群还没有安排会议。安排：/meeting 每月5日14:30 街道联席会议',
  noUpcoming: '近期没有安排会议。',
  whichSeries: '要操作哪个会议？',
  whichOccurrence: '这天有多场会议，请选择：',
  needDate: '请写出会议日期，例如 12月10日。',
  notADate: (s: string) => `「${s}」不是日期，请写成 12月10日 或 2026-12-10。`,
  noneOnDay: (date: string) => `${date} 没有安排会议。`,
  needNewTime: '请写出原日期和新时间，例如：/meeting move 12月10日 12月11日15:00',
  needOneTime: (s: string) => `「${s}」不是一个具体时间，请写成 12月11日15:00 或 下午三点。`,
  alreadyStarted: '这次会议已经开始或已过去，不能再取消或改期。',
  cancelledOne: (label: string, reason: string) =>
    `❌ 会议取消：${label}${reason ? `\n原因：${reason}` : ''}`,
  topicsMoved: (n: number, next: string) =>
    next ? `原定的 ${n} 项议题转入 ${next}。` : `原定的 ${n} 项议题已放回议题池。`,
  movedOne: (from: string, to: string) => `🔁 会议改期：${from}\n改为：${to}`,
  moveUnchanged: (label: string) => `${label} 的时间没有变化。`,
  moveClash: (label: string) => `新时间与 ${label} 重合，请换一个时间。`,
  stopAsk: (name: string, n: number) => `确定停止「${name}」吗？以后已排定的 ${n} 次会议将一并取消。`,
  stopConfirm: '确认停止',
  stopped: (name: string, n: number) => `⏹ 已停止「${name}」，取消了以后的 ${n} 次会议。`,
  icsCaption: (name: string) => `「${name}」的日历文件（.ics），可导入手机或电脑日历。`,
  icsPostponeNote: '遇节假日顺延的会议以群内通知为准。',
  onceNeverMoves: '单次会议不按节假日顺延；要改期请用 /meeting move。',
  policyUnchanged: (name: string, policy: string) => `「${name}」已经是「${policy}」。`,
  policyChanged: (name: string, policy: string, n: number) =>
    `已将「${name}」改为「${policy}」。${n ? `调整了 ${n} 次会议的日期。` : ''}`,
  topicStatus: {
    proposed: '待定',
    accepted: '已采纳',
    deferred: '上次缓议',
    rejected: '不采纳',
    discussed: '已讨论',
  } satisfies Record<TopicStatus, string>,

  plan: {
    names: { topicCall: '议题征集', notice: '会议通知', reminder: '会前提醒' } satisfies Record<
      PlanKey,
      string
    >,
    part: (name: string, value: string) => `${name} ${value}`,
    sep: '；',
    off: '不发',
    daysBefore: (days: number, time: string) => `会前${days}天 ${time}`,
    minutesBefore: (min: number) => (min % 60 === 0 ? `提前${min / 60}小时` : `提前${min}分钟`),
    show: (name: string, plan: string) =>
      `「${name}」的提醒：${plan}\n修改：/meeting remind 通知 2天前 15:00｜/meeting remind 议题征集 关｜/meeting remind 提醒 30分钟｜/meeting remind 默认`,
    changed: (name: string, plan: string) => `已更新「${name}」的提醒：${plan}`,
    unknownKind: (word: string) => `「${word}」不是提醒种类，请写 议题征集、通知 或 提醒。`,
    needValue: '请写出提前多久（如 2天前 15:00、30分钟），或写「关」。',
    badDays: (v: string) => `看不懂「${v}」：请写成 2天前 15:00（1–60 天）。`,
    badMinutes: (v: string) => `看不懂「${v}」：请写成 30分钟 或 2小时（5 分钟到 24 小时）。`,
  },

  card: {
    header: {
      topic_call: (title: string, seq: string) => `📣 议题征集｜${withSeq(title, seq)}`,
      notice: (title: string, seq: string) => `📅 会议通知｜${withSeq(title, seq)}`,
      reminder: (title: string, seq: string) => `⏰ 会前提醒｜${withSeq(title, seq)}`,
      next: (title: string, seq: string) => `📅 下次会议｜${withSeq(title, seq)}`,
    } satisfies Record<CardKind, (title: string, seq: string) => string>,
    startsIn: (min: number) => `会议将于 ${min} 分钟后开始。`,
    late: '（系统恢复后补发）',
    time: (when: string, rest: string) => `时间：${when}${rest}`,
    movedFrom: (original: string) => `（原定 ${original}）`,
    noTopics: '议题：暂无',
    topics: (n: number) => `议题（${n}）：`,
    topicLine: (i: number, title: string, who: string, status: string) =>
      `${i}. ${title}${who ? `（${who}）` : ''}${status ? ` [${status}]` : ''}`,
    topicCallHint: '欢迎提交议题：/topic 议题内容',
    previousItems: (label: string) => `上次议定事项落实情况（${label}）：`,
    noPreviousItems: '（上次会议没有议定事项）',
    closedCount: (n: number) => `另有 ${n} 项已销号。`,
    allClosed: '上次议定事项已全部销号。',
    answer: '请点「参会」或「请假」回复。',
  },

  att: {
    title: (label: string) => `${label} 出席情况：`,
    none: '还没有人回复。',
    attending: (n: number, names: string) => `参会（${n}）：${names}`,
    excused: (n: number) => `请假（${n}）：${n ? '' : '无'}`,
    excusedLine: (who: string, reason: string, substitute: string) =>
      `· ${who}${reason ? `，事由：${reason}` : ''}；代会人：${substitute || '无'}`,
    observers: (names: string) => `列席：${names}`,
    absent: (names: string) => `缺席：${names}`,
    withUnit: (name: string, unit: string) => `${name}（${unit}）`,
    alreadyAttending: (name: string, label: string) => `${name} 已登记参会：${label}`,
    attendingSaved: (name: string, label: string) => `✅ 已登记 ${name} 参会：${label}`,
    askReason: (name: string, label: string) => `${name}，请说明请假事由（${label}）：`,
    askReasonAgain: '请重新说明请假事由：',
    askSubstitute: '请写代会人姓名（可 @提及；没有请写「无」）：',
    badSubstitute: '代会人姓名应为 2–20 个汉字或字母，或 @提及 群里的人。',
    leaveSaved: (name: string, label: string, reason: string, substitute: string) =>
      `✅ 已登记 ${name} 请假：${label}\n事由：${reason}\n代会人：${substitute || '无'}`,
  },

  topic: {
    usage:
      '/topic <议题内容> [单位:提出单位]  提交下次会议议题\n/topic list  查看议题\n（秘书）/topic 采纳|下次再议|不采纳 #编号',
    needText: '请写出议题内容。',
    needId: '请写出议题编号，例如 /topic 采纳 #3（编号见 /topic list）。',
    needUnit: '请写出提出单位的名称或简称，例如 单位:二所。',
    added: (title: string, who: string, label: string) =>
      `📌 收到议题「${title}」（${who}），拟提交 ${label}，待秘书确认。`,
    addedToPool: (title: string, who: string) =>
      `📌 收到议题「${title}」（${who}）。还没有安排会议，议题先放入议题池。`,
    acceptButton: '采纳',
    deferButton: '下次再议',
    rejectButton: '不采纳',
    accepted: (title: string) => `✅ 议题「${title}」已采纳。`,
    deferred: (title: string, label: string) => `⏭ 议题「${title}」下次再议，转入 ${label}。`,
    deferredToPool: (title: string) => `⏭ 议题「${title}」下次再议，已放回议题池。`,
    rejected: (title: string, note: string) => `议题「${title}」不予采纳${note ? `：${note}` : '。'}`,
    already: (title: string, status: string) => `议题「${title}」已经是「${status}」。`,
    notFound: '没有找到这个议题（可能已讨论过，或不属于本群）。',
    listTitle: (label: string) => `${label} 的议题：`,
    poolTitle: '议题池（待安排）：',
    none: '暂无议题。提交：/topic 议题内容',
  },

  capture: {
    started: (label: string) =>
      `▶ 会议开始：${label}\n我会记录本群的讨论，供纪要使用。结束时请发送 /meeting end。`,
    startedBlind: (label: string) => `▶ 会议开始：${label}\n注意：我看不到本群的全部消息，无法完整记录讨论。`,
    blindTelegram:
      'Telegram 的隐私模式开着，机器人只能看到命令和回复它的消息。要记录讨论：在 @BotFather 发送 /setprivacy，选本机器人，选 Disable，再把机器人移出群后重新拉进来；或者把机器人设为群管理员。本次会后请把会议记录粘贴发给我。',
    blindWecom:
      '企业微信群里，机器人只能看到 @它 的消息：发言时 @议事 的内容会被记录。会后请把会议记录粘贴发给我。',
    blindOther: '这个平台不让机器人看到群里的全部消息。会后请把会议记录粘贴发给我。',
    alreadyRunning: (label: string) => `${label} 正在进行中，请先发送 /meeting end 结束。`,
    notRunning: '现在没有进行中的会议。开始：/meeting start',
    nothingNow: (next: string) => `现在没有要开的会议（下次：${next}）。`,
    ended: (label: string, n: number) => `⏹ 会议结束：${label}\n记录了 ${n} 条发言，可用于纪要。`,
    endedNothing: (label: string) => `⏹ 会议结束：${label}\n没有记录到讨论。`,
    endedBlind: (label: string, n: number) => `⏹ 会议结束：${label}\n我只看到了 ${n} 条 @我 的消息。`,
    pasteNotes:
      '请把会议记录（或要点）直接粘贴发给我，我会保存供纪要使用。（24 小时内有效，发送「取消」放弃）',
    notesSaved: (n: number) => `✅ 已保存会议记录（${n} 字），可用于纪要。`,
  },

  list: {
    title: (body: string) => `「${body}」的会议：`,
    series: (i: number, name: string, rule: string, policy: string) => `${i}. ${name} — ${rule}${policy}`,
    detailSep: '｜',
    next: (s: string) => `接下来：${s}`,
    sep: '；',
    cancelledMark: (label: string) => `${label}（已取消）`,
    noneUpcoming: '近期没有排定的会议。',
    empty: '还没有安排会议。安排：/meeting 每月5日14:30 街道联席会议 地点:党群服务中心',
    hint: '下次会议：/meeting next　取消：/meeting cancel 日期　改期：/meeting move 日期 新时间',
  },

  mine: {
    title: '您近期的会议：',
    body: (name: string) => `「${name}」`,
    line: (label: string, where: string, status: string) =>
      `· ${label}${where ? ` @ ${where}` : ''} — ${status}`,
    status: {
      attending: '已报参会',
      present: '出席',
      excused: '已请假',
      observer: '列席',
      absent: '缺席',
    } satisfies Record<AttStatus, string>,
    noAnswer: '未回复',
    none: '您近期没有会议。',
    hint: '在群里点通知上的「参会」「请假」，或在群里发送 /meeting 参会、/meeting 请假。',
  },
};
