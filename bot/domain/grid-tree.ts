/**
 * The four-level grid as a tree (street → community → grid → building): the chain from a node up to the
 * root (where escalations go, and nowhere else) and the tree around a node as text lines. Pure.
 * @module
 */
import type { GridLevel } from './grid-levels.js';

export interface GridNode {
  id: number;
  name: string;
  level: GridLevel;
  parentId: number | null;
  /** Group chats bound to the node. */
  chats: number;
  leaders: readonly string[];
  workers: readonly string[];
}

/** The node and its ancestors, nearest first; stops on a cycle or a missing parent. */
export function parentChain(nodes: readonly GridNode[], id: number): GridNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: GridNode[] = [];
  const seen = new Set<number>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    out.push(cur);
    seen.add(cur.id);
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
  }
  return out;
}

/** Whether `ancestorId` is `id` itself or above it in the grid. */
export const isInChain = (nodes: readonly GridNode[], id: number, ancestorId: number): boolean =>
  parentChain(nodes, id).some((n) => n.id === ancestorId);

export interface TreeLabels {
  level: Record<GridLevel, string>;
  /** Leaders, workers and chats of a node, e.g. "网格长 王五 · 网格员 赵六 · 2 个群". */
  detail(node: GridNode): string;
  here: string;
}

/**
 * The tree around a node: its ancestors (one line each), the node itself (marked), and its whole
 * subtree, indented by depth, children in name order.
 */
export function renderTree(nodes: readonly GridNode[], id: number, labels: TreeLabels): string[] {
  const chain = parentChain(nodes, id).reverse();
  if (chain.length === 0) return [];
  const lines: string[] = [];
  const line = (n: GridNode, depth: number, mark = '') => {
    const detail = labels.detail(n);
    lines.push(
      `${'  '.repeat(depth)}${depth ? '└ ' : ''}${labels.level[n.level]}｜${n.name}${mark}${detail ? `（${detail}）` : ''}`,
    );
  };
  chain.forEach((n, i) => {
    line(n, i, n.id === id ? ` ${labels.here}` : '');
  });
  const childrenOf = (pid: number) =>
    nodes.filter((n) => n.parentId === pid).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const seen = new Set(chain.map((n) => n.id));
  const walk = (pid: number, depth: number) => {
    for (const c of childrenOf(pid)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      line(c, depth);
      walk(c.id, depth + 1);
    }
  };
  walk(id, chain.length);
  return lines;
}
