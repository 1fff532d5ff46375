import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cliHarness.js';

describe('evolverec data get', () => {
  let sandbox: CliSandbox;

  beforeEach(async () => {
    sandbox = await createCliSandbox();
  });

  afterEach(async () => {
    await rm(sandbox.root, { recursive: true, force: true });
  });

  it('forwards the dataset, data dir and mirror to the trainer', async () => {
    // Prepare
    const dataDir = join(sandbox.root, 'elsewhere');

    // Act
    const run = await sandbox.run([
      'data',
      'get',
      'ml-100k',
      '--data-dir',
      dataDir,
      '--mirror',
      'http://127.0.0.1:8123/grouplens',
    ]);

    // Assess
    expect(run.code).toBe(0);
    expect(await sandbox.calls()).toEqual([
      `data get ml-100k --data-dir ${dataDir} --mirror http://127.0.0.1:8123/grouplens`,
    ]);
    expect(run.stderr).toContain('downloaded');
  });

  it('uses EVOLVEREC_DATA_DIR when --data-dir is absent', async () => {
    // Prepare / Act
    await sandbox.run(['data', 'get', 'ml-1m']);

    // Assess
    expect(await sandbox.calls()).toEqual([
      `data get ml-1m --data-dir ${sandbox.env.EVOLVEREC_DATA_DIR}`,
    ]);
  });

  it('gets amazon-video too, and prints one JSON object with --json', async () => {
    // Prepare / Act
    const run = await sandbox.run(['data', 'get', 'amazon-video', '--json']);

    // Assess: progress on stderr, the result alone on stdout.
    const dataDir = sandbox.env.EVOLVEREC_DATA_DIR;
    expect(run.code).toBe(0);
    expect(await sandbox.calls()).toEqual([`data get amazon-video --data-dir ${dataDir}`]);
    expect(JSON.parse(run.stdout)).toEqual({
      dataset: 'amazon-video',
      dataDir,
      folder: join(dataDir ?? '', 'amazon-video'),
    });
    expect(run.stderr).toContain('downloaded');
  });

  it('exits 3 when the download fails', async () => {
    // Prepare / Act
    const run = await sandbox.run(['data', 'get', 'ml-1m'], { FAKE_TRAINER_EXIT: '1' });

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("getting dataset 'ml-1m' failed (exit code 1)");
  });
});
