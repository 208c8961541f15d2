/**
 * Every user-facing text in Chinese (the default language). `en.ts` has the same shape; add a key here
 * first, then there. Keep lines short: most readers are on a phone.
 * @module
 */
import { grid } from './zh-CN/grid.js';
import { items } from './zh-CN/items.js';
import { meetings } from './zh-CN/meetings.js';
import { stats } from './zh-CN/stats.js';

type Role = 'admin' | 'secretary' | 'chair' | 'member' | 'grid_leader' | 'grid_worker';
type Level = 'street' | 'community' | 'grid' | 'building';

export const zhCN = {
  meetings,
  items,
  grid,
  stats,
  language: 'zh-CN',
  botName: '议事',
  sep: '、',

  names: {
    role: {
      admin: '管理员',
      secretary: '秘书',
      chair: '召集人',
      member: '成员',
      grid_leader: '网格长',
      grid_worker: '网格员',
    } satisfies Record<Role, string>,
    level: { street: '街道', community: '社区', grid: '网格', building: '楼栋' } satisfies Record<
      Level,
      string
    >,
    bodyKind: { joint_meeting: '联席会议', grid: '网格' },
    liaison: '联络员',
    backup: '（备用）',
  },

  common: {
    unknownCommand: (name: string) => `没有「/${name}」这个命令。发送 /help 查看可用命令。`,
    usage: (usage: string) => `用法：\n${usage}`,
    oops: (ref: string) => `抱歉，处理时出了点问题，已记录（编号 ${ref}）。请稍后再试，或把编号告诉管理员。`,
    tooLong: (max: number) => `内容太长了（最多 ${max} 个字）。`,
    badCharacters: '名称里有无法使用的字符（如表情符号或控制字符）。',
    badPersonName: '姓名应为 2–20 个汉字或字母（可含 · 和空格）；如是群里的人，请用 @ 提及。',
    cancelled: '好的，已取消。',
    needBoundChat: '本群还没有绑定联席会议或网格。请秘书先发送 /setup。',
    needGroup: '这个命令请在群聊中使用。',
    buttonExpired: '这个按钮已过期，请重新发送命令。',
    buttonUsed: '这个按钮已经处理过了。',
    chooseOne: (what: string) => `「${what}」对应多个，请选择：`,
    notUnderstood: '我没有听懂。发送 /help 查看可用命令。',
    none: '（无）',
    dateTime: (s: string) => s,
  },

  denied: {
    setup: '只有管理员或本群所属机构的秘书可以设置绑定。',
    roles: '只有管理员或秘书可以分配角色。',
    units: '只有管理员或秘书可以管理成员单位。',
    liaisons: '只有管理员或秘书可以指定联络员。',
    import: '只有管理员或秘书可以导入名单。',
    meetings: '只有秘书或召集人可以安排会议。',
    items: '只有秘书或召集人可以登记和确认事项。',
    extensions: '只有秘书或召集人可以审批延期。',
    verify: '只有秘书或召集人可以核查销号。',
    'minutes.signoff': '只有召集人可以签发纪要（未设召集人时由秘书签发）。',
    'liaison.act': '只有本单位联络员或秘书可以办理这项操作。',
    attendance: '只有本群成员可以登记参会。',
    topics: '只有本群成员可以提交议题。',
    'grid.report': '只有网格员或网格群成员可以上报问题。',
    'grid.dispatch': '只有本网格的网格长或上级秘书可以派单。',
    admin: '只有管理员可以这样做。',
    lastSecretary: '不能撤销最后一位秘书，请先指定另一位秘书。',
  },

  greet: {
    joinedGroup: (bot: string) =>
      `大家好，我是${bot}，联席会议和网格群的秘书助手。\n请秘书发送：\n/setup 联席会议 名称\n或 /setup 网格 名称 上级:上级名称\n绑定本群后，发送 /help 查看能做什么。`,
  },

  setup: {
    usage:
      '/setup 联席会议 <名称>\n/setup 网格 <名称> 上级:<上级网格> [层级:街道|社区|网格|楼栋] [编号:前缀]\n例：/setup 联席会议 和平街道区域化党建联席会议\n例：/setup 网格 幸福里社区第3网格 上级:幸福里社区',
    boundNew: (kind: string, name: string) =>
      `已创建${kind}「${name}」并绑定本群，您是秘书。\n下一步：/unit add 单位名称 别名:简称 添加成员单位。`,
    boundExisting: (kind: string, name: string) => `已将本群绑定到${kind}「${name}」。`,
    alreadyBound: (kind: string, name: string) => `本群已经绑定到${kind}「${name}」，无需重复设置。`,
    current: (kind: string, name: string, extra: string) => `本群绑定：${kind}「${name}」${extra}`,
    level: (level: string) => `（${level}）`,
    parent: (name: string) => `\n上级：${name}`,
    secretaries: (names: string) => `\n秘书：${names}`,
    codePrefix: (p: string) => `\n事项编号前缀：${p}`,
    notBound: '本群尚未绑定。',
    unknownKind: (word: string) => `「${word}」不是可识别的类型，请写「联席会议」或「网格」。`,
    missingName: '请写出名称。',
    parentNotFound: (name: string) => `没有找到上级网格「${name}」。请先在上级群里用 /setup 创建它。`,
    needParent: (level: string) => `${level}级网格需要写明上级，例如 上级:幸福里社区。`,
    unknownLevel: (word: string) => `无法判断层级「${word}」，请写 层级:街道、社区、网格 或 楼栋。`,
    levelOrder: (child: string, parent: string) => `层级不对：${child}不能挂在${parent}之下。`,
    parentNotGrid: (name: string) => `「${name}」不是网格节点，不能作为上级。`,
    badPrefix: '编号前缀只能是 1–6 位大写字母或数字，例如 编号:HP。',
    rebound: (oldName: string) => `（本群原先绑定的「${oldName}」已解除）`,
  },

  unit: {
    usage:
      '/unit add <单位名称> [别名:简称1,简称2] [类型:企业]\n/unit list\n/unit rename <单位> <新名称>\n/unit alias <单位> <别名…>\n/unit unalias <单位> <别名>\n/unit remove <单位>',
    added: (name: string, aliases: string) =>
      `已添加成员单位「${name}」${aliases}。\n指定联络员：/liaison ${name} @联络员`,
    rejoined: (name: string) => `「${name}」重新成为成员单位。`,
    aliasesNote: (aliases: string) => `（别名：${aliases}）`,
    exists: (name: string) => `「${name}」已经是成员单位了。`,
    listTitle: (body: string, n: number) => `「${body}」成员单位（${n} 家）：`,
    listLine: (i: number, name: string, aliases: string, liaison: string) =>
      `${i}. ${name}${aliases} — ${liaison}`,
    listAliases: (a: string) => `（${a}）`,
    noLiaison: '未指定联络员',
    empty: '还没有成员单位。添加：/unit add 单位名称 别名:简称',
    notFound: (q: string) => `没有找到成员单位「${q}」。发送 /unit list 查看全部。`,
    offerAdd: (q: string) => `新增单位「${q}」`,
    renamed: (from: string, to: string) => `已将「${from}」更名为「${to}」，原名保留为别名。`,
    nameTaken: (name: string) => `已有名为「${name}」的单位。`,
    aliasesAdded: (name: string, aliases: string) => `已为「${name}」添加别名：${aliases}。`,
    aliasesNone: (name: string) => `「${name}」已经有这些别名了。`,
    aliasTaken: (alias: string, other: string) => `别名「${alias}」已被「${other}」使用。`,
    aliasRemoved: (name: string, alias: string) => `已删除「${name}」的别名「${alias}」。`,
    aliasMissing: (name: string, alias: string) => `「${name}」没有别名「${alias}」。`,
    removed: (name: string) => `已将「${name}」移出成员单位，联络员记录已保留在历史中。`,
    hasOpenItems: (name: string, n: number) => `「${name}」还有 ${n} 项未办结事项，请先改派或销号后再移除。`,
    unknownType: (word: string) => `无法识别单位类型「${word}」。`,
  },

  liaison: {
    usage:
      '/liaison <单位> @联络员 [备用]\n/liaison <单位>  查看现任和历任联络员\n例：/liaison 二所 @zhouming',
    assigned: (unit: string, person: string) => `已指定 ${person} 为「${unit}」的联络员。`,
    assignedBackup: (unit: string, person: string) => `已指定 ${person} 为「${unit}」的备用联络员。`,
    replaced: (prev: string) => `原联络员 ${prev} 的任职已记入历史。`,
    unchanged: (unit: string, person: string) => `${person} 已经是「${unit}」的联络员。`,
    title: (unit: string) => `「${unit}」联络员：`,
    currentLine: (name: string, since: string, backup: string) => `现任：${name}${backup}（自 ${since}）`,
    historyTitle: '历任：',
    historyLine: (name: string, from: string, to: string) => `· ${name}（${from} 至 ${to}）`,
    none: '尚未指定联络员。',
    personAmbiguous: (name: string, n: number) => `有 ${n} 位叫「${name}」的人，请用 @ 提及要指定的人。`,
    newPersonNote: (name: string) =>
      `（「${name}」尚未在群里出现过；TA 的账号可由秘书用 /name @TA ${name} 关联。）`,
    notice: (unit: string, body: string) =>
      `您已被指定为「${unit}」在「${body}」的联络员。交办给本单位的事项会通知您，请及时签收和反馈。`,
    needPerson: '请写出联络员：@提及 或 姓名。',
  },

  role: {
    usage:
      '/role  查看本群角色\n/role @某人 <角色>  授予角色\n/role @某人 -<角色>  撤销角色\n角色：秘书、召集人、成员、网格长、网格员（管理员仅由管理员授予）',
    granted: (person: string, role: string) => `已授予 ${person}「${role}」角色。`,
    already: (person: string, role: string) => `${person} 已经是「${role}」。`,
    revoked: (person: string, role: string) => `已撤销 ${person} 的「${role}」角色。`,
    notHeld: (person: string, role: string) => `${person} 没有「${role}」角色。`,
    unknownRole: (word: string) =>
      `无法识别角色「${word}」。可用：秘书、召集人、成员、网格长、网格员、管理员。`,
    title: (body: string) => `「${body}」角色：`,
    line: (role: string, names: string) => `${role}：${names}`,
    empty: '还没有分配角色。',
  },

  whoami: {
    title: (name: string) => `您是 ${name}`,
    account: (platform: string, id: string) => `账号：${platform}:${id}`,
    chat: (where: string) => `当前：${where}`,
    roles: (roles: string) => `角色：${roles}`,
    liaisonOf: (units: string) => `联络员：${units}`,
    admin: '（系统管理员）',
    unbound: '未绑定的聊天',
    direct: '私聊',
  },

  name: {
    usage: '/name <姓名>  设置自己的显示名\n/name @某人 <姓名>  （秘书）设置他人的显示名并关联名册',
    setSelf: (name: string) => `好的，以后称呼您为「${name}」。`,
    setOther: (who: string, name: string) => `已将 ${who} 的显示名设为「${name}」。`,
    linked: (name: string) => `已与名册中的「${name}」关联。`,
    tooLong: '姓名请控制在 20 个字以内。',
  },

  help: {
    title: (where: string) => `${where}可用的命令：`,
    line: (usage: string, summary: string) => `${usage} — ${summary}`,
    footer: '在企业微信群里，可以 @议事 后直接写命令，如「@议事 帮助」。',
    summaries: {
      help: '查看可用命令',
      setup: '绑定本群到联席会议或网格',
      unit: '管理成员单位和别名',
      liaison: '指定或查看单位联络员',
      role: '分配或查看角色',
      whoami: '查看我的身份和角色',
      name: '设置显示名',
      import: '导入单位和联络员名单（.xlsx/.csv）',
      start: '开通私信提醒',
      meeting: '安排和查看例会（提醒、请假、改期、日历）',
      meetings: '我在各群的近期会议',
      topic: '提交或查看下次会议议题',
      item: '登记议定事项（交办到单位）',
      task: '查看或办理某个事项',
      tasks: '督办事项看板',
      mytasks: '我负责的事项',
      cadence: '督办节奏（提醒时间和间隔）',
      minutes: '会议纪要（.docx，签发和印发）',
      ledger: '督办台账（.xlsx）',
      notes: '从会议记录提取议定事项',
      holiday: '节假日数据（管理员）',
      grid: '查看网格树、办理时限',
      report: '上报问题（生成工单）',
      ticket: '查看或办理某张工单',
      tickets: '本节点工单看板',
      stats: '各单位督办统计和排名',
      bulletin: '督办情况通报（.docx/.xlsx，每月自动发布）',
      stars: '年度评星定级',
    } as Record<string, string>,
  },

  roster: {
    usage:
      '把名单文件（.xlsx 或 .csv）发到群里，说明写 /import。\n列：单位、别名、联络员、手机（可选：职务、类型）。\n私聊时写 /import <机构名称>。',
    readError: {
      unsupported_type: '只支持 .xlsx 和 .csv 文件。',
      empty: '文件是空的。',
      corrupt: '文件无法读取，可能已损坏。请另存为 .xlsx 或 .csv 后再发。',
      too_large: '文件太大（上限 5 MB）。',
    } as Record<string, string>,
    failed: (n: number) => `名单有 ${n} 处问题，未导入任何内容。请修改后重新发送：`,
    errorLine: (row: number, text: string) => `第 ${row} 行：${text}`,
    more: (n: number) => `……另有 ${n} 处问题，见附件。`,
    done: (units: number, created: number, liaisons: number, changed: number) =>
      `导入完成：${units} 家单位（新增 ${created} 家），${liaisons} 位联络员（变更 ${changed} 位）。`,
    noFile: '没有收到文件。请把 .xlsx 或 .csv 名单作为文件发送，说明写 /import。',
    sendFile: (body: string) => `请发送要导入「${body}」的名单文件（.xlsx 或 .csv）。发送「取消」放弃。`,
    whichBody: '私聊导入请写明机构名称：/import <机构名称>',
    bodyNotFound: (name: string) => `没有找到「${name}」。`,
    reportName: '导入问题清单.csv',
    errors: {
      missing_header: () => '缺少「单位」列（表头需包含 单位、别名、联络员、手机）。',
      no_data_rows: () => '表头下面没有数据行。',
      too_many_rows: (p) => `行数超过 ${p.max} 行，请分批导入。`,
      missing_unit: () => '单位名称为空。',
      unit_too_long: (p) => `单位名称超过 ${p.max} 个字。`,
      bad_characters: (p) =>
        `包含无法使用的字符${p.codePoint ? `（${p.codePoint}）` : ''}，如表情符号或控制字符。`,
      alias_too_long: (p) => `别名超过 ${p.max} 个字。`,
      too_many_aliases: (p) => `别名太多（最多 ${p.max} 个）。`,
      title_too_long: (p) => `职务超过 ${p.max} 个字。`,
      bad_phone: (p) => `手机号「${p.value ?? ''}」格式不对（应为 11 位手机号或带区号的座机）。`,
      phone_without_liaison: () => '填了手机号但没有联络员姓名。',
      bad_liaison_name: (p) => `联络员姓名应为 ${p.min ?? 2}–${p.max ?? 20} 个汉字或字母。`,
      bad_type: (p) => `单位类型「${p.value ?? ''}」无法识别。`,
      duplicate_unit: (p) => `与第 ${p.firstRow} 行重复（同一单位出现两次）。`,
      alias_clash: (p) =>
        p.otherUnit
          ? `别名「${p.alias ?? ''}」已被「${p.otherUnit}」使用。`
          : `别名${p.alias ? `「${p.alias}」` : ''}与第 ${p.otherRow} 行的单位重复。`,
    } as Record<string, (p: Record<string, string | number>) => string>,
  },

  holiday: {
    usage:
      '/holiday  查看节假日数据\n/holiday add <日期> 休|班 [名称]  补录放假或调休上班日\n/holiday remove <日期>\n例：/holiday add 2027-01-01 休 元旦',
    title: (years: string) => `内置节假日数据：${years}`,
    overridesTitle: '管理员补录：',
    line: (date: string, off: boolean, name: string) => `${date} ${off ? '休' : '班'} ${name}`,
    noOverrides: '（尚无补录）',
    missingYear: (year: number) =>
      `⚠ ${year} 年尚无节假日数据：工作日按周一至周五计算。请在国务院办公厅公布安排后用 /holiday add 补录。`,
    saved: (date: string, off: boolean) => `已记录：${date} ${off ? '放假' : '上班（调休）'}。`,
    removed: (date: string) => `已删除 ${date} 的补录。`,
    notFound: (date: string) => `${date} 没有补录记录。`,
    badDate: (s: string) => `「${s}」不是有效日期，请写成 2027-01-01。`,
    badKind: '请写「休」（放假）或「班」（调休上班）。',
  },
  documents: {
    minutesUsage:
      '/minutes  最近一次会议的纪要（文字和 .docx）\n/minutes <日期>  某次会议的纪要，如 /minutes 2026-12-05\n召集人签发后由秘书印发到群。',
    notesUsage:
      '/notes <会议记录全文>  从记录中找出议定事项，逐项确认后交办\n不带文字：使用 /meeting start 到 /meeting end 之间记录的讨论。',
    found: (n: number) => `从记录中找到 ${n} 项议定事项，请逐项确认：`,
    noneFound: '没有从记录中找到议定事项。可用 /item 逐项登记。',
    unknownUnit: (unit: string, content: string) =>
      `⚠ 未能识别牵头单位「${unit || '（未写明）'}」：${content}。请先 /unit add，或用 /item 补录。`,
    deferredFound: (topics: string) => `下次再议：${topics}。可用 /topic 加入下次议题。`,
    llmFellBack: '（智能提取暂不可用，已改用规则提取。）',
    ledgerUsage: '/ledger  督办台账（.xlsx）',
    ledgerReady: (body: string, n: number) => `「${body}」督办台账，共 ${n} 项。`,
    masthead: (body: string) => `${body}纪要`,
    title: (meeting: string) => `${meeting}纪要`,
    seq: (n: number) => `第${n}次会议`,
    opening: (date: string, time: string, place: string, chair: string, meeting: string) =>
      `${date}${time ? ` ${time}` : ''}，${chair ? `${chair}` : ''}${place ? `在${place}` : ''}主持召开${meeting}。现将议定事项纪要如下：`,
    discussed: (topics: string[]) =>
      `会议研究了以下议题：${topics.map((t, i) => `${i + 1}. ${t}`).join('；')}。`,
    deferred: (topics: string[]) => `下次再议：${topics.join('；')}。`,
    dueBy: (date: string) => `${date}前`,
    issuer: (body: string) => `${body}办公室`,
    state: {
      draft: '【纪要草稿】请召集人审阅签发。',
      approved: '【已签发】请秘书印发。',
      issued: '【已印发】',
    } as Record<string, string>,
    approve: '签发',
    issue: '印发到群',
    issued: (title: string) => `【会议纪要印发】${title}`,
    noMeeting: '还没有已召开的会议。会议开始时发送 /meeting start。',
    noMeetingOn: (date: string) => `${date} 没有会议。`,
    badDate: (s: string) => `看不懂日期「${s}」，请写成 2026-12-05 或 12月5日。`,
    notDraft: '这份纪要已经签发过了。',
    notApproved: '纪要需先由召集人签发，才能印发。',
  },
  link: {
    linked: (name: string) => `已关联：您是「${name}」。以后的提醒会直接私信给您。`,
    welcome: (bot: string) => `您好，我是${bot}。以后给您的提醒会私信发到这里。发送 /help 查看能做什么。`,
    expired: '这个链接已失效，但私信已开通：以后的提醒会直接发到这里。',
  },
  console: {
    banner: (db: string) =>
      `议事 · 终端试用模式（未配置 Telegram 或企业微信）\n数据保存在 ${db}\n接入 Telegram：在 .env 中设置 TELEGRAM_BOT_TOKEN（向 @BotFather 申请）。\n接入企业微信：在 .env 中设置 WECOM_BOT_ID 和 WECOM_BOT_SECRET（企业微信管理后台 → 智能机器人）。\n试试：/setup 联席会议 和平街道联席会议，然后 /help。`,
  },
  delivery: {
    dmFallback: (name: string) =>
      `${name}，私信未能送达，请先私聊我一次（发送任意消息），以后提醒会直接发给您。以下是给您的消息：`,
    startBot: '开通私信提醒',
    failedNotice: (chat: string, error: string) => `有一条消息未能发送到「${chat}」：${error}`,
  },
};

export type Messages = typeof zhCN;
