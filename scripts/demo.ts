/**
 * `npm run demo [-- --fast] [-- --out <dir>]`: the newcomer's tour of 议事 in the terminal chat, on a
 * fresh in-memory database and a simulated clock. The minutes and the ledger land in `./out`.
 * Pauses for reading only when the output is a terminal; `--fast` (or a pipe) prints straight through.
 */
import { runTour } from './demo/tour.js';

const args = process.argv.slice(2);
const outFlag = args.indexOf('--out');
const outDir = outFlag >= 0 ? (args[outFlag + 1] ?? 'out') : 'out';
const terminal = process.stdout.isTTY === true;

await runTour({
  out: process.stdout,
  outDir,
  fast: args.includes('--fast') || !terminal,
  color: terminal && !process.env.NO_COLOR,
});
