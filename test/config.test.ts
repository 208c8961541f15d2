import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, createConfig } from '../bot/config.js';
import { ConfigError } from '../bot/core/errors.js';

describe('createConfig', () => {
  it('has working defaults: terminal chat only, Shanghai time, Chinese', () => {
    const c = createConfig({});
    expect(c).toMatchObject({
      databasePath: './data/yishi.db',
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      admins: [],
      logLevel: 'info',
      outbox: {
        globalPerSecond: 30,
        chatPerSecond: 1,
        groupPerMinute: 20,
        wecomChatPerMinute: 20,
        maxAttempts: 8,
      },
    });
    expect(c.telegram).toBeUndefined();
    expect(c.wecom).toBeUndefined();
    expect(c.openai).toBeUndefined();
  });

  it('turns a platform on only when its keys are set', () => {
    const c = createConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABC-def_1',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg',
      TELEGRAM_WEBHOOK_SECRET: 's3cret',
      WECOM_BOT_ID: 'bot1',
      WECOM_BOT_SECRET: 'sec',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      BOT_ADMINS: 'telegram:42, wecom:zhangsan',
    });
    expect(c.telegram).toEqual({
      token: '123456:ABC-def_1',
      apiRoot: 'http://127.0.0.1:8081',
      webhook: { url: 'https://bot.example.com/tg', secret: 's3cret', port: 8443 },
    });
    expect(c.wecom).toEqual({ botId: 'bot1', secret: 'sec', wsUrl: undefined });
    expect(c.openai).toEqual({ apiKey: 'none', baseUrl: 'http://127.0.0.1:11434/v1', model: 'gpt-4o-mini' });
    expect(c.admins).toEqual([
      { platform: 'telegram', userId: '42' },
      { platform: 'wecom', userId: 'zhangsan' },
    ]);
  });

  it('treats empty values as unset', () => {
    expect(
      createConfig({ TELEGRAM_BOT_TOKEN: '', WECOM_BOT_ID: ' ', WECOM_BOT_SECRET: '' }).telegram,
    ).toBeUndefined();
  });

  it.each([
    [{ BOT_TIMEZONE: 'Asia/Shangai' }, 'BOT_TIMEZONE'],
    [{ BOT_LANGUAGE: 'fr' }, 'BOT_LANGUAGE'],
    [{ BOT_ADMINS: 'zhangsan' }, 'BOT_ADMINS'],
    [{ TELEGRAM_BOT_TOKEN: 'not a token' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_API_ROOT: 'localhost:8081' }, 'TELEGRAM_API_ROOT'],
    [{ WECOM_WS_URL: 'http://x' }, 'WECOM_WS_URL'],
    [{ WECOM_BOT_ID: 'bot' }, 'WECOM_BOT_ID and WECOM_BOT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ OUTBOX_CHAT_PER_SECOND: '0' }, 'OUTBOX_CHAT_PER_SECOND'],
  ])('explains a bad value: %j', (env, key) => {
    expect(() => createConfig(env)).toThrow(ConfigError);
    expect(() => createConfig(env)).toThrow(key);
  });

  it('lists every key in .env.example with a comment', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const key of CONFIG_KEYS) {
      expect(example, key).toMatch(new RegExp(`#[^\\n]*\\n(#[^\\n]*\\n)*${key}=`));
    }
  });

  it('documents every key in the README configuration table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const key of CONFIG_KEYS) expect(readme, key).toContain(`| \`${key}\``);
  });
});
