/**
 * The tour's terminal: the stream the console adapter writes to, turned into a transcript that reads
 * like a person's session. The adapter shows its prompt (`张三@联席会议群> `) whenever it waits for
 * input; a real person then types. Here the prompt is held back until the tour types a line, so a
 * prompt that nobody answers (because the simulated clock moved on and the bot spoke first) never
 * shows. Everything the bot sends passes through unchanged.
 * @module
 */
import { Writable } from 'node:stream';

/** Where the transcript goes: `process.stdout`, or a collector in tests. */
export interface TextSink {
  write(text: string): unknown;
}

export interface Transcript {
  /** Given to the console adapter as its `output`. */
  readonly stream: Writable;
  /** Resolves the next time the adapter shows its prompt, i.e. when it has finished the last line. */
  nextPrompt(): Promise<void>;
  /** The tour is about to type `line`: the held prompt is printed with it when the adapter echoes it. */
  expectEcho(line: string): void;
  /** A line printed before the bot's next output, and dropped if the bot says nothing before the next one. */
  announce(text: string): void;
  /** The tour's own narration, printed at once. */
  say(text: string): void;
  /** Drop a pending announcement (the tour moves on without the bot having said anything). */
  forget(): void;
}

/** A prompt is a chunk without a line break that ends like `name@place> `. */
const isPrompt = (chunk: string) => !chunk.includes('\n') && chunk.endsWith('> ');

/** @example const t = createTranscript(process.stdout, (p) => bold(p)); adapter = createConsoleAdapter({ output: t.stream, … }) */
export function createTranscript(sink: TextSink, stylePrompt: (prompt: string) => string): Transcript {
  let heldPrompt: string | undefined;
  let echo: string | undefined;
  let announcement: string | undefined;
  let waiters: (() => void)[] = [];

  function take(chunk: string): void {
    if (isPrompt(chunk)) {
      heldPrompt = chunk;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
      return;
    }
    if (heldPrompt !== undefined && echo !== undefined && chunk === `${echo}\n`) {
      sink.write(`${stylePrompt(heldPrompt)}${chunk}`);
      heldPrompt = undefined;
      echo = undefined;
      return;
    }
    // The adapter starts output that interrupts a waiting prompt with a line break; the prompt was never shown.
    const text = heldPrompt !== undefined && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    heldPrompt = undefined;
    if (announcement !== undefined) {
      sink.write(`${announcement}\n`);
      announcement = undefined;
    }
    sink.write(text);
  }

  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      take(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });

  return {
    stream,
    nextPrompt: () => new Promise((resolve) => waiters.push(resolve)),
    expectEcho(line) {
      echo = line;
      announcement = undefined;
    },
    announce(text) {
      announcement = text;
    },
    say(text) {
      announcement = undefined;
      sink.write(`${text}\n`);
    },
    forget() {
      announcement = undefined;
    },
  };
}
