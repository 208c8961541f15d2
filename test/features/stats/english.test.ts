/** The statistics read in English when the bot speaks English (BOT_LANGUAGE=en). */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../../support/fake-chat.js';
import { unzip } from '../../support/unzip.js';

describe('statistics in English', () => {
  it('/stats, /bulletin and /stars speak English, the files too', async () => {
    const h = await createHarness({ language: 'en' });
    h.clock.set('2026-11-02T09:00:00+08:00');
    const sec = h.client('Zhang', 'Joint group');
    await sec.send('/setup 联席会议 Peace Street Joint Meeting 编号:PS');
    await sec.send('/unit add Power Station 2 别名:PS2');
    await sec.send('/item PS2 Check the old cables 11月10日前');
    await sec.press(/Confirm/);
    await sec.send('/task PS-2026-001 ack');
    h.clock.set('2026-11-09T15:00:00+08:00');
    await sec.send('/task PS-2026-001 done all checked');
    await sec.send('/task PS-2026-001 verify');
    h.clock.set('2026-12-02T10:00:00+08:00');
    const [stats = ''] = await sec.send('/stats last month');
    expect(stats).toContain('📊 Peace Street Joint Meeting · statistics for Nov 2026');
    expect(stats).toContain('Due 1, closed 1 (100%); on time 100% (against the original deadline 100%)');
    expect(stats).toContain('1. Power Station 2 ██████████ 100.0');
    await sec.shouldReply('/bulletin', 'To all member units:');
    await sec.shouldReply('/bulletin docx', 'Bulletin for Nov 2026 (.docx).');
    const docx = h.adapter.delivered.at(-1)!.msg.file!;
    const xml = unzip(Buffer.from(docx.base64, 'base64')).get('word/document.xml')!.toString('utf8');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(
      'Bulletin on the implementation of Peace Street Joint Meeting&apos;s decisions, Nov 2026',
    );
    await sec.shouldReply('/stars', 'Thresholds: ≥90 five stars');
    await sec.shouldReply('/stats next year', 'I can\'t read the period "next year".');
  });
});
