import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { preparedViewLocation } from '../../shared/src/local/index.js';
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

  /** The folder of a dataset's cached views in the sandbox (its candidate view's parent). */
  async function viewsOf(dataset: string): Promise<string> {
    const { dir } = await preparedViewLocation({
      dataset,
      dataDir: sandbox.env.EVOLVEREC_DATA_DIR ?? '',
      stateDir: sandbox.stateDir,
      view: 'candidate',
    });
    return dirname(dir);
  }

  it("trains on the candidate view, then prints the judge's figures of the exported model", async () => {
    // Prepare
    await sandbox.useResult(okResult());
    const out = join(sandbox.root, 'out');

    // Act
    const run = await sandbox.run(evalArgs('--out', out, '--max-epochs', '3', '--patience', '4'));

    // Assess: the program only ever gets the candidate view; the judge view is prepared for
    // the judge, which reports its own figures (two held-out users), not the job's 0.1831.
    const views = await viewsOf('ml-1m');
    const dataDir = sandbox.env.EVOLVEREC_DATA_DIR;
    expect(run.code).toBe(0);
    expect(views).toMatch(/\/datasets\/ml-1m-[0-9a-f]{16}$/);
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

  it("exits 3 with the trainer's reason when the dataset cannot be prepared", async () => {
    // Prepare / Act
    const run = await sandbox.run(evalArgs(), { FAKE_TRAINER_PREPARE_EXIT: '2' });

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no such dataset');
    expect(run.stderr).toContain("preparing dataset 'ml-1m'");
    expect((await sandbox.calls()).length).toBe(1);
  });

  it('says how to get a known dataset that is not in the data dir, before starting the trainer', async () => {
    // Prepare / Act
    const run = await sandbox.run(
      evalArgs().map((arg) => (arg === 'ml-1m' ? 'amazon-video' : arg))
    );

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `dataset amazon-video is not in ${sandbox.env.EVOLVEREC_DATA_DIR} (no files in`
    );
    expect(run.stderr).toContain('get it with evolverec data get amazon-video --data-dir');
    expect(await sandbox.calls()).toEqual([]);
  });

  it('takes a data file by path, and prepares again only when a file it reads changes', async () => {
    // Prepare: a text file with an items file beside it, given relative to the working dir.
    await sandbox.useResult(okResult());
    const data = join(sandbox.root, 'mine.txt');
    await writeFile(data, '1 1\n1 2\n1 3\n');
    await writeFile(join(sandbox.root, 'mine_items.tsv'), 'item\ttitle\n1\tA\n');
    const asGiven = relative(process.cwd(), data);
    const prepares = async () =>
      (await sandbox.calls()).filter((call) => call.startsWith('prepare')).length;

    // Act
    const first = await sandbox.run(
      evalArgs('--out', join(sandbox.root, 'o1')).map((arg) => (arg === 'ml-1m' ? asGiven : arg))
    );
    const afterFirst = await prepares();
    const firstViews = await viewsOf(data);
    await sandbox.run(
      evalArgs('--out', join(sandbox.root, 'o2')).map((arg) => (arg === 'ml-1m' ? asGiven : arg))
    );
    const afterSame = await prepares();
    await writeFile(join(sandbox.root, 'mine_items.tsv'), 'item\ttitle\n1\tB\n');
    await sandbox.run(
      evalArgs('--out', join(sandbox.root, 'o3')).map((arg) => (arg === 'ml-1m' ? asGiven : arg))
    );
    const afterChange = await prepares();

    // Assess: the trainer got the absolute path; the same content is cached, a change is not.
    expect(first.code, first.stderr).toBe(0);
    expect((await sandbox.calls())[0]).toBe(
      `prepare --dataset ${data} --data-dir ${sandbox.env.EVOLVEREC_DATA_DIR} --out ${firstViews}/candidate --view candidate`
    );
    expect([afterFirst, afterSame, afterChange]).toEqual([2, 2, 4]);
  });

  it('prepares again from another data dir: two sources never share a cached view', async () => {
    // Prepare
    await sandbox.useResult(okResult());
    const elsewhere = join(sandbox.root, 'elsewhere');
    await mkdir(join(elsewhere, 'ml-1m'), { recursive: true });
    await writeFile(join(elsewhere, 'ml-1m', 'ml-1m_sas.txt'), '1 1\n1 2\n2 3\n');

    // Act
    await sandbox.run(evalArgs('--out', join(sandbox.root, 'o1')));
    await sandbox.run(evalArgs('--out', join(sandbox.root, 'o2'), '--data-dir', elsewhere));

    // Assess
    const outs = (await sandbox.calls())
      .filter((call) => call.startsWith('prepare') && call.includes('--view candidate'))
      .map((call) => call.split(' --out ')[1]);
    expect(outs).toHaveLength(2);
    expect(new Set(outs).size).toBe(2);
  });

  it('exits 3 when the Python interpreter does not exist', async () => {
    // Prepare / Act
    const run = await sandbox.run(evalArgs(), { EVOLVEREC_PYTHON: '/nonexistent/python' });

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("could not start the trainer with '/nonexistent/python'");
  });
});
