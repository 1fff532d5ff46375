import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../shared/src/local/index.js';
import type { CliSandbox } from '../helpers/cliHarness.js';
import { createCliSandbox } from '../helpers/cliHarness.js';

const bin = join(repoRoot, 'cli', 'bin.js');
const RUN_ID = 'live';

let sandbox: CliSandbox;
let config: string;
let releaseJob: string;
let running: ChildProcess;
const runOutput: string[] = [];

/** Waits until the run's first training job has started (the fake trainer logs it and holds). */
async function untilTrainingStarts(): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    if ((await sandbox.calls()).some((call) => call.startsWith('run '))) return;
    if (running.exitCode !== null) break;
    await sleep(200);
  }
  throw new Error(`the run never reached training:\n${runOutput.join('')}`);
}

beforeAll(async () => {
  sandbox = await createCliSandbox();
  config = join(sandbox.root, 'nas.json');
  releaseJob = join(sandbox.root, 'release-job');
  await writeFile(
    config,
    JSON.stringify({
      strategy: 'nas',
      dataset: 'ml-100k',
      generations: 1,
      candidatesPerGeneration: 1,
    })
  );
  // The run goes on in a process of its own, as from another shell; its job waits to be released.
  running = spawn(process.execPath, [bin, 'run', '--config', config, '--run-id', RUN_ID], {
    cwd: repoRoot,
    env: { ...sandbox.env, FAKE_TRAINER_HOLD: releaseJob },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.stdout?.on('data', (chunk: Buffer) => runOutput.push(chunk.toString()));
  running.stderr?.on('data', (chunk: Buffer) => runOutput.push(chunk.toString()));
  await untilTrainingStarts();
}, 180_000);

afterAll(async () => {
  await writeFile(releaseJob, '');
  if (running.exitCode === null && running.signalCode === null) {
    running.kill('SIGKILL');
    await once(running, 'exit');
  }
  await rm(sandbox.root, { recursive: true, force: true });
});

describe('the local cloud while a run goes on in another process', () => {
  it('lists and shows the run through its servers, as running with its pid', async () => {
    // Act
    const runs = await sandbox.run(['runs']);
    const runsJson = await sandbox.run(['runs', '--json']);
    const show = await sandbox.run(['show', RUN_ID]);

    // Assess
    expect(runs.code, runs.stderr).toBe(0);
    expect(runs.stdout).toMatch(
      new RegExp(`^${RUN_ID}\\s+running \\(pid ${running.pid}\\)\\s+nas\\s+ml-100k`, 'm')
    );
    expect(JSON.parse(runsJson.stdout)).toEqual([
      expect.objectContaining({ runId: RUN_ID, status: 'running', pid: running.pid }),
    ]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^# Run live\n/);
    expect(show.stdout).toMatch(new RegExp(`\nrun status: running \\(pid ${running.pid}\\)\n$`));
  });

  it("publishes the run's servers in a file only the user can read", async () => {
    // Act
    const file = await stat(join(sandbox.stateDir, 'aws', 'session.json'));

    // Assess
    expect(file.mode & 0o777).toBe(0o600);
  });

  it('refuses a second run with the same id in one message, leaving the first going on', async () => {
    // Act
    const second = await sandbox.run(['run', '--config', config, '--run-id', RUN_ID]);
    const another = await sandbox.run(['run', '--config', config, '--run-id', 'other']);
    const runs = await sandbox.run(['runs']);

    // Assess
    expect(second.code).toBe(3);
    expect(second.stderr).toBe(
      `evolverec: run ${RUN_ID} is already going on (pid ${running.pid}); follow it with evolverec show ${RUN_ID}\n`
    );
    expect(another.code).toBe(3);
    expect(another.stderr).toMatch(
      new RegExp(
        `^evolverec: run ${RUN_ID} is going on in .* \\(pid ${running.pid}\\); one run at a time per state dir`
      )
    );
    expect(running.exitCode).toBeNull();
    expect(runs.stdout).toMatch(new RegExp(`^${RUN_ID}\\s+running \\(pid ${running.pid}\\)`, 'm'));
  });

  it('shows the run as stopped once its process died', async () => {
    // Prepare
    running.kill('SIGKILL');
    await once(running, 'exit');

    // Act
    const runs = await sandbox.run(['runs']);
    const runsJson = await sandbox.run(['runs', '--json']);
    const show = await sandbox.run(['show', RUN_ID]);

    // Assess
    expect(runs.code, runs.stderr).toBe(0);
    expect(runs.stdout).toMatch(
      new RegExp(`^${RUN_ID}\\s+stopped — resume with evolverec resume ${RUN_ID}\\s+nas`, 'm')
    );
    expect(JSON.parse(runsJson.stdout)).toEqual([
      expect.objectContaining({ runId: RUN_ID, status: 'running', stopped: true }),
    ]);
    expect(JSON.parse(runsJson.stdout)[0]).not.toHaveProperty('pid');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(
      new RegExp(`\nrun status: stopped — resume with evolverec resume ${RUN_ID}\n$`)
    );
  });
});
