/**
 * The newcomer's tour (issue #10): plays {@link TOUR} on a {@link Stage} — the real bot in the terminal
 * chat, a fresh in-memory database, a simulated clock — with a short heading before each step.
 * `runTour` is what `npm run demo` calls and what test/demo.test.ts checks.
 * @module
 */
import path from 'node:path';
import { describeInstant, shanghai } from './clock.js';
import { prepareOutDir, recordNewFiles } from './out-dir.js';
import { TOUR, TOUR_START, type TourAction, type TourStep } from './script.js';
import { createStage, type Stage } from './stage.js';
import type { TextSink } from './transcript.js';

export interface TourOptions {
  /** Where the transcript goes (e.g. `process.stdout`). */
  out: TextSink;
  /** Where the minutes and the ledger are saved; created when missing, the previous tour's files replaced. */
  outDir: string;
  /** No pauses. */
  fast?: boolean;
  /** ANSI colours (only for a terminal). */
  color?: boolean;
}

export interface TourResult {
  /** The headings of the steps that ran, in order. */
  steps: string[];
  /** Files the bot sent during the tour, as saved in `outDir`. */
  files: string[];
  /** Messages the bot queued but that never reached the terminal; 0 when the transcript is complete. */
  undelivered: number;
}

/** Pauses for reading, in milliseconds; all zero with `fast`. */
const PACE = { heading: 1000, line: 250, clock: 400 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Plays the whole tour and resolves when the console has closed. */
export async function runTour(o: TourOptions): Promise<TourResult> {
  const outDir = path.resolve(o.outDir);
  const before = await prepareOutDir(outDir);
  const pause = (ms: number) => (o.fast ? Promise.resolve() : sleep(ms));
  const style = styles(o.color ?? false);

  o.out.write(`${intro(style)}\n`);
  const stage = await createStage({ sink: o.out, outDir, start: TOUR_START, color: o.color ?? false });
  const steps: string[] = [];
  for (const [i, step] of TOUR.entries()) {
    const heading = `第 ${i + 1} 步：${step.title}`;
    stage.transcript.say(`\n${headingBlock(heading, step, stage, style)}`);
    steps.push(heading);
    await pause(PACE.heading);
    for (const action of step.actions) {
      await play(stage, action, style);
      await pause(typeof action === 'object' && 'until' in action ? PACE.clock : PACE.line);
    }
  }
  const undelivered = stage.undelivered();
  await stage.close();
  const files = await recordNewFiles(outDir, before);
  o.out.write(`${outro(files, style)}\n`);
  return { steps, files, undelivered };
}

async function play(stage: Stage, action: TourAction, style: Styles): Promise<void> {
  if (typeof action === 'string') return stage.type(action);
  if ('note' in action) return stage.transcript.say(style.dim(`  ※ ${action.note}`));
  const until = describeInstant(shanghai(action.until), stage.calendar);
  stage.transcript.say(style.dim(`  ⏳ 让时间流逝到 ${until} · letting time pass`));
  await stage.runUntil(action.until);
}

function headingBlock(heading: string, step: TourStep, stage: Stage, style: Styles): string {
  const now = describeInstant(stage.clock.now(), stage.calendar);
  return [
    style.bold(`── ${heading} ── ${step.gloss}`),
    `   ${step.about[0]}`,
    style.dim(`   ${step.about[1]}`),
    style.dim(`   🕘 ${now}`),
  ].join('\n');
}

function intro(style: Styles): string {
  return [
    style.bold('议事 Yishi · 新手导览 / A newcomer’s tour'),
    '下面是终端聊天（npm start）里的一段真实对话：每条「议事」消息都是机器人当场发出的。',
    style.dim(
      'What follows is a real session in the terminal chat: every 议事 message is sent by the bot as it runs.',
    ),
    '时钟是模拟的（Asia/Shanghai，按法定节假日和调休算工作日），几周的督办几秒钟演完。',
    style.dim(
      'The clock is simulated (Asia/Shanghai, official holidays and make-up days), so weeks pass in seconds.',
    ),
    '',
  ].join('\n');
}

function outro(files: string[], style: Styles): string {
  const shown = files.map((f) => `  📄 ${displayPath(f)}`);
  return [
    '',
    style.bold('── 导览结束 · End of the tour ──'),
    ...(shown.length ? ['文件 / Files:', ...shown] : []),
    '自己试试：npm start 打开同样的终端聊天（/console 查看本地命令）。',
    style.dim('Try it yourself: npm start opens the same terminal chat (/console lists the local commands).'),
  ].join('\n');
}

/** Relative to the working directory when inside it: shorter to read. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

type Styles = Record<'bold' | 'dim', (s: string) => string>;

function styles(color: boolean): Styles {
  const code = (open: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[0m` : s);
  return { bold: code(1), dim: code(2) };
}
