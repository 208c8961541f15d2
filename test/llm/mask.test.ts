import { describe, expect, it } from 'vitest';
import { MASK, maskPersonalData } from '../../bot/llm/mask.js';

describe('maskPersonalData', () => {
  it.each([
    ['联络员王五 13812345678', `联络员王五 ${MASK.mobile}`],
    ['手机：138 1234 5678。', `手机：${MASK.mobile}。`],
    ['手机138-1234-5678', `手机${MASK.mobile}`],
    ['+86 13812345678', MASK.mobile],
    ['+8613812345678', MASK.mobile],
    ['全角１３８１２３４５６７８', `全角${MASK.mobile}`],
    ['电话0571-88886666', `电话${MASK.phone}`],
    ['电话 010 12345678 转 8', `电话 ${MASK.phone} 转 8`],
    ['座机(021)12345678', `座机${MASK.phone}`],
    ['座机（0571）8888666', `座机${MASK.phone}`],
    ['电话 0571-88886666-801', `电话 ${MASK.phone}`],
    ['电话057188886666', `电话${MASK.phone}`],
    ['电话：88886666', `电话：${MASK.phone}`],
    ['tel 6688123', `tel ${MASK.phone}`],
    ['身份证110101199003071234', `身份证${MASK.id}`],
    ['身份证号：11010119900307123X。', `身份证号：${MASK.id}。`],
    ['证件 11010119900307123x', `证件 ${MASK.id}`],
  ])('%s', (input, output) => {
    expect(maskPersonalData(input)).toBe(output);
  });

  it('leaves dates, amounts, house numbers and service numbers alone', () => {
    const text =
      '2026年10月20日前完成3处线路排查，投入3.5万元，5号楼1203室，12345热线，110报警，400-800-1234，编号HP-2026-031，10个工作日内';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks every number in a longer text, and nothing else', () => {
    const text = '王五（13812345678）、李四（13987654321）：身份证110101199003071234；办公室0571-88886666。';
    expect(maskPersonalData(text)).toBe(
      `王五（${MASK.mobile}）、李四（${MASK.mobile}）：身份证${MASK.id}；办公室${MASK.phone}。`,
    );
  });

  it('does not mask digits inside longer numbers', () => {
    // 20 digits: neither an ID card nor a phone number (an order number, say).
    expect(maskPersonalData('单号12345678901234567890')).toBe('单号12345678901234567890');
    expect(maskPersonalData('138123456789')).toBe('138123456789');
  });

  it('never throws', () => {
    expect(maskPersonalData(undefined as unknown as string)).toBe('');
    expect(maskPersonalData('1'.repeat(100_000)).length).toBe(100_000);
  });
});
