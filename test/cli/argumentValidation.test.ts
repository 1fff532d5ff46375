import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cliHarness.js';

describe('evolverec command line arguments', () => {
  let sandbox: CliSandbox;

  beforeAll(async () => {
    sandbox = await createCliSandbox();
  });

  afterAll(async () => {
    await rm(sandbox.root, { recursive: true, force: true });
  });

  it('prints the usage and exits 0 when asked for help', async () => {
    // Prepare / Act
    const run = await sandbox.run(['--help']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('evolverec eval --program <dir> --dataset <name>');
  });

  it.each([
    [[], 'a command is required'],
    [['train'], "unknown command 'train'"],
    [['eval', '--dataset', 'ml-1m'], '--program is required'],
    [['eval', '--program', '.'], '--dataset is required'],
    [['eval', '--program', '.', '--dataset', 'ml-1m', '--epochs', '3'], "'--epochs'"],
    [['eval', '--program', '.', '--dataset', 'ml-1m', '--max-epochs'], "'--max-epochs <value>'"],
    [
      ['eval', '--program', '.', '--dataset', 'ml-1m', '--max-epochs', 'ten'],
      '--max-epochs must be a positive integer',
    ],
    [
      ['eval', '--program', '.', '--dataset', 'ml-1m', '--max-epochs', '0'],
      '--max-epochs must be a positive integer',
    ],
    [
      ['eval', '--program', '.', '--dataset', 'ml-1m', '--time-limit=0'],
      '--time-limit must be a positive number of seconds',
    ],
    [['eval', '--program', '.', '--dataset', '../ml-1m'], '--dataset must be a dataset name'],
    [['eval', '--program', '/nonexistent', '--dataset', 'ml-1m'], '--program must be a program'],
    [
      ['eval', '--program', '.', '--dataset', 'ml-1m', 'extra'],
      "eval takes flags only, got 'extra'",
    ],
    [['eval', '--program', '.', '--dataset', 'ml-1m', '--json=yes'], "'--json'"],
    [['data'], "data needs the subcommand 'get'"],
    [['data', 'get', 'netflix'], 'one of ml-1m, ml-100k'],
    [['data', 'get', 'ml-1m', '--mirror', 'not a url'], '--mirror must be a URL'],
    [['compare', '--strategies', 'nas,random'], '--strategies'],
    [['compare', '--seeds', '0'], '--seeds must be a positive integer'],
    [['compare', '--id', '../x'], '--id'],
    [['compare', 'nas'], "compare takes flags only, got 'nas'"],
  ])('exits 2 naming the problem when the arguments are %j', async (argv, message) => {
    // Prepare / Act
    const run = await sandbox.run(argv);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage:');
    expect(run.stdout).toBe('');
    expect(await sandbox.calls()).toEqual([]);
  });
});
