/**
 * The optional model (C26): one OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, Ollama, vLLM…) that
 * drafts agreed items from prose and chat logs, reads free-text replies, and summarises a discussion.
 * The only module that imports `openai` (DESIGN §5.1). Every call ends in a validated result or a clean
 * `{ ok: false, reason }`; nothing throws, and the caller falls back to the deterministic path.
 *
 * How a call goes:
 * 1. Every text from a chat is masked (phone and ID-card numbers, mask.ts) and put between tags in the
 *    user message; the system message (prompts/*.md) says that text is data, never instructions.
 *    Look-alike tags inside the text are defused so it cannot close its own tag.
 * 2. Structured output with the SDK's zod helper (`zodResponseFormat`, strict JSON schema). A server that
 *    answers 400 to that gets the same request with `response_format: { type: 'json_object' }`, and the
 *    answer is parsed with a lenient twin of the schema; once the fallback has worked the client stays
 *    on it (most such servers never learn JSON schema between two calls).
 * 3. Timeouts and retries are the SDK's (`timeout`, `maxRetries`: 5xx, 429 and connection errors are
 *    retried with backoff, honouring Retry-After). Failures map to reasons: `timeout`; `http` (any
 *    status or connection error); `malformed` (no JSON, or cut off by the length limit); `shape` (JSON
 *    of the wrong shape); `refused` (a refusal or the content filter).
 * Logs carry the operation, reason and status, never the text.
 *
 * The SDK is loaded on the first call, not at startup: most deployments run without a model, and
 * loading it is a noticeable part of the bot's cold start.
 * @module
 */
import type OpenAI from 'openai';
import type { z } from 'zod';
import { type PromptName, renderPromptFile } from '../../prompts/index.js';
import type { Logger } from '../core/ports.js';
import { maskPersonalData } from './mask.js';
import { type LlmItem, type LlmReply, SCHEMAS } from './schemas.js';

export interface LlmConfig {
  apiKey: string;
  /** Base URL ending in /v1; the SDK's default (api.openai.com) without it. */
  baseUrl?: string;
  model: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 2. */
  maxRetries?: number;
}

export type LlmFailureReason = 'timeout' | 'http' | 'malformed' | 'shape' | 'refused';
export type LlmFailure = { ok: false; reason: LlmFailureReason };
export type LlmResult<T> = ({ ok: true } & T) | LlmFailure;

/** The model, as features see it. Results are drafts: a person confirms before anything changes. */
export interface LlmClient {
  readonly model: string;
  /** Agreed items from meeting notes; `units` are the body's unit names, `reference` the meeting day. */
  extractItems(
    text: string,
    hints: { units: string[]; reference: string },
  ): Promise<LlmResult<{ items: LlmItem[] }>>;
  /** A liaison's free-text reply about an item. */
  classifyReply(text: string): Promise<LlmResult<{ reply: LlmReply }>>;
  /** The discussion, for 会议主要情况 in the minutes. */
  summarize(messages: string[]): Promise<LlmResult<{ summary: string; points: string[] }>>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Longest text sent in one call; notes beyond it are cut (a meeting's notes are a few pages). */
export const MAX_INPUT_CHARS = 24_000;
/** At most this many items are taken from one answer. */
export const MAX_ITEMS = 100;

type Schemas = { strict: z.ZodType; lenient: z.ZodType };

/** Tags the prompts use around the chat's text: a text must not open or close them itself. */
const TAG_LOOKALIKE = /<\s*(\/?)\s*(notes|reply|messages)\s*>/gi;
const defuse = (text: string): string => text.replace(TAG_LOOKALIKE, '＜$1$2＞');

/** Masked, defused and cut to size: what may leave the machine. */
export function prepareText(text: string, max = MAX_INPUT_CHARS): string {
  return defuse(maskPersonalData(String(text ?? ''))).slice(0, max);
}

/** A model answer's JSON: the whole content, or the first fenced block ("```json … ```"). */
function parseJson(content: string): { ok: true; value: unknown } | { ok: false } {
  const attempts = [content, /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1] ?? ''];
  for (const text of attempts) {
    if (!text.trim()) continue;
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      // try the next form
    }
  }
  return { ok: false };
}

/** The parts of the SDK this module uses, imported when the first call is made. */
async function importSdk() {
  const [{ default: OpenAI }, errors, { zodResponseFormat }] = await Promise.all([
    import('openai'),
    import('openai/core/error'),
    import('openai/helpers/zod'),
  ]);
  return { OpenAI, errors, zodResponseFormat };
}

type Sdk = Awaited<ReturnType<typeof importSdk>>;
let sdkLoading: Promise<Sdk> | undefined;

/** The SDK, loaded once per process. */
function loadSdk(): Promise<Sdk> {
  sdkLoading ??= importSdk().catch((error: unknown) => {
    sdkLoading = undefined; // let a later call try again
    throw error;
  });
  return sdkLoading;
}

/** The reason for an error thrown by the SDK (or by parsing inside it). */
function reasonOf(error: unknown, e: Sdk['errors']): LlmFailureReason {
  if (error instanceof e.APIConnectionTimeoutError || error instanceof e.APIUserAbortError) return 'timeout';
  if (error instanceof e.ContentFilterFinishReasonError) return 'refused';
  if (error instanceof e.LengthFinishReasonError) return 'malformed';
  if (error instanceof e.APIError || error instanceof e.APIConnectionError) return 'http';
  if (error instanceof SyntaxError) return 'malformed';
  if ((error as { name?: string } | null)?.name === 'ZodError') return 'shape';
  return 'http';
}

/**
 * The client, or null when no endpoint is configured (features then use the deterministic path).
 * @example const llm = createLlmClient(config.openai, logger); if (llm) await llm.extractItems(notes, hints);
 */
export function createLlmClient(config: LlmConfig | undefined, logger: Logger): LlmClient | null {
  if (!config?.model) return null;
  const log = logger.child({ component: 'llm', model: config.model });
  /** Whether the server accepts json_schema; unknown until the first call. */
  let jsonSchema: 'unknown' | 'yes' | 'no' = 'unknown';
  /** The SDK's client, made on the first call. */
  let client: OpenAI | undefined;
  const connect = (sdk: Sdk): OpenAI =>
    (client ??= new sdk.OpenAI({
      apiKey: config.apiKey || 'none', // the SDK refuses an empty key; local servers ignore it
      baseURL: config.baseUrl || undefined,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    }));

  const fail = (sdk: Sdk, op: string, reason: LlmFailureReason, error?: unknown): LlmFailure => {
    const status = error instanceof sdk.errors.APIError ? error.status : undefined;
    log.warn({ op, reason, status }, 'model call failed; using the deterministic path');
    return { ok: false, reason };
  };

  async function viaJsonSchema(
    sdk: Sdk,
    op: string,
    messages: OpenAI.ChatCompletionMessageParam[],
    schemas: Schemas,
    name: string,
  ): Promise<{ ok: true; value: unknown } | LlmFailure | 'rejected'> {
    try {
      const completion = await connect(sdk).chat.completions.parse({
        model: config!.model,
        messages,
        response_format: sdk.zodResponseFormat(schemas.strict, name),
      });
      const choice = completion.choices[0];
      if (choice?.message.refusal || choice?.finish_reason === 'content_filter')
        return fail(sdk, op, 'refused');
      if (!choice || choice.message.parsed == null) return fail(sdk, op, 'malformed');
      jsonSchema = 'yes';
      return { ok: true, value: choice.message.parsed };
    } catch (error) {
      if (error instanceof sdk.errors.BadRequestError && jsonSchema !== 'yes') {
        log.info({ op, status: 400 }, 'server refused json_schema; trying json_object');
        return 'rejected';
      }
      return fail(sdk, op, reasonOf(error, sdk.errors), error);
    }
  }

  async function viaJsonObject(
    sdk: Sdk,
    op: string,
    messages: OpenAI.ChatCompletionMessageParam[],
    schemas: Schemas,
  ): Promise<{ ok: true; value: unknown } | LlmFailure> {
    try {
      const completion = await connect(sdk).chat.completions.create({
        model: config!.model,
        messages,
        response_format: { type: 'json_object' },
      });
      const choice = completion.choices[0];
      if (choice?.message.refusal || choice?.finish_reason === 'content_filter')
        return fail(sdk, op, 'refused');
      if (choice?.finish_reason === 'length') return fail(sdk, op, 'malformed');
      const json = parseJson(choice?.message.content ?? '');
      if (!json.ok) return fail(sdk, op, 'malformed');
      const parsed = schemas.lenient.safeParse(json.value);
      if (!parsed.success) return fail(sdk, op, 'shape');
      return { ok: true, value: parsed.data };
    } catch (error) {
      return fail(sdk, op, reasonOf(error, sdk.errors), error);
    }
  }

  /** One call: json_schema first (unless the server is known to refuse it), then json_object. */
  async function call(
    op: string,
    prompt: PromptName,
    vars: Record<string, string>,
    schemas: Schemas,
  ): Promise<{ ok: true; value: unknown } | LlmFailure> {
    let messages: OpenAI.ChatCompletionMessageParam[];
    try {
      const { system, user } = await renderPromptFile(prompt, vars);
      messages = [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ];
    } catch (error) {
      // A broken template is our bug, not the model's; say so loudly and fall back.
      log.error({ op, err: (error as Error).message }, 'prompt could not be rendered');
      return { ok: false, reason: 'malformed' };
    }
    let sdk: Sdk;
    try {
      sdk = await loadSdk();
    } catch (error) {
      // A broken installation, not the model's fault either; fall back like any failed call.
      log.error({ op, err: (error as Error).message }, 'the openai SDK could not be loaded');
      return { ok: false, reason: 'http' };
    }
    if (jsonSchema !== 'no') {
      const first = await viaJsonSchema(sdk, op, messages, schemas, prompt.replace(/-/g, '_'));
      if (first !== 'rejected') return first;
    }
    const second = await viaJsonObject(sdk, op, messages, schemas);
    if (second.ok && jsonSchema === 'unknown') jsonSchema = 'no';
    return second;
  }

  return {
    model: config.model,

    async extractItems(text, hints) {
      const result = await call(
        'extract',
        'extract-items',
        {
          reference: String(hints?.reference ?? ''),
          units: (hints?.units ?? []).map((u) => `- ${prepareText(u, 100)}`).join('\n') || '（无）',
          notes: prepareText(text),
        },
        SCHEMAS.extraction,
      );
      if (!result.ok) return result;
      const { items } = result.value as { items: LlmItem[] };
      return { ok: true, items: items.slice(0, MAX_ITEMS) };
    },

    async classifyReply(text) {
      const result = await call(
        'classify',
        'classify-reply',
        { reply: prepareText(text, 4000) },
        SCHEMAS.reply,
      );
      if (!result.ok) return result;
      const reply = result.value as LlmReply;
      // Out-of-range numbers are dropped, not trusted: confidence clamps, a bad percent becomes null.
      const confidence = Number.isFinite(reply.confidence) ? Math.min(1, Math.max(0, reply.confidence)) : 0;
      const percent =
        reply.percent !== null && Number.isFinite(reply.percent) && reply.percent >= 0 && reply.percent <= 100
          ? Math.round(reply.percent)
          : null;
      return { ok: true, reply: { ...reply, confidence, percent } };
    },

    async summarize(messages) {
      // The latest messages matter most; older ones are dropped when the whole would be too long.
      const lines: string[] = [];
      let size = 0;
      for (const m of [...(messages ?? [])].reverse()) {
        const line = prepareText(String(m).replace(/\s*\n\s*/g, ' '), 2000);
        if (size + line.length > MAX_INPUT_CHARS) break;
        lines.unshift(line);
        size += line.length + 1;
      }
      const result = await call(
        'summarize',
        'summarize-discussion',
        { messages: lines.join('\n') },
        SCHEMAS.summary,
      );
      if (!result.ok) return result;
      const { summary, points } = result.value as { summary: string; points: string[] };
      return { ok: true, summary: summary.trim(), points: points.map((p) => p.trim()).filter(Boolean) };
    },
  };
}
