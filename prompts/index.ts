/**
 * Prompt templates (`prompts/*.md`) and their renderer. A template is Markdown with `{{variables}}` and
 * two sections, `<!-- system -->` and `<!-- user -->`: the instructions, and the message that carries
 * the chat's text between tags. Rendering is pure; files are read when asked for, never at import.
 *
 * Decisions:
 * - A placeholder the caller gives no value for is an error, and so is a value no placeholder uses: both
 *   are typos that would otherwise send the model a prompt with a hole in it.
 * - Values are inserted verbatim in one pass: a value containing "{{x}}" stays literally "{{x}}" (notes
 *   are data; they cannot pull other variables into the prompt).
 * - Sections are split on the template, before rendering, so a marker inside a value cannot move text
 *   from the user message into the system message.
 * @module
 */
import { readFile } from 'node:fs/promises';

/** The templates that ship with the bot. */
export const PROMPT_NAMES = ['extract-items', 'classify-reply', 'summarize-discussion'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

/** A template and its variables do not fit together, or the template is not there. */
export class PromptError extends Error {
  override readonly name = 'PromptError';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const SYSTEM_MARK = /^[ \t]*<!--\s*system\s*-->[ \t]*$/im;
const USER_MARK = /^[ \t]*<!--\s*user\s*-->[ \t]*$/im;

/** The variable names a template uses, each once, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Fills a template's `{{name}}` placeholders with the values given, verbatim. Throws PromptError for a
 * placeholder without a value and for a value without a placeholder.
 * @example renderPrompt('会议日期：{{reference}}', { reference: '2026-09-28' }) // '会议日期：2026-09-28'
 */
export function renderPrompt(template: string, vars: Record<string, string>): string {
  const used = placeholders(template);
  const missing = used.filter((name) => !Object.hasOwn(vars, name));
  if (missing.length) throw new PromptError(`no value for {{${missing.join('}}, {{')}}}`);
  const unused = Object.keys(vars).filter((name) => !used.includes(name));
  if (unused.length) throw new PromptError(`unknown variable ${unused.join(', ')} (not in the template)`);
  for (const name of used) {
    if (typeof vars[name] !== 'string') throw new PromptError(`value of ${name} is not a string`);
  }
  return template.replace(PLACEHOLDER, (_, name: string) => vars[name]!);
}

/** The system and user sections of a template (before rendering). Without markers it is all system. */
export function splitPrompt(template: string): { system: string; user: string } {
  const userAt = USER_MARK.exec(template);
  const head = userAt ? template.slice(0, userAt.index) : template;
  const user = userAt ? template.slice(userAt.index + userAt[0].length) : '';
  const systemAt = SYSTEM_MARK.exec(head);
  const system = systemAt ? head.slice(systemAt.index + systemAt[0].length) : head;
  return { system: system.trim(), user: user.trim() };
}

/** Reads `prompts/<name>.md` (next to this file) now; the bot can be edited without a restart. */
export async function loadPrompt(name: string): Promise<string> {
  if (!(PROMPT_NAMES as readonly string[]).includes(name)) throw new PromptError(`unknown prompt ${name}`);
  try {
    return await readFile(new URL(`./${name}.md`, import.meta.url), 'utf8');
  } catch (error) {
    throw new PromptError(`cannot read prompt ${name}: ${(error as Error).message}`);
  }
}

/** Loads a template and renders both sections with the same variables (each must be used somewhere). */
export async function renderPromptFile(
  name: PromptName,
  vars: Record<string, string>,
): Promise<{ system: string; user: string }> {
  const template = await loadPrompt(name);
  renderPrompt(template, vars); // checks that the variables and the whole template fit together
  const { system, user } = splitPrompt(template);
  const pick = (part: string): Record<string, string> =>
    Object.fromEntries(placeholders(part).map((v) => [v, vars[v]!]));
  return { system: renderPrompt(system, pick(system)), user: renderPrompt(user, pick(user)) };
}
