/**
 * Configuration from the environment. `createConfig(env)` is pure and validates every key with zod;
 * `loadEnvFile` (called only by the composition root) reads `.env` into a plain object first.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { PLATFORMS, type Platform } from './core/types.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = optionalText.pipe(
  z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://example.com' }).optional(),
);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const adminEntry = z.string().regex(/^(telegram|wecom|console):\S+$/, {
  message: 'each admin must look like platform:userId, e.g. telegram:123456 or wecom:zhangsan',
});

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1).default('./data/yishi.db'),
  BOT_TIMEZONE: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  BOT_LANGUAGE: z.enum(['zh-CN', 'en'], { message: 'must be zh-CN or en' }).default('zh-CN'),
  BOT_ADMINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(/[,，\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(adminEntry)),
  TELEGRAM_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^\d+:[\w-]+$/, { message: 'must look like 123456:ABC-DEF… (from @BotFather)' })
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalUrl,
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'may hold only A-Z a-z 0-9 _ - (1–256 characters)' })
      .optional(),
  ),
  TELEGRAM_WEBHOOK_PORT: positiveInt(8443),
  WECOM_BOT_ID: optionalText,
  WECOM_BOT_SECRET: optionalText,
  WECOM_WS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^wss?:\/\/\S+$/, { message: 'must be a ws:// or wss:// URL' })
      .optional(),
  ),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  OUTBOX_GLOBAL_PER_SECOND: positiveInt(30),
  OUTBOX_CHAT_PER_SECOND: positiveInt(1),
  OUTBOX_GROUP_PER_MINUTE: positiveInt(20),
  OUTBOX_WECOM_CHAT_PER_MINUTE: positiveInt(20),
  OUTBOX_MAX_ATTEMPTS: positiveInt(8),
});

/** Validated configuration. A platform block is present only when its keys are set. */
export interface Config {
  databasePath: string;
  timezone: string;
  language: 'zh-CN' | 'en';
  admins: { platform: Platform; userId: string }[];
  telegram?: { token: string; apiRoot?: string; webhook?: { url: string; secret?: string; port: number } };
  wecom?: { botId: string; secret: string; wsUrl?: string };
  openai?: { apiKey: string; baseUrl?: string; model: string };
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  outbox: {
    globalPerSecond: number;
    chatPerSecond: number;
    groupPerMinute: number;
    wecomChatPerMinute: number;
    maxAttempts: number;
  };
}

/** Every key the schema knows, for documentation checks. */
export const CONFIG_KEYS = Object.keys(envSchema.shape);

/**
 * Validate an environment and build the configuration. Throws {@link ConfigError} listing every bad key.
 * @example createConfig({ BOT_LANGUAGE: 'en' }).language // 'en'
 */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (配置有误):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (Boolean(e.WECOM_BOT_ID) !== Boolean(e.WECOM_BOT_SECRET)) {
    problems.push('  WECOM_BOT_ID and WECOM_BOT_SECRET must be set together (or both left empty)');
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
    problems.push('  TELEGRAM_WEBHOOK_URL needs TELEGRAM_BOT_TOKEN');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration (配置有误):\n${problems.join('\n')}`);

  const llmOn = Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL);
  return {
    databasePath: e.DATABASE_PATH,
    timezone: e.BOT_TIMEZONE,
    language: e.BOT_LANGUAGE,
    admins: e.BOT_ADMINS.map((a) => {
      const i = a.indexOf(':');
      return { platform: a.slice(0, i) as Platform, userId: a.slice(i + 1) };
    }),
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook: e.TELEGRAM_WEBHOOK_URL
            ? {
                url: e.TELEGRAM_WEBHOOK_URL,
                secret: e.TELEGRAM_WEBHOOK_SECRET,
                port: e.TELEGRAM_WEBHOOK_PORT,
              }
            : undefined,
        }
      : undefined,
    wecom:
      e.WECOM_BOT_ID && e.WECOM_BOT_SECRET
        ? { botId: e.WECOM_BOT_ID, secret: e.WECOM_BOT_SECRET, wsUrl: e.WECOM_WS_URL }
        : undefined,
    openai: llmOn
      ? { apiKey: e.OPENAI_API_KEY ?? 'none', baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL }
      : undefined,
    logLevel: e.LOG_LEVEL,
    outbox: {
      globalPerSecond: e.OUTBOX_GLOBAL_PER_SECOND,
      chatPerSecond: e.OUTBOX_CHAT_PER_SECOND,
      groupPerMinute: e.OUTBOX_GROUP_PER_MINUTE,
      wecomChatPerMinute: e.OUTBOX_WECOM_CHAT_PER_MINUTE,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    },
  };
}

/**
 * Read a `.env` file into an object, with the real environment taking precedence. Missing file = empty.
 * Only the composition root and the CLI call this.
 */
export function readEnv(processEnv: NodeJS.ProcessEnv, file = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...processEnv };
}

export const isPlatform = (v: string): v is Platform => (PLATFORMS as readonly string[]).includes(v);
