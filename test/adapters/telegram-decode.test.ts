import { describe, expect, it, vi } from 'vitest';
import {
  type DecodeContext,
  type Decoded,
  decodeUpdate,
  type TgEntity,
  type TgMessage,
  type TgUpdate,
  type TgUser,
  usersIn,
} from '../../bot/adapters/telegram/decode.js';
import { decodeReplyToken } from '../../bot/adapters/telegram/encode.js';
import { createUserMemory } from '../../bot/adapters/telegram/users.js';
import type { ButtonPress, Incoming, MembershipEvent } from '../../bot/core/types.js';

// === Fixtures (shapes from platforms.md A3 / https://core.telegram.org/bots/api#update)

const BOT: TgUser = { id: 42, is_bot: true, first_name: 'Probe', username: 'probe_bot' };
const ANN: TgUser = {
  id: 1001,
  is_bot: false,
  first_name: 'Ann',
  last_name: 'Li',
  username: 'ann',
  language_code: 'zh-hans',
};
const BOB: TgUser = { id: 1002, is_bot: false, first_name: 'Bob', username: 'bob' };
const NONAME: TgUser = { id: 1003, is_bot: false, first_name: '周明' };
const GROUP = { id: -1001234567890, type: 'supergroup' as const, title: 'Project X' };
const FORUM = { ...GROUP, is_forum: true };
const PRIVATE = { id: 1001, type: 'private' as const, first_name: 'Ann' };
const NOW = Date.parse('2026-11-30T01:00:00Z');

function ctx(over: Partial<DecodeContext> = {}): DecodeContext {
  return {
    botId: BOT.id,
    botUsername: BOT.username,
    now: NOW,
    fetchFile: vi.fn(async (id: string) => Buffer.from(`bytes of ${id}`)),
    userIdOf: (username) => [ANN, BOB].find((u) => u.username?.toLowerCase() === username.toLowerCase()),
    ...over,
  };
}

/** Entities a client attaches to `text`: the leading command and every @mention. */
function entitiesOf(text: string): TgEntity[] {
  const out: TgEntity[] = [];
  const cmd = /^\/\S+/.exec(text);
  if (cmd) out.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(?<!\S)@\w+/g))
    out.push({ type: 'mention', offset: m.index, length: m[0].length });
  return out;
}

function msg(over: Partial<TgMessage> & { text?: string } = {}): TgMessage {
  const text = over.text;
  return {
    message_id: 7,
    date: 1_700_000_000,
    chat: GROUP,
    from: ANN,
    ...(text !== undefined ? { text, entities: entitiesOf(text) } : {}),
    ...over,
  };
}

const update = (body: Omit<TgUpdate, 'update_id'>, id = 100): TgUpdate => ({ update_id: id, ...body });

function asMessage(d: Decoded): Incoming {
  if (d.kind !== 'message') throw new Error(`expected a message, got ${d.kind}: ${JSON.stringify(d)}`);
  return d.message;
}

function asPress(d: Decoded): ButtonPress & { callbackQueryId: string } {
  if (d.kind !== 'button') throw new Error(`expected a button press, got ${d.kind}`);
  return { ...d.press, callbackQueryId: d.callbackQueryId };
}

function asMembership(d: Decoded): MembershipEvent {
  if (d.kind !== 'membership') throw new Error(`expected membership, got ${d.kind}`);
  return d.event;
}

describe('decodeUpdate: messages', () => {
  it('turns a group command for this bot into the core shape, with the update id as id', () => {
    const m = asMessage(
      decodeUpdate(update({ message: msg({ text: '/remind@probe_bot tomorrow 10:00 @bob' }) }), ctx()),
    );
    expect(m).toMatchObject({
      id: '100',
      chat: { platform: 'telegram', chatId: '-1001234567890', kind: 'group', title: 'Project X' },
      sender: { platform: 'telegram', userId: '1001', displayName: 'Ann Li', username: 'ann' },
      receivedAt: NOW,
      rawText: '/remind@probe_bot tomorrow 10:00 @bob',
      text: '/remind tomorrow 10:00 @bob',
      mentionsBot: true,
      files: [],
    });
    expect(m.chat.threadId).toBeUndefined();
    expect(m.mentions).toEqual([
      { platform: 'telegram', userId: '1002', displayName: 'Bob', username: 'bob' },
    ]);
  });

  it('matches the bot username case-insensitively', () => {
    const m = asMessage(decodeUpdate(update({ message: msg({ text: '/help@Probe_Bot' }) }), ctx()));
    expect(m).toMatchObject({ text: '/help', mentionsBot: true });
  });

  it('leaves /cmd@other_bot alone so the core can tell it is not ours', () => {
    const m = asMessage(decodeUpdate(update({ message: msg({ text: '/help@other_bot' }) }), ctx()));
    expect(m).toMatchObject({ text: '/help@other_bot', mentionsBot: false });
  });

  it('does not count a bare /cmd in a group as addressed to the bot', () => {
    const m = asMessage(decodeUpdate(update({ message: msg({ text: '/help' }) }), ctx()));
    expect(m).toMatchObject({ text: '/help', mentionsBot: false });
  });

  it('strips a leading @bot mention and the separator after it', () => {
    const m = asMessage(decodeUpdate(update({ message: msg({ text: '@probe_bot，帮助' }) }), ctx()));
    expect(m).toMatchObject({ rawText: '@probe_bot，帮助', text: '帮助', mentionsBot: true, mentions: [] });
  });

  it('counts a mention of the bot later in the text without changing the text', () => {
    const m = asMessage(decodeUpdate(update({ message: msg({ text: '请 @probe_bot 记一下' }) }), ctx()));
    expect(m).toMatchObject({ text: '请 @probe_bot 记一下', mentionsBot: true });
  });

  it('treats every private message as addressed to the bot', () => {
    const m = asMessage(decodeUpdate(update({ message: msg({ chat: PRIVATE, text: '你好' }) }), ctx()));
    expect(m).toMatchObject({ chat: { chatId: '1001', kind: 'direct' }, mentionsBot: true });
  });

  it('reads a reply to the bot as addressed to it', () => {
    const parent = msg({ message_id: 8, from: BOT, text: 'Bob, task T1 is due Friday' });
    const m = asMessage(
      decodeUpdate(
        update({ message: msg({ message_id: 9, from: BOB, text: 'Done', reply_to_message: parent }) }),
        ctx(),
      ),
    );
    expect(m.mentionsBot).toBe(true);
    expect(m.replyTo).toEqual({ messageId: '8', fromBot: true, text: 'Bob, task T1 is due Friday' });
  });

  it('reads a reply to someone else as a reply, not as addressed to the bot', () => {
    const parent = msg({ message_id: 8, from: BOB, text: 'hi' });
    const m = asMessage(
      decodeUpdate(update({ message: msg({ text: 'hello', reply_to_message: parent }) }), ctx()),
    );
    expect(m.mentionsBot).toBe(false);
    expect(m.replyTo).toEqual({ messageId: '8', fromBot: false, text: 'hi' });
  });

  it('keeps a forum topic thread and ignores the topic-created parent', () => {
    const root = msg({
      chat: FORUM,
      message_id: 163,
      message_thread_id: 163,
      is_topic_message: true,
      forum_topic_created: { name: 'Weekly sync' },
    });
    const m = asMessage(
      decodeUpdate(
        update({
          message: msg({
            chat: FORUM,
            message_id: 187,
            message_thread_id: 163,
            is_topic_message: true,
            text: '/minutes@probe_bot',
            reply_to_message: root,
          }),
        }),
        ctx(),
      ),
    );
    expect(m.chat.threadId).toBe('163');
    expect(m.replyTo).toBeUndefined();
    expect(decodeReplyToken(m.replyToken)).toEqual({ messageId: 187, threadId: 163 });
  });

  it('does not take a bot-created topic root for a reply to the bot', () => {
    const root = msg({
      chat: FORUM,
      from: BOT,
      message_id: 163,
      message_thread_id: 163,
      is_topic_message: true,
      forum_topic_created: { name: 'T' },
    });
    const m = asMessage(
      decodeUpdate(
        update({
          message: msg({
            chat: FORUM,
            message_id: 190,
            message_thread_id: 163,
            is_topic_message: true,
            text: 'just talking',
            reply_to_message: root,
          }),
        }),
        ctx(),
      ),
    );
    expect(m.mentionsBot).toBe(false);
  });

  it('ignores a thread id without is_topic_message (the General topic)', () => {
    const m = asMessage(
      decodeUpdate(
        update({ message: msg({ chat: FORUM, message_thread_id: 5, text: '/help@probe_bot' }) }),
        ctx(),
      ),
    );
    expect(m.chat.threadId).toBeUndefined();
    expect(decodeReplyToken(m.replyToken)).toEqual({ messageId: 7 });
  });

  it('turns text_mention entities into mentions with the user id, and spots one of the bot', () => {
    const text = '周明 负责，Probe 记一下';
    const entities: TgEntity[] = [
      { type: 'text_mention', offset: 0, length: 2, user: NONAME },
      { type: 'text_mention', offset: 6, length: 5, user: BOT },
    ];
    const m = asMessage(decodeUpdate(update({ message: msg({ text, entities }) }), ctx()));
    expect(m.mentions).toEqual([{ platform: 'telegram', userId: '1003', displayName: '周明' }]);
    expect(m.mentionsBot).toBe(true);
  });

  it('leaves out @usernames it has never seen (no numeric id to write to)', () => {
    const m = asMessage(
      decodeUpdate(update({ message: msg({ text: '/liaison@probe_bot 二所 @zhouming' }) }), ctx()),
    );
    expect(m.mentions).toEqual([]);
    expect(m.text).toBe('/liaison 二所 @zhouming');
  });

  it('measures entity offsets in UTF-16 code units', () => {
    const text = '😀 二所 @bob';
    const m = asMessage(
      decodeUpdate(
        update({ message: msg({ text, entities: [{ type: 'mention', offset: 6, length: 4 }] }) }),
        ctx(),
      ),
    );
    expect(m.mentions.map((u) => u.userId)).toEqual(['1002']);
  });

  it('offers a document lazily, with the caption as text', async () => {
    const fetchFile = vi.fn(async () => Buffer.from('单位,别名\n'));
    const caption = '/import@probe_bot';
    const d = decodeUpdate(
      update({
        message: msg({
          caption,
          caption_entities: entitiesOf(caption),
          document: {
            file_id: 'DOC1',
            file_unique_id: 'u1',
            file_name: '名单.csv',
            mime_type: 'text/csv',
            file_size: 12,
          },
        }),
      }),
      ctx({ fetchFile }),
    );
    const m = asMessage(d);
    expect(m).toMatchObject({ text: '/import', rawText: caption, mentionsBot: true });
    expect(m.files).toHaveLength(1);
    expect(m.files[0]).toMatchObject({ name: '名单.csv', mime: 'text/csv', size: 12 });
    expect(fetchFile).not.toHaveBeenCalled();
    expect((await m.files[0]!.fetch()).toString()).toBe('单位,别名\n');
    expect(fetchFile).toHaveBeenCalledWith('DOC1');
  });

  it('takes the largest size of a photo', () => {
    const photo = [
      { file_id: 'S', file_unique_id: 's', width: 90, height: 60, file_size: 1000 },
      { file_id: 'L', file_unique_id: 'l', width: 1280, height: 853, file_size: 90_000 },
      { file_id: 'M', file_unique_id: 'm', width: 320, height: 213, file_size: 9000 },
    ];
    const fetchFile = vi.fn(async () => Buffer.alloc(0));
    const m = asMessage(decodeUpdate(update({ message: msg({ photo }) }), ctx({ fetchFile })));
    expect(m.files[0]).toMatchObject({ name: 'photo_7.jpg', mime: 'image/jpeg', size: 90_000 });
    void m.files[0]!.fetch();
    expect(fetchFile).toHaveBeenCalledWith('L');
  });

  it('ignores what the core cannot act on: stickers, service messages, edits, channel posts', () => {
    const reasons = [
      decodeUpdate(update({ message: msg() }), ctx()),
      decodeUpdate(update({ message: msg({ new_chat_members: [BOB] }) }), ctx()),
      decodeUpdate(update({ edited_message: msg({ text: '/help@probe_bot' }) }), ctx()),
      decodeUpdate(
        update({ channel_post: msg({ chat: { id: -100777, type: 'channel', title: 'News' }, text: 'hi' }) }),
        ctx(),
      ),
    ];
    expect(reasons.map((d) => d.kind)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
  });

  it('reports a group migration from either side', () => {
    const from = decodeUpdate(
      update(
        { message: msg({ chat: { id: -555, type: 'group', title: 'Old' }, migrate_to_chat_id: -1009 }) },
        5,
      ),
      ctx(),
    );
    const to = decodeUpdate(
      update(
        {
          message: msg({ chat: { id: -1009, type: 'supergroup', title: 'Old' }, migrate_from_chat_id: -555 }),
        },
        6,
      ),
      ctx(),
    );
    expect(from).toEqual({
      kind: 'migration',
      migration: { id: '5', platform: 'telegram', fromChatId: '-555', toChatId: '-1009' },
    });
    expect(to).toMatchObject({ kind: 'migration', migration: { fromChatId: '-555', toChatId: '-1009' } });
  });
});

describe('decodeUpdate: button presses', () => {
  const botMessage = msg({
    message_id: 8,
    from: BOT,
    text: 'Reminder set',
    reply_markup: { inline_keyboard: [[{ text: 'Done', callback_data: 'cmd:abc' }]] },
  } as Partial<TgMessage>);

  it('turns a callback query into a press on the message it sits under', () => {
    const p = asPress(
      decodeUpdate(
        update(
          {
            callback_query: {
              id: '4382bfdwdsb323b2d9',
              from: BOB,
              message: botMessage,
              chat_instance: '-5368386712',
              data: 'cmd:abc',
            },
          },
          200,
        ),
        ctx(),
      ),
    );
    expect(p).toMatchObject({
      id: '200',
      buttonId: 'cmd:abc',
      user: { userId: '1002', username: 'bob' },
      chat: { chatId: '-1001234567890', kind: 'group' },
      message: { platform: 'telegram', chatId: '-1001234567890', messageId: '8' },
      receivedAt: NOW,
      callbackQueryId: '4382bfdwdsb323b2d9',
    });
    expect(decodeReplyToken(p.replyToken)).toEqual({ messageId: 8 });
  });

  it('keeps the topic of a press in a forum', () => {
    const inTopic = { ...botMessage, chat: FORUM, message_thread_id: 163, is_topic_message: true };
    const p = asPress(
      decodeUpdate(update({ callback_query: { id: 'q', from: BOB, message: inTopic, data: 'x' } }), ctx()),
    );
    expect(p.chat.threadId).toBe('163');
  });

  it('ignores presses without a message (inline mode) or without data (games)', () => {
    expect(
      decodeUpdate(
        update({ callback_query: { id: 'q', from: BOB, inline_message_id: 'i', data: 'x' } }),
        ctx(),
      ).kind,
    ).toBe('ignored');
    expect(
      decodeUpdate(update({ callback_query: { id: 'q', from: BOB, message: botMessage } }), ctx()).kind,
    ).toBe('ignored');
  });
});

describe('decodeUpdate: my_chat_member', () => {
  const change = (chat: TgMessage['chat'], from: string, to: string, id = 201): TgUpdate =>
    update(
      {
        my_chat_member: {
          chat,
          from: ANN,
          date: 1_700_000_100,
          old_chat_member: { user: BOT, status: from as 'left' },
          new_chat_member: { user: BOT, status: to as 'member' },
        },
      },
      id,
    );

  it('reports the bot being added to a group, with who added it and the update id', () => {
    expect(asMembership(decodeUpdate(change(GROUP, 'left', 'member'), ctx()))).toEqual({
      chat: { platform: 'telegram', chatId: '-1001234567890', kind: 'group', title: 'Project X' },
      joined: true,
      by: { platform: 'telegram', userId: '1001', displayName: 'Ann Li', username: 'ann' },
      id: '201',
    });
  });

  it('counts being added straight as an admin as joining, and being kicked as leaving', () => {
    expect(asMembership(decodeUpdate(change(GROUP, 'left', 'administrator'), ctx())).joined).toBe(true);
    expect(asMembership(decodeUpdate(change(GROUP, 'member', 'kicked'), ctx())).joined).toBe(false);
    expect(asMembership(decodeUpdate(change(GROUP, 'administrator', 'left'), ctx())).joined).toBe(false);
  });

  it('ignores a promotion within the group', () => {
    expect(decodeUpdate(change(GROUP, 'member', 'administrator'), ctx()).kind).toBe('ignored');
  });

  it('reports a user blocking the bot in private, but not unblocking (their /start says hello)', () => {
    expect(asMembership(decodeUpdate(change(PRIVATE, 'member', 'kicked'), ctx()))).toMatchObject({
      chat: { kind: 'direct', chatId: '1001' },
      joined: false,
    });
    expect(decodeUpdate(change(PRIVATE, 'kicked', 'member'), ctx()).kind).toBe('ignored');
  });

  it('ignores changes about other members', () => {
    const other = change(GROUP, 'left', 'member');
    other.my_chat_member!.new_chat_member.user = BOB;
    expect(decodeUpdate(other, ctx()).kind).toBe('ignored');
  });
});

describe('usersIn', () => {
  it('collects every human with a username an update shows', () => {
    const text = 'hi';
    const u = update({
      message: msg({
        text,
        reply_to_message: msg({ from: BOB, text: 'x' }),
        entities: [{ type: 'text_mention', offset: 0, length: 2, user: NONAME }],
        new_chat_members: [BOT],
      }),
    });
    expect(usersIn(u).map((x) => x.id)).toEqual([ANN.id, BOB.id]);
  });
});

describe('createUserMemory', () => {
  it('finds users by @username in any case, and forgets the least recently seen first', () => {
    const users = createUserMemory(2);
    users.remember(ANN);
    users.remember(BOB);
    users.remember(ANN); // seen again: now the most recent
    users.remember({ id: 1004, is_bot: false, first_name: 'Cai', username: 'cai' });
    expect(users.byUsername('@ANN')?.id).toBe(ANN.id);
    expect(users.byUsername('bob')).toBeUndefined();
    expect(users.byUsername('Cai')?.id).toBe(1004);
    users.remember(NONAME); // no username: nothing to remember it by
    expect(users.byUsername('ann')?.id).toBe(ANN.id);
  });
});
