import { describe, expect, it } from 'vitest';
import { commandMenus, commandsFor } from '../../bot/adapters/telegram/commands.js';
import {
  decodeReplyToken,
  encodeCaptionEdit,
  encodeDocument,
  encodeEdit,
  encodeMessage,
  encodeReplyToken,
  escapeHtml,
  inlineKeyboard,
  MAX_CAPTION_LENGTH,
  MAX_TEXT_LENGTH,
  renderHtml,
  splitText,
} from '../../bot/adapters/telegram/encode.js';
import { isNotModified, redact, toDeliveryError } from '../../bot/adapters/telegram/errors.js';
import { normalizeApiRoot } from '../../bot/adapters/telegram/index.js';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../bot/core/errors.js';
import { messagesFor } from '../../bot/core/i18n/index.js';
import type { ChatRef, Outgoing } from '../../bot/core/types.js';
import { parseHtml } from '../support/fake-telegram.js';

const group: ChatRef = { platform: 'telegram', chatId: '-1001234567890', kind: 'group' };
const topic: ChatRef = { ...group, threadId: '163' };
const dm: ChatRef = { platform: 'telegram', chatId: '2002', kind: 'direct' };
const token = encodeReplyToken({ messageId: 7 });

/** What Telegram would show for an HTML text (and proof that it parses). */
const visible = (html: string) => parseHtml(html).text;

describe('renderHtml', () => {
  it('escapes plain text and leaves markdown markers alone', () => {
    expect(renderHtml({ text: 'a<b> & **c**' }, MAX_TEXT_LENGTH)).toEqual(['a&lt;b&gt; &amp; **c**']);
  });

  it('turns the markdown subset into HTML: **bold** and line breaks', () => {
    const [html] = renderHtml(
      { text: '**注意**：a<b\n第二行 **二所**', format: 'markdown' },
      MAX_TEXT_LENGTH,
    );
    expect(html).toBe('<b>注意</b>：a&lt;b\n第二行 <b>二所</b>');
    expect(parseHtml(html!)).toEqual({
      text: '注意：a<b\n第二行 二所',
      entities: [
        { type: 'bold', offset: 0, length: 2 },
        { type: 'bold', offset: 11, length: 2 },
      ],
    });
  });

  it('leaves an unbalanced ** as it is', () => {
    expect(renderHtml({ text: '5 ** 2', format: 'markdown' }, MAX_TEXT_LENGTH)).toEqual(['5 ** 2']);
  });

  it('puts a title in bold on the first line', () => {
    expect(renderHtml({ title: '会议<通知>', text: '周五开会' }, MAX_TEXT_LENGTH)).toEqual([
      '<b>会议&lt;通知&gt;</b>\n周五开会',
    ]);
  });

  it('links a mentioned person on their name in the text', () => {
    const [html] = renderHtml(
      {
        text: '周明，私信未能送达。',
        mentions: [{ platform: 'telegram', userId: '2002', displayName: '周明' }],
      },
      MAX_TEXT_LENGTH,
    );
    expect(html).toBe('<a href="tg://user?id=2002">周明</a>，私信未能送达。');
    expect(parseHtml(html!).entities).toEqual([
      { type: 'text_link', offset: 0, length: 2, url: 'tg://user?id=2002' },
    ]);
  });

  it('prefers an @username already in the text, and prepends names the text lacks', () => {
    const [html] = renderHtml(
      {
        text: '请 @zhouming 看一下 <附件>',
        mentions: [
          { platform: 'telegram', userId: '2002', displayName: '周明', username: 'zhouming' },
          { platform: 'telegram', userId: '2003', displayName: 'Tom <T>' },
        ],
      },
      MAX_TEXT_LENGTH,
    );
    expect(html).toBe(
      '<a href="tg://user?id=2003">Tom &lt;T&gt;</a> 请 <a href="tg://user?id=2002">@zhouming</a> 看一下 &lt;附件&gt;',
    );
    expect(visible(html!)).toBe('Tom <T> 请 @zhouming 看一下 <附件>');
  });

  it('writes a mention without a numeric id as a plain @username', () => {
    const [html] = renderHtml(
      { text: '请处理', mentions: [{ platform: 'telegram', userId: '@li', username: 'li' }] },
      MAX_TEXT_LENGTH,
    );
    expect(html).toBe('@li 请处理');
  });

  it('splits long text at line breaks into pieces Telegram accepts', () => {
    const line = `${'议'.repeat(99)}\n`;
    const text = line.repeat(60).trimEnd(); // 5999 characters
    const pieces = renderHtml({ title: '纪要', text }, MAX_TEXT_LENGTH);
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect(visible(p).length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(pieces[0]!.startsWith('<b>纪要</b>\n')).toBe(true);
    expect(pieces.map(visible).join('\n')).toBe(`纪要\n${text}`);
  });
});

describe('splitText', () => {
  it('never cuts a surrogate pair and prefers spaces when there are no line breaks', () => {
    expect(splitText('😀😀😀', 3)).toEqual(['😀', '😀', '😀']);
    expect(splitText('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('abcdef', 10)).toEqual(['abcdef']);
  });

  it('gives the first piece its own budget', () => {
    expect(splitText('aa bb cc dd', 5, 2)).toEqual(['aa', 'bb cc', 'dd']);
  });
});

describe('inlineKeyboard', () => {
  it('maps callback and link buttons row by row, dropping empty rows', () => {
    expect(
      inlineKeyboard([
        [{ id: 'cmd:abc', label: '新增单位' }],
        [],
        [{ id: 'link', label: '开通私信提醒', url: 'https://t.me/yishi_bot?start=tok' }],
      ]),
    ).toEqual({
      inline_keyboard: [
        [{ text: '新增单位', callback_data: 'cmd:abc' }],
        [{ text: '开通私信提醒', url: 'https://t.me/yishi_bot?start=tok' }],
      ],
    });
    expect(inlineKeyboard(undefined)).toBeUndefined();
    expect(inlineKeyboard([[]])).toBeUndefined();
  });

  it('refuses callback data over 64 bytes (22 Chinese characters are 66)', () => {
    expect(() => inlineKeyboard([[{ id: '议'.repeat(22), label: 'x' }]])).toThrow(PermanentDeliveryError);
    try {
      inlineKeyboard([[{ id: 'x'.repeat(65), label: 'x' }]]);
    } catch (err) {
      expect((err as PermanentDeliveryError).reason).toBe('bad_request');
    }
    expect(inlineKeyboard([[{ id: 'x'.repeat(64), label: 'x' }]])).toBeDefined();
  });

  it('refuses more than 100 buttons', () => {
    const rows = Array.from({ length: 101 }, (_, i) => [{ id: `b${i}`, label: `${i}` }]);
    expect(() => inlineKeyboard(rows)).toThrow(/101 buttons/);
  });
});

describe('reply tokens', () => {
  it('round-trip the message and the topic, and ignore anything else', () => {
    expect(decodeReplyToken(encodeReplyToken({ messageId: 187, threadId: 163 }))).toEqual({
      messageId: 187,
      threadId: 163,
    });
    expect(decodeReplyToken(encodeReplyToken({ messageId: 7 }))).toEqual({ messageId: 7 });
    for (const junk of [undefined, '', 'req-123', '{"m":"x"}', '[1]'])
      expect(decodeReplyToken(junk)).toBeUndefined();
  });
});

describe('encodeMessage', () => {
  it('builds sendMessage with HTML, the reply and the keyboard', () => {
    const msg: Outgoing = { text: 'a & b', buttons: [[{ id: 'cmd:x', label: 'OK' }]] };
    expect(encodeMessage(group, msg, token)).toEqual([
      {
        chat_id: -1001234567890,
        text: 'a &amp; b',
        parse_mode: 'HTML',
        reply_parameters: { message_id: 7, allow_sending_without_reply: true },
        reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'cmd:x' }]] },
        link_preview_options: { is_disabled: true },
      },
    ]);
  });

  it('answers in the same forum topic, from the chat or from the reply token', () => {
    expect(encodeMessage(topic, { text: 'x' })[0]!.message_thread_id).toBe(163);
    const fromToken = encodeReplyToken({ messageId: 9, threadId: 170 });
    expect(encodeMessage(group, { text: 'x' }, fromToken)[0]).toMatchObject({
      message_thread_id: 170,
      reply_parameters: { message_id: 9 },
    });
    expect(encodeMessage(dm, { text: 'x' })[0]).not.toHaveProperty('message_thread_id');
  });

  it('replies with the first piece and puts the keyboard under the last', () => {
    const text = `${'a'.repeat(4000)}\n${'b'.repeat(1000)}`;
    const calls = encodeMessage(group, { text, buttons: [[{ id: 'k', label: 'K' }]] }, token);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toHaveProperty('reply_parameters');
    expect(calls[0]).not.toHaveProperty('reply_markup');
    expect(calls[1]).not.toHaveProperty('reply_parameters');
    expect(calls[1]).toHaveProperty('reply_markup');
  });

  it('refuses an empty message', () => {
    expect(() => encodeMessage(group, { text: '  ' })).toThrow(PermanentDeliveryError);
  });
});

describe('encodeDocument', () => {
  const file = {
    name: '导入问题清单.csv',
    mime: 'text/csv',
    base64: Buffer.from('\uFEFF"第 2 行"\r\n').toString('base64'),
  };

  it('sends the text as an HTML caption and stringifies reply_parameters for multipart', () => {
    const { document, followUps } = encodeDocument(topic, { text: '名单有 <3> 处问题', file }, token, 1000);
    expect(followUps).toEqual([]);
    expect(document).toMatchObject({
      chat_id: -1001234567890,
      caption: '名单有 &lt;3&gt; 处问题',
      parse_mode: 'HTML',
      message_thread_id: 163,
      reply_parameters: '{"message_id":7,"allow_sending_without_reply":true}',
    });
    expect(document.document.filename).toBe('导入问题清单.csv');
    expect(document.document.source.toString('utf8')).toBe('\uFEFF"第 2 行"\r\n');
  });

  it('sends a long text after the document, keyboard and all', () => {
    const text = '问'.repeat(MAX_CAPTION_LENGTH + 1);
    const { document, followUps } = encodeDocument(
      group,
      { text, file, buttons: [[{ id: 'k', label: 'K' }]] },
      token,
      1000,
    );
    expect(document).not.toHaveProperty('caption');
    expect(document).not.toHaveProperty('reply_markup');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ text, reply_markup: { inline_keyboard: [[{ text: 'K' }]] } });
    expect(followUps[0]).not.toHaveProperty('reply_parameters');
  });

  it('refuses a file over the upload limit', () => {
    expect(() => encodeDocument(group, { text: 'x', file }, undefined, 3)).toThrow(/limit/);
  });
});

describe('encodeEdit', () => {
  const ref = { platform: 'telegram' as const, chatId: '-1001234567890', messageId: '8' };

  it('replaces the text and removes the keyboard when the new message has none', () => {
    expect(encodeEdit(ref, { text: '找不到「X」\n\n✓ 新增单位' })).toEqual({
      chat_id: -1001234567890,
      message_id: 8,
      text: '找不到「X」\n\n✓ 新增单位',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
    expect(encodeEdit(ref, { text: 'x', buttons: [[{ id: 'b', label: 'B' }]] }).reply_markup).toBeDefined();
  });

  it('cuts an over-long text with an ellipsis (an edit cannot split)', () => {
    const edit = encodeEdit(ref, { text: 'x '.repeat(3000) });
    expect(visible(edit.text).length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(edit.text.endsWith('…')).toBe(true);
    expect(encodeCaptionEdit(ref, { text: 'y '.repeat(800) }).caption.length).toBeLessThanOrEqual(
      MAX_CAPTION_LENGTH,
    );
  });

  it('refuses a message id that is not a number', () => {
    expect(() => encodeEdit({ ...ref, messageId: 'm1' }, { text: 'x' })).toThrow(PermanentDeliveryError);
  });
});

describe('escapeHtml', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe(`&lt;a href="x"&gt;&amp;'`);
  });
});

describe('toDeliveryError', () => {
  /** A telegraf TelegramError look-alike. */
  const tg = (code: number, description: string, parameters?: object) =>
    Object.assign(new Error(`${code}: ${description}`), {
      name: 'TelegramError',
      code,
      description,
      parameters,
    });

  it('turns 429 into a wait of retry_after seconds', () => {
    const err = toDeliveryError(tg(429, 'Too Many Requests: retry after 3', { retry_after: 3 }), 'group');
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(3000);
  });

  it.each([
    [403, "Forbidden: bot can't initiate conversation with a user", 'direct', 'dm_not_allowed'],
    [403, 'Forbidden: bot was blocked by the user', 'direct', 'dm_not_allowed'],
    [403, 'Forbidden: user is deactivated', 'direct', 'dm_not_allowed'],
    [400, 'Bad Request: chat not found', 'direct', 'dm_not_allowed'],
    [403, 'Forbidden: bot was kicked from the supergroup chat', 'group', 'chat_gone'],
    [403, 'Forbidden: bot is not a member of the group chat', 'group', 'chat_gone'],
    [400, 'Bad Request: chat not found', 'group', 'chat_gone'],
    [400, "Bad Request: can't parse entities: Unsupported start tag", 'group', 'bad_request'],
    [403, 'Forbidden: not enough rights to send text messages to the chat', 'group', 'other'],
  ] as const)('%i %s in a %s chat → %s', (code, description, kind, reason) => {
    const err = toDeliveryError(tg(code, description), kind);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe(reason);
  });

  it('carries the new chat id of a migrated group', () => {
    const err = toDeliveryError(
      tg(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1009 }),
      'group',
    ) as PermanentDeliveryError;
    expect(err.reason).toBe('chat_migrated');
    expect(err.detail).toEqual({ newChatId: '-1009' });
  });

  it('retries 5xx, network failures and our own timeouts', () => {
    expect(toDeliveryError(tg(502, 'Bad Gateway'), 'group')).toBeInstanceOf(TransientDeliveryError);
    const fetchError = Object.assign(new Error('request to http://x/bot123:abc/sendMessage failed'), {
      name: 'FetchError',
      code: 'ECONNRESET',
    });
    expect(toDeliveryError(fetchError, 'group')).toBeInstanceOf(TransientDeliveryError);
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    expect(toDeliveryError(abort, 'direct')).toBeInstanceOf(TransientDeliveryError);
  });

  it('passes delivery errors and bugs through unchanged', () => {
    const own = new PermanentDeliveryError('x', 'bad_request');
    expect(toDeliveryError(own, 'group')).toBe(own);
    const bug = new TypeError('undefined is not a function');
    expect(toDeliveryError(bug, 'group')).toBe(bug);
  });

  it('spots "message is not modified" and never repeats a token', () => {
    expect(
      isNotModified(tg(400, 'Bad Request: message is not modified: specified new message content…')),
    ).toBe(true);
    expect(isNotModified(tg(400, 'Bad Request: message to edit not found'))).toBe(false);
    expect(redact('GET /bot123456789:AAFakeTokenForTestsOnly_abcdefghijk/getMe')).toBe(
      'GET /bot[REDACTED]/getMe',
    );
  });
});

describe('command menus', () => {
  it('registers private and group menus in zh, en and the default language', () => {
    const menus = commandMenus('zh-CN');
    expect(menus.map((m) => `${m.scope.type}:${m.language_code ?? ''}`)).toEqual([
      'all_private_chats:zh',
      'all_private_chats:en',
      'all_private_chats:',
      'all_group_chats:zh',
      'all_group_chats:en',
      'all_group_chats:',
    ]);
    expect(menus[2]!.commands).toEqual(menus[0]!.commands);
  });

  it('uses the /help summaries and keeps each menu to where the commands work', () => {
    const zh = messagesFor('zh-CN').help.summaries;
    const privateZh = commandsFor('zh-CN', 'all_private_chats');
    const groupEn = commandsFor('en', 'all_group_chats');
    expect(privateZh[0]).toEqual({ command: 'start', description: zh.start });
    expect(privateZh.map((c) => c.command)).not.toContain('setup');
    expect(groupEn.map((c) => c.command)).toEqual(
      expect.arrayContaining(['help', 'setup', 'unit', 'liaison', 'import']),
    );
    expect(groupEn.map((c) => c.command)).not.toContain('start');
    expect(groupEn.find((c) => c.command === 'setup')?.description).toBe(
      messagesFor('en').help.summaries.setup,
    );
  });
});

describe('normalizeApiRoot', () => {
  it('adds the trailing slash telegraf needs to keep a path', () => {
    expect(normalizeApiRoot('http://127.0.0.1:8081/tgapi')).toBe('http://127.0.0.1:8081/tgapi/');
    expect(normalizeApiRoot('http://127.0.0.1:8081/')).toBe('http://127.0.0.1:8081/');
    expect(normalizeApiRoot(undefined)).toBeUndefined();
  });
});
