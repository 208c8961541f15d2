/** Shared set-up for the meeting feature tests: a bound group with a secretary, and row readers. */
import type { Platform } from '../../../bot/core/types.js';
import { type ChatClient, createHarness, type Harness } from '../../support/fake-chat.js';
import type { FakeClock } from '../../support/fake-clock.js';

export const GROUP = '联席会议群';

/** A Shanghai wall-clock time as an instant: `at('2026-12-05 14:30')`. */
export const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

export interface Setup {
  h: Harness;
  sec: ChatClient;
}

/** A harness (Monday 2026-11-30 09:00 Shanghai by default) with a joint meeting bound to the group. */
export async function boundGroup(
  opts: { platform?: Platform; clock?: FakeClock; language?: 'zh-CN' | 'en'; admins?: string[] } = {},
): Promise<Setup> {
  const h = await createHarness(opts);
  const sec = h.client('张三', GROUP);
  await sec.send('/setup 联席会议 和平街道联席会议');
  return { h, sec };
}

/** Schedule a series and press 确认; returns the replies to the confirmation. */
export async function schedule(sec: ChatClient, phrase: string): Promise<string[]> {
  await sec.shouldReply(`/meeting ${phrase}`, '我理解的安排');
  return sec.press('确认');
}

export interface OccRow {
  id: number;
  series_id: number;
  seq_no: number | null;
  title: string;
  scheduled_at: number;
  original_at: number;
  status: string;
  cancel_reason: string | null;
}

export const occurrences = (h: Harness): OccRow[] =>
  h.store.query<OccRow>('select * from meetings order by scheduled_at, id');

export const series = (h: Harness) =>
  h.store.query<{ id: number; status: string; holiday_policy: string; rule: string; name: string }>(
    'select * from meeting_series order by id',
  );

export interface StepRow {
  id: number;
  kind: string;
  subject_id: number;
  fire_at: number;
  stale_at: number | null;
  status: string;
  dedupe_key: string;
  note: string | null;
}

export const steps = (h: Harness): StepRow[] =>
  h.store.query<StepRow>('select * from scheduled_steps order by fire_at, id');

/** Texts the bot delivered to a chat (by group title) since index `from` of the delivery log. */
export const deliveredTo = (h: Harness, chatId: string, from = 0): string[] =>
  h.adapter.delivered
    .slice(from)
    .filter((d) => d.chat.chatId === chatId && !d.edit)
    .map((d) => d.msg.text);

/** Run the scheduler as of an instant (and move the clock there), then deliver. */
export async function tickAt(h: Harness, instant: number) {
  h.clock.set(instant);
  const result = h.bot.tick(instant);
  await h.deliver();
  return result;
}

/** Every row of the meeting tables (and steps and audit), for "nothing changed" assertions. */
export function meetingSnapshot(h: Harness): string {
  return [
    'meeting_series',
    'meetings',
    'attendance',
    'agenda_topics',
    'captured_messages',
    'scheduled_steps',
    'audit_events',
    'people',
  ]
    .map((t) => `${t}:${JSON.stringify(h.store.query(`select * from ${t} order by rowid`))}`)
    .join('\n');
}
