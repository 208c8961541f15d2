/**
 * Buttons that run a command as whoever presses them. The command is kept server-side (Telegram allows
 * 64 bytes of callback data); the button carries a short token.
 * @module
 */
import type { Repos } from '../../db/repos/index.js';
import type { Button } from '../core/types.js';

export const COMMAND_BUTTON_PREFIX = 'cmd:';
export const BUTTON_TTL_MS = 30 * 24 * 3600_000;

export interface CommandOption {
  label: string;
  command: string;
  /** Many people may press it (参会 on a group reminder): the message keeps its buttons. */
  shared?: boolean;
}

/** One button per option, on rows of `perRow`. */
export function commandButtons(repos: Repos, now: number, options: CommandOption[], perRow = 1): Button[][] {
  const buttons = options.map((o) => ({
    id:
      COMMAND_BUTTON_PREFIX +
      repos.actions.createButton({ command: o.command, shared: o.shared }, now, BUTTON_TTL_MS),
    label: o.label,
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}
