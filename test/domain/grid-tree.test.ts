import { describe, expect, it } from 'vitest';
import { type GridNode, isInChain, parentChain, renderTree } from '../../bot/domain/grid-tree.js';

const node = (id: number, name: string, level: GridNode['level'], parentId: number | null): GridNode => ({
  id,
  name,
  level,
  parentId,
  chats: 1,
  leaders: [],
  workers: [],
});
const nodes = [
  node(1, '和平街道', 'street', null),
  node(2, '幸福里社区', 'community', 1),
  node(3, '第3网格', 'grid', 2),
  node(4, '第4网格', 'grid', 2),
  node(5, '5号楼', 'building', 3),
  node(6, '安康社区', 'community', 1),
];
const labels = {
  level: { street: '街道', community: '社区', grid: '网格', building: '楼栋' },
  here: '◀',
  detail: (n: GridNode) => (n.leaders.length ? n.leaders.join('、') : ''),
};

describe('grid tree', () => {
  it('parent chain goes up to the root only', () => {
    expect(parentChain(nodes, 5).map((n) => n.id)).toEqual([5, 3, 2, 1]);
    expect(isInChain(nodes, 5, 2)).toBe(true);
    expect(isInChain(nodes, 5, 4)).toBe(false);
    expect(isInChain(nodes, 5, 6)).toBe(false);
    expect(parentChain(nodes, 99)).toEqual([]);
  });

  it('stops on a cycle', () => {
    const loop = [node(1, 'a', 'street', 2), node(2, 'b', 'community', 1)];
    expect(parentChain(loop, 1).map((n) => n.id)).toEqual([1, 2]);
    expect(renderTree(loop, 1, labels).length).toBeLessThanOrEqual(2);
  });

  it('renders the ancestors, the node and its subtree', () => {
    expect(renderTree(nodes, 2, labels)).toEqual([
      '街道｜和平街道',
      '  └ 社区｜幸福里社区 ◀',
      '    └ 网格｜第3网格',
      '      └ 楼栋｜5号楼',
      '    └ 网格｜第4网格',
    ]);
    const withLeader = nodes.map((n) => (n.id === 3 ? { ...n, leaders: ['王五'] } : n));
    expect(renderTree(withLeader, 5, labels)).toEqual([
      '街道｜和平街道',
      '  └ 社区｜幸福里社区',
      '    └ 网格｜第3网格（王五）',
      '      └ 楼栋｜5号楼 ◀',
    ]);
  });
});
