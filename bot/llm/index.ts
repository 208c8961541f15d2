/**
 * The optional model (C26, C28): `createLlmClient` (null when no endpoint is configured), personal-data
 * masking, and the deterministic resolution of the model's drafts. Only `client.ts` imports `openai`.
 * @module
 */
export {
  createLlmClient,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type LlmClient,
  type LlmConfig,
  type LlmFailure,
  type LlmFailureReason,
  type LlmResult,
  prepareText,
} from './client.js';
export { MASK, maskPersonalData } from './mask.js';
export { type MergeResolver, mergeLlmItems, resolveLlmUnit } from './merge.js';
export type { LlmItem, LlmReply, LlmSummary } from './schemas.js';
