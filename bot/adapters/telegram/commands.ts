/**
 * The command menus Telegram shows next to the input field, in Chinese and English, one for private
 * chats and one for groups. Descriptions come from the i18n catalogue (`help.summaries`), so /help and
 * the menu say the same thing.
 * https://core.telegram.org/bots/api#setmycommands
 * @module
 */
import { messagesFor } from '../../core/i18n/index.js';

export interface BotCommand {
  command: string;
  description: string;
}

export type CommandScope = { type: 'all_private_chats' } | { type: 'all_group_chats' };

/** One `setMyCommands` call. An absent `language_code` is the menu for every other language. */
export interface SetMyCommandsParams {
  commands: BotCommand[];
  scope: CommandScope;
  language_code?: 'zh' | 'en';
}

/** Commands that work in a private chat (the rest need a group bound to a body). */
const PRIVATE_COMMANDS = ['start', 'help', 'whoami', 'name', 'import'];
/** `/start` belongs to the private chat; in a group the setup commands matter. */
const GROUP_EXCLUDED = new Set(['start']);

/** Telegram's limits: `command` 1–32 of [a-z0-9_], `description` 1–256 characters, ≤ 100 commands. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;
const MAX_COMMANDS = 100;

/**
 * The menu for a scope in a language: every command with a summary, in catalogue order (private: the
 * few that make sense there, `/start` first).
 */
export function commandsFor(language: 'zh-CN' | 'en', scope: CommandScope['type']): BotCommand[] {
  const summaries = messagesFor(language).help.summaries as Record<string, string>;
  const names =
    scope === 'all_private_chats'
      ? PRIVATE_COMMANDS.filter((n) => summaries[n])
      : Object.keys(summaries).filter((n) => !GROUP_EXCLUDED.has(n));
  return names
    .filter((n) => COMMAND_NAME.test(n))
    .slice(0, MAX_COMMANDS)
    .map((command) => ({ command, description: truncate(summaries[command] ?? command, MAX_DESCRIPTION) }));
}

/**
 * Every `setMyCommands` call to make: {private, group} × {zh, en, default}. The default menu (no
 * language code) is in the bot's configured language.
 */
export function commandMenus(defaultLanguage: 'zh-CN' | 'en'): SetMyCommandsParams[] {
  const scopes: CommandScope[] = [{ type: 'all_private_chats' }, { type: 'all_group_chats' }];
  return scopes.flatMap((scope) => [
    { commands: commandsFor('zh-CN', scope.type), scope, language_code: 'zh' as const },
    { commands: commandsFor('en', scope.type), scope, language_code: 'en' as const },
    { commands: commandsFor(defaultLanguage, scope.type), scope },
  ]);
}

/**
 * Register every menu. `call` is the Bot API client's `callApi`; a failure is the caller's to log:
 * a missing menu is cosmetic and must not keep the bot from starting.
 */
export async function registerCommands(
  call: (method: 'setMyCommands', params: SetMyCommandsParams) => Promise<unknown>,
  defaultLanguage: 'zh-CN' | 'en',
): Promise<void> {
  for (const menu of commandMenus(defaultLanguage)) {
    // https://core.telegram.org/bots/api#setmycommands
    await call('setMyCommands', menu);
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
