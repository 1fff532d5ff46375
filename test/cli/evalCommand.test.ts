import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cliHarness.js';
import { failedResult, okResult } from '../helpers/evaluationResults.js';

describe('evolverec eval', () => {
  let sandbox: CliSandbox;

  beforeEach(async () => {
    sandbox = await createCliSandbox();
  });

  afterEach(async () => {
    await rm(sandbox.root, { recursive: true, force: true });
  });

  function evalArgs(...extra: string[]): string[] {
    return ['eval', '--program', sandbox.program, '--dataset', 'ml-1m', ...extra];
  }

  it('prepares the candidate view, runs the trainer and prints a table when the candidate is ok', async () => {
    // Prepare
    await sandbox.useResult(okResult());
    const out = join(sandbox.root, 'out');

    // Act
    const run = await sandbox.run(evalArgs('--out', out, '--max-epochs', '3'));

    // Assess
    const view = join(sandbox.stateDir, 'datasets', 'ml-1m', 'candidate');
    expect(run.code).toBe(0);
    expect(await sandbox.calls()).toEqual([
      `prepare --dataset ml-1m --data-dir ${sandbox.env.EVOLVEREC_DATA_DIR} --out ${view} --view candidate`,
      `run --program ${sandbox.program} --data ${view} --out ${out} --max-epochs 3`,
    ]);
    expect(run.stdout).toMatch(/val\s+0\.1831/);
    expect(run.stderr).toContain('epoch 1 loss 0.9');
    expect(run.stderr).toContain('a line on stdout');
  });

  it('skips preparing when the view is already cached', async () => {
    // Prepare
    await sandbox.useResult(okResult());
    await sandbox.run(evalArgs('--out', join(sandbox.root, 'first')));

    // Act
    const run = await sandbox.run(evalArgs('--out', join(sandbox.root, 'second')));

    // Assess
    expect(run.code).toBe(0);
    expect((await sandbox.calls()).map((call) => call.split(' ')[0])).toEqual([
      'prepare',
      'run',
      'run',
    ]);
  });

  it('prints exactly one JSON object with the output dir when --json is given', async () => {
    // Prepare
    await sandbox.useResult(okResult());
    const out = join(sandbox.root, 'out');

    // Act
    const run = await sandbox.run(evalArgs('--out', out, '--json'));

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ ...okResult(), outDir: out });
  });

  it('exits 1 and still prints the result when the candidate failed', async () => {
    // Prepare
    await sandbox.useResult(failedResult());

    // Act
    const run = await sandbox.run(evalArgs('--out', join(sandbox.root, 'out')), {
      FAKE_TRAINER_EXIT: '1',
    });

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed (nan): loss became NaN');
  });

  it('prepares the full view and asks for the test split when --test is given', async () => {
    // Prepare
    await sandbox.useResult(okResult());

    // Act
    const run = await sandbox.run(evalArgs('--out', join(sandbox.root, 'out'), '--test'));

    // Assess
    const calls = await sandbox.calls();
    expect(run.code).toBe(0);
    expect(calls[0]).toContain(
      `--out ${join(sandbox.stateDir, 'datasets', 'ml-1m', 'full')} --view full`
    );
    expect(calls[1]).toMatch(/ --evaluate-test$/);
  });

  it('writes under the state dir, named by UTC time and program, when --out is absent', async () => {
    // Prepare
    await sandbox.useResult(okResult());

    // Act
    const run = await sandbox.run(evalArgs('--json'));

    // Assess
    const expected = join(sandbox.stateDir, 'evals', '20250102T030405678Z-sasrec');
    expect(JSON.parse(run.stdout).outDir).toBe(expected);
    expect(existsSync(join(expected, 'metrics.json'))).toBe(true);
  });

  it('exits 3 when the trainer leaves no metrics.json', async () => {
    // Prepare / Act
    const run = await sandbox.run(evalArgs('--out', join(sandbox.root, 'out')), {
      FAKE_TRAINER_EXIT: '137',
    });

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'the trainer ended (exit code 137) and no metrics.json was written'
    );
    expect(run.stdout).toBe('');
  });

  it('exits 3 naming the file when metrics.json breaks the contract', async () => {
    // Prepare
    await sandbox.useResult({ ...okResult(), schemaVersion: 2 });

    // Act
    const run = await sandbox.run(evalArgs('--out', join(sandbox.root, 'out')));

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/metrics\.json is invalid: schemaVersion/);
  });

  it('exits 3 and hints at data get when the dataset cannot be prepared', async () => {
    // Prepare / Act
    const run = await sandbox.run(evalArgs(), { FAKE_TRAINER_PREPARE_EXIT: '2' });

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("preparing dataset 'ml-1m'");
    expect(run.stderr).toContain('evolverec data get');
    expect((await sandbox.calls()).length).toBe(1);
  });

  it('exits 3 when the Python interpreter does not exist', async () => {
    // Prepare / Act
    const run = await sandbox.run(evalArgs(), { EVOLVEREC_PYTHON: '/nonexistent/python' });

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("could not start the trainer with '/nonexistent/python'");
  });
});
