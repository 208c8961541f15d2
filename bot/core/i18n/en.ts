/** Every user-facing text in English; same keys as `zh-CN.ts`. @module */
import { grid } from './en/grid.js';
import { items } from './en/items.js';
import { meetings } from './en/meetings.js';
import { stats } from './en/stats.js';
import type { Messages } from './zh-CN.js';

export const en: Messages = {
  meetings,
  items,
  grid,
  stats,
  language: 'en',
  botName: 'Yishi',
  sep: ', ',

  names: {
    role: {
      admin: 'admin',
      secretary: 'secretary',
      chair: 'chair',
      member: 'member',
      grid_leader: 'grid leader',
      grid_worker: 'grid worker',
    },
    level: { street: 'street', community: 'community', grid: 'grid', building: 'building' },
    bodyKind: { joint_meeting: 'joint meeting', grid: 'grid' },
    liaison: 'liaison',
    backup: ' (backup)',
  },

  common: {
    unknownCommand: (name) => `There is no "/${name}" command. Send /help to see what you can do.`,
    usage: (usage) => `Usage:\n${usage}`,
    oops: (ref) =>
      `Sorry, something went wrong and has been logged (ref ${ref}). Please try again later or give the ref to an admin.`,
    tooLong: (max) => `That is too long (at most ${max} characters).`,
    badCharacters: 'The name contains characters that cannot be used (emoji or control characters).',
    badPersonName:
      'A name should be 2–20 Chinese characters or letters (· and spaces allowed); for someone in the chat, @mention them.',
    cancelled: 'OK, cancelled.',
    needBoundChat:
      'This group is not bound to a joint meeting or grid yet. A secretary should send /setup first.',
    needGroup: 'Please use this command in a group chat.',
    buttonExpired: 'This button has expired; please send the command again.',
    buttonUsed: 'This button has already been handled.',
    chooseOne: (what) => `"${what}" matches several; please choose:`,
    notUnderstood: 'I did not understand that. Send /help to see the commands.',
    none: '(none)',
    dateTime: (s) => s,
  },

  denied: {
    setup: 'Only an admin or a secretary of this group’s body can change its binding.',
    roles: 'Only an admin or a secretary can assign roles.',
    units: 'Only an admin or a secretary can manage member units.',
    liaisons: 'Only an admin or a secretary can appoint liaisons.',
    import: 'Only an admin or a secretary can import a roster.',
    meetings: 'Only a secretary or the chair can schedule meetings.',
    items: 'Only a secretary or the chair can record and confirm items.',
    extensions: 'Only a secretary or the chair can decide on extensions.',
    verify: 'Only a secretary or the chair can verify and close items.',
    'minutes.signoff': 'Only the chair can sign off the minutes (the secretary when no chair is set).',
    'liaison.act': 'Only the unit’s liaison or a secretary can do this.',
    attendance: 'Only members of this group can answer attendance.',
    topics: 'Only members of this group can propose topics.',
    'grid.report': 'Only grid workers or members of a grid group can report issues.',
    'grid.dispatch': 'Only this grid’s leader or the parent’s secretary can dispatch.',
    admin: 'Only an admin can do this.',
    lastSecretary: 'You cannot revoke the last secretary; appoint another secretary first.',
  },

  greet: {
    joinedGroup: (bot) =>
      `Hello, I am ${bot}, the secretary assistant for joint meetings and grid groups.\nA secretary should send:\n/setup 联席会议 <name>\nor /setup 网格 <name> 上级:<parent>\nOnce the group is bound, send /help to see what I can do.`,
  },

  setup: {
    usage:
      '/setup 联席会议 <name>  (joint meeting)\n/setup 网格 <name> 上级:<parent> [层级:街道|社区|网格|楼栋] [编号:PREFIX]  (grid node)\ne.g. /setup 联席会议 和平街道区域化党建联席会议',
    boundNew: (kind, name) =>
      `Created the ${kind} "${name}" and bound this group to it; you are its secretary.\nNext: /unit add <unit name> 别名:<short name> to add member units.`,
    boundExisting: (kind, name) => `This group is now bound to the ${kind} "${name}".`,
    alreadyBound: (kind, name) => `This group is already bound to the ${kind} "${name}".`,
    current: (kind, name, extra) => `This group is bound to the ${kind} "${name}"${extra}`,
    level: (level) => ` (${level})`,
    parent: (name) => `\nParent: ${name}`,
    secretaries: (names) => `\nSecretaries: ${names}`,
    codePrefix: (p) => `\nItem code prefix: ${p}`,
    notBound: 'This group is not bound yet.',
    unknownKind: (word) => `"${word}" is not a known kind; write 联席会议 (joint meeting) or 网格 (grid).`,
    missingName: 'Please give a name.',
    parentNotFound: (name) =>
      `No parent grid node "${name}" was found. Create it first with /setup in its own group.`,
    needParent: (level) => `A ${level} node needs a parent, e.g. 上级:幸福里社区.`,
    unknownLevel: (word) => `Cannot tell the level "${word}"; write 层级:街道, 社区, 网格 or 楼栋.`,
    levelOrder: (child, parent) => `Wrong level: a ${child} cannot sit under a ${parent}.`,
    parentNotGrid: (name) => `"${name}" is not a grid node and cannot be a parent.`,
    badPrefix: 'The code prefix must be 1–6 capital letters or digits, e.g. 编号:HP.',
    rebound: (oldName) => ` (the previous binding to "${oldName}" was removed)`,
  },

  unit: {
    usage:
      '/unit add <unit name> [别名:short1,short2] [类型:企业]\n/unit list\n/unit rename <unit> <new name>\n/unit alias <unit> <aliases…>\n/unit unalias <unit> <alias>\n/unit remove <unit>',
    added: (name, aliases) =>
      `Added the member unit "${name}"${aliases}.\nAppoint a liaison: /liaison ${name} @liaison`,
    rejoined: (name) => `"${name}" is a member unit again.`,
    aliasesNote: (aliases) => ` (aliases: ${aliases})`,
    exists: (name) => `"${name}" is already a member unit.`,
    listTitle: (body, n) => `Member units of "${body}" (${n}):`,
    listLine: (i, name, aliases, liaison) => `${i}. ${name}${aliases} — ${liaison}`,
    listAliases: (a) => ` (${a})`,
    noLiaison: 'no liaison yet',
    empty: 'No member units yet. Add one: /unit add <unit name> 别名:<short name>',
    notFound: (q) => `No member unit "${q}" was found. Send /unit list to see them all.`,
    offerAdd: (q) => `Add unit "${q}"`,
    renamed: (from, to) => `Renamed "${from}" to "${to}"; the old name is kept as an alias.`,
    nameTaken: (name) => `A unit named "${name}" already exists.`,
    aliasesAdded: (name, aliases) => `Added aliases to "${name}": ${aliases}.`,
    aliasesNone: (name) => `"${name}" already has these aliases.`,
    aliasTaken: (alias, other) => `The alias "${alias}" is already used by "${other}".`,
    aliasRemoved: (name, alias) => `Removed the alias "${alias}" from "${name}".`,
    aliasMissing: (name, alias) => `"${name}" has no alias "${alias}".`,
    removed: (name) => `Removed "${name}" from the member units; its liaison records stay in the history.`,
    hasOpenItems: (name, n) =>
      `"${name}" still has ${n} open items; reassign or close them before removing it.`,
    unknownType: (word) => `Unknown unit type "${word}".`,
  },

  liaison: {
    usage:
      '/liaison <unit> @liaison [备用]\n/liaison <unit>  show the current and past liaisons\ne.g. /liaison 二所 @zhouming',
    assigned: (unit, person) => `${person} is now the liaison of "${unit}".`,
    assignedBackup: (unit, person) => `${person} is now the backup liaison of "${unit}".`,
    replaced: (prev) => `The previous liaison ${prev} is kept in the history.`,
    unchanged: (unit, person) => `${person} is already the liaison of "${unit}".`,
    title: (unit) => `Liaisons of "${unit}":`,
    currentLine: (name, since, backup) => `Current: ${name}${backup} (since ${since})`,
    historyTitle: 'Past:',
    historyLine: (name, from, to) => `· ${name} (${from} – ${to})`,
    none: 'No liaison appointed yet.',
    personAmbiguous: (name, n) => `${n} people are called "${name}"; please @mention the one you mean.`,
    newPersonNote: (name) =>
      `("${name}" has not appeared in a chat yet; a secretary can link their account with /name @them ${name}.)`,
    notice: (unit, body) =>
      `You are now the liaison of "${unit}" in "${body}". Items assigned to your unit will be sent to you; please acknowledge and report on them.`,
    needPerson: 'Please name the liaison: an @mention or a name.',
  },

  role: {
    usage:
      '/role  show roles here\n/role @someone <role>  grant a role\n/role @someone -<role>  revoke a role\nRoles: 秘书 secretary, 召集人 chair, 成员 member, 网格长 grid leader, 网格员 grid worker (admin only by admins)',
    granted: (person, role) => `Granted ${person} the role "${role}".`,
    already: (person, role) => `${person} already is "${role}".`,
    revoked: (person, role) => `Revoked the role "${role}" from ${person}.`,
    notHeld: (person, role) => `${person} does not hold the role "${role}".`,
    unknownRole: (word) =>
      `Unknown role "${word}". Use secretary, chair, member, grid_leader, grid_worker or admin.`,
    title: (body) => `Roles in "${body}":`,
    line: (role, names) => `${role}: ${names}`,
    empty: 'No roles assigned yet.',
  },

  whoami: {
    title: (name) => `You are ${name}`,
    account: (platform, id) => `Account: ${platform}:${id}`,
    chat: (where) => `Here: ${where}`,
    roles: (roles) => `Roles: ${roles}`,
    liaisonOf: (units) => `Liaison of: ${units}`,
    admin: ' (system admin)',
    unbound: 'an unbound chat',
    direct: 'private chat',
  },

  name: {
    usage:
      '/name <name>  set your display name\n/name @someone <name>  (secretary) set someone’s name and link them to the roster',
    setSelf: (name) => `OK, I will call you "${name}".`,
    setOther: (who, name) => `Set the display name of ${who} to "${name}".`,
    linked: (name) => `Linked to "${name}" in the roster.`,
    tooLong: 'Please keep the name within 20 characters.',
  },

  help: {
    title: (where) => `Commands you can use in ${where}:`,
    line: (usage, summary) => `${usage} — ${summary}`,
    footer: 'In WeCom groups you can @Yishi and then write the command, e.g. "@议事 帮助".',
    summaries: {
      help: 'show the commands you can use',
      setup: 'bind this group to a joint meeting or grid node',
      unit: 'manage member units and aliases',
      liaison: 'appoint or show a unit’s liaison',
      role: 'assign or show roles',
      whoami: 'show who I am and my roles',
      name: 'set a display name',
      import: 'import units and liaisons from a roster (.xlsx/.csv)',
      start: 'turn on private reminders',
      meeting: 'schedule and see regular meetings (reminders, leave, moves, calendar)',
      meetings: 'my coming meetings in every group',
      topic: 'propose or see topics for the next meeting',
      item: 'record an agreed item (assign it to units)',
      task: 'see or act on one item',
      tasks: 'the board of supervised items',
      mytasks: 'my items as a liaison',
      cadence: 'the follow-up cadence (times and intervals)',
      minutes: 'meeting minutes (.docx, sign-off and issue)',
      ledger: 'the supervision ledger (.xlsx)',
      notes: 'find agreed items in meeting notes',
      holiday: 'holiday calendar data (admins)',
      grid: 'the grid tree and time limits',
      report: 'report an issue (creates a ticket)',
      ticket: 'see or act on one ticket',
      tickets: 'the ticket board of this node',
      stats: 'statistics and ranking of the units',
      bulletin: 'the supervision bulletin (.docx/.xlsx; posted monthly)',
      stars: 'yearly star rating of the units',
    },
  },

  roster: {
    usage:
      'Send the roster file (.xlsx or .csv) to the group with the caption /import.\nColumns: 单位 unit, 别名 aliases, 联络员 liaison, 手机 mobile (optional 职务 title, 类型 type).\nIn a private chat write /import <body name>.',
    readError: {
      unsupported_type: 'Only .xlsx and .csv files are supported.',
      empty: 'The file is empty.',
      corrupt: 'The file cannot be read; it may be damaged. Save it again as .xlsx or .csv.',
      too_large: 'The file is too large (5 MB at most).',
    },
    failed: (n) =>
      `The roster has ${n} problems, so nothing was imported. Please fix them and send it again:`,
    errorLine: (row, text) => `Row ${row}: ${text}`,
    more: (n) => `…and ${n} more problems, see the attachment.`,
    done: (units, created, liaisons, changed) =>
      `Imported ${units} units (${created} new) and ${liaisons} liaisons (${changed} changed).`,
    noFile: 'No file received. Send the .xlsx or .csv roster as a file with the caption /import.',
    sendFile: (body) =>
      `Please send the roster file (.xlsx or .csv) to import into "${body}". Send 取消 to give up.`,
    whichBody: 'In a private chat name the body: /import <body name>',
    bodyNotFound: (name) => `"${name}" was not found.`,
    reportName: 'import-problems.csv',
    errors: {
      missing_header: () => 'The 单位 (unit) column is missing (the header needs 单位, 别名, 联络员, 手机).',
      no_data_rows: () => 'There are no data rows below the header.',
      too_many_rows: (p) => `More than ${p.max} rows; please import in parts.`,
      missing_unit: () => 'The unit name is empty.',
      unit_too_long: (p) => `The unit name is longer than ${p.max} characters.`,
      bad_characters: (p) =>
        `Contains a character that cannot be used${p.codePoint ? ` (${p.codePoint})` : ''}, such as emoji or control characters.`,
      alias_too_long: (p) => `An alias is longer than ${p.max} characters.`,
      too_many_aliases: (p) => `Too many aliases (at most ${p.max}).`,
      title_too_long: (p) => `The title is longer than ${p.max} characters.`,
      bad_phone: (p) =>
        `The phone number "${p.value ?? ''}" is not valid (11-digit mobile or a landline with area code).`,
      phone_without_liaison: () => 'A phone number is given but no liaison name.',
      bad_liaison_name: (p) =>
        `The liaison name should be ${p.min ?? 2}–${p.max ?? 20} Chinese characters or letters.`,
      bad_type: (p) => `Unknown unit type "${p.value ?? ''}".`,
      duplicate_unit: (p) => `Repeats row ${p.firstRow} (the same unit twice).`,
      alias_clash: (p) =>
        p.otherUnit
          ? `The alias "${p.alias ?? ''}" is already used by "${p.otherUnit}".`
          : `An alias${p.alias ? ` "${p.alias}"` : ''} repeats the unit of row ${p.otherRow}.`,
    },
  },

  holiday: {
    usage:
      '/holiday  show the holiday data\n/holiday add <date> 休|班 [name]  record a day off (休) or a makeup workday (班)\n/holiday remove <date>\ne.g. /holiday add 2027-01-01 休 元旦',
    title: (years) => `Bundled holiday data: ${years}`,
    overridesTitle: 'Entered by admins:',
    line: (date, off, name) => `${date} ${off ? 'off' : 'workday'} ${name}`,
    noOverrides: '(none yet)',
    missingYear: (year) =>
      `⚠ There is no holiday data for ${year}: working days are Mon–Fri. Enter the official schedule with /holiday add once it is published.`,
    saved: (date, off) => `Recorded: ${date} is ${off ? 'a day off' : 'a (makeup) working day'}.`,
    removed: (date) => `Removed the entry for ${date}.`,
    notFound: (date) => `There is no entry for ${date}.`,
    badDate: (s) => `"${s}" is not a valid date; write it as 2027-01-01.`,
    badKind: 'Write 休 (day off) or 班 (makeup working day).',
  },
  documents: {
    minutesUsage:
      '/minutes  the latest meeting’s minutes (text and .docx)\n/minutes <date>  a given meeting’s, e.g. /minutes 2026-12-05\nThe chair signs them off; the secretary then issues them to the group.',
    notesUsage:
      '/notes <the meeting notes>  find the agreed items and confirm them one by one\nWithout text: the discussion captured between /meeting start and /meeting end.',
    found: (n) => `Found ${n} agreed items in the notes; please confirm each:`,
    noneFound: 'No agreed items were found. Record them with /item.',
    unknownUnit: (unit, content) =>
      `⚠ Unknown lead unit "${unit || '(none given)'}": ${content}. Add it with /unit add, or record it with /item.`,
    deferredFound: (topics) => `Deferred to next time: ${topics}. Add them with /topic.`,
    llmFellBack: '(The model was not available; the rule-based extractor was used.)',
    ledgerUsage: '/ledger  the supervision ledger (.xlsx)',
    ledgerReady: (body, n) => `The ledger of "${body}": ${n} items.`,
    masthead: (body) => `${body}纪要`,
    title: (meeting) => `${meeting}纪要`,
    seq: (n) => `第${n}次会议`,
    opening: (date, time, place, chair, meeting) =>
      `${date}${time ? ` ${time}` : ''}，${chair ? `${chair}` : ''}${place ? `在${place}` : ''}主持召开${meeting}。现将议定事项纪要如下：`,
    discussed: (topics) => `会议研究了以下议题：${topics.map((t, i) => `${i + 1}. ${t}`).join('；')}。`,
    deferred: (topics) => `下次再议：${topics.join('；')}。`,
    dueBy: (date) => `by ${date}`,
    issuer: (body) => `${body}办公室`,
    state: {
      draft: '[Draft minutes] For the chair to review and sign off.',
      approved: '[Signed off] The secretary may issue them.',
      issued: '[Issued]',
    },
    approve: 'Sign off',
    issue: 'Issue to the group',
    issued: (title) => `[Minutes issued] ${title}`,
    noMeeting: 'No meeting has been held yet. Send /meeting start when one begins.',
    noMeetingOn: (date) => `There was no meeting on ${date}.`,
    badDate: (s) => `Cannot read the date "${s}"; write 2026-12-05 or 12月5日.`,
    notDraft: 'These minutes have already been signed off.',
    notApproved: 'The chair must sign the minutes off before they are issued.',
  },
  link: {
    linked: (name) => `Linked: you are "${name}". Reminders will now come to you here directly.`,
    welcome: (bot) =>
      `Hello, I am ${bot}. Reminders for you will arrive here. Send /help to see what I can do.`,
    expired: 'This link has expired, but private messages are now on: reminders will come here.',
  },
  console: {
    banner: (db) =>
      `Yishi · terminal mode (neither Telegram nor WeCom is configured)\nData is kept in ${db}\nTelegram: set TELEGRAM_BOT_TOKEN in .env (ask @BotFather).\nWeCom: set WECOM_BOT_ID and WECOM_BOT_SECRET in .env (WeCom admin console → smart bot).\nTry: /setup 联席会议 和平街道联席会议, then /help.`,
  },
  delivery: {
    dmFallback: (name) =>
      `${name}, a private message could not reach you. Please message me once (anything) so reminders can come to you directly. Here is the message:`,
    startBot: 'Turn on private reminders',
    failedNotice: (chat, error) => `A message could not be sent to "${chat}": ${error}`,
  },
};
