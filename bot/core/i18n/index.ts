/**
 * The text catalogues, one per language. Features render every user-facing string through these.
 * @module
 */
import { en } from './en.js';
import { type Messages, zhCN } from './zh-CN.js';

export type { Messages };
export type Language = 'zh-CN' | 'en';

const catalogues: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** The catalogue of a language (zh-CN for anything unknown). */
export function messagesFor(lang: string | null | undefined): Messages {
  return catalogues[lang as Language] ?? zhCN;
}
