/** Texts of the meetings feature, in English; same keys as ../zh-CN/meetings.ts. */
import type { meetings as zh } from '../zh-CN/meetings.js';

export const meetings: typeof zh = {};
