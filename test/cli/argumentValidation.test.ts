import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cliHarness.js';

const COMMANDS = [
  'eval',
  'data',
  'run',
  'resume',
  'runs',
  'show',
  'submit',
  'status',
  'report',
  'fetch',
] as const;

describe('evolverec command line arguments', () => {
  let sandbox: CliSandbox;

  beforeAll(async () => {
    sandbox = await createCliSandbox();
  });

  afterAll(async () => {
    await rm(sandbox.root, { recursive: true, force: true });
  });

  it('prints every command and exits 0 when asked for help', async () => {
    // Prepare / Act
    const run = await sandbox.run(['--help']);

    // Assess
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`evolverec ${command} `);
    expect(run.stderr).toBe('');
  });

  it.each(COMMANDS)(
    'prints the usage of %s alone and exits 0 when asked for its help',
    async (command) => {
      // Prepare / Act: help wins over anything else given, bad flags included.
      const run = await sandbox.run([command, '--no-such-flag', '--help']);
      const short = await sandbox.run(['help', command]);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage:\\n  evolverec ${command} `));
      const others = COMMANDS.filter((other) => other !== command && !command.startsWith(other));
      for (const other of others) expect(run.stdout).not.toContain(`evolverec ${other} `);
      expect(short.stdout).toBe(run.stdout);
      expect(await sandbox.calls()).toEqual([]);
    }
  );

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
    [['eval', '--program', '.', '--dataset', ''], '--dataset must not be empty'],
    [['eval', '--program', '/nonexistent', '--dataset', 'ml-1m'], '--program must be a program'],
    [
      ['eval', '--program', '.', '--dataset', 'ml-1m', 'extra'],
      "eval takes flags only, got 'extra'",
    ],
    [['eval', '--program', '.', '--dataset', 'ml-1m', '--json=yes'], "'--json'"],
    [['data'], "data needs the subcommand 'get'"],
    [['data', 'get', 'netflix'], 'one of ml-1m, ml-100k'],
    [['data', 'get', 'ml-1m', '--mirror', 'not a url'], '--mirror must be a URL'],
    [['submit'], '--config is required'],
    [['submit', '--config', 'x.json', '--region', 'mars'], '--region must be an AWS region'],
    [['status'], 'status takes one run id'],
    [['report', 'a', 'b'], 'report takes one run id'],
    [['fetch', '../etc'], 'fetch takes one run id'],
    [['fetch', 'r1', '--program', '../x'], '--program letters, digits'],
    [['status', 'r1', '--api-url', 'ftp://host/'], '--api-url must be an http(s) URL'],
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
