import { Writable } from 'node:stream';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** The trainer's line after each evaluated epoch: `epoch 3/200 loss 0.4121 …`. */
const EPOCH_LINE = /^epoch (\d+)\/(\d+) /;

/** A long step's progress: how far, out of how many. */
type ProgressStep = 'epochs' | 'candidates' | 'users';

/** Where a command's progress goes: lines, and counts of its long steps. */
interface ProgressDisplay {
  /** The trainer's output: its epoch lines move the epochs bar, every line is kept. */
  readonly trainerOutput: Writable;
  /** One line of the command's own progress. */
  line(text: string): void;
  /** `done` of `total` for a long step; a new total starts the step anew. */
  count(step: ProgressStep, done: number, total: number): void;
  /** Takes the bars down (the lines stay); later calls do nothing. */
  stop(): void;
}

/** What the display needs of its stream: a terminal says so with isTTY, as process.stderr does. */
type ProgressStream = Writable & { readonly isTTY?: boolean };

/**
 * Progress for a person at a terminal: bars for the long steps (the epochs of a training job,
 * the candidates of a generation, the simulated users of a candidate) under the lines, which
 * scroll above them. Anywhere else (a pipe, a file, CI, tests) the bars give way to plain lines:
 * the trainer prints each epoch and each candidate has a line of its own, and the simulated users
 * get a line at each quarter, so that a log stays short.
 */
function createProgressDisplay(stream: ProgressStream): ProgressDisplay {
  return stream.isTTY === true ? barDisplay(stream) : lineDisplay(stream);
}

function lineDisplay(stream: Writable): ProgressDisplay {
  return {
    trainerOutput: lineSplitter((text) => stream.write(`${text}\n`)),
    line: (text) => stream.write(`${text}\n`),
    count: (step, done, total) => {
      const quarter = (n: number) => Math.floor((4 * n) / total);
      if (step === 'users' && total > 0 && quarter(done) > quarter(done - 1)) {
        stream.write(`simulated users ${done}/${total}\n`);
      }
    },
    stop: () => {},
  };
}

function barDisplay(stream: ProgressStream): ProgressDisplay {
  const bars = new MultiBar(
    {
      stream,
      format: '{step} [{bar}] {value}/{total} {duration_formatted}',
      hideCursor: null,
      clearOnComplete: false,
      fps: 5,
    },
    Presets.shades_classic
  );
  const byStep = new Map<ProgressStep, SingleBar>();
  let stopped = false;
  const count = (step: ProgressStep, done: number, total: number) => {
    const bar = byStep.get(step);
    if (bar === undefined || bar.getTotal() !== total || done < bar.getProgress() * total) {
      if (bar !== undefined) bars.remove(bar);
      byStep.set(step, bars.create(total, done, { step: step.padEnd(10) }));
      return;
    }
    bar.update(done);
  };
  // Lines scroll above the bars once there are bars (the next redraw writes them); before, and
  // after the bars are down, they go straight to the terminal.
  const line = (text: string) => {
    if (byStep.size === 0 || stopped) stream.write(`${text}\n`);
    else bars.log(`${text}\n`);
  };
  return {
    trainerOutput: lineSplitter((text) => {
      const epoch = EPOCH_LINE.exec(text);
      if (epoch !== null && !stopped) count('epochs', Number(epoch[1]), Number(epoch[2]));
      line(text);
    }),
    line,
    count: (step, done, total) => {
      if (!stopped) count(step, done, total);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (byStep.size === 0) return;
      bars.update(); // writes the lines still waiting for a redraw
      bars.stop();
    },
  };
}

/** A stream that hands each complete line to `onLine` (a last partial line at its end). */
function lineSplitter(onLine: (text: string) => void): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const lines = (pending + chunk.toString()).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const text of lines) onLine(text);
      done();
    },
    final(done) {
      if (pending !== '') onLine(pending);
      done();
    },
  });
}

export type { ProgressDisplay, ProgressStep, ProgressStream };
export { createProgressDisplay };
