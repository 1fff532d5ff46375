import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiLlmClient } from '../../shared/src/adapters/index.js';
import type { EvaluationResult } from '../../shared/src/core/evaluation/index.js';
import type { RunConfigInput } from '../../shared/src/core/evolution/index.js';
import { runConfigSchema } from '../../shared/src/core/evolution/index.js';
import type { NasSearchSpace } from '../../shared/src/core/nas/index.js';
import type { ProgramFiles } from '../../shared/src/core/program/index.js';
import type { PromptTemplates } from '../../shared/src/core/proposal/index.js';
import type {
  CandidateTrainer,
  EngineServices,
  FeedbackSource,
} from '../../shared/src/engine/index.js';
import { runEvolution } from '../../shared/src/engine/index.js';
import { SeedProgramFailedError } from '../../shared/src/errors.js';
import {
  createLocalRunStore,
  readNasSearchSpace,
  readProgramDir,
  readPromptTemplates,
  repoRoot,
} from '../../shared/src/local/index.js';
import { failedResult, okResult } from '../helpers/evaluationResults.js';
import type { FakeOpenAiServer, FakeRequest } from '../helpers/fakeOpenAiServer.js';
import { fakeServerLlmConfig, startFakeOpenAiServer } from '../helpers/fakeOpenAiServer.js';
import { editsAnswer, ideaAnswer } from '../helpers/llmAnswers.js';

const DROPOUT = /"dropout": ([0-9.]+),/;

let templates: PromptTemplates;
let seed: ProgramFiles;
let space: NasSearchSpace;
let server: FakeOpenAiServer;
let work: string;

beforeAll(async () => {
  templates = await readPromptTemplates();
  seed = await readProgramDir(join(repoRoot, 'programs', 'sasrec'));
  space = await readNasSearchSpace(join(repoRoot, 'programs', 'sasrec'));
});

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'evolverec-run-'));
  server = await startFakeOpenAiServer(scriptedModel);
});

afterEach(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
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

/** Fitness grows with dropout; a BROKEN program fails like a NaN loss. */
function fakeTrainer(calls: string[], crashOn?: string): CandidateTrainer {
  return {
    modelLocation: ({ programId, attempt }) => `/nowhere/${programId}/${attempt}`,
    async evaluate({ programId, attempt, files }): Promise<EvaluationResult> {
      calls.push(`${programId}#${attempt}`);
      if (programId === crashOn) throw new Error('the machine went away');
      const model = files['model.py'] ?? '';
      if (model.includes('# BROKEN')) return failedResult();
      const result = okResult();
      const dropout = Number(DROPOUT.exec(model)?.[1]);
      const ndcg = 0.08 + dropout / 10;
      return {
        ...result,
        combinedScore: ndcg,
        metrics: { ...result.metrics, 'val_ndcg@10': ndcg },
      };
    },
  };
}

function services(trainer: CandidateTrainer, storeDir = join(work, 'runs')): EngineServices {
  const llm = createOpenAiLlmClient(fakeServerLlmConfig(server), { apiKey: 'sk-test-key' });
  let tick = Date.parse('2026-11-26T00:00:00Z');
  return {
    store: createLocalRunStore(storeDir),
    trainer,
    llm: () => llm,
    templates: () => templates,
    nasSearchSpace: () => space,
    now: () => {
      tick += 1_000;
      return new Date(tick);
    },
    report: () => undefined,
  };
}

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

describe('runEvolution', () => {
  it('evolves generation by generation and keeps the best in the archive', async () => {
    // Prepare
    const calls: string[] = [];

    // Act
    const state = await runEvolution(
      { runId: 'run-a', config: config(), seedFiles: seed },
      services(fakeTrainer(calls))
    );

    // Assert
    expect(state.status).toBe('finished');
    expect(state.stopReason).toBe('all 2 generations done');
    expect(state.programs.map((program) => program.id)).toEqual([
      'g000-seed',
      'g001-c00',
      'g001-c01',
      'g002-c00',
      'g002-c01',
    ]);
    expect(state.candidatesTried).toBe(4);
    const best = Math.max(...state.programs.map((program) => program.fitness ?? 0));
    expect(best).toBeGreaterThan(state.programs[0]?.fitness ?? 1);
    expect(Object.values(state.archive.programs).some((entry) => entry.fitness === best)).toBe(
      true
    );
    // g001's children of the seed raise dropout to 0.25; g002's parents at 0.25 reach 0.3.
    expect(calls.filter((call) => call.endsWith('#2'))).toEqual([]);
    expect(state.ledger.filter((entry) => entry.kind === 'llm').length).toBe(8);
  });

  it('sends a candidate that fails in the harness to the repair loop and trains the fix', async () => {
    // Prepare: the seed at dropout 0.3, so every first proposal comes out BROKEN.
    const calls: string[] = [];
    const seedAt03 = {
      ...seed,
      'model.py': (seed['model.py'] ?? '').replace('"dropout": 0.2,', '"dropout": 0.3,'),
    };
    const store = createLocalRunStore(join(work, 'runs'));

    // Act
    const state = await runEvolution(
      {
        runId: 'run-r',
        config: config({ generations: 1, candidatesPerGeneration: 1 }),
        seedFiles: seedAt03,
      },
      services(fakeTrainer(calls))
    );

    // Assert
    expect(calls).toEqual(['g000-seed#1', 'g001-c00#1', 'g001-c00#2']);
    const outcome = await store.loadOutcome('run-r', 'g001-c00');
    expect(outcome?.record.status).toBe('ok');
    expect(outcome?.record.repairs).toEqual([
      expect.objectContaining({
        attempt: 1,
        diagnosis: 'a stray marker',
        error: expect.objectContaining({ kind: 'nan' }),
      }),
    ]);
    expect(state.programs.at(-1)?.fitness).toBeCloseTo(0.08 + 0.035, 6);
  });

  it('stops proposing when the USD budget is spent and finishes cleanly', async () => {
    // Prepare
    const calls: string[] = [];

    // Act
    const state = await runEvolution(
      {
        runId: 'run-b',
        config: config({ generations: 5, budget: { usd: 0.02 } }),
        seedFiles: seed,
      },
      services(fakeTrainer(calls))
    );

    // Assert
    expect(state.status).toBe('finished');
    expect(state.stopReason).toMatch(/^USD budget exhausted/);
    expect(state.candidatesTried).toBeLessThan(10);
    const spent = state.ledger.reduce((sum, entry) => sum + entry.usd, 0);
    expect(spent).toBeGreaterThanOrEqual(0.02);
    // The check runs before each proposal: at most one proposal's calls past the limit.
    expect(spent).toBeLessThan(0.02 + 0.02);
  });

  it('resumes a killed run where it stopped, training nothing twice', async () => {
    // Prepare
    const firstCalls: string[] = [];
    const request = { runId: 'run-k', config: config(), seedFiles: seed };
    await expect(
      runEvolution(request, services(fakeTrainer(firstCalls, 'g002-c01')))
    ).rejects.toThrow('the machine went away');
    const secondCalls: string[] = [];

    // Act
    const state = await runEvolution(request, services(fakeTrainer(secondCalls)));

    // Assert
    expect(firstCalls).toEqual([
      'g000-seed#1',
      'g001-c00#1',
      'g001-c01#1',
      'g002-c00#1',
      'g002-c01#1',
    ]);
    expect(secondCalls).toEqual(['g002-c01#1']);
    expect(state.programs).toHaveLength(5);
    expect(state.status).toBe('finished');
  });

  it('gives the same run for the same seed', async () => {
    // Act
    const first = await runEvolution(
      { runId: 'run-s', config: config({ randomSeed: 7 }), seedFiles: seed },
      services(fakeTrainer([]), join(work, 'one'))
    );
    const second = await runEvolution(
      { runId: 'run-s', config: config({ randomSeed: 7 }), seedFiles: seed },
      services(fakeTrainer([]), join(work, 'two'))
    );

    // Assert
    expect(second.archive).toEqual(first.archive);
    expect(second.programs).toEqual(first.programs);
  });

  it('runs nas without any LLM call, each candidate a search-space mutation of its parent', async () => {
    // Prepare
    const calls: string[] = [];
    const store = createLocalRunStore(join(work, 'runs'));

    // Act
    const state = await runEvolution(
      {
        runId: 'run-n',
        config: config({ strategy: 'nas', llm: undefined, candidatesPerGeneration: 3 }),
        seedFiles: seed,
      },
      services(fakeTrainer(calls))
    );

    // Assert
    expect(server.requests).toHaveLength(0);
    // A mutation can land on a program the archive already holds; it is dropped untrained.
    expect(
      state.programs.every(
        (program) => program.status === 'ok' || program.failureStage === 'duplicate'
      )
    ).toBe(true);
    const trained = state.programs.filter((program) => program.status === 'ok');
    expect(trained.length).toBeGreaterThanOrEqual(5);
    for (const program of trained.slice(1)) {
      const outcome = await store.loadOutcome('run-n', program.id);
      const files = await store.loadProgramFiles('run-n', program.id);
      const parentFiles = await store.loadProgramFiles('run-n', program.parentId ?? '');
      expect(outcome?.record.idea).toMatch(/→/);
      expect(files['model.py']).not.toBe(parentFiles['model.py']);
    }
  });

  it('rejects a near-duplicate before training it', async () => {
    // Prepare: a coder that only rewrites a comment, which normalisation ignores.
    await server.close();
    server = await startFakeOpenAiServer((request) =>
      request.body.messages[0]?.content.includes('senior recommender-systems researcher')
        ? { content: ideaAnswer() }
        : {
            content: editsAnswer([
              {
                block: 'hyperparameters',
                search: '"dropout": 0.2,',
                replace: '"dropout": 0.2,  # tuned',
              },
            ]),
          }
    );
    const calls: string[] = [];

    // Act
    const state = await runEvolution(
      {
        runId: 'run-d',
        config: config({ generations: 1, candidatesPerGeneration: 1 }),
        seedFiles: seed,
      },
      services(fakeTrainer(calls))
    );

    // Assert
    expect(calls).toEqual(['g000-seed#1']);
    expect(state.programs[1]).toMatchObject({
      id: 'g001-c00',
      status: 'failed',
      failureStage: 'duplicate',
    });
  });

  it("puts the parent's directional feedback into self-evolverec prompts and its figures into the archive", async () => {
    // Prepare
    const calls: string[] = [];
    const feedback: FeedbackSource = {
      feedbackFor: async ({ programId, files }) => ({
        text: `User simulator: CRITICAL\n- failure mode: ${programId} recommends only blockbusters`,
        figures: { satisfaction: 0.1, coverage: 0.05 },
        files,
        exchanges: [],
      }),
    };

    // Act
    const state = await runEvolution(
      {
        runId: 'run-f',
        config: config({ strategy: 'self-evolverec', generations: 1, candidatesPerGeneration: 1 }),
        seedFiles: seed,
      },
      { ...services(fakeTrainer(calls)), feedback }
    );

    // Assert
    const ideaPrompt = server.requests[0]?.body.messages.at(-1)?.content ?? '';
    expect(ideaPrompt).toContain('Directional feedback on the parent');
    expect(ideaPrompt).toContain('g000-seed recommends only blockbusters');
    expect(state.archive.programs['g001-c00']?.objectives).toMatchObject({
      satisfaction: 0.1,
      coverage: 0.05,
    });
  });

  it('refuses to start a run whose seed fails, saving no state', async () => {
    // Prepare
    const broken = { ...seed, 'model.py': `${seed['model.py']}\n# BROKEN\n` };
    const store = createLocalRunStore(join(work, 'runs'));

    // Act
    const run = runEvolution(
      { runId: 'run-x', config: config(), seedFiles: broken },
      services(fakeTrainer([]))
    );

    // Assert
    await expect(run).rejects.toThrow(SeedProgramFailedError);
    expect(await store.loadRunState('run-x')).toBeUndefined();
  });
});
