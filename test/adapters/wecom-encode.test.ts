import { describe, expect, it } from 'vitest';
import {
  adaptMarkdown,
  cardText,
  type EncodeOptions,
  encodeOutgoing,
  encodeReplacementCard,
  encodeWelcome,
  escapeMarkdown,
  newTaskId,
  splitUtf8,
  TASK_ID_RE,
  WECOM_MAX_TEXT_BYTES,
  type WecomPart,
} from '../../bot/adapters/wecom/encode.js';
import { isStaleReply, RATE_LIMIT_WAIT_MS, toDeliveryError } from '../../bot/adapters/wecom/errors.js';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../bot/core/errors.js';
import type { Button, Outgoing } from '../../bot/core/types.js';

const opts: EncodeOptions = {
  taskId: 'ys_abc_0123456789ab',
  botName: '议事',
  cardActionUrl: 'https://work.weixin.qq.com/',
  continued: '（续）',
};

const encode = (msg: Outgoing, o: Partial<EncodeOptions> = {}) => encodeOutgoing(msg, { ...opts, ...o });
const markdown = (parts: WecomPart[]) =>
  parts.map((p) => (p.kind === 'markdown' ? p.content : `[${p.kind}]`));
const cards = (parts: WecomPart[]) => parts.flatMap((p) => (p.kind === 'card' ? [p.card] : []));
const buttons = (n: number): Button[][] =>
  Array.from({ length: n }, (_, i) => [{ id: `cmd:b${i + 1}`, label: `选项${i + 1}` }]);

describe('text', () => {
  it('sends plain text as one markdown message', () => {
    expect(encode({ text: '已添加成员单位「二所」。' })).toEqual([
      { kind: 'markdown', content: '已添加成员单位「二所」。' },
    ]);
  });

  it('escapes what markdown would swallow in plain text, but not <单位名称>', () => {
    expect(escapeMarkdown('a*b*c_d `e` ~f~ \\ <@all> <font> <单位名称>')).toBe(
      'a\\*b\\*c\\_d \\`e\\` \\~f\\~ \\\\ \\<@all> \\<font> <单位名称>',
    );
    expect(escapeMarkdown('# 标题\n> 引用\n  #2 号')).toBe('\\# 标题\n\\> 引用\n  \\#2 号');
  });

  it("adapts markdown to WeCom's subset", () => {
    expect(adaptMarkdown('~~删~~ __粗__ ![图](https://x/y.png) **保留** [链接](https://x)')).toBe(
      '删 **粗** [图](https://x/y.png) **保留** [链接](https://x)',
    );
    expect(encode({ text: '**会议**', format: 'markdown' })).toEqual([
      { kind: 'markdown', content: '**会议**' },
    ]);
  });

  it('puts mentions first as <@userid>, a bold title, and link buttons as links', () => {
    const parts = encode({
      title: '提醒',
      text: '请先私聊我一次',
      mentions: [
        { platform: 'wecom', userId: 'zhouming', displayName: '周明' },
        { platform: 'wecom', userId: 'zhouming' },
      ],
      buttons: [[{ id: 'link', label: '打开', url: 'https://example.invalid/x' }]],
    });
    expect(markdown(parts)).toEqual([
      '<@zhouming> **提醒**\n\n请先私聊我一次\n\n[打开](https://example.invalid/x)',
    ]);
  });

  it('splits long text below 20 480 bytes without breaking characters', () => {
    const text = `${'联席会议纪要'.repeat(4000)}😀${'x'.repeat(30_000)}`;
    const parts = encode({ text });
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.kind).toBe('markdown');
      if (p.kind === 'markdown') expect(Buffer.byteLength(p.content)).toBeLessThan(WECOM_MAX_TEXT_BYTES);
    }
    expect(markdown(parts).join('')).toBe(text);
  });

  it('splits after a newline when it can, and never inside a surrogate pair', () => {
    expect(splitUtf8('甲乙\n丙丁', 9)).toEqual(['甲乙\n', '丙丁']);
    expect(splitUtf8('😀😀😀', 5)).toEqual(['😀', '😀', '😀']);
    expect(splitUtf8('ab cd ef', 6)).toEqual(['ab cd ', 'ef']);
    expect(splitUtf8('', 10)).toEqual([]);
    expect(() => splitUtf8('x', 3)).toThrow(RangeError);
  });

  it('does not leave an escaping backslash at the end of a piece', () => {
    const pieces = splitUtf8('abcd\\*efgh', 5);
    expect(pieces[0]).toBe('abcd');
    expect(pieces.join('')).toBe('abcd\\*efgh');
  });
});

describe('button cards', () => {
  it('renders buttons as one button_interaction card keyed by our ids', () => {
    const parts = encode({
      text: '没有找到成员单位「不存在的单位」。发送 /unit list 查看全部。',
      buttons: [
        [{ id: 'cmd:42', label: '新增单位「不存在的单位」' }],
        [{ id: 'cmd:43', label: '取消', style: 'danger' }],
      ],
    });
    expect(parts).toEqual([
      {
        kind: 'card',
        card: {
          card_type: 'button_interaction',
          source: { desc: '议事' },
          main_title: { title: '没有找到成员单位「不存在的单位」。' },
          sub_title_text: '发送 /unit list 查看全部。',
          button_list: [
            { text: '新增单位「不存在的单位」', style: 1, key: 'cmd:42' },
            { text: '取消', style: 3, key: 'cmd:43' },
          ],
          task_id: opts.taskId,
        },
      },
    ]);
  });

  it('splits more than 6 buttons across cards with derived task ids', () => {
    const parts = encode({ text: '「二所」对应多个，请选择：', buttons: buttons(8) });
    const cs = cards(parts);
    expect(cs.map((c) => c.task_id)).toEqual([opts.taskId, `${opts.taskId}-p2`]);
    expect(cs.map((c) => c.button_list?.length)).toEqual([6, 2]);
    expect(cs[1]?.main_title?.title).toBe('「二所」对应多个，请选择：（续）');
    for (const c of cs) expect(c.task_id).toMatch(TASK_ID_RE);
  });

  it('sends text too long for a card first, then the card with the title only', () => {
    const text = `请选择处理方式：\n${'事项说明'.repeat(40)}`;
    const parts = encode({ text, buttons: buttons(2) });
    expect(parts.map((p) => p.kind)).toEqual(['markdown', 'card']);
    expect(cards(parts)[0]).toMatchObject({ main_title: { title: '请选择处理方式：' } });
    expect(cards(parts)[0]?.sub_title_text).toBeUndefined();
  });

  it('sends mentions as a markdown line before a card (cards cannot notify)', () => {
    const parts = encode({
      text: '请确认',
      buttons: buttons(1),
      mentions: [{ platform: 'wecom', userId: 'lisi' }],
    });
    expect(markdown(parts)).toEqual(['<@lisi>', '[card]']);
  });

  it('shows link buttons of a card as its jump list', () => {
    const [card] = cards(
      encode({
        text: '请确认',
        buttons: [
          [
            { id: 'cmd:1', label: '确认' },
            { id: 'l', label: '详情', url: 'https://x' },
          ],
        ],
      }),
    );
    expect(card?.button_list).toHaveLength(1);
    expect(card?.jump_list).toEqual([{ type: 1, title: '详情', url: 'https://x' }]);
  });

  it('takes the title from Outgoing.title, else the first line', () => {
    expect(cardText({ title: '会议提醒', text: '明天 9:00' })).toEqual({
      title: '会议提醒',
      sub: '明天 9:00',
    });
    expect(cardText({ text: '第一行\n第二行' })).toEqual({ title: '第一行', sub: '第二行' });
    const long = '这是一段没有句号而且非常非常非常非常非常非常非常长的第一行文字内容';
    expect(cardText({ text: long }).title).toHaveLength(26);
    expect(cardText({ text: long }).sub).toBe(long);
  });
});

describe('notice cards', () => {
  it('renders a notice as a text_notice card with a card_action', () => {
    const parts = encode({ title: '会议提醒', text: '第三次联席会议明天 9:00 召开', notice: true });
    expect(parts).toEqual([
      {
        kind: 'card',
        card: {
          card_type: 'text_notice',
          source: { desc: '议事' },
          main_title: { title: '会议提醒' },
          sub_title_text: '第三次联席会议明天 9:00 召开',
          card_action: { type: 1, url: 'https://work.weixin.qq.com/' },
          task_id: opts.taskId,
        },
      },
    ]);
  });

  it('falls back to markdown when a notice mentions people or is too long for a card', () => {
    const mentioned = encode({
      text: '请提交材料',
      notice: true,
      mentions: [{ platform: 'wecom', userId: 'u1' }],
    });
    expect(markdown(mentioned)).toEqual(['<@u1> 请提交材料']);
    const long = encode({ title: '周报', text: '内容'.repeat(100), notice: true });
    expect(long.map((p) => p.kind)).toEqual(['markdown']);
  });
});

describe('files', () => {
  const file = {
    name: '纪要.docx',
    mime: 'application/octet-stream',
    base64: Buffer.from('DOCX').toString('base64'),
  };

  it('sends the caption, then the file', () => {
    const parts = encode({ text: '第三次会议纪要', file });
    expect(parts).toEqual([
      { kind: 'markdown', content: '第三次会议纪要' },
      { kind: 'file', name: '纪要.docx', data: Buffer.from('DOCX') },
    ]);
  });

  it('sends just the file without a caption', () => {
    expect(encode({ text: '', file }).map((p) => p.kind)).toEqual(['file']);
  });
});

describe('replacement cards and welcomes', () => {
  it('replaces a clicked card with a notice carrying the same task id', () => {
    const card = encodeReplacementCard(
      { text: '没有找到成员单位「X」。发送 /unit list 查看全部。\n\n✓ 新增单位「X」' },
      { ...opts, taskId: 'ys_clicked-p2' },
    );
    expect(card).toMatchObject({
      card_type: 'text_notice',
      task_id: 'ys_clicked-p2',
      main_title: { title: '没有找到成员单位「X」。' },
      sub_title_text: '发送 /unit list 查看全部。\n\n✓ 新增单位「X」',
      card_action: { type: 1 },
    });
  });

  it('names mentioned people from the directory on a card, where <@userid> does not render', () => {
    const directory = (id: string) => (id === 'zhouming' ? '周明' : undefined);
    const card = encodeReplacementCard(
      {
        text: '已签收',
        mentions: [
          { platform: 'wecom', userId: 'zhouming' },
          { platform: 'wecom', userId: 'u9' },
        ],
      },
      { ...opts, directory },
    );
    expect(card.sub_title_text).toBe('周明、u9');
  });

  it('keeps a replacement with buttons a button card, cut to 6 buttons', () => {
    const card = encodeReplacementCard({ text: '请选择', buttons: buttons(8) }, opts);
    expect(card.card_type).toBe('button_interaction');
    expect(card.button_list).toHaveLength(6);
  });

  it('welcomes with plain text, or one card when there are buttons', () => {
    expect(encodeWelcome({ text: '您好，我是议事。', title: '欢迎' }, opts)).toEqual({
      msgtype: 'text',
      text: { content: '欢迎\n您好，我是议事。' },
    });
    expect(encodeWelcome({ text: '请选择', buttons: buttons(2) }, opts)).toMatchObject({
      msgtype: 'template_card',
      template_card: { card_type: 'button_interaction' },
    });
    expect(encodeWelcome({ text: 'x'.repeat(3000) }, opts)).toBeUndefined();
    expect(encodeWelcome({ text: 'x', buttons: buttons(7) }, opts)).toBeUndefined();
  });
});

describe('task ids', () => {
  it('are made of allowed characters and stay short', () => {
    const id = newTaskId(Date.parse('2026-11-30T01:00:00Z'), 'a1b2c3d4e5f6');
    expect(id).toMatch(TASK_ID_RE);
    expect(id).toMatch(/^ys_[0-9a-z]+_a1b2c3d4e5f6$/);
    expect(newTaskId(1, 'x'.repeat(300)).length).toBeLessThanOrEqual(120);
    expect(newTaskId(1, 'ab/cd+ef')).toBe('ys_1_abcdef');
  });
});

describe('errcodes', () => {
  const ack = (errcode: number, errmsg = 'x') => ({ headers: { req_id: 'r' }, errcode, errmsg });

  it('waits on frequency limits', () => {
    for (const code of [45009, 45011, 45033]) {
      const err = toDeliveryError(ack(code), 'group');
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterMs).toBe(RATE_LIMIT_WAIT_MS);
    }
  });

  it('reads an unreachable target as a refused DM in a single chat and a lost group otherwise', () => {
    expect(toDeliveryError(ack(40003, 'invalid userid'), 'direct')).toMatchObject({
      name: 'PermanentDeliveryError',
      reason: 'dm_not_allowed',
      message: 'WeCom errcode 40003 (invalid userid)',
    });
    expect(toDeliveryError(ack(86003), 'group')).toMatchObject({ reason: 'chat_gone' });
  });

  it('gives up on bad requests and unknown codes, retries when the server is busy', () => {
    expect(toDeliveryError(ack(40008), 'group')).toMatchObject({ reason: 'bad_request' });
    expect(toDeliveryError(ack(999_999), 'group')).toMatchObject({ reason: 'other' });
    expect(toDeliveryError(ack(-1), 'group')).toBeInstanceOf(TransientDeliveryError);
  });

  it('retries after connection loss and ack timeouts', () => {
    const closed = new Error('WebSocket connection closed (code: 1006), reply for reqId: r cancelled');
    expect(toDeliveryError(closed, 'direct')).toBeInstanceOf(TransientDeliveryError);
    expect(toDeliveryError(new Error('Reply ack timeout (5000ms) for reqId: r'), 'group')).toMatchObject({
      name: 'TransientDeliveryError',
      message: 'WeCom: Reply ack timeout (5000ms) for reqId: r',
    });
  });

  it('passes our own delivery errors through', () => {
    const own = new PermanentDeliveryError('too big', 'bad_request');
    expect(toDeliveryError(own, 'group')).toBe(own);
  });

  it('knows which errcodes mean "answer by pushing instead"', () => {
    expect(isStaleReply(ack(846605))).toBe(true);
    expect(isStaleReply(ack(846608))).toBe(true);
    expect(isStaleReply(ack(45009))).toBe(false);
    expect(isStaleReply(new Error('846608'))).toBe(false);
  });
});
