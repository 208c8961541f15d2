/**
 * `/ledger` (J7, C19): the 督办台账 as .xlsx — every item of the body with its units, dates, progress,
 * status and warning colour, overdue rows filled, plus a 汇总 sheet by unit.
 * @module
 */
import type { BodyRow } from '../../../db/repos/bodies.js';
import type { Repos } from '../../../db/repos/index.js';
import type { Context } from '../../core/context.js';
import { UserInputError } from '../../core/errors.js';
import type { CommandSpec } from '../../core/router.js';
import { ITEM_STATUSES } from '../../domain/lifecycle.js';
import { localDate, localDateTime } from '../../domain/time.js';
import { type LedgerRow, renderLedgerXlsx } from '../../render/ledger-xlsx.js';

/** Every status but a draft's: drafts are not supervised yet. */
const LEDGER_STATUSES = ITEM_STATUSES.filter((s) => s !== 'draft');

/** The ledger rows of a body (drafts are not yet supervised items). */
export function ledgerRows(repos: Repos, body: BodyRow): LedgerRow[] {
  const tz = body.timezone;
  const day = (ms: number | null) => (ms ? localDate(ms, tz) : null);
  return repos.items.ofBody(body.id, LEDGER_STATUSES).map((item) => {
    const units = repos.items.unitsOf(item.id);
    const lead = units.find((u) => u.role === 'lead');
    const latest = repos.items.latestFeedback(item.id);
    const meeting = item.sourceMeetingId ? repos.meetings.getOccurrence(item.sourceMeetingId) : undefined;
    return {
      code: item.code ?? `#${item.id}`,
      source: meeting
        ? `${meeting.title}${meeting.seqNo ? `第${meeting.seqNo}次` : ''}（${localDate(meeting.scheduledAt, tz)}）`
        : item.sourceType,
      assignedOn: day(item.assignedAt),
      content: item.content,
      leadUnit: lead?.unitName ?? '',
      supportUnits: units.filter((u) => u.role === 'support').map((u) => u.unitName),
      liaison:
        units
          .map((u) => u.liaisonName)
          .filter(Boolean)
          .join('、') || null,
      acknowledgedAt: lead?.ackAt ? localDateTime(lead.ackAt, tz) : null,
      originalDue: item.originalDueDate,
      currentDue: item.currentDueDate !== item.originalDueDate ? item.currentDueDate : null,
      extensions: item.extensionCount,
      lastFeedbackAt: latest ? localDateTime(latest.at, tz) : null,
      progress: latest?.text ?? null,
      status: item.status,
      warning: item.warningLevel,
      chases: item.chaseCount,
      closedOn: day(item.closedAt),
      reportedDoneOn: day(item.reportedDoneAt),
      note: item.reworkCount ? `退回重办 ${item.reworkCount} 次` : null,
    };
  });
}

/** The .xlsx of one body's ledger. */
export async function ledgerFile(repos: Repos, body: BodyRow, now: number): Promise<Buffer> {
  return renderLedgerXlsx({
    sheets: [{ bodyName: body.name, rows: ledgerRows(repos, body) }],
    generatedAt: localDateTime(now, body.timezone),
    today: localDate(now, body.timezone),
  });
}

export const ledgerCommand: CommandSpec = {
  name: 'ledger',
  aliases: ['台账', '督办台账'],
  where: 'bound',
  usage: (m) => m.documents.ledgerUsage,
  async handle(ctx: Context) {
    const body = ctx.requireBody();
    if (ctx.command.args.trim()) throw new UserInputError((m) => m.common.usage(m.documents.ledgerUsage));
    const data = await ledgerFile(ctx.deps.repos, body, ctx.now);
    const rows = ledgerRows(ctx.deps.repos, body).length;
    ctx.reply({
      text: ctx.m.documents.ledgerReady(body.name, rows),
      file: {
        name: `${body.name}督办台账-${localDate(ctx.now, body.timezone)}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: data.toString('base64'),
      },
    });
  },
};
