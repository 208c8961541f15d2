/**
 * Drill: the bot is down across two reminder instants. Two one-off meetings are scheduled in a group:
 * 专题会 on Thursday 2026-12-10 15:00 and 协调会 on Friday 12-11 15:00. The bot runs its ticks until
 * 12-10 08:00, then stops; it comes back at 12-10 15:30. While it was down:
 * - 09:00, the notice of 协调会 was due — its meeting is tomorrow, so it is still useful: it goes out
 *   late, marked as sent after recovery;
 * - 14:00, the one-hour reminder of 专题会 was due — that meeting began at 15:00, so it is stale: it is
 *   skipped, the skip is logged, and nothing is written to the outbox for it.
 * The restart is a new bot over the same database (with a recording logger), on the injected clock;
 * the scheduler is `bot.tick(now)`. Nothing is sent twice afterwards, and the next reminder is on time.
 */
import { describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../bot/bot.js';
import { createHarness, type Harness } from '../support/fake-chat.js';
import { recordingLogger } from './support/recording-logger.js';

const GROUP = '联席会议群';
const CHAT = `g:${GROUP}`;
/** A Shanghai wall-clock time as an instant. */
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

interface StepRow {
  id: number;
  kind: string;
  subject_id: number;
  fire_at: number;
  stale_at: number | null;
  status: string;
  note: string | null;
}

const stepsOf = (h: Harness) => h.store.query<StepRow>('select * from scheduled_steps order by fire_at, id');
const meetingId = (h: Harness, start: string) =>
  h.store.query<{ id: number }>('select id from meetings where scheduled_at = ?', at(start))[0]!.id;
const outboxTexts = (h: Harness, fromId: number) =>
  h.store
    .query<{ payload: string }>('select payload from outbox where id > ? order by id', fromId)
    .map((r) => (JSON.parse(r.payload) as { text: string }).text);
const lastOutboxId = (h: Harness) =>
  h.store.query<{ id: number | null }>('select max(id) as id from outbox')[0]!.id ?? 0;
const deliveredSince = (h: Harness, from: number) =>
  h.adapter.delivered
    .slice(from)
    .filter((d) => d.chat.chatId === CHAT)
    .map((d) => d.msg.text);

/** Run one scheduler tick as of `instant` on `bot` and deliver what it wrote. */
async function tick(h: Harness, bot: Bot, instant: number) {
  h.clock.set(instant);
  const result = bot.tick(instant);
  await bot.worker.drain({ advance: (ms) => h.clock.advance(ms) });
  return result;
}

describe('downtime across two reminder instants', () => {
  it('sends the useful one late (marked), skips the stale one (logged, no outbox row), and nothing twice', async () => {
    const h = await createHarness();
    const sec = h.client('张三', GROUP);
    await sec.send('/setup 联席会议 和平街道联席会议');
    for (const phrase of ['12月10日15:00 专题会', '12月11日15:00 协调会']) {
      await sec.shouldReply(`/meeting ${phrase}`, '我理解的安排');
      await sec.press('确认');
    }
    const special = meetingId(h, '2026-12-10 15:00');
    const coordination = meetingId(h, '2026-12-11 15:00');
    const staleReminder = stepsOf(h).find((s) => s.subject_id === special && s.kind === 'meeting.reminder')!;
    const usefulNotice = stepsOf(h).find(
      (s) => s.subject_id === coordination && s.kind === 'meeting.notice',
    )!;
    expect([staleReminder.fire_at, staleReminder.stale_at]).toEqual([
      at('2026-12-10 14:00'),
      at('2026-12-10 15:00'),
    ]);
    expect([usefulNotice.fire_at, usefulNotice.stale_at]).toEqual([
      at('2026-12-10 09:00'),
      at('2026-12-11 15:00'),
    ]);

    // Up: every instant before the downtime is handled on time.
    for (const instant of ['2026-12-03 09:00', '2026-12-04 09:00', '2026-12-09 09:00', '2026-12-10 08:00'])
      await tick(h, h.bot, at(instant));
    const statusOf = (id: number) => stepsOf(h).find((s) => s.id === id)?.status;
    expect([statusOf(usefulNotice.id), statusOf(staleReminder.id)]).toEqual(['pending', 'pending']);

    // Down from 08:00 to 15:30; then a new process over the same database.
    await h.bot.stop();
    const log = recordingLogger();
    const restarted = createBot({
      store: h.store,
      clock: h.clock,
      logger: log,
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      adapters: [h.adapter],
    });
    await h.adapter.start(restarted.app);
    const outboxMark = lastOutboxId(h);
    const deliveredMark = h.adapter.delivered.length;
    const result = await tick(h, restarted, at('2026-12-10 15:30'));
    expect(result.failed).toBe(0);
    expect(result.skipped).toBe(1);

    // The useful one: sent late, once, and says so.
    const sent = deliveredSince(h, deliveredMark);
    const notices = sent.filter((t) => t.includes('📅 会议通知｜协调会'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('（系统恢复后补发）');
    expect(notices[0]).toContain('2026年12月11日（周五）15:00');
    expect(log.withMsg('step sent late')).toContainEqual(
      expect.objectContaining({
        level: 'info',
        fields: expect.objectContaining({
          step: usefulNotice.id,
          lateByMs: at('2026-12-10 15:30') - at('2026-12-10 09:00'),
        }),
      }),
    );

    // The stale one: skipped and logged; nothing in the outbox or the chat.
    expect(stepsOf(h).find((s) => s.id === staleReminder.id)).toMatchObject({
      status: 'skipped',
      note: 'stale',
    });
    expect(statusOf(usefulNotice.id)).toBe('done');
    expect(log.withMsg('step skipped: stale after downtime')).toEqual([
      {
        level: 'warn',
        msg: 'step skipped: stale after downtime',
        fields: expect.objectContaining({
          step: staleReminder.id,
          kind: 'meeting.reminder',
          subject: `meeting:${special}`,
          fireAt: at('2026-12-10 14:00'),
          staleAt: at('2026-12-10 15:00'),
        }),
      },
    ]);
    const written = outboxTexts(h, outboxMark);
    expect(written.filter((t) => t.includes('会前提醒'))).toEqual([]);
    expect(written.filter((t) => t.includes('📅 会议通知｜协调会'))).toHaveLength(1);
    expect(sent.filter((t) => t.includes('专题会'))).toEqual([]);

    // Nothing twice: another tick right after sends nothing more.
    const again = await tick(h, restarted, at('2026-12-10 15:31'));
    expect(again.done + again.skipped).toBe(0);
    expect(lastOutboxId(h)).toBe(outboxMark + written.length);

    // The next reminder is on time and not marked late.
    const mark = h.adapter.delivered.length;
    await tick(h, restarted, at('2026-12-11 14:00'));
    const reminder = deliveredSince(h, mark).filter((t) => t.includes('⏰ 会前提醒｜协调会'));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).not.toContain('补发');
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});
