import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/fake-chat.js';

describe('/holiday (C12)', () => {
  it('lets an admin fill a year the bundled data lacks, and the calendar follows', async () => {
    const h = await createHarness({ admins: ['root'] });
    const root = h.client('root', { direct: true });
    await root.shouldReply('/holiday', /内置节假日数据：2004–2026[\s\S]*2027 年尚无节假日数据/);
    await root.shouldReply('/holiday add 2027-01-01 休 元旦', '已记录：2027-01-01 放假');
    await root.shouldReply('/holiday add 2027-02-07 班', '已记录：2027-02-07 上班（调休）');
    await root.shouldReply('/holiday', /2027-01-01 休 元旦\n2027-02-07 班/);
    expect(h.store.query('select date, is_off_day from holiday_overrides order by date')).toEqual([
      { date: '2027-01-01', is_off_day: 1 },
      { date: '2027-02-07', is_off_day: 0 },
    ]);
    await root.shouldReply('/holiday remove 2027-02-07', '已删除');
    await root.shouldReply('/holiday remove 2027-02-07', '没有补录记录');
    await root.shouldReply('/holiday add 2027-02-30 休', '不是有效日期');
    await root.shouldReply('/holiday add 2027-03-01 歇', '请写「休」');
  });

  it('refuses everyone but admins', async () => {
    const h = await createHarness();
    const sec = h.client('张三', '群');
    await sec.send('/setup 联席会议 和平街道联席会议');
    await sec.shouldReply('/holiday add 2027-01-01 休', '只有管理员可以这样做');
    expect(h.count('holiday_overrides')).toBe(0);
  });
});
