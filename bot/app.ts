/**
 * The update pipeline every adapter feeds: dedupe → who and where → parse → permission → feature →
 * replies. An error boundary turns bad input into usage, refusals into one sentence, and anything
 * unexpected into an apology with a reference id. Replies and the dedupe mark commit together.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { BodyRow } from '../db/repos/bodies.js';
import { parseCommand } from './core/command.js';
import type { AppDeps, Context } from './core/context.js';
import { PermissionDeniedError, UserInputError } from './core/errors.js';
import { type Messages, messagesFor } from './core/i18n/index.js';
import type { AdapterHandlers } from './core/ports.js';
import type { CommandSpec, Router } from './core/router.js';
import {
  type ButtonPress,
  type Incoming,
  type MembershipEvent,
  type Outgoing,
  userKey,
} from './core/types.js';
import { type Actor, authorize } from './domain/permissions.js';
import { COMMAND_BUTTON_PREFIX, commandButtons } from './features/buttons.js';

/** How long the bot waits for the answer to a question it asked. */
const CONVERSATION_TTL_MS = 30 * 60_000;

interface ButtonPayload {
  command: string;
  /** Many people may press it (参会 on a group reminder): the message keeps its buttons. */
  shared?: boolean;
}

export interface App extends AdapterHandlers {
  /** The router the features were mounted on (for /help). */
  readonly router: Router;
}

/**
 * Build the pipeline over the given deps and router. No I/O happens until an adapter calls a handler.
 * @example const app = createApp(deps, mountFeatures(createRouter())); await adapter.start(app);
 */
export function createApp(deps: AppDeps, router: Router): App {
  const { repos, store, clock, logger } = deps;
  const inFlight = new Set<string>();

  async function onMessage(msg: Incoming): Promise<void> {
    const key = `${msg.chat.platform}:${msg.id}`;
    if (inFlight.has(key) || repos.updates.seen(msg.chat.platform, msg.id)) return;
    inFlight.add(key);
    try {
      await handle(msg);
    } finally {
      inFlight.delete(key);
    }
  }

  async function handle(msg: Incoming): Promise<void> {
    const now = clock.now();
    const log = logger.child({ platform: msg.chat.platform, chat: msg.chat.chatId, msg: msg.id });
    const { chat, identity, person } = store.tx(() => {
      const chatRow = repos.bodies.upsertChat({
        platform: msg.chat.platform,
        chatId: msg.chat.chatId,
        kind: msg.chat.kind,
        title: msg.chat.title,
        now,
      });
      const who = repos.people.ensureIdentity({ ...msg.sender, now });
      // Whoever writes to the bot privately can be written to privately.
      if (msg.chat.kind === 'direct' && who.identity.dmStatus !== 'ok')
        repos.people.setDmStatus(who.identity.id, 'ok', now);
      return { chat: chatRow, ...who };
    });
    const body = chat.bodyId ? repos.bodies.get(chat.bodyId) : undefined;
    const m = messagesFor(chat.language ?? deps.language);
    const replies: Outgoing[] = [];
    let flushed = 0;
    let mutating = false;

    const flush = () => {
      for (; flushed < replies.length; flushed++) {
        repos.outbox.enqueue(
          {
            platform: msg.chat.platform,
            chatId: msg.chat.chatId,
            chatKind: msg.chat.kind,
            threadId: msg.chat.threadId,
          },
          replies[flushed]!,
          { dedupeKey: `reply:${msg.chat.platform}:${msg.id}:${flushed}`, now, replyToken: msg.replyToken },
        );
      }
      repos.updates.mark(msg.chat.platform, msg.id, now);
      if (asking) {
        repos.actions.openConversation(
          conversationKey,
          asking.kind,
          asking.payload ?? null,
          now,
          asking.ttlMs ?? CONVERSATION_TTL_MS,
        );
        asking = undefined;
      }
    };

    const bare = msg.chat.kind === 'direct' || msg.mentionsBot;
    const conversationKey = {
      platform: msg.chat.platform,
      chatId: msg.chat.chatId,
      userId: msg.sender.userId,
    };
    let asking: { kind: string; payload?: unknown; ttlMs?: number } | undefined;
    const parsed = parseCommand(msg.text, router, {
      bare,
      botUsername: deps.botUsernames?.[msg.chat.platform],
    });
    const ctx: Context = {
      deps,
      msg,
      chat,
      body,
      person,
      identity,
      actor: buildActor(body, person.id, userKey(msg.sender), chat.kind),
      m,
      now,
      command: parsed && 'name' in parsed ? parsed : { name: '', args: msg.text },
      reply: (out) => {
        replies.push(typeof out === 'string' ? { text: out } : out);
        // Inside a transaction the reply takes its place among the messages the change causes.
        if (mutating) flush();
      },
      mutate: (fn) => {
        const before = flushed;
        try {
          return store.tx(() => {
            mutating = true;
            flush();
            const result = fn();
            flush();
            return result;
          });
        } catch (err) {
          flushed = before; // the rows were rolled back with the change
          throw err;
        } finally {
          mutating = false;
        }
      },
      requireBody: () => {
        if (!body) throw new UserInputError((mm) => mm.common.needBoundChat);
        return body;
      },
      authorize: (action, target) => {
        const d = authorize(ctx.actor, action, target);
        if (!d.ok) throw new PermissionDeniedError((mm) => mm.denied[d.action]);
        return { onBehalf: Boolean(d.onBehalf) };
      },
      ask: (question, conversation) => {
        asking = conversation;
        ctx.reply({ ...(typeof question === 'string' ? { text: question } : question), expectReply: true });
      },
      redispatch: async (text) => {
        const again = parseCommand(text, router, { bare: true });
        if (!again || !('name' in again)) return;
        await runCommand(router.get(again.name)!, { ...ctx, command: again });
      },
      choose: (prompt, options) => {
        replies.push({ text: prompt, buttons: commandButtons(repos, now, options) });
      },
      audit: (e) =>
        repos.audit.record({
          ...e,
          at: now,
          actor: userKey(msg.sender),
          actorPersonId: person.id,
          bodyId: body?.id,
          sourceMessage: `${msg.chat.platform}:${msg.chat.chatId}:${msg.id}`,
        }),
    };

    try {
      if (parsed && 'unknown' in parsed) {
        if (bare) ctx.reply(m.common.unknownCommand(parsed.unknown));
      } else if (parsed) {
        // A command ends any question the bot was waiting on.
        repos.actions.closeConversation(conversationKey);
        await runCommand(router.get(parsed.name)!, ctx);
      } else if (!(await continueConversation(ctx))) {
        let taken = false;
        for (const h of router.textHandlers()) {
          if (await h(ctx)) {
            taken = true;
            break;
          }
        }
        if (!taken && bare && msg.chat.kind === 'direct') ctx.reply(m.common.notUnderstood);
      }
    } catch (err) {
      replies.splice(flushed);
      asking = undefined;
      ctx.reply(explain(err, m, router, log));
    }
    store.tx(flush);
    deps.onOutbox?.();
  }

  /** Hand a plain message to the conversation the bot opened with this person here, if any. */
  async function continueConversation(ctx: Context): Promise<boolean> {
    const key = {
      platform: ctx.msg.chat.platform,
      chatId: ctx.msg.chat.chatId,
      userId: ctx.msg.sender.userId,
    };
    const open = store.tx(() => repos.actions.takeConversation(key, ctx.now));
    if (!open) return false;
    if (/^(取消|算了|cancel)$/i.test(ctx.msg.text.trim())) {
      ctx.reply(ctx.m.common.cancelled);
      return true;
    }
    const handler = router.conversationHandler(open.kind);
    if (!handler) return false;
    await handler(ctx, open.payload);
    return true;
  }

  async function runCommand(spec: CommandSpec, ctx: Context): Promise<void> {
    if (spec.where === 'bound') ctx.requireBody();
    if (spec.where === 'group' && ctx.chat.kind !== 'group')
      throw new UserInputError((m) => m.common.needGroup);
    await spec.handle(ctx);
  }

  function buildActor(body: BodyRow | undefined, personId: number, key: string, chatKind: string): Actor {
    const roles = new Set(repos.roles.rolesOf(body?.id ?? null, personId));
    return {
      isAdmin: deps.admins.has(key) || roles.has('admin'),
      roles,
      liaisonUnitIds: new Set(body ? repos.liaisons.unitsOf(body.id, personId) : []),
      parentRoles: body?.parentId ? new Set(repos.roles.rolesOf(body.parentId, personId)) : undefined,
      inBoundChat: Boolean(body) && chatKind === 'group',
      bodyKind: body?.kind,
    };
  }

  async function onButton(press: ButtonPress): Promise<void> {
    const now = clock.now();
    if (!press.buttonId.startsWith(COMMAND_BUTTON_PREFIX)) {
      logger.warn({ buttonId: press.buttonId }, 'unknown button');
      return;
    }
    const token = press.buttonId.slice(COMMAND_BUTTON_PREFIX.length);
    const payload = repos.actions.getButton<ButtonPayload>(token, now);
    const command = payload?.command;
    if (!command) {
      const m = messagesFor(deps.language);
      store.tx(() => {
        if (!repos.updates.mark(press.chat.platform, `btn:${press.id}`, now)) return;
        repos.outbox.enqueue(
          {
            platform: press.chat.platform,
            chatId: press.chat.chatId,
            chatKind: press.chat.kind,
            threadId: press.chat.threadId,
          },
          { text: m.common.buttonExpired },
          { dedupeKey: `reply:${press.chat.platform}:btn:${press.id}:0`, now, replyToken: press.replyToken },
        );
      });
      deps.onOutbox?.();
      return;
    }
    // The choice is shown first: WeCom replaces a card only within 5 s of the click.
    if (!payload?.shared && !repos.updates.seen(press.chat.platform, `btn:${press.id}`))
      markChosen(press, now);
    await onMessage({
      id: `btn:${press.id}`,
      chat: press.chat,
      sender: press.user,
      receivedAt: press.receivedAt,
      rawText: command,
      text: command,
      mentions: [],
      mentionsBot: true,
      files: [],
      replyToken: press.replyToken,
    });
  }

  /** Show the choice on the message that offered it and take its buttons away (no second tap). */
  function markChosen(press: ButtonPress, now: number): void {
    const messageId = press.message?.messageId;
    if (!messageId) return;
    const original = repos.outbox.findSent(press.chat.platform, press.chat.chatId, messageId);
    const label = original?.message.buttons?.flat().find((b) => b.id === press.buttonId)?.label;
    if (!original || !label) return;
    store.tx(() =>
      repos.outbox.enqueue(
        { ...original.target },
        {
          text: `${original.message.text}\n\n✓ ${label}`,
          format: original.message.format,
          replaces: messageId,
        },
        { dedupeKey: `chosen:${press.chat.platform}:${press.id}`, now, replyToken: press.replyToken },
      ),
    );
    deps.onOutbox?.();
  }

  async function onMembership(event: MembershipEvent): Promise<void> {
    const now = clock.now();
    const { platform, chatId, kind } = event.chat;
    store.tx(() => {
      if (event.id && !repos.updates.mark(platform, event.id, now)) return;
      if (!event.joined) {
        repos.bodies.setChatActive(platform, chatId, false, now);
        return;
      }
      const chat = repos.bodies.upsertChat({ ...event.chat, now });
      if (chat.bodyId) return;
      const m = messagesFor(chat.language ?? deps.language);
      const text = kind === 'direct' ? m.link.welcome(m.botName) : m.greet.joinedGroup(m.botName);
      repos.outbox.enqueue(
        { platform, chatId, chatKind: kind, threadId: event.chat.threadId },
        { text },
        {
          // WeCom sends enter_chat every day someone opens the chat: a private chat is greeted once.
          dedupeKey:
            kind === 'direct'
              ? `greet:${platform}:${chatId}`
              : `greet:${platform}:${chatId}:${event.id ?? now}`,
          now,
          replyToken: event.replyToken,
        },
      );
    });
    deps.onOutbox?.();
  }

  return { router, onMessage, onButton, onMembership };
}

/** The error boundary's answer: usage for bad input, one sentence for a refusal, an apology otherwise. */
function explain(err: unknown, m: Messages, router: Router, log: AppDeps['logger']): string {
  if (err instanceof UserInputError) {
    const spec = err.usageOf ? router.get(err.usageOf) : undefined;
    const usage = spec ? `\n\n${m.common.usage(spec.usage(m))}` : '';
    return err.say(m) + usage;
  }
  if (err instanceof PermissionDeniedError) return err.say(m);
  const ref = randomBytes(3).toString('hex');
  log.error({ err, ref }, 'handler failed');
  return m.common.oops(ref);
}
