import { describe, expect, it, vi } from 'vitest';
import {
  chatOf,
  type DecodeOptions,
  decodeCardEvent,
  decodeEnterChat,
  decodeMessage,
  messageIdOfTask,
  stripBotMention,
  type WecomFrame,
  type WecomIncomingFile,
} from '../../bot/adapters/wecom/decode.js';
import { parseCommand } from '../../bot/core/command.js';
import { createRouter } from '../../bot/core/router.js';
import { mountFeatures } from '../../bot/features/index.js';

const NOW = Date.parse('2026-11-30T09:00:00+08:00');
const opts: DecodeOptions = { now: NOW };

/** A message callback as WeCom sends it (platforms.md B1 §3). */
function msgFrame(body: Record<string, unknown>, reqId = 'REQ_MSG_1'): WecomFrame {
  return {
    cmd: 'aibot_msg_callback',
    headers: { req_id: reqId },
    body: { msgid: 'MSGID1', aibotid: 'AIBOTID', create_time: 1700000000, ...body },
  };
}

const groupText = (content: string, extra: Record<string, unknown> = {}) =>
  msgFrame({
    chatid: 'CHATID_G1',
    chattype: 'group',
    from: { userid: 'zhangsan' },
    msgtype: 'text',
    text: { content },
    ...extra,
  });

const singleText = (content: string) =>
  msgFrame({ chattype: 'single', from: { userid: 'zhouming' }, msgtype: 'text', text: { content } });

/** A button click in the nested shape WeCom's own plugin reads (platforms.md B1 §4). */
function clickFrame(event: Record<string, unknown>, extra: Record<string, unknown> = {}): WecomFrame {
  return {
    cmd: 'aibot_event_callback',
    headers: { req_id: 'REQ_EVT_1' },
    body: {
      msgid: 'EVTID1',
      create_time: 1700000100,
      aibotid: 'AIBOTID',
      chatid: 'CHATID_G1',
      chattype: 'group',
      from: { userid: 'lisi' },
      msgtype: 'event',
      event: { eventtype: 'template_card_event', ...event },
      ...extra,
    },
  };
}

describe('decodeMessage', () => {
  it('decodes a group @-mention: chat, sender, stripped text, msgid, reply token', () => {
    const msg = decodeMessage(groupText('@议事\u2005/setup 联席会议 和平街道联席会议'), opts);
    expect(msg).toEqual({
      id: 'MSGID1',
      chat: { platform: 'wecom', chatId: 'CHATID_G1', kind: 'group' },
      sender: { platform: 'wecom', userId: 'zhangsan' },
      receivedAt: NOW,
      rawText: '@议事\u2005/setup 联席会议 和平街道联席会议',
      text: '/setup 联席会议 和平街道联席会议',
      mentions: [],
      mentionsBot: true,
      files: [],
      replyToken: 'REQ_MSG_1',
    });
  });

  it("addresses a single chat by the user's userid", () => {
    const msg = decodeMessage(singleText('帮助'), opts);
    expect(msg?.chat).toEqual({ platform: 'wecom', chatId: 'zhouming', kind: 'direct' });
    expect(msg?.text).toBe('帮助');
    expect(msg?.mentionsBot).toBe(true);
  });

  it('leaves commands and Chinese aliases for the core to parse', () => {
    const router = mountFeatures(createRouter());
    const parse = (content: string) => {
      const msg = decodeMessage(groupText(content), opts)!;
      return parseCommand(msg.text, router, { bare: msg.mentionsBot });
    };
    expect(parse('@议事 单位 add 区供电公司第二供电所 别名:二所')).toEqual({
      name: 'unit',
      args: 'add 区供电公司第二供电所 别名:二所',
    });
    expect(parse('@议事\u2005／liaison 二所 zhouming')).toEqual({ name: 'liaison', args: '二所 zhouming' });
    expect(parse('@议事 帮助')).toEqual({ name: 'help', args: '' });
  });

  it('takes a quote as replyTo without an id (WeCom sends none)', () => {
    const msg = decodeMessage(
      groupText('@议事 /remind 周五', { quote: { msgtype: 'text', text: { content: '第三次会议' } } }),
      opts,
    );
    expect(msg?.replyTo).toEqual({ fromBot: false, text: '第三次会议' });
  });

  it('reads transcribed voice and the text items of a mixed message', () => {
    const voice = msgFrame({
      chattype: 'single',
      from: { userid: 'u1' },
      msgtype: 'voice',
      voice: { content: '明天开会' },
    });
    expect(decodeMessage(voice, opts)?.text).toBe('明天开会');
    const mixed = msgFrame({
      chatid: 'G',
      chattype: 'group',
      from: { userid: 'u1' },
      msgtype: 'mixed',
      mixed: {
        msg_item: [
          { msgtype: 'text', text: { content: '@议事 现场照片' } },
          { msgtype: 'image', image: { url: 'https://x/img', aeskey: 'K' } },
        ],
      },
    });
    const msg = decodeMessage(mixed, opts);
    expect(msg?.text).toBe('现场照片');
    expect(msg?.files).toHaveLength(1);
    expect(msg?.files[0]?.mime).toBe('image/*');
  });

  it('fetches a file once through the downloader and learns its name', async () => {
    const download = vi.fn(async () => ({ buffer: Buffer.from('a,b\n'), filename: '名单.csv' }));
    const frame = msgFrame({
      chattype: 'single',
      from: { userid: 'u1' },
      msgtype: 'file',
      file: { url: 'https://x/f', aeskey: 'KEY' },
    });
    const msg = decodeMessage(frame, { ...opts, download })!;
    expect(download).not.toHaveBeenCalled();
    const file = msg.files[0] as WecomIncomingFile;
    expect(file.name).toBeUndefined();
    await file.load();
    expect(file).toMatchObject({ name: '名单.csv', size: 4 });
    expect((await file.fetch()).toString()).toBe('a,b\n');
    expect(download).toHaveBeenCalledTimes(1);
    expect(download).toHaveBeenCalledWith('https://x/f', 'KEY');
  });

  it('retries a failed download on the next fetch', async () => {
    const download = vi
      .fn()
      .mockRejectedValueOnce(new Error('ECONNRESET'))
      .mockResolvedValueOnce({ buffer: Buffer.from('ok') });
    const frame = msgFrame({
      chattype: 'single',
      from: { userid: 'u1' },
      msgtype: 'file',
      file: { url: 'u' },
    });
    const file = decodeMessage(frame, { ...opts, download })!.files[0]!;
    await expect(file.fetch()).rejects.toThrow('ECONNRESET');
    expect((await file.fetch()).toString()).toBe('ok');
  });

  it('drops frames without a sender, and groups without a chatid', () => {
    expect(
      decodeMessage(msgFrame({ chattype: 'single', msgtype: 'text', text: { content: 'x' } }), opts),
    ).toBe(undefined);
    expect(
      decodeMessage(msgFrame({ chattype: 'group', from: { userid: 'u' }, msgtype: 'text' }), opts),
    ).toBeUndefined();
  });

  it('falls back to the req_id when a frame has no msgid', () => {
    const frame = singleText('hi');
    delete frame.body!.msgid;
    expect(decodeMessage(frame, opts)?.id).toBe('REQ_MSG_1');
  });
});

describe('stripBotMention', () => {
  it('strips any leading @token in a group when the bot names are unknown', () => {
    expect(stripBotMention('@会议助手 /unit list', { group: true })).toBe('/unit list');
    expect(stripBotMention('  @议事\u2005\u2005帮助  ', { group: true })).toBe('帮助');
    expect(stripBotMention('@议事', { group: true })).toBe('');
  });

  it('keeps a leading @ in a single chat (nobody mentions the bot there)', () => {
    expect(stripBotMention('@zhouming 你好', { group: false })).toBe('@zhouming 你好');
  });

  it('with known names, strips only the bot: at the start or at the end', () => {
    const botNames = ['议事'];
    expect(stripBotMention('@议事，/setup 联席会议 X', { group: true, botNames })).toBe('/setup 联席会议 X');
    expect(stripBotMention('/setup 联席会议 X @议事', { group: true, botNames })).toBe('/setup 联席会议 X');
    expect(stripBotMention('@zhouming 请看 @议事', { group: true, botNames })).toBe('@zhouming 请看');
    expect(stripBotMention('@议事员 你好', { group: true, botNames })).toBe('@议事员 你好');
  });
});

describe('decodeCardEvent', () => {
  it('reads the nested template_card_event shape', () => {
    const press = decodeCardEvent(
      clickFrame({
        template_card_event: { card_type: 'button_interaction', event_key: 'cmd:T1', task_id: 'ys_abc_1' },
      }),
      opts,
    );
    expect(press).toEqual({
      id: 'EVTID1',
      buttonId: 'cmd:T1',
      user: { platform: 'wecom', userId: 'lisi' },
      chat: { platform: 'wecom', chatId: 'CHATID_G1', kind: 'group' },
      message: { platform: 'wecom', chatId: 'CHATID_G1', messageId: 'ys_abc_1' },
      receivedAt: NOW,
      replyToken: 'REQ_EVT_1',
    });
  });

  it('falls back to the flat shape of the SDK type, and prefers the nested one', () => {
    const flat = decodeCardEvent(clickFrame({ event_key: 'cmd:F', task_id: 'ys_f' }), opts);
    expect(flat).toMatchObject({ buttonId: 'cmd:F', message: { messageId: 'ys_f' } });
    const both = decodeCardEvent(
      clickFrame({
        event_key: 'flat',
        task_id: 'flat',
        template_card_event: { event_key: 'n', task_id: 'n' },
      }),
      opts,
    );
    expect(both).toMatchObject({ buttonId: 'n', message: { messageId: 'n' } });
  });

  it('maps a later card of a split button set back to the message (the first task id)', () => {
    const press = decodeCardEvent(
      clickFrame({ template_card_event: { event_key: 'k', task_id: 'ys_x_1-p2' } }),
      opts,
    );
    expect(press?.message?.messageId).toBe('ys_x_1');
    expect(messageIdOfTask('ys_x_1')).toBe('ys_x_1');
  });

  it('takes a click in a single chat to the userid, and ignores events without a key', () => {
    const single = clickFrame(
      { template_card_event: { event_key: 'k', task_id: 't' } },
      { chatid: undefined, chattype: 'single' },
    );
    expect(decodeCardEvent(single, opts)?.chat).toEqual({
      platform: 'wecom',
      chatId: 'lisi',
      kind: 'direct',
    });
    expect(decodeCardEvent(clickFrame({ template_card_event: { task_id: 't' } }), opts)).toBeUndefined();
  });
});

describe('decodeEnterChat', () => {
  it('is a membership event in the single chat, answerable through its req_id', () => {
    const frame: WecomFrame = {
      cmd: 'aibot_event_callback',
      headers: { req_id: 'REQ_ENTER' },
      body: { msgid: 'E1', from: { userid: 'wangwu' }, msgtype: 'event', event: { eventtype: 'enter_chat' } },
    };
    expect(decodeEnterChat(frame, opts)).toEqual({
      chat: { platform: 'wecom', chatId: 'wangwu', kind: 'direct' },
      joined: true,
      by: { platform: 'wecom', userId: 'wangwu' },
      replyToken: 'REQ_ENTER',
      id: 'enter_chat:E1',
    });
  });
});

describe('chatOf', () => {
  it('treats a chatid without chattype as a group', () => {
    expect(chatOf({ chatid: 'G', from: { userid: 'u' } })).toEqual({
      platform: 'wecom',
      chatId: 'G',
      kind: 'group',
    });
    expect(chatOf({ chattype: 'single' })).toBeUndefined();
  });
});
