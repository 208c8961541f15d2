/**
 * The console adapter's own user-facing strings. They describe the terminal itself (local commands,
 * who you are speaking as, where a file was saved), never the bot's answers, which come from the core.
 * @module
 */

const zhCN = {
  /** Who you speak as and where, before any /as or /in. */
  defaultUser: '张三',
  defaultChat: '联席会议群',
  /** The bot's name in block headers. */
  botName: '议事',
  /** Label of the private chat between the bot and a user. */
  direct: '私信',
  helpTitle: '本地命令（只在这个终端里有效，不会发给议事）：',
  helpLines: [
    '/as <名字>        换成另一个人说话',
    '/in <群名>        进入一个群聊（没有就新建）',
    '/dm               进入你和议事的私信',
    '/where            看看你现在是谁、在哪里',
    '/file <路径> [话] 发送本地文件（如名单 .xlsx/.csv），后面可以附一句话',
    '/console          再看一遍本地命令',
    '/quit             退出（Ctrl-D 也可以）',
  ],
  helpFooter:
    '其他输入都作为消息发给议事；按钮前有编号，输入编号就是按下它。用 @名字 提到某人，用 @议事 叫机器人。',
  nowYouAre: (user: string, where: string) => `现在你是「${user}」，在${where}。`,
  whereGroup: (title: string) => `群聊「${title}」`,
  whereDirect: '与议事的私信',
  usage: (usage: string) => `用法：${usage}`,
  unknownLocal: (command: string) => `没有本地命令 ${command}。输入 /console 查看本地命令。`,
  fileNotFound: (file: string) => `找不到文件：${file}`,
  fileTooLarge: (file: string, maxMb: number) => `文件太大（上限 ${maxMb} MB）：${file}`,
  fileSending: (name: string, bytes: number) => `发送文件 ${name}（${bytes} 字节）`,
  fileSaved: (file: string) => `文件已保存：${file}`,
  handlerError: (detail: string) => `处理这条消息时出错：${detail}`,
  edited: '已修改',
  notice: '提示',
  pressed: (label: string) => `你按下了「${label}」`,
  /** Marks a block sent to a chat you are not in, with how to get there. */
  elsewhere: (command: string) => `不在当前会话 · 输入 ${command} 前往`,
  andThen: ' 然后 ',
  bye: '再见。',
};

/** The shape every language's console strings must have; the zh-CN object is the reference. */
export type ConsoleMessages = typeof zhCN;

const en: ConsoleMessages = {
  defaultUser: 'Alice',
  defaultChat: 'Joint meeting',
  botName: 'Yishi',
  direct: 'DM',
  helpTitle: 'Local commands (handled by this terminal, never sent to Yishi):',
  helpLines: [
    '/as <name>             speak as someone else',
    '/in <chat title>       go into a group chat (created if new)',
    '/dm                    go into your private chat with Yishi',
    '/where                 show who and where you are',
    '/file <path> [text]    send a local file (e.g. a roster .xlsx/.csv), optionally with text',
    '/console               show these local commands again',
    '/quit                  leave (Ctrl-D works too)',
  ],
  helpFooter:
    'Anything else is a message to Yishi; buttons are numbered, type the number to press one. ' +
    'Mention people with @name and the bot with @yishi.',
  nowYouAre: (user, where) => `You are now "${user}" in ${where}.`,
  whereGroup: (title) => `the group "${title}"`,
  whereDirect: 'your private chat with Yishi',
  usage: (usage) => `Usage: ${usage}`,
  unknownLocal: (command) => `There is no local command ${command}. Type /console to list them.`,
  fileNotFound: (file) => `File not found: ${file}`,
  fileTooLarge: (file, maxMb) => `File too large (limit ${maxMb} MB): ${file}`,
  fileSending: (name, bytes) => `Sending file ${name} (${bytes} bytes)`,
  fileSaved: (file) => `File saved: ${file}`,
  handlerError: (detail) => `Error while handling this message: ${detail}`,
  edited: 'edited',
  notice: 'Notice',
  pressed: (label) => `You pressed "${label}"`,
  elsewhere: (command) => `not your current chat · type ${command} to go there`,
  andThen: ' then ',
  bye: 'Bye.',
};

/** Console strings by language, Chinese first. */
export const consoleMessages: Record<'zh-CN' | 'en', ConsoleMessages> = { 'zh-CN': zhCN, en };
