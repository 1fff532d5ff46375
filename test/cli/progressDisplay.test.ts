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
    for (let done = 1; done <= 8; done += 1) display.count('users', done, 8);
    display.stop();

    // Assess: the lines, whole, in order; the users at each quarter; no bar, no control codes.
    expect(text()).toBe(
      [
        'epoch 1/10 loss 0.9 val_ndcg@10 0.01',
        'epoch 2/10 loss 0.8 val_ndcg@10 0.02',
        'evolverec: g001-c00: ok',
        'simulated users 2/8',
        'simulated users 4/8',
        'simulated users 6/8',
        'simulated users 8/8',
        '',
      ].join('\n')
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
    display.count('users', 120, 200);
    display.stop();

    // Assess: the lines are there, and so are the bars at their last counts.
    const screen = terminal.text();
    expect(screen).toContain('epoch 3/10 loss 0.5');
    expect(screen).toContain('evolverec: g001-c00: ok');
    expect(screen).toMatch(/epochs\s+\[[█░]+\] 3\/10/);
    expect(screen).toMatch(/candidates\s+\[[█░]+\] 1\/4/);
    expect(screen).toMatch(/users\s+\[[█░]+\] 120\/200/);
  });
});
