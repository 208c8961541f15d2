/**
 * The shapes the model must answer in (zod), in two variants: `strict` for structured output (every
 * field required, `.nullable()`, never `.optional()`: the API refuses optional fields), and `lenient`
 * for the json_object fallback, where a model that leaves out a null field is forgiven.
 * @module
 */
import { z } from 'zod';
import { REPLY_INTENTS } from '../domain/reply-classifier.js';

const nullableText = (lenient: boolean) =>
  lenient
    ? z
        .string()
        .nullish()
        .transform((v) => v ?? null)
    : z.string().nullable();
const nullableNumber = (lenient: boolean) =>
  lenient
    ? z
        .number()
        .nullish()
        .transform((v) => v ?? null)
    : z.number().nullable();
const list = (lenient: boolean) =>
  lenient
    ? z
        .array(z.string())
        .nullish()
        .transform((v) => v ?? [])
    : z.array(z.string());

const itemSchema = (lenient: boolean) =>
  z.object({
    content: z.string(),
    leadUnit: nullableText(lenient),
    supportUnits: list(lenient),
    liaison: nullableText(lenient),
    /** The deadline as the notes word it; resolved by parseDeadline, never by the model. */
    dueText: nullableText(lenient),
    /** The model's own reading of the date: a hint only. */
    dueDate: nullableText(lenient),
    sourceQuote: nullableText(lenient),
  });

const extractionSchema = (lenient: boolean) => z.object({ items: z.array(itemSchema(lenient)) });

const replySchema = (lenient: boolean) =>
  z.object({
    intent: z.enum(REPLY_INTENTS),
    confidence: z.number(),
    percent: nullableNumber(lenient),
    proposedDateText: nullableText(lenient),
    reason: nullableText(lenient),
    suggestedUnit: nullableText(lenient),
  });

const summarySchema = (lenient: boolean) => z.object({ summary: z.string(), points: list(lenient) });

export const SCHEMAS = {
  extraction: { strict: extractionSchema(false), lenient: extractionSchema(true) },
  reply: { strict: replySchema(false), lenient: replySchema(true) },
  summary: { strict: summarySchema(false), lenient: summarySchema(true) },
} as const;

/** One agreed item as the model drafted it (names and phrases as written; nothing resolved). */
export type LlmItem = z.output<ReturnType<typeof itemSchema>>;
/** A liaison's reply as the model read it. */
export type LlmReply = z.output<ReturnType<typeof replySchema>>;
export type LlmSummary = z.output<ReturnType<typeof summarySchema>>;
