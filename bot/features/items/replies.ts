/**
 * A liaison's reply in their own words (J6, C14): "已协调物业，预计下周完成" is progress. The item is the
 * one named in the text or in the message replied to; otherwise, when the liaison has exactly one open
 * item, that one (a WeCom message to the bot, a private chat); otherwise the bot asks which. The
 * offline classifier decides; progress is recorded, anything that would change the item's state is
 * confirmed with buttons first, and anything unclear is asked back — never guessed.
 * @module
 */
import type { ItemRow } from '../../../db/repos/items.js';
import type { Context } from '../../core/context.js';
import type { TextHandler } from '../../core/router.js';
import { parseDeadline } from '../../domain/deadline.js';
import { classifyReply, type ReplyClassification } from '../../domain/reply-classifier.js';
import { localDate } from '../../domain/time.js';
import { liaisonButtons } from './notices.js';

const CODE = /\b[A-Z0-9]{1,6}-\d{4}-\d{3,}\b/;
const CONFIDENT = 0.8;

/** The item a free-text message is about, if it can be told without guessing. */
function itemFor(ctx: Context): { item?: ItemRow; several?: ItemRow[] } {
  const { repos } = ctx.deps;
  const named =
    CODE.exec(ctx.msg.text)?.[0] ??
    (ctx.msg.replyTo?.fromBot ? CODE.exec(ctx.msg.replyTo.text ?? '')?.[0] : undefined);
  if (named) {
    const item = repos.items.byCode(named);
    return item ? { item } : {};
  }
  // Without a code, only where the message is clearly meant for the bot.
  const addressed =
    ctx.chat.kind === 'direct' ||
    (ctx.msg.mentionsBot && !ctx.deps.capabilities?.(ctx.msg.chat.platform)?.seesAllGroupMessages);
  if (!addressed) return {};
  const open = repos.items
    .ofLiaison(ctx.person.id, ['assigned', 'in_progress'])
    .filter((i) => !ctx.body || i.bodyId === ctx.body.id);
  if (open.length === 1) return { item: open[0] };
  return open.length > 1 ? { several: open } : {};
}

/**
 * The keyword classifier first; when it is unsure and a model is configured, the model's reading (its
 * date re-read by the deadline parser). Either way the caller still confirms state changes.
 */
async function classify(ctx: Context, text: string, today: string): Promise<ReplyClassification> {
  const calendar = ctx.deps.calendar();
  const rules = classifyReply(text, { today, calendar });
  if (rules.confidence >= CONFIDENT || !ctx.deps.llm) return rules;
  const answer = await ctx.deps.llm.classifyReply(text);
  if (!answer.ok) return rules;
  const r = answer.reply;
  const date = r.proposedDateText ? parseDeadline(r.proposedDateText, today, calendar) : undefined;
  return {
    intent: r.intent,
    confidence: r.confidence,
    percent: r.percent ?? undefined,
    proposedDate: date?.kind === 'date' ? date.date : undefined,
    reason: r.reason ?? undefined,
    suggestedUnit: r.suggestedUnit ?? undefined,
  };
}

export const liaisonReplyHandler: TextHandler = async (ctx) => {
  const text = ctx.msg.text.trim();
  if (!text) return false;
  const { item, several } = itemFor(ctx);
  if (several) {
    ctx.choose(
      ctx.m.items.reply.whichItem,
      several.slice(0, 6).map((i) => ({
        label: `${i.code} ${i.content.slice(0, 20)}`,
        command: `/task ${i.code} 进展 ${text}`,
      })),
    );
    return true;
  }
  if (!item?.code) return false;
  const { repos } = ctx.deps;
  const mine = repos.items.unitsOf(item.id).some((r) => r.liaisonPersonId === ctx.person.id);
  if (!mine) return false;
  const body = repos.bodies.get(item.bodyId)!;
  const today = localDate(ctx.now, body.timezone);
  const c = await classify(ctx, text, today);
  const code = item.code;
  const progress = { label: ctx.m.items.reply.no, command: `/task ${code} 进展 ${text}` };
  if (c.confidence < CONFIDENT || c.intent === 'question' || c.intent === 'unclear') {
    ctx.reply({
      text: ctx.m.items.reply.unclear(code),
      buttons: liaisonButtons(repos, ctx.m, code, ctx.now),
    });
    return true;
  }
  switch (c.intent) {
    case 'acknowledge':
      await ctx.redispatch(`/task ${code} 签收`);
      return true;
    case 'progress':
      await ctx.redispatch(`/task ${code} 进展 ${text}`);
      return true;
    case 'done':
      ctx.choose(ctx.m.items.reply.confirmDone(code), [
        { label: ctx.m.items.reply.yes, command: `/task ${code} 办结 ${text}` },
        progress,
      ]);
      return true;
    case 'extension': {
      const when = c.proposedDate ?? (c.workdays ? `${c.workdays}个工作日` : undefined);
      if (!when) {
        ctx.reply({
          text: ctx.m.items.reply.unclear(code),
          buttons: liaisonButtons(repos, ctx.m, code, ctx.now),
        });
        return true;
      }
      ctx.choose(ctx.m.items.reply.confirmExtension(code, c.proposedDate ?? when), [
        { label: ctx.m.items.reply.yes, command: `/task ${code} 延期 ${when} ${c.reason ?? text}` },
        progress,
      ]);
      return true;
    }
    case 'not_our_remit':
      ctx.choose(ctx.m.items.reply.confirmNotOurs(code), [
        {
          label: ctx.m.items.reply.yes,
          command: `/task ${code} 非本单位 ${c.reason ?? text}${c.suggestedUnit ? ` 建议:${c.suggestedUnit}` : ''}`,
        },
        progress,
      ]);
      return true;
    default:
      return false;
  }
};
