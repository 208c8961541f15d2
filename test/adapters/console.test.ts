import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleAdapter, createConsoleAdapter } from '../../bot/adapters/console/index.js';
import type { AdapterHandlers } from '../../bot/core/ports.js';
import type { ButtonPress, Incoming } from '../../bot/core/types.js';
import { fixedClock } from '../support/fake-clock.js';

/** A console adapter on in-memory streams, recording what reaches the bot and what is printed. */
interface Rig {
  adapter: ConsoleAdapter;
  messages: Incoming[];
  presses: ButtonPress[];
  /** Everything printed so far. */
  printed(): string;
  /** Types lines, ends the input and waits until every line was handled. */
  run(...lines: string[]): Promise<void>;
}

let outDir: string;

beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'yishi-console-'));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/**
 * Builds a rig; `react` lets a test play the bot (send buttons, throw) when a message arrives.
 * Lines are handled one at a time, so writing a whole script and awaiting `closed` is deterministic.
 */
async function rig(
  react: (msg: Incoming, adapter: ConsoleAdapter) => Promise<void> = async () => {},
  language: 'zh-CN' | 'en' = 'zh-CN',
): Promise<Rig> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const adapter = createConsoleAdapter({
    input,
    output,
    clock: fixedClock('2026-11-30T09:00:00+08:00'),
    language,
    outDir,
    initialUser: '张三',
    initialChat: '联席会议群',
    banner: 'BANNER: set TELEGRAM_BOT_TOKEN to use Telegram',
  });
  const messages: Incoming[] = [];
  const presses: ButtonPress[] = [];
  const handlers: AdapterHandlers = {
    async onMessage(msg) {
      messages.push(msg);
      await react(msg, adapter);
    },
    async onButton(press) {
      presses.push(press);
    },
  };
  await adapter.start(handlers);
  return {
    adapter,
    messages,
    presses,
    printed: () => printed,
    async run(...lines) {
      input.end(lines.map((l) => `${l}\n`).join(''));
      await adapter.closed;
    },
  };
}

const buttons = (...labels: string[]) => [labels.map((label) => ({ id: `btn:${label}`, label }))];

describe('console adapter', () => {
  it('prints the banner and the local commands at start', async () => {
    const r = await rig();
    await r.run();
    expect(r.printed()).toContain('BANNER: set TELEGRAM_BOT_TOKEN');
    expect(r.printed()).toContain('/as <名字>');
    expect(r.printed()).toContain('张三@联席会议群> ');
  });

  it('turns a line into an Incoming from the current user in the current group', async () => {
    const r = await rig();
    await r.run('下周一开联席会议');
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0]!;
    expect(m.chat).toEqual({ platform: 'console', chatId: '联席会议群', kind: 'group', title: '联席会议群' });
    expect(m.sender).toMatchObject({ platform: 'console', userId: '张三', displayName: '张三' });
    expect(m.rawText).toBe('下周一开联席会议');
    expect(m.text).toBe('下周一开联席会议');
    expect(m.mentionsBot).toBe(false);
    expect(m.files).toEqual([]);
    expect(m.receivedAt).toBe(Date.parse('2026-11-30T09:00:00+08:00'));
  });

  it('/as and /in change the sender and chat of the next message and are not sent to the bot', async () => {
    const r = await rig();
    await r.run('/as 李四', '/in 三里屯网格群', '你好', '/where');
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]!.sender.userId).toBe('李四');
    expect(r.messages[0]!.chat).toMatchObject({
      chatId: '三里屯网格群',
      kind: 'group',
      title: '三里屯网格群',
    });
    expect(r.printed()).toContain('现在你是「李四」，在群聊「三里屯网格群」。');
    expect(r.printed()).toContain('李四@三里屯网格群> ');
  });

  it('/dm switches to the direct chat of the current user, where every line addresses the bot', async () => {
    const r = await rig();
    await r.run('/dm', '我的待办', '/as 王五', '在吗');
    expect(r.messages.map((m) => m.chat)).toEqual([
      { platform: 'console', chatId: '张三', kind: 'direct' },
      { platform: 'console', chatId: '王五', kind: 'direct' },
    ]);
    expect(r.messages.every((m) => m.mentionsBot)).toBe(true);
    expect(r.printed()).toContain('王五@私信> ');
  });

  it('parses @mentions, detects the bot mention and strips it from text', async () => {
    const r = await rig();
    await r.run('@议事 请 @李四 和 @王五，跟进漏水问题', '@yishi: /help', '/agenda', '邮件 a@b.com 给 @赵六');
    const [first, second, third, fourth] = r.messages;
    expect(first!.mentionsBot).toBe(true);
    expect(first!.text).toBe('请 @李四 和 @王五，跟进漏水问题');
    expect(first!.rawText).toBe('@议事 请 @李四 和 @王五，跟进漏水问题');
    expect(first!.mentions.map((u) => u.userId)).toEqual(['李四', '王五']);
    expect(second).toMatchObject({ mentionsBot: true, text: '/help', mentions: [] });
    expect(third).toMatchObject({ mentionsBot: true, text: '/agenda' });
    expect(fourth!.mentionsBot).toBe(false);
    expect(fourth!.mentions.map((u) => u.userId)).toEqual(['赵六']);
  });

  it('a number presses the button of the last buttoned message in the current chat only', async () => {
    const r = await rig(async (msg, adapter) => {
      if (msg.text === '开会') {
        await adapter.send(msg.chat, { text: '确认议程？', buttons: buttons('确认', '修改') });
      }
      if (msg.text === '投票') {
        await adapter.send(msg.chat, { text: '选一个', buttons: buttons('甲', '乙', '丙') });
      }
    });
    await r.run('/in 甲群', '开会', '/in 乙群', '投票', '/in 甲群', '2', '/in 乙群', '3', '9');
    expect(r.presses).toHaveLength(2);
    expect(r.presses[0]).toMatchObject({
      buttonId: 'btn:修改',
      user: { userId: '张三' },
      chat: { chatId: '甲群', kind: 'group' },
      message: { platform: 'console', chatId: '甲群' },
    });
    expect(r.presses[1]).toMatchObject({ buttonId: 'btn:丙', chat: { chatId: '乙群' } });
    expect(r.presses[0]!.message!.messageId).not.toBe(r.presses[1]!.message!.messageId);
    expect(r.presses[0]!.id).not.toBe(r.presses[1]!.id);
    // No button 9: an ordinary message.
    expect(r.messages.at(-1)!.text).toBe('9');
    expect(r.printed()).toContain('[1] 确认  [2] 修改');
  });

  it('a number in a chat whose buttons went elsewhere is an ordinary message', async () => {
    const r = await rig(async (msg, adapter) => {
      if (msg.text === '提醒') {
        const other = { platform: 'console' as const, chatId: '李四', kind: 'direct' as const };
        await adapter.send(other, { text: '请确认参会', buttons: buttons('参加', '请假') });
      }
    });
    await r.run('提醒', '1', '/as 李四', '/dm', '2');
    expect(r.messages.map((m) => m.text)).toEqual(['提醒', '1']);
    expect(r.presses).toEqual([
      expect.objectContaining({ buttonId: 'btn:请假', chat: expect.objectContaining({ chatId: '李四' }) }),
    ]);
    expect(r.printed()).toMatch(/\[私信 → 李四\].*不在当前会话 · 输入 \/as 李四 然后 \/dm 前往/u);
  });

  it('link buttons show their URL and are not pressable', async () => {
    const r = await rig(async (msg, adapter) => {
      if (msg.text === '链接') {
        await adapter.send(msg.chat, {
          text: '打开',
          buttons: [
            [{ id: 'u', label: '详情', url: 'https://t.me/yishi_bot?start=x' }],
            [{ id: 'ok', label: '好' }],
          ],
        });
      }
    });
    await r.run('链接', '2', '1');
    expect(r.printed()).toContain('↗ 详情: https://t.me/yishi_bot?start=x');
    expect(r.presses.map((p) => p.buttonId)).toEqual(['ok']);
    expect(r.messages.map((m) => m.text)).toEqual(['链接', '2']);
  });

  it('prints markdown as plain text, with title and mentions, and edits and acks', async () => {
    const r = await rig(async (msg, adapter) => {
      const ref = await adapter.send(msg.chat, {
        title: '会议纪要',
        text: '**议题一**\n排水改造',
        format: 'markdown',
        mentions: [{ platform: 'console', userId: '李四', displayName: '李四' }],
      });
      await adapter.edit!(ref, { text: '已归档' });
      await adapter.ack!(
        { id: 'p', buttonId: 'b', user: msg.sender, chat: msg.chat, receivedAt: 0 },
        '已记录',
      );
    });
    await r.run('纪要');
    const printed = r.printed();
    expect(printed).toContain('── [联席会议群] 议事 #1 ──');
    expect(printed).toContain('  会议纪要\n  议题一\n  排水改造\n  @李四');
    expect(printed).not.toContain('**');
    expect(printed).toContain('── [联席会议群] 议事 #1 ✎ 已修改 ──\n  已归档');
    expect(printed).toContain('提示: 已记录');
  });

  it('/file sends a local file whose fetch() returns its bytes', async () => {
    const roster = path.join(outDir, '网格员 名单.csv');
    const content = '姓名,网格\n张三,一网格\n';
    await writeFile(roster, content);
    const r = await rig();
    await r.run(`/file "${roster}" 导入名单 @议事`, '/file /no/such/file.xlsx');
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0]!;
    expect(m.text).toBe('导入名单 @议事');
    expect(m.mentionsBot).toBe(true);
    expect(m.files).toHaveLength(1);
    expect(m.files[0]).toMatchObject({
      name: '网格员 名单.csv',
      mime: 'text/csv',
      size: Buffer.byteLength(content),
    });
    expect((await m.files[0]!.fetch()).toString('utf8')).toBe(content);
    expect(r.printed()).toContain('找不到文件：/no/such/file.xlsx');
  });

  it('writes an outgoing file into outDir without overwriting', async () => {
    const r = await rig(async (msg, adapter) => {
      const file = (text: string) => ({
        name: '纪要.docx',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        base64: Buffer.from(text).toString('base64'),
      });
      await adapter.send(msg.chat, { text: '纪要见附件', file: file('v1') });
      await adapter.send(msg.chat, { text: '再发一次', file: file('v2') });
    });
    await r.run('发纪要');
    expect((await readdir(outDir)).sort()).toEqual(['纪要-1.docx', '纪要.docx']);
    expect(await readFile(path.join(outDir, '纪要.docx'), 'utf8')).toBe('v1');
    expect(await readFile(path.join(outDir, '纪要-1.docx'), 'utf8')).toBe('v2');
    expect(r.printed()).toContain(`文件已保存：${path.join(outDir, '纪要-1.docx')}`);
  });

  it('creates outDir and keeps a file name from escaping it', async () => {
    const dir = path.join(outDir, 'data', 'out');
    const adapter = createConsoleAdapter({
      input: new PassThrough(),
      output: new PassThrough(),
      clock: fixedClock(),
      language: 'zh-CN',
      outDir: dir,
    });
    const file = {
      name: '../escape.txt',
      mime: 'text/plain',
      base64: Buffer.from('safe').toString('base64'),
    };
    await adapter.send({ platform: 'console', chatId: 'g', kind: 'group' }, { text: 'x', file });
    expect(await readdir(dir)).toEqual(['escape.txt']);
  });

  it('a message sent while waiting for input (a reminder) gets its own lines and the prompt comes back', async () => {
    const r = await rig();
    await r.adapter.send(
      { platform: 'console', chatId: '联席会议群', kind: 'group', title: '联席会议群' },
      { text: '明天 9:00 开会' },
    );
    expect(r.printed()).toMatch(
      /张三@联席会议群> \n── \[联席会议群\] 议事 #1 ──\n {2}明天 9:00 开会\n张三@联席会议群> $/u,
    );
    await r.run();
    expect(r.printed()).toMatch(/张三@联席会议群> \n再见。\n$/u);
  });

  it('ids are unique across two adapter instances', async () => {
    const a = await rig();
    const b = await rig();
    await Promise.all([a.run('一', '二'), b.run('一', '二')]);
    const ids = [...a.messages, ...b.messages].map((m) => m.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('handler errors are printed and the loop goes on', async () => {
    const r = await rig(async (msg) => {
      if (msg.text === '坏') throw new Error('数据库忙');
    });
    await r.run('坏', '好');
    expect(r.messages.map((m) => m.text)).toEqual(['坏', '好']);
    expect(r.printed()).toContain('处理这条消息时出错：数据库忙');
  });

  it('/quit stops reading and resolves closed; later lines are ignored', async () => {
    const r = await rig();
    await r.run('一', '/quit', '二');
    expect(r.messages.map((m) => m.text)).toEqual(['一']);
    expect(r.printed()).toContain('再见。');
  });

  it('end of input resolves closed, and stop() resolves it too', async () => {
    const r = await rig();
    await r.run();
    await expect(r.adapter.closed).resolves.toBeUndefined();

    const input = new PassThrough();
    const adapter = createConsoleAdapter({
      input,
      output: new PassThrough(),
      clock: fixedClock(),
      language: 'en',
      outDir,
    });
    let onMessage!: (m: Incoming) => void;
    const received = new Promise<Incoming>((resolve) => {
      onMessage = resolve;
    });
    await adapter.start({ onMessage: async (m) => onMessage(m), onButton: async () => {} });
    input.write('hello\n');
    expect((await received).sender.userId).toBe('Alice');
    await adapter.stop();
    await expect(adapter.closed).resolves.toBeUndefined();
  });

  it('speaks English when asked', async () => {
    const r = await rig(async () => {}, 'en');
    await r.run('/as Bob', '/console nope');
    expect(r.printed()).toContain('You are now "Bob" in the group "联席会议群".');
    expect(r.printed()).toContain('There is no local command /nope.');
    expect(r.printed()).toContain('/file <path> [text]');
  });
});
