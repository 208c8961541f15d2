/**
 * Platform-neutral end-to-end scenarios: who says what in which chat, and what the bot must answer.
 * Each platform's e2e suite runs the same table through a {@link ScenarioDriver} that speaks the
 * platform's wire protocol to the real bot (`test/e2e/wecom.test.ts`, `test/e2e/telegram.test.ts`).
 *
 * Conventions:
 * - Users are keys (`zhangsan`, `zhouming`); the driver maps them to platform accounts.
 * - Chats are keys: `dm:<user>` is that user's private chat with the bot, anything else names a group.
 * - `say` is what the user writes after addressing the bot. In a group the driver addresses it the
 *   platform's way (WeCom: `@议事 …`; Telegram: a mention or a command), so bare Chinese aliases
 *   (`单位 add …`) count as commands on both.
 * - `{@user}` in a text is replaced by how that user is named in a command on the platform
 *   (`driver.handle`: WeCom userid `zhouming`, Telegram `@zhouming`).
 * - Expectations match the bot's outputs of the step one to one: every expected output must appear
 *   (in order within a chat) and nothing else may be sent.
 * @module
 */
import { expect } from 'vitest';

/** `dm:<user>` or a group name. */
export type ChatKey = string;

/** One message the bot sent (or replaced), as the platform showed it. */
export interface BotOutput {
  chat: ChatKey;
  /** Readable text: markdown or HTML markup removed by the driver where it can. */
  text: string;
  /** Labels of pressable buttons, in order. */
  buttons: string[];
  /** True when an earlier message was replaced (edit, card update) instead of a new one posted. */
  edited: boolean;
  /** Name of an attached file. */
  file?: string;
}

export interface ExpectedOutput {
  /** Default: the step's chat. */
  chat?: ChatKey;
  text: RegExp;
  /** Button labels in order; omit to not check, `[]` for none. */
  buttons?: (string | RegExp)[];
  /** Default false: a new message. */
  edited?: boolean;
  file?: string | RegExp;
}

interface StepBase {
  by: string;
  in: ChatKey;
  expect: ExpectedOutput[];
}

/** A user writes to the bot, or presses a button on the latest message in the chat that has it. */
export type Step = (StepBase & { say: string }) | (StepBase & { press: string | RegExp });

export interface Scenario {
  name: string;
  steps: Step[];
}

/** What a platform suite implements to run the table. */
export interface ScenarioDriver {
  /** Deliver one message and return what the bot sent in answer (after the outbox drained). */
  say(o: { by: string; in: ChatKey; text: string }): Promise<BotOutput[]>;
  /** Press a button of the latest message in `in` that has one matching `label`; return the outputs. */
  press(o: { by: string; in: ChatKey; label: string | RegExp }): Promise<BotOutput[]>;
  /** How `user` is named in a command argument on this platform. */
  handle(user: string): string;
}

const GROUP = 'group';
const SECRETARY = 'zhangsan';
const LIAISON = 'zhouming';

const setupStep: Step = {
  by: SECRETARY,
  in: GROUP,
  say: '/setup 联席会议 和平街道联席会议',
  expect: [{ text: /^已创建联席会议「和平街道联席会议」并绑定本群，您是秘书。/ }],
};

/** J2's steps: a unit with an alias, and its liaison, who has opened the private chat and spoken in the group. */
const unitStep: Step = {
  by: SECRETARY,
  in: GROUP,
  say: '单位 add 区供电公司第二供电所 别名:二所',
  expect: [{ text: /^已添加成员单位「区供电公司第二供电所」（别名：二所）。/ }],
};
/** On Telegram a bot may write to a person only after they started it in the private chat. */
const liaisonStartStep: Step = {
  by: LIAISON,
  in: `dm:${LIAISON}`,
  say: '/start',
  expect: [{ text: /以后给您的提醒会私信发到这里/ }],
};
const liaisonNameStep: Step = {
  by: LIAISON,
  in: GROUP,
  say: '/name 周明',
  expect: [{ text: /以后称呼您为「周明」/ }],
};
const liaisonStep: Step = {
  by: SECRETARY,
  in: GROUP,
  say: `/liaison 二所 {@${LIAISON}}`,
  expect: [
    { text: /^已指定 周明 为「区供电公司第二供电所」的联络员。/ },
    {
      chat: `dm:${LIAISON}`,
      text: /您已被指定为「区供电公司第二供电所」在「和平街道联席会议」的联络员/,
    },
  ],
};

/** The first item's code: the default prefix (no 编号: at /setup), the year on the drivers' clocks, 001. */
const CODE = 'YS-2026-001';
const LIAISON_BUTTONS = ['签收', '报进展', '已办结', '申请延期', '非本单位职责'];

/**
 * The shared table: J1 (setup), J2 (units and liaisons), a button that replaces its card, and the
 * follow-up round trip of an item (J5–J6: record, confirm, the liaison's notice, 签收, progress in words).
 */
export const scenarios: Scenario[] = [
  {
    name: 'J1: the secretary binds the group to a new joint meeting',
    steps: [
      { by: SECRETARY, in: GROUP, say: '/setup', expect: [{ text: /^本群尚未绑定。/ }] },
      setupStep,
      {
        by: SECRETARY,
        in: GROUP,
        say: '设置',
        expect: [{ text: /^本群绑定：联席会议「和平街道联席会议」[\s\S]*秘书：/ }],
      },
      {
        by: SECRETARY,
        in: GROUP,
        say: '/setup 联席会议 和平街道联席会议',
        expect: [{ text: /无需重复设置/ }],
      },
    ],
  },
  {
    name: 'J2: member units with aliases, and their liaisons',
    steps: [
      setupStep,
      unitStep,
      liaisonStartStep,
      liaisonNameStep,
      liaisonStep,
      {
        by: SECRETARY,
        in: GROUP,
        say: '/unit list',
        expect: [{ text: /1\. 区供电公司第二供电所（二所） — 联络员 周明/ }],
      },
      { by: SECRETARY, in: GROUP, say: '联络员 二所', expect: [{ text: /现任：周明/ }] },
    ],
  },
  {
    name: 'an unknown unit is offered as a button; pressing it adds the unit and updates the message',
    steps: [
      setupStep,
      {
        by: SECRETARY,
        in: GROUP,
        say: `/liaison 不存在的单位 {@${LIAISON}}`,
        expect: [{ text: /没有找到成员单位「不存在的单位」/, buttons: ['新增单位「不存在的单位」'] }],
      },
      {
        by: SECRETARY,
        in: GROUP,
        press: /^新增单位/,
        // The choice is shown first (WeCom replaces a card only within 5 s of the click), then the answer.
        expect: [
          {
            edited: true,
            text: /没有找到成员单位「不存在的单位」[\s\S]*✓ 新增单位「不存在的单位」/,
            buttons: [],
          },
          { text: /^已添加成员单位「不存在的单位」。/ },
        ],
      },
    ],
  },
  {
    name: 'a follow-up round trip: record, confirm, the liaison acknowledges and reports progress in words',
    steps: [
      setupStep,
      unitStep,
      liaisonStartStep,
      liaisonNameStep,
      liaisonStep,
      {
        by: SECRETARY,
        in: GROUP,
        say: '/item 二所 牵头 排查建设路3处老化线路 12月11日前',
        expect: [
          {
            text: /^拟立项（待确认 #\d+）\n事项：排查建设路3处老化线路\n牵头：区供电公司第二供电所（联络员 周明）\n完成时限：2026年12月11日（周五） · 原文「12月11日前」/,
            buttons: ['确认交办', '修改', '删除'],
          },
        ],
      },
      // 确认交办 gives the item its code: the group gets the summary, and the liaison the notice with
      // their five buttons in the private chat (they started the bot above, so Telegram lets it write).
      {
        by: SECRETARY,
        in: GROUP,
        press: '确认交办',
        expect: [
          { edited: true, text: /^拟立项[\s\S]*✓ 确认交办/, buttons: [] },
          {
            text: new RegExp(
              `^已交办 ${CODE}：排查建设路3处老化线路\\n牵头：区供电公司第二供电所（联络员 周明）`,
            ),
          },
          {
            chat: `dm:${LIAISON}`,
            text: new RegExp(
              `^【交办通知】${CODE}\\n和平街道联席会议\\n事项：排查建设路3处老化线路\\n责任：区供电公司第二供电所（牵头）\\n完成时限：2026年12月11日（周五）`,
            ),
            buttons: LIAISON_BUTTONS,
          },
        ],
      },
      {
        by: LIAISON,
        in: `dm:${LIAISON}`,
        press: '签收',
        expect: [
          { edited: true, text: /^【交办通知】[\s\S]*✓ 签收/, buttons: [] },
          { text: new RegExp(`^区供电公司第二供电所 已签收 ${CODE}。`) },
        ],
      },
      // Progress in their own words, without a code: their only open item, in the private chat.
      {
        by: LIAISON,
        in: `dm:${LIAISON}`,
        say: '已协调物业，预计下周完成',
        expect: [{ text: new RegExp(`^已记录 ${CODE} 的进展。`) }],
      },
      // The secretary sees the item acknowledged, in progress, with the liaison's words on record.
      {
        by: SECRETARY,
        in: GROUP,
        say: `/task ${CODE}`,
        expect: [
          {
            text: new RegExp(
              `^${CODE} 排查建设路3处老化线路\\n状态：办理中\\n牵头：区供电公司第二供电所（联络员 周明，已签收）\\n完成时限：2026-12-11\\n[\\s\\S]*已协调物业，预计下周完成`,
            ),
            buttons: [],
          },
        ],
      },
    ],
  },
];

/** Run one scenario through a driver, failing with every mismatch of a step at once. */
export async function runScenario(scenario: Scenario, driver: ScenarioDriver): Promise<void> {
  for (const [i, step] of scenario.steps.entries()) {
    const outputs =
      'say' in step
        ? await driver.say({ by: step.by, in: step.in, text: fillHandles(step.say, driver) })
        : await driver.press({ by: step.by, in: step.in, label: step.press });
    const what = 'say' in step ? step.say : `[press ${String(step.press)}]`;
    const problems = matchOutputs(outputs, step.expect, step.in);
    expect(problems, `step ${i + 1} (${step.by} in ${step.in}: ${what})\noutputs: ${show(outputs)}`).toEqual(
      [],
    );
  }
}

/**
 * Compare a step's outputs with its expectations; returns the problems (empty when they match). Each
 * expectation takes the first unused output that fits and comes after the previous match in its chat.
 */
export function matchOutputs(outputs: BotOutput[], expected: ExpectedOutput[], stepChat: ChatKey): string[] {
  const used = new Set<number>();
  const lastInChat = new Map<ChatKey, number>();
  const problems: string[] = [];
  for (const e of expected) {
    const chat = e.chat ?? stepChat;
    const after = lastInChat.get(chat) ?? -1;
    const i = outputs.findIndex((o, j) => j > after && !used.has(j) && o.chat === chat && fits(o, e));
    if (i < 0) {
      problems.push(`missing in ${chat}: ${describeExpected(e)}`);
      continue;
    }
    used.add(i);
    lastInChat.set(chat, i);
  }
  outputs.forEach((o, j) => {
    if (!used.has(j)) problems.push(`unexpected in ${o.chat}: ${JSON.stringify(o.text.slice(0, 80))}`);
  });
  return problems;
}

function fits(o: BotOutput, e: ExpectedOutput): boolean {
  if (o.edited !== (e.edited ?? false)) return false;
  if (!e.text.test(o.text)) return false;
  if (e.buttons) {
    if (e.buttons.length !== o.buttons.length) return false;
    if (!e.buttons.every((b, i) => labelMatches(o.buttons[i]!, b))) return false;
  }
  if (e.file !== undefined && (o.file === undefined || !labelMatches(o.file, e.file))) return false;
  return true;
}

function labelMatches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

function fillHandles(text: string, driver: ScenarioDriver): string {
  return text.replace(/\{@([^}]+)\}/gu, (_, user: string) => driver.handle(user));
}

function describeExpected(e: ExpectedOutput): string {
  const extra = [
    e.edited ? 'edited' : '',
    e.buttons ? `buttons ${JSON.stringify(e.buttons.map(String))}` : '',
    e.file ? `file ${String(e.file)}` : '',
  ].filter(Boolean);
  return `${String(e.text)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

function show(outputs: BotOutput[]): string {
  return JSON.stringify(outputs, null, 2);
}
