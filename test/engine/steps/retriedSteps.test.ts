import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../runner/localCloud.js';
import { openLocalCloud } from '../../../runner/localCloud.js';
import { publishSeed } from '../../../runner/localRun.js';
import { createLocalStepServices } from '../../../runner/localStepServices.js';
import { runConfigSchema } from '../../../shared/src/core/evolution/index.js';
import type { RunRecord } from '../../../shared/src/core/runs/index.js';
import { datasetViewPrefix, runKeys } from '../../../shared/src/core/runs/index.js';
import type { StepServices } from '../../../shared/src/engine/index.js';
import {
  checkTraining,
  propose,
  record,
  recordGenerationStep,
  startRun,
} from '../../../shared/src/engine/index.js';
import { repoRoot } from '../../../shared/src/local/index.js';
import { failedResult, okResult, okVerdict } from '../../helpers/evaluationResults.js';
import type { FakeOpenAiServer } from '../../helpers/fakeOpenAiServer.js';
import { fakeServerLlmConfig, startFakeOpenAiServer } from '../../helpers/fakeOpenAiServer.js';
import { editsAnswer, ideaAnswer } from '../../helpers/llmAnswers.js';

let stateDir: string;
let cloud: LocalCloud;
let server: FakeOpenAiServer;
let services: StepServices;
const writes: string[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'evolverec-steps-'));
  cloud = await openLocalCloud(stateDir);
  server = await startFakeOpenAiServer((request) =>
    request.body.messages[0]?.content.includes('senior recommender-systems researcher')
      ? { content: ideaAnswer() }
      : {
          content: editsAnswer([
            { block: 'hyperparameters', search: '"dropout": 0.2,', replace: '"dropout": 0.25,' },
          ]),
        }
  );
  const local = createLocalStepServices(cloud, { stateDir, env: { OPENAI_API_KEY: 'sk-test' } });
  // Every write of an object or a program is counted, so that one write can be told from two.
  services = {
    ...local,
    objects: {
      ...local.objects,
      put: async (key, body) => {
        writes.push(key);
        await local.objects.put(key, body);
      },
    },
    store: {
      ...local.store,
      saveProgram: async (runId, program) => {
        writes.push(`program ${program.record.id}`);
        await local.store.saveProgram(runId, program);
      },
    },
  };
  await cloud.objects.put(`${datasetViewPrefix('ml-100k', 'candidate')}dataset.json`, '{}');
});

afterAll(async () => {
  await server?.close();
  await cloud?.close();
  await rm(stateDir, { recursive: true, force: true });
});

function run(runId: string, status: RunRecord['status']): RunRecord {
  const at = new Date().toISOString();
  return {
    runId,
    team: 'local',
    status,
    createdAt: at,
    updatedAt: at,
    config: runConfigSchema.parse({
      strategy: 'scalar-llm',
      dataset: 'ml-100k',
      generations: 1,
      candidatesPerGeneration: 1,
      llm: fakeServerLlmConfig(server),
      proposal: { repairAttempts: 0 },
    }),
    generation: 0,
    usd: 0,
  };
}

describe('a retried step writes nothing twice', () => {
  it('StartRun refuses a run that was never admitted', async () => {
    // Prepare
    await cloud.registry.createRun(run('queued-run', 'queued'));

    // Act
    const started = startRun('queued-run', services);

    // Assert
    await expect(started).rejects.toThrow(/queued; only admitted or failed runs start/);
    expect(await cloud.store.loadRunState('queued-run')).toBeUndefined();
  });

  it('Propose run twice proposes once, and CheckTraining twice records the failure once', async () => {
    // Prepare: a run whose seed is recorded, and generation 1 planned.
    const runId = 'retried';
    await cloud.registry.createRun(run(runId, 'running'));
    await publishSeed(cloud.objects, runId, join(repoRoot, 'programs', 'sasrec'));
    const seedStart = await startRun(runId, services);
    expect(seedStart).toMatchObject({
      next: 'generation',
      generation: 0,
      candidates: ['g000-seed'],
    });
    const seed = { runId, generation: 0, programId: 'g000-seed' };
    const seedTrain = await propose(seed, services);
    expect(seedTrain.job?.command[0]).toBe('--job');
    const seedOut = runKeys(runId).attemptOut('g000-seed', 1);
    await cloud.objects.put(`${seedOut}metrics.json`, JSON.stringify(okResult()));
    await cloud.objects.put(`${seedOut}model.onnx`, 'graph');
    await cloud.objects.put(`${seedOut}model.json`, '{}');
    await cloud.objects.put(
      runKeys(runId).attemptJudge('g000-seed', 1),
      JSON.stringify(okVerdict())
    );
    expect(await checkTraining({ ...seed, attempt: 1 }, services)).toMatchObject({
      next: 'feedback',
    });
    await record(
      { ...seed, attempt: 1, feedbackError: { Error: 'skipped', Cause: 'no model' } },
      services
    );
    const planned = await recordGenerationStep({ runId, generation: 0 }, services);
    expect(planned).toMatchObject({ next: 'generation', generation: 1, candidates: ['g001-c00'] });
    const candidate = { runId, generation: 1, programId: 'g001-c00' };
    const candidateKeys = (written: readonly string[]) =>
      written.filter((key) => key.includes('g001-c00'));

    // Act
    writes.length = 0;
    const first = await propose(candidate, services);
    const writtenByFirst = candidateKeys(writes);
    const callsAfterFirst = server.requests.length;
    writes.length = 0;
    const second = await propose(candidate, services);
    const writtenBySecond = candidateKeys(writes);
    await cloud.objects.put(
      `${runKeys(runId).attemptOut('g001-c00', 1)}metrics.json`,
      JSON.stringify(failedResult())
    );
    writes.length = 0;
    const checked = await checkTraining({ ...candidate, attempt: 1 }, services);
    const checkedAgain = await checkTraining({ ...candidate, attempt: 1 }, services);
    const writtenByChecks = candidateKeys(writes);

    // Assert: the second Propose only signs its job again (fresh URLs); nothing else is written.
    expect(callsAfterFirst).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(writtenByFirst).toEqual(
      expect.arrayContaining([
        runKeys(runId).draft('g001-c00'),
        `${runKeys(runId).attemptProgram('g001-c00', 1)}model.py`,
        runKeys(runId).attemptJob('g001-c00', 1),
      ])
    );
    expect(writtenBySecond).toEqual([runKeys(runId).attemptJob('g001-c00', 1)]);
    expect({ ...second, job: undefined }).toEqual({ ...first, job: undefined });
    expect(second.job?.name).toBe(first.job?.name);
    expect(checked).toMatchObject({ next: 'done' });
    expect(checkedAgain).toMatchObject({ next: 'done' });
    expect(writtenByChecks).toEqual(['program g001-c00']);
    const outcome = await cloud.store.loadOutcome(runId, 'g001-c00');
    expect(outcome?.record.failure).toMatchObject({ stage: 'train' });
    expect(outcome?.ledger.filter((entry) => entry.kind === 'llm')).toHaveLength(2);
  });
});
