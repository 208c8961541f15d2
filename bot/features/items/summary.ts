/**
 * Items as one line each, for meeting notices (上次议定事项落实情况) and boards: code, content, lead unit,
 * status, due date and warning colour.
 * @module
 */
import type { Repos } from '../../../db/repos/index.js';
import type { ItemRow, ItemUnitView } from '../../../db/repos/items.js';
import type { Messages } from '../../core/i18n/index.js';

export interface ItemSummary {
  id: number;
  code: string;
  content: string;
  leadUnit: string;
  status: ItemRow['status'];
  dueDate: string | null;
  warningLevel: ItemRow['warningLevel'];
  overdue: boolean;
}

const OPEN = new Set<ItemRow['status']>(['assigned', 'in_progress', 'reported_done', 'parked']);

/** One item as a line; `rows` when the caller already read its units. */
export function summarizeItem(
  repos: Repos,
  item: ItemRow,
  today: string,
  rows: readonly ItemUnitView[] = repos.items.unitsOf(item.id),
): ItemSummary {
  const lead = rows.find((u) => u.role === 'lead');
  return {
    id: item.id,
    code: item.code ?? `#${item.id}`,
    content: item.content,
    leadUnit: lead?.unitName ?? '',
    status: item.status,
    dueDate: item.currentDueDate,
    warningLevel: item.warningLevel,
    overdue: OPEN.has(item.status) && item.currentDueDate !== null && today > item.currentDueDate,
  };
}

/** Items agreed at a meeting (all but drafts and cancelled ones), for the next meeting's notice. */
export function itemsFromMeeting(repos: Repos, meetingId: number, today: string): ItemSummary[] {
  return repos.items
    .ofMeeting(meetingId)
    .filter((i) => i.status !== 'draft' && i.status !== 'cancelled')
    .map((i) => summarizeItem(repos, i, today));
}

export function describeItem(m: Messages, s: ItemSummary): string {
  const level = s.overdue && s.warningLevel === 'none' ? m.items.overdue : m.items.level[s.warningLevel];
  return m.items.line(
    s.code,
    s.content,
    s.leadUnit,
    m.items.status[s.status],
    s.dueDate ?? m.items.noDue,
    level,
  );
}
