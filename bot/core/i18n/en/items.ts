/** Texts of the supervised-items feature, in English; same keys as ../zh-CN/items.ts. */
import type { items as zh } from '../zh-CN/items.js';

export const items: typeof zh = {
  status: {
    draft: 'draft',
    assigned: 'assigned',
    in_progress: 'in progress',
    reported_done: 'reported done',
    closed: 'closed',
    parked: 'parked',
    cancelled: 'cancelled',
  },
  level: { none: '', blue: '🔵 due soon', yellow: '🟡 chased', orange: '🟠 warning', red: '🔴 overdue' },
  overdue: 'overdue',
  noDue: 'ongoing',
  line: (code, content, unit, status, due, level) =>
    `${code} ${content} | ${unit} | ${status} | ${due}${level ? ` ${level}` : ''}`,
};
