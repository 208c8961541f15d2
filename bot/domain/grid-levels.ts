/**
 * The four-level grid (street → community → grid → building): reading a level from a word or a node's
 * name, and which level may sit under which. Pure.
 * @module
 */

export type GridLevel = 'street' | 'community' | 'grid' | 'building';
export const GRID_ORDER: readonly GridLevel[] = ['street', 'community', 'grid', 'building'];

const WORDS: Record<string, GridLevel> = {
  街道: 'street',
  街: 'street',
  镇: 'street',
  乡: 'street',
  street: 'street',
  社区: 'community',
  村: 'community',
  community: 'community',
  网格: 'grid',
  grid: 'grid',
  楼栋: 'building',
  楼: 'building',
  栋: 'building',
  building: 'building',
};

/** A level from the word a user typed after 层级:, or undefined. */
export const levelFromWord = (word: string): GridLevel | undefined => WORDS[word.trim().toLowerCase()];

/** Guess a node's level from its name: 5号楼 → building, …第3网格 → grid, …社区 → community, …街道 → street. */
export function levelFromName(name: string): GridLevel | undefined {
  if (/(楼栋|号楼|栋|单元楼)$/.test(name) || /\d+号?楼$/.test(name)) return 'building';
  if (/网格/.test(name)) return 'grid';
  if (/(社区|村)(居委会|党委)?$/.test(name)) return 'community';
  if (/(街道|镇|乡)(党工委|办事处)?$/.test(name)) return 'street';
  return undefined;
}

/** The level a child of `parent` must have (street → community → grid → building). */
export function childLevelOf(parent: GridLevel): GridLevel | undefined {
  return GRID_ORDER[GRID_ORDER.indexOf(parent) + 1];
}
