/** /help: every command the caller may use here, each with a summary in the chat's language. */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/fake-chat.js';
import { itemsHarness } from './items/helpers.js';

describe('/help', () => {
  it('lists what a secretary may use in a bound group, every line with a summary', async () => {
    const { sec } = await itemsHarness();
    const [text = ''] = await sec.send('/help');
    const lines = text.split('\n').filter((l) => l.startsWith('/'));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(line).toMatch(/^\/\w+ — \S/);
    expect(lines).toContain('/stats — 各单位督办统计和排名');
    expect(lines).toContain('/bulletin — 督办情况通报（.docx/.xlsx，每月自动发布）');
    expect(lines).toContain('/stars — 年度评星定级');
  });

  it('has an English summary for every command too', async () => {
    const h = await createHarness({ language: 'en' });
    const sec = h.client('Zhang', 'Joint group');
    await sec.send('/setup 联席会议 Peace Street Joint Meeting');
    const [text = ''] = await sec.send('/help');
    for (const line of text.split('\n').filter((l) => l.startsWith('/'))) expect(line).toMatch(/^\/\w+ — \S/);
    expect(text).toContain('/stars — yearly star rating of the units');
  });
});
