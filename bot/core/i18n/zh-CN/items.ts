/** Texts of the supervised-items feature, in Chinese. The English twin in ../en/items.ts has the same keys. */

type Status = 'draft' | 'assigned' | 'in_progress' | 'reported_done' | 'closed' | 'parked' | 'cancelled';
type Level = 'none' | 'blue' | 'yellow' | 'orange' | 'red';

export const items = {
  status: {
    draft: '待确认',
    assigned: '已交办',
    in_progress: '办理中',
    reported_done: '已报办结',
    closed: '已销号',
    parked: '挂账',
    cancelled: '已撤销',
  } satisfies Record<Status, string>,
  level: { none: '', blue: '🔵 临期', yellow: '🟡 催办', orange: '🟠 预警', red: '🔴 超期' } satisfies Record<
    Level,
    string
  >,
  overdue: '超期',
  noDue: '长期',
  /** One line per item in a meeting notice or a board. */
  line: (code: string, content: string, unit: string, status: string, due: string, level: string) =>
    `${code} ${content}｜${unit}｜${status}｜${due}${level ? ` ${level}` : ''}`,
};
