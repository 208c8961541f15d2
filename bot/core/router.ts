/**
 * The command registry: features register commands (with Chinese aliases and the permission that
 * guards them) and free-text handlers; the app asks it what a message means.
 * @module
 */

import type { StepRow } from '../../db/repos/steps.js';
import type { Action } from '../domain/permissions.js';
import type { CommandTable } from './command.js';
import type { AppDeps, Context } from './context.js';
import type { Messages } from './i18n/index.js';

export interface CommandSpec {
  name: string;
  /** Words that mean the same after @bot or in a private chat: 帮助, 设置, 单位… */
  aliases?: string[];
  /** The action that guards the command, used to list only what the caller may do in /help. */
  action?: Action;
  /** `bound`: needs a chat bound to a body; `group`: any group; `any`: anywhere. */
  where?: 'any' | 'group' | 'bound';
  usage(m: Messages): string;
  handle(ctx: Context): void | Promise<void>;
}

/** Does what a scheduled step of one kind means (inside the step's transaction): writes state and outbox rows. */
export type StepHandler = (step: StepRow, now: number) => void;

/** Builds a step handler over the app's dependencies (features register these for their step kinds). */
export type StepHandlerFactory = (deps: AppDeps) => StepHandler;

/** Continues a conversation the bot opened with `ctx.ask`; `payload` is what was stored with it. */
export type ConversationHandler = (ctx: Context, payload: unknown) => void | Promise<void>;

/** Handles free text that is not a command; returns true when it took the message. */
export type TextHandler = (ctx: Context) => boolean | Promise<boolean>;

export interface Router extends CommandTable {
  command(spec: CommandSpec): Router;
  text(handler: TextHandler): Router;
  /** Register what the scheduler does for steps of a kind (meeting reminders, follow-ups, digests). */
  step(kind: string, factory: StepHandlerFactory): Router;
  /** Register what answers a question the bot asked with `ctx.ask(…, { kind })`. */
  conversation(kind: string, handler: ConversationHandler): Router;
  conversationHandler(kind: string): ConversationHandler | undefined;
  get(name: string): CommandSpec | undefined;
  list(): CommandSpec[];
  textHandlers(): readonly TextHandler[];
  stepHandlers(deps: AppDeps): Record<string, StepHandler>;
}

/** @example createRouter().command(helpCommand).command(unitCommand) */
export function createRouter(): Router {
  const specs = new Map<string, CommandSpec>();
  const words = new Map<string, string>();
  const texts: TextHandler[] = [];
  const steps = new Map<string, StepHandlerFactory>();
  const conversations = new Map<string, ConversationHandler>();
  const router: Router = {
    command(spec) {
      if (specs.has(spec.name)) throw new Error(`command /${spec.name} registered twice`);
      specs.set(spec.name, spec);
      for (const w of [spec.name, ...(spec.aliases ?? [])]) {
        const prev = words.get(w);
        if (prev) throw new Error(`alias "${w}" of /${spec.name} already belongs to /${prev}`);
        words.set(w, spec.name);
      }
      return router;
    },
    text(handler) {
      texts.push(handler);
      return router;
    },
    step(kind, factory) {
      if (steps.has(kind)) throw new Error(`step kind ${kind} registered twice`);
      steps.set(kind, factory);
      return router;
    },
    conversation(kind, handler) {
      if (conversations.has(kind)) throw new Error(`conversation ${kind} registered twice`);
      conversations.set(kind, handler);
      return router;
    },
    conversationHandler: (kind) => conversations.get(kind),
    stepHandlers: (deps) => Object.fromEntries([...steps].map(([kind, factory]) => [kind, factory(deps)])),
    resolve: (word) => words.get(word),
    get: (name) => specs.get(name),
    list: () => [...specs.values()],
    textHandlers: () => texts,
  };
  return router;
}
