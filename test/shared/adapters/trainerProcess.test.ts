import { describe, expect, it } from 'vitest';
import { createTrainerProcess } from '../../../shared/src/adapters/index.js';
import { TrainerProcessError } from '../../../shared/src/errors.js';
import { collectingStream, fakeTrainer } from '../../helpers/cliHarness.js';

describe('trainer subprocess', () => {
  it('streams both of the trainer’s output streams as progress and returns its exit code', async () => {
    // Prepare
    const progress = collectingStream();
    const trainer = createTrainerProcess({
      python: fakeTrainer,
      progress: progress.stream,
      env: { PATH: process.env.PATH, FAKE_TRAINER_EXIT: '1' },
    });

    // Act
    const exit = await trainer.run(['run', '--out', '/nonexistent']);

    // Assess
    expect(exit).toEqual({ exitCode: 1, signal: null });
    expect(progress.text()).toContain('epoch 1 loss 0.9\n');
    expect(progress.text()).toContain('a line on stdout\n');
  });

  it('throws TrainerProcessError naming the interpreter when it cannot start', async () => {
    // Prepare
    const trainer = createTrainerProcess({
      python: '/nonexistent/python',
      progress: collectingStream().stream,
    });

    // Act
    const act = trainer.run(['run']);

    // Assess
    await expect(act).rejects.toThrow(TrainerProcessError);
    await expect(act).rejects.toThrow("could not start the trainer with '/nonexistent/python'");
  });
});
