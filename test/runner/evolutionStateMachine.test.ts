import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { synthesiseEvolutionDefinition } from '../../infra/lib/orchestration/synthesise-definition.js';
import { executeLocalRun } from '../../runner/executeLocalRun.js';
import type { LocalCloud } from '../../runner/localCloud.js';
import { openLocalCloud } from '../../runner/localCloud.js';
import { publishSeed, registerLocalRun } from '../../runner/localRun.js';
import type { SubmitJobRequest } from '../../runner/localTrainingJobs.js';
import { JOB_FAILED } from '../../runner/localTrainingJobs.js';
import { storedRunReport } from '../../runner/storedRunReport.js';
import { trainingJobSpecSchema } from '../../shared/src/core/evaluation/index.js';
import type { RunConfigInput } from '../../shared/src/core/evolution/index.js';
import { runConfigSchema } from '../../shared/src/core/evolution/index.js';
import { datasetViewPrefix, runKeys, runReportMarkdown } from '../../shared/src/core/runs/index.js';
import type { FeedbackSteps, ModelJudge } from '../../shared/src/engine/index.js';
import { repoRoot } from '../../shared/src/local/index.js';
import { failedResult, okResult, okVerdict } from '../helpers/evaluationResults.js';
import type { FakeOpenAiServer, FakeRequest } from '../helpers/fakeOpenAiServer.js';
import { fakeServerLlmConfig, startFakeOpenAiServer } from '../helpers/fakeOpenAiServer.js';
import { editsAnswer, ideaAnswer } from '../helpers/llmAnswers.js';

const DROPOUT = /"dropout": ([0-9.]+),/;
const SEED_DIR = join(repoRoot, 'programs', 'sasrec');

let stateDir: string;
let cloud: LocalCloud;
let definition: object;
let server: FakeOpenAiServer;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'evolverec-sm-'));
  [cloud, definition] = await Promise.all([
    openLocalCloud(stateDir),
    synthesiseEvolutionDefinition(),
  ]);
  // StartRun refuses a dataset without a prepared view; the fake job never reads it.
  await cloud.objects.put(`${datasetViewPrefix('ml-100k', 'candidate')}dataset.json`, '{}');
});

afterAll(async () => {
  await cloud?.close();
  await rm(stateDir, { recursive: true, force: true });
});

beforeEach(async () => {
  server = await startFakeOpenAiServer(scriptedModel);
});

afterEach(async () => {
  await server.close();
});

/**
 * A deterministic stand-in for the proposer and coder: each idea raises dropout by 0.05; the
 * coder writes that edit, but marks it BROKEN when the parent's dropout is 0.3 (so the harness
 * fails it), and a repair removes the mark.
 */
function scriptedModel(request: FakeRequest) {
  const messages = request.body.messages;
  if (messages[0]?.content.includes('senior recommender-systems researcher')) {
    return { content: ideaAnswer() };
  }
  const first = messages.find((message) => message.role === 'user')?.content ?? '';
  const dropout = Number(DROPOUT.exec(first)?.[1]);
  if (first.includes('failed in the harness')) {
    const broken = `"dropout": ${dropout},  # BROKEN`;
    return {
      content: JSON.stringify({
        diagnosis: 'a stray marker',
        edits: [
          {
            file: 'model.py',
            block: 'hyperparameters',
            search: broken,
            replace: `"dropout": ${dropout},`,
          },
        ],
      }),
    };
  }
  const raised = Math.round((dropout + 0.05) * 100) / 100;
  const mark = dropout === 0.3 ? '  # BROKEN' : '';
  return {
    content: editsAnswer([
      {
        block: 'hyperparameters',
        search: `"dropout": ${dropout},`,
        replace: `"dropout": ${raised},${mark}`,
      },
    ]),
  };
}

/**
 * The Batch job's stand-in at the storage boundary: it reads job.json and the program through
 * the presigned URLs the state machine gave it, and writes metrics.json and a stand-in model
 * through its output URLs, as the trainer does; fitness grows with dropout, and a BROKEN
 * program fails like a NaN loss (exit 1, the job FAILED).
 */
function fakeJob(
  calls: string[],
  options: {
    readonly onJob?: (name: string) => void;
    /** Jobs (by name) that leave no model.onnx, so that their Record step fails. */
    readonly withoutModel?: (name: string) => boolean;
  } = {}
) {
  return async (request: SubmitJobRequest) => {
    const command = request.ContainerOverrides.Command;
    expect(command[0]).toBe('--job');
    calls.push(request.JobName.replace(/^[^-]+-[^-]+-/, ''));
    options.onJob?.(request.JobName);
    const spec = trainingJobSpecSchema.parse(await (await fetch(command[1] ?? '')).json());
    const model = await (await fetch(spec.program['model.py'] ?? '')).text();
    const put = (name: keyof typeof spec.outputs, body: string) =>
      fetch(spec.outputs[name], { method: 'PUT', body }).then((response) => {
        expect(response.ok, name).toBe(true);
      });
    if (model.includes('# BROKEN')) {
      await put('metrics.json', JSON.stringify(failedResult()));
      throw Object.assign(new Error('exit code 1'), { name: JOB_FAILED });
    }
    const ndcg = 0.08 + Number(DROPOUT.exec(model)?.[1]) / 10;
    const result = okResult();
    if (!options.withoutModel?.(request.JobName)) await put('model.onnx', 'not a real graph');
    await put('model.json', JSON.stringify({ ndcg }));
    await put(
      'metrics.json',
      JSON.stringify({
        ...result,
        combinedScore: ndcg,
        metrics: { ...result.metrics, 'val_ndcg@10': ndcg },
      })
    );
    return {};
  };
}

/**
 * The judge without onnxruntime: it reads the stand-in model the fake job wrote and gives its
 * figure as the held-out users' (validation) or, 0.01 lower, as the test split's.
 */
const fakeJudge: ModelJudge = {
  async judge({ modelPrefix, split }) {
    const body = await cloud.objects.get(`${modelPrefix}model.json`);
    const { ndcg } = JSON.parse(new TextDecoder().decode(body)) as { ndcg: number };
    return okVerdict(split === 'val' ? { 'val_ndcg@10': ndcg } : { 'test_ndcg@10': ndcg - 0.01 });
  },
};

/** Feedback without a model: a fixed critique naming the program, fixed figures. */
const fakeFeedback: FeedbackSteps = {
  simulate: async ({ modelPrefix }) => ({
    simulator: {
      status: 'CRITICAL',
      failureModes: [
        `${/candidates\/([^/]+)/.exec(modelPrefix)?.[1]} recommends only blockbusters`,
      ],
      summary: '',
      figures: { satisfaction: 0.1 },
    },
    figures: { satisfaction: 0.1 },
    exchanges: [],
  }),
  diagnose: async () => ({
    diagnosis: {
      status: 'STABLE',
      findings: [],
      figures: { catalog_coverage: 0.05 },
      definitions: {},
    },
    figures: { diag_catalog_coverage: 0.05, coverage: 0.05 },
    exchanges: [],
  }),
};

function config(overrides: Partial<RunConfigInput> = {}) {
  return runConfigSchema.parse({
    strategy: 'scalar-llm',
    dataset: 'ml-100k',
    generations: 2,
    candidatesPerGeneration: 2,
    llm: fakeServerLlmConfig(server),
    archive: { islands: 2 },
    ...overrides,
  });
}

async function startRun(
  runId: string,
  overrides: Partial<RunConfigInput> = {},
  seedDir = SEED_DIR
) {
  await registerLocalRun(cloud, { runId, config: config(overrides), now: new Date() });
  await publishSeed(cloud.objects, runId, seedDir);
}

function execute(
  runId: string,
  calls: string[],
  extra: Partial<Parameters<typeof executeLocalRun>[0]> = {}
) {
  return executeLocalRun({
    runId,
    cloud,
    definition,
    stateDir,
    env: { OPENAI_API_KEY: 'sk-test-key' },
    trainerProgress: new PassThrough(),
    report: () => undefined,
    trainingJob: fakeJob(calls),
    feedback: fakeFeedback,
    judge: fakeJudge,
    ...extra,
  });
}

describe('the evolution state machine, run locally', () => {
  it("holds each step to its function's time limit, and never runs Simulate again whole", async () => {
    // Prepare: Simulate may run 1 s and takes 3; Propose may run 22 s (7 s for its LLM calls
    // once 15 s are kept to store the result), and the endpoint answers after 30 s.
    await server.close();
    server = await startFakeOpenAiServer(() => ({ content: ideaAnswer(), delayMs: 30_000 }));
    await startRun('run-limits', {
      generations: 1,
      candidatesPerGeneration: 1,
      llm: fakeServerLlmConfig(server, { timeoutMs: 60_000 }),
    });
    let simulations = 0;
    const slowFeedback: FeedbackSteps = {
      ...fakeFeedback,
      simulate: async (program) => {
        simulations += 1;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        return fakeFeedback.simulate(program);
      },
    };
    const limits: Record<string, number> = { simulate: 1, propose: 22 };
    const started = Date.now();

    // Act
    await execute('run-limits', [], {
      feedback: slowFeedback,
      stepTimeoutSeconds: (name) => limits[name] ?? 300,
    });

    // Assert: the seed's Simulate timed out as Lambda says, once, and the seed was recorded
    const seed = await cloud.store.loadOutcome('run-limits', 'g000-seed');
    expect(seed?.record.status).toBe('ok');
    expect(seed?.record.feedback).toContain('Sandbox.Timedout');
    expect(seed?.record.feedback).toContain('simulate: Task timed out after 1.00 seconds');
    expect(simulations).toBe(1);
    // The candidate's proposer call was cut to its step's deadline, and the candidate failed
    const candidate = await cloud.store.loadOutcome('run-limits', 'g001-c00');
    expect(candidate?.record.outcome).toEqual({ kind: 'llm_failure' });
    expect(candidate?.record.failure?.reason).toMatch(/LLM call failed \(deadline\)/);
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    // Its timed-out attempt's tokens are in the ledger all the same.
    expect(candidate?.ledger).toEqual([
      expect.objectContaining({ kind: 'llm', failed: 'deadline', estimated: true }),
    ]);
    expect(candidate?.ledger[0]?.completionTokens).toBe(2_000);
  }, 60_000);

  it("evolves generation by generation, finalizes with the judge's test evaluation and times each candidate", async () => {
    // Prepare
    const calls: string[] = [];
    await startRun('run-a');

    // Act
    const result = await execute('run-a', calls);

    // Assert
    const state = await cloud.store.loadRunState('run-a');
    expect(state?.status).toBe('finished');
    expect(state?.stopReason).toBe('all 2 generations done');
    expect(state?.programs.map((program) => program.id)).toEqual([
      'g000-seed',
      'g001-c00',
      'g001-c01',
      'g002-c00',
      'g002-c01',
    ]);
    expect(state?.ledger.filter((entry) => entry.kind === 'llm')).toHaveLength(8);
    const run = await cloud.registry.getRun('run-a');
    expect(run).toMatchObject({ status: 'finished', generation: 2 });
    const best = Math.max(...(state?.programs.map((program) => program.fitness ?? 0) ?? []));
    expect(run?.bestFitness).toBeCloseTo(best, 9);
    const report = JSON.parse(
      new TextDecoder().decode(await cloud.objects.get(runKeys('run-a').reportJson))
    );
    expect(report.best.test['test_ndcg@10']).toBeCloseTo(best - 0.01, 9);
    // Every step invocation is metered into the run's costs, the judge's included.
    const usage = await cloud.store.listStepUsage('run-a');
    const states = new Set(usage.map((entry) => entry.state));
    for (const state of ['StartRun', 'Propose', 'Judge', 'CheckTraining', 'Record'])
      expect(states, state).toContain(state);
    expect(states).toContain('FinalEvaluation');
    expect(report.costs.countByKind.lambda).toBeGreaterThanOrEqual(usage.length - 1);
    expect(report.costs.usdByKind.lambda).toBeGreaterThan(0);
    expect(result.timings.map((timing) => timing.programId).sort()).toEqual(
      state?.programs.map((program) => program.id)
    );
    for (const timing of result.timings) expect(timing.orchestrationSeconds).toBeLessThan(5);
    // Every candidate ended in one outcome, counted per strategy and model.
    expect(report.outcomes).toEqual([
      {
        strategy: 'scalar-llm',
        model: 'test-large',
        candidates: 4,
        counts: { trained: 4 },
        repair: { candidates: 0, trained: 0, successRate: null },
      },
    ]);
  });

  it('sends a candidate that fails in the harness to the repair loop and trains the fix', async () => {
    // Prepare: a seed at dropout 0.3, so the first proposal comes out BROKEN.
    const calls: string[] = [];
    const seedDir = await mkdtemp(join(tmpdir(), 'evolverec-seed-'));
    const { cp, readFile, writeFile } = await import('node:fs/promises');
    await cp(SEED_DIR, seedDir, { recursive: true });
    const model = await readFile(join(seedDir, 'model.py'), 'utf8');
    await writeFile(join(seedDir, 'model.py'), model.replace('"dropout": 0.2,', '"dropout": 0.3,'));
    await startRun('run-r', { generations: 1, candidatesPerGeneration: 1 }, seedDir);

    // Act
    await execute('run-r', calls);

    // Assert
    expect(calls).toEqual(['g000-seed-a1', 'g001-c00-a1', 'g001-c00-a2']);
    const outcome = await cloud.store.loadOutcome('run-r', 'g001-c00');
    expect(outcome?.record.status).toBe('ok');
    expect(outcome?.record.repairs).toEqual([
      expect.objectContaining({
        attempt: 1,
        diagnosis: 'a stray marker',
        error: expect.objectContaining({ kind: 'nan' }),
      }),
    ]);
    const report = await storedRunReport(cloud, 'run-r');
    expect(report?.outcomes[0]?.repair).toEqual({ candidates: 1, trained: 1, successRate: 1 });
    await rm(seedDir, { recursive: true, force: true });
  });

  it('stops proposing when the iteration budget is spent and finishes cleanly', async () => {
    // Prepare
    await startRun('run-b', { generations: 5, budget: { iterations: 3 } });

    // Act
    await execute('run-b', []);

    // Assert
    const state = await cloud.store.loadRunState('run-b');
    expect(state?.status).toBe('finished');
    expect(state?.stopReason).toMatch(/iteration/i);
    expect(state?.candidatesTried).toBe(3);
    expect((await cloud.registry.getRun('run-b'))?.status).toBe('finished');
  });

  it('resumes a stopped execution where it stopped: every completed candidate once, nothing retrained', async () => {
    // Prepare: stop the execution as the second generation's second job starts.
    const firstCalls: string[] = [];
    const stop = new AbortController();
    await startRun('run-k', { strategy: 'nas', llm: undefined });
    await execute('run-k', firstCalls, {
      trainingJob: fakeJob(firstCalls, {
        onJob: (name) => name.includes('g002-c01') && stop.abort(),
      }),
      signal: stop.signal,
    });
    const before = await cloud.store.loadRunState('run-k');
    const secondCalls: string[] = [];

    // Act
    await execute('run-k', secondCalls);

    // Assert
    expect(before?.generation).toBe(1);
    const state = await cloud.store.loadRunState('run-k');
    expect(state?.status).toBe('finished');
    const ids = state?.programs.map((program) => program.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['g000-seed', 'g001-c00', 'g001-c01', 'g002-c00', 'g002-c01']);
    const retrained = secondCalls.filter(
      (call) => firstCalls.includes(call) && !call.startsWith('g002-c01')
    );
    expect(retrained).toEqual([]);
  });

  it('runs nas without any LLM call, each candidate a search-space mutation of its parent', async () => {
    // Prepare
    await startRun('run-n', { strategy: 'nas', llm: undefined, candidatesPerGeneration: 3 });

    // Act
    await execute('run-n', []);

    // Assert
    expect(server.requests).toHaveLength(0);
    const state = await cloud.store.loadRunState('run-n');
    const trained = state?.programs.filter((program) => program.status === 'ok') ?? [];
    expect(trained.length).toBeGreaterThanOrEqual(5);
    for (const program of trained.slice(1)) {
      const outcome = await cloud.store.loadOutcome('run-n', program.id);
      const files = await cloud.store.loadProgramFiles('run-n', program.id);
      const parentFiles = await cloud.store.loadProgramFiles('run-n', program.parentId ?? '');
      expect(outcome?.record.idea).toMatch(/→/);
      expect(files['model.py']).not.toBe(parentFiles['model.py']);
    }
  });

  it("runs directional-nas without any LLM call, each move one its parent's findings call for", async () => {
    // Prepare: every program's coverage (0.05) is below the diagnosis's 0.1: it leans on popularity
    await startRun('run-d', {
      strategy: 'directional-nas',
      llm: undefined,
      candidatesPerGeneration: 3,
    });

    // Act
    await execute('run-d', []);

    // Assert: the table answers a popularity lean with the loss or the negatives, and says so.
    expect(server.requests).toHaveLength(0);
    const state = await cloud.store.loadRunState('run-d');
    const candidates = state?.programs.filter((program) => program.parentId !== null) ?? [];
    expect(candidates.length).toBeGreaterThanOrEqual(4);
    for (const program of candidates) {
      const idea = (await cloud.store.loadOutcome('run-d', program.id))?.record.idea ?? '';
      for (const change of idea.split(', ')) {
        expect(change).toMatch(/^(loss|negatives) \S+ → \S+ \[leans on popularity\]$/);
      }
    }
  });

  it("puts the parent's directional feedback into self-evolverec prompts and its figures into the archive", async () => {
    // Prepare
    await startRun('run-f', {
      strategy: 'self-evolverec',
      generations: 1,
      candidatesPerGeneration: 1,
    });

    // Act
    await execute('run-f', []);

    // Assert
    const ideaPrompt = server.requests[0]?.body.messages.at(-1)?.content ?? '';
    expect(ideaPrompt).toContain('Directional feedback on the parent');
    expect(ideaPrompt).toContain('g000-seed recommends only blockbusters');
    const state = await cloud.store.loadRunState('run-f');
    expect(state?.archive.programs['g001-c00']?.objectives).toMatchObject({
      satisfaction: 0.1,
      coverage: 0.05,
    });
  });

  it("keeps a candidate's faults its own: an endpoint down for one, a Record that throws for another", async () => {
    // Prepare: candidates one at a time, so that the endpoint is down for g001-c00 alone
    // (every call it makes answers 500) and up again for the others; g001-c02's job leaves no
    // model.onnx, so its Record throws.
    let down = false;
    const flaky = await startFakeOpenAiServer((request) =>
      down ? { status: 500 } : scriptedModel(request)
    );
    await startRun('run-faults', {
      generations: 1,
      candidatesPerGeneration: 3,
      llm: fakeServerLlmConfig(flaky),
    });
    const oneAtATime = structuredClone(definition) as {
      States: { Generation: { MaxConcurrency: number } };
    };
    oneAtATime.States.Generation.MaxConcurrency = 1;
    const lines: string[] = [];
    const calls: string[] = [];

    // Act
    try {
      await executeLocalRun({
        runId: 'run-faults',
        cloud,
        definition: oneAtATime,
        stateDir,
        env: { OPENAI_API_KEY: 'sk-test-key' },
        trainerProgress: new PassThrough(),
        report: (line) => {
          lines.push(line);
          if (line.includes('generation 1:')) down = true;
          if (line.startsWith('g001-c00')) down = false;
        },
        trainingJob: fakeJob(calls, { withoutModel: (name) => name.includes('g001-c02') }),
        feedback: fakeFeedback,
        judge: fakeJudge,
      });
    } finally {
      await flaky.close();
    }

    // Assess: the generation went on past both faults, and the run finished.
    const state = await cloud.store.loadRunState('run-faults');
    expect(state?.status).toBe('finished');
    const byId = Object.fromEntries(
      (state?.programs ?? []).map((program) => [program.id, program])
    );
    expect(byId['g001-c00']).toMatchObject({
      status: 'failed',
      failureStage: 'propose',
      failureReason: expect.stringMatching(/LLM call failed \(server\)/),
    });
    expect(byId['g001-c01']).toMatchObject({ status: 'ok' });
    expect(byId['g001-c02']).toMatchObject({
      status: 'failed',
      failureStage: 'record',
      failureReason: expect.stringMatching(/record step failed: .*no model\.onnx/),
    });
    const shown = runReportMarkdown(
      (await storedRunReport(cloud, 'run-faults')) ?? expect.fail('no report')
    );
    expect(shown).toMatch(/- g001-c00 at propose: LLM call failed \(server\)/);
    expect(shown).toMatch(/- g001-c02 at record: its record step failed: .*no model\.onnx/);
    expect((await cloud.registry.getRun('run-faults'))?.status).toBe('finished');
  });

  it('fails a run whose seed fails, through the FailRun state, with the reason', async () => {
    // Prepare
    const seedDir = await mkdtemp(join(tmpdir(), 'evolverec-seed-'));
    const { cp, appendFile } = await import('node:fs/promises');
    await cp(SEED_DIR, seedDir, { recursive: true });
    await appendFile(join(seedDir, 'model.py'), '\n# BROKEN\n');
    await startRun('run-x', {}, seedDir);

    // Act
    const result = await execute('run-x', []);

    // Assert
    expect(result.output).toMatchObject({ failed: expect.any(String) });
    const run = await cloud.registry.getRun('run-x');
    expect(run?.status).toBe('failed');
    expect(run?.stopReason).toMatch(/^the seed program failed: nan/);
    await rm(seedDir, { recursive: true, force: true });
  });
});
