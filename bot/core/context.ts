/**
 * What a feature handler sees: the message, who sent it and where, their permissions, the text
 * catalogue, and a few shortcuts. Replies are buffered and written to the outbox in the same
 * transaction as the handler's state changes (`mutate`), so a crash never separates them.
 * @module
 */
import type { Store } from '../../db/client.js';
import type { BodyRow, ChatRow } from '../../db/repos/bodies.js';
import type { Repos } from '../../db/repos/index.js';
import type { IdentityRow, PersonRow } from '../../db/repos/people.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Action, Actor, Target } from '../domain/permissions.js';
import type { LlmClient } from '../llm/client.js';
import type { Messages } from './i18n/index.js';
import type { Clock, Logger } from './ports.js';
import type { Capabilities, Incoming, Outgoing } from './types.js';

/** Everything the core needs, handed in by the composition root. */
export interface AppDeps {
  store: Store;
  repos: Repos;
  clock: Clock;
  logger: Logger;
  timezone: string;
  language: 'zh-CN' | 'en';
  /** `platform:userId` of configured admins (BOT_ADMINS). */
  admins: ReadonlySet<string>;
  /** Called after outbox rows were committed, to wake the delivery worker. */
  onOutbox?: () => void;
  /** The official working-day calendar with the admins' overrides (rebuilt after they change). */
  calendar(): WorkCalendar;
  /** Forget the cached calendar after the overrides changed. */
  invalidateCalendar(): void;
  /** The optional language model (null without OPENAI_API_KEY / OPENAI_BASE_URL); its output is only ever a draft. */
  llm?: LlmClient | null;
  /** What a platform's adapter can do (sees all group messages? can edit?), when it is running. */
  capabilities?: (platform: string) => Capabilities | undefined;
  /** Platform-specific bot usernames, so `/cmd@other_bot` is ignored. */
  botUsernames?: Partial<Record<string, string>>;
}

export interface Context {
  readonly deps: AppDeps;
  readonly msg: Incoming;
  readonly chat: ChatRow;
  readonly body: BodyRow | undefined;
  readonly person: PersonRow;
  readonly identity: IdentityRow;
  readonly actor: Actor;
  readonly m: Messages;
  readonly now: number;
  /** The command being handled (name and raw arguments). */
  readonly command: { name: string; args: string };
  /** Queue a reply to this message; it is committed with the next `mutate` or at the end. */
  reply(out: string | Outgoing): void;
  /** Run synchronous state changes in one transaction together with the replies queued so far. */
  mutate<T>(fn: () => T): T;
  /** The bound body, or a friendly refusal when the chat is not bound. */
  requireBody(): BodyRow;
  /** Throw a refusal (one sentence, nothing changed) unless the actor may do this. */
  authorize(action: Action, target?: Target): { onBehalf: boolean };
  /**
   * Ask the sender a question: their next plain message in this chat goes to the conversation handler
   * registered for `kind` (a command, or 取消, ends it). Opened with the next `mutate` or at the end.
   */
  ask(question: string | Outgoing, conversation: { kind: string; payload?: unknown; ttlMs?: number }): void;
  /** Handle the message as if the sender had typed this command (same checks, same replies). */
  redispatch(command: string): Promise<void>;
  /** Offer choices as buttons; pressing one runs the given command as the presser. */
  choose(prompt: string, options: { label: string; command: string; shared?: boolean }[]): void;
  /** Record an audit event attributed to the sender and this message. */
  audit(e: {
    subjectType: string;
    subjectId?: number | null;
    action: string;
    fromState?: string | null;
    toState?: string | null;
    reason?: string | null;
    data?: unknown;
  }): void;
}
