import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/runCli.js';
import { repoRoot } from '../../shared/src/local/index.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));

let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'evolverec-run-'));
  env = {
    PATH: process.env.PATH ?? '',
    EVOLVEREC_STATE_DIR: join(root, 'state'),
    EVOLVEREC_DATA_DIR: dataDir,
  };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
  const code = await runCli(argv, {
    stdout: sink(out),
    stderr: sink(err),
    env,
    now: () => new Date('2026-11-26T05:00:00Z'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('evolverec run, runs and show, end to end on real data', () => {
  it('runs a nas evolution through the synthesised state machine with the real trainer and feedback', async () => {
    // Prepare: ml-100k, one epoch per job, one candidate, 20 simulated users.
    const config = join(root, 'tiny-nas.json');
    await writeFile(
      config,
      JSON.stringify({
        strategy: 'nas',
        dataset: 'ml-100k',
        generations: 1,
        candidatesPerGeneration: 1,
        training: { maxEpochs: 1 },
        feedback: { users: 20 },
      })
    );

    // Act
    const run = await cli(['run', '--config', config, '--run-id', 'tiny', '--json']);
    const runs = await cli(['runs']);
    const show = await cli(['show', 'tiny']);

    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /g000-seed: ok, val_ndcg@10 0\.\d{4} · train [\d.]+ s · orchestration/
    );
    expect(run.stderr).toMatch(/g001-c00 \(parent g000-seed\): (ok|failed at duplicate)/);
    expect(run.stderr).toContain('final evaluation of');
    expect(show.stdout).toContain('run status: finished (all 1 generations done)');
    expect(show.stdout).toMatch(/^- test: .*test_ndcg@10 0\.\d{4}/m);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/^tiny\s+finished\s+nas\s+ml-100k\s+1\s+0\.\d{4}/m);
    // --json: one object on stdout, the progress on stderr.
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ runId: 'tiny', runStatus: 'finished' });
    expect(report.generations).toHaveLength(2);
    expect(report.best.test['test_ndcg@10']).toBeGreaterThan(0);
    const seedLine = report.generations[0];
    expect(seedLine).toMatchObject({ generation: 0, candidates: 1, trained: 1 });
  }, 600_000);

  it('names the field of a bad config, and says when a run is unknown', async () => {
    // Prepare
    const bad = join(root, 'bad.json');
    await writeFile(bad, JSON.stringify({ strategy: 'nas', dataset: 'ml-100k', generations: 0 }));

    // Act
    const invalid = await cli(['run', '--config', bad]);
    const again = await cli(['show', 'no-such-run']);

    // Assert
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/generations: Too small/);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no run no-such-run here');
  });
});
