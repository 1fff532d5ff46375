import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cliHarness.js';
import { failedResult, okResult } from '../helpers/evaluationResults.js';
import { exportTinyModel, type TinyModel } from '../helpers/tinyOnnxModel.js';

describe('evolverec eval', () => {
  let sandbox: CliSandbox;
  let tiny: TinyModel;

  beforeAll(async () => {
    tiny = await exportTinyModel();
  });

  afterAll(async () => {
    await rm(tiny.dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    sandbox = await createCliSandbox();
    // The fake job leaves a real (tiny) model, which the real judge then scores.
    sandbox.env.FAKE_TRAINER_MODEL = tiny.dir;
  });

  afterEach(async () => {
    await rm(sandbox.root, { recursive: true, force: true });
  });

  function evalArgs(...extra: string[]): string[] {
    return ['eval', '--program', sandbox.program, '--dataset', 'ml-1m', ...extra];
  }

  it("trains on the candidate view, then prints the judge's figures of the exported model", async () => {
    // Prepare
    await sandbox.useResult(okResult());
    const out = join(sandbox.root, 'out');

    // Act
    const run = await sandbox.run(evalArgs('--out', out, '--max-epochs', '3', '--patience', '4'));

    // Assess: the program only ever gets the candidate view; the judge view is prepared for
    // the judge, which reports its own figures (two held-out users), not the job's 0.1831.
    const views = join(sandbox.stateDir, 'datasets', 'ml-1m');
    const dataDir = sandbox.env.EVOLVEREC_DATA_DIR;
    expect(run.code).toBe(0);
    expect(await sandbox.calls()).toEqual([
      `prepare --dataset ml-1m --data-dir ${dataDir} --out ${views}/candidate --view candidate`,
      `prepare --dataset ml-1m --data-dir ${dataDir} --out ${views}/judge --view judge`,
      `run --program ${sandbox.program} --data ${views}/candidate --out ${out} --max-epochs 3 --patience 4`,
    ]);
    expect(run.stdout).toMatch(/validation NDCG@10 \d\.\d{4} \(the judge, 2 held-out users\)/);
    expect(run.stdout).not.toMatch(/val\s+0\.1831/);
    expect(run.stdout).toMatch(/^job {6}DISAGREES: the job reported val_ndcg@10 0\.1402/m);
    expect(existsSync(join(out, 'judge-val.json'))).toBe(true);
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
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ status: 'ok', job: okResult(), outDir: out });
    expect(printed.combinedScore).toBe(printed.judge.val.metrics['val_ndcg@10']);
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

  it('has the judge score the test split too with --test, while the job gets no test item', async () => {
    // Prepare
    await sandbox.useResult(okResult());

    // Act
    const run = await sandbox.run(evalArgs('--out', join(sandbox.root, 'out'), '--test', '--json'));

    // Assess
    const calls = await sandbox.calls();
    expect(run.code).toBe(0);
    expect(calls.at(-1)).toMatch(/^run .*--data \S+\/candidate /);
    expect(calls.at(-1)).not.toContain('--evaluate-test');
    const printed = JSON.parse(run.stdout);
    expect(printed.judge.test).toMatchObject({ status: 'ok', split: 'test', users: 4 });
    expect(Object.keys(printed.metrics)).toEqual(
      expect.arrayContaining(['val_ndcg@10', 'test_ndcg@10'])
    );
  });

  it('runs program code without a sandbox only when --allow-unsandboxed says so', async () => {
    // Prepare
    await sandbox.useResult(okResult());

    // Act
    await sandbox.run(evalArgs('--out', join(sandbox.root, 'out'), '--allow-unsandboxed'));

    // Assess
    expect((await sandbox.calls()).at(-1)).toMatch(/ --sandbox if-available$/);
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
