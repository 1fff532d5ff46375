import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../cli/progressDisplay.js';
import { collectingStream } from '../helpers/cliHarness.js';

/** A terminal as the display sees one: isTTY and a width, everything written kept. */
function fakeTerminal(): {
  stream: Writable & { isTTY: true; columns: number };
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY: true as const, columns: 100 }
  );
  return { stream, text: () => chunks.join('') };
}

describe('createProgressDisplay', () => {
  it("writes plain lines, the trainer's as they come, where stderr is not a terminal", () => {
    // Prepare
    const { stream, text } = collectingStream();
    const display = createProgressDisplay(stream);

    // Act
    display.trainerOutput.write('epoch 1/10 loss 0.9 val_ndcg@10 0.01\nepoch 2/1');
    display.trainerOutput.write('0 loss 0.8 val_ndcg@10 0.02\n');
    display.line('evolverec: g001-c00: ok');
    display.count('candidates', 1, 4);
    display.stop();

    // Assess: nothing but the lines, whole, in order; no bar, no control characters.
    expect(text()).toBe(
      'epoch 1/10 loss 0.9 val_ndcg@10 0.01\nepoch 2/10 loss 0.8 val_ndcg@10 0.02\nevolverec: g001-c00: ok\n'
    );
  });

  it("draws bars for the epochs (from the trainer's lines) and the candidates on a terminal", () => {
    // Prepare
    const terminal = fakeTerminal();
    const display = createProgressDisplay(terminal.stream);

    // Act
    display.trainerOutput.write('epoch 3/10 loss 0.5 val_ndcg@10 0.05\n');
    display.count('candidates', 0, 4);
    display.count('candidates', 1, 4);
    display.line('evolverec: g001-c00: ok');
    display.stop();

    // Assess: the lines are there, and so are both bars at their last counts.
    const screen = terminal.text();
    expect(screen).toContain('epoch 3/10 loss 0.5');
    expect(screen).toContain('evolverec: g001-c00: ok');
    expect(screen).toMatch(/epochs\s+\[[█░]+\] 3\/10/);
    expect(screen).toMatch(/candidates\s+\[[█░]+\] 1\/4/);
  });
});
