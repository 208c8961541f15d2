/** Texts of the items feature, in English; same keys as ../zh-CN/items.ts. */
import type { items as zh } from '../zh-CN/items.js';

export const items: typeof zh = {};
