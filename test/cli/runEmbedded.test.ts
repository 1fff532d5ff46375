import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openLocalCloud } from '../../runner/localCloud.js';
import { llmExchangeSchema } from '../../shared/src/core/llm/index.js';
import { runKeys } from '../../shared/src/core/runs/index.js';
import { getJson } from '../../shared/src/engine/index.js';
import { repoRoot } from '../../shared/src/local/index.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));
/** Fetched by scripts/setup.sh: Gemma 3 270M, the base model, Q4_K_M. */
const MODEL = join(repoRoot, 'models', 'gemma-3-270m-q4_k_m.gguf');
/** The whole run: the seed's epoch, its judge and feedback, two model calls, the final judge. */
const RUN_LIMIT_MS = 420_000;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'evolverec-embedded-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** `evolverec …` as a user runs it, in a process of its own: its exit is part of the result. */
function evolverec(args: readonly string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [join(repoRoot, 'cli', 'bin.js'), ...args], {
      cwd: repoRoot,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`evolverec ${args[0]} did not exit within ${RUN_LIMIT_MS} ms:\n${stderr}`));
    }, RUN_LIMIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('evolverec run with the embedded model', () => {
  it(
    'proposes with a real GGUF model held to the schema, trains, records the outcome and exits',
    async () => {
      // Prepare: the tiny seed, one candidate, one epoch, no repair, the offline feedback.
      expect(existsSync(MODEL), `${MODEL} is missing: run scripts/setup.sh`).toBe(true);
      const config = join(root, 'embedded.json');
      await writeFile(
        config,
        JSON.stringify({
          strategy: 'scalar-llm',
          dataset: 'ml-100k',
          seedProgram: join(repoRoot, 'test', 'fixtures', 'tiny-program'),
          generations: 1,
          candidatesPerGeneration: 1,
          llm: {
            provider: 'embedded',
            embedded: { modelFiles: { gemma: MODEL } },
            models: { proposer: 'gemma', coder: 'gemma', simulator: 'gemma', judge: 'gemma' },
            prices: { gemma: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
            contextTokens: { gemma: 4_096 },
            maxTokens: { proposer: 300, coder: 300, simulator: 300, judge: 300 },
            timeoutMs: 120_000,
          },
          proposal: { correctiveRetries: 0, repairAttempts: 0 },
          training: { maxEpochs: 1 },
          feedback: { users: 10 },
        })
      );
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? root,
        EVOLVEREC_STATE_DIR: join(root, 'state'),
        EVOLVEREC_DATA_DIR: dataDir,
      };

      // Act
      const run = await evolverec(['run', '--config', config, '--run-id', 'embedded'], env);
      const show = await evolverec(['show', 'embedded', '--json'], env);

      // Assert: the run finished and its process ended by itself
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('status: finished (all 1 generations done)');
      expect(run.stderr).toMatch(/g000-seed: ok, val_ndcg@10 0\.\d{4} · train/);
      const report = JSON.parse(show.stdout);
      expect(report.outcomes).toHaveLength(1);
      const [outcomes] = report.outcomes;
      expect(outcomes).toMatchObject({ strategy: 'scalar-llm', model: 'gemma', candidates: 1 });
      const counted = Object.values(outcomes.counts as Record<string, number>);
      expect(counted.reduce((sum, count) => sum + count, 0)).toBe(1);
      // The candidate's calls: the model's own token counts, every answer held to its schema.
      const cloud = await openLocalCloud(join(root, 'state'));
      try {
        const candidate = await cloud.store.loadOutcome('embedded', 'g001-c00');
        const exchanges =
          (await getJson(
            cloud.objects,
            `${runKeys('embedded').program('g001-c00')}exchanges.json`,
            z.array(llmExchangeSchema)
          )) ?? [];
        expect(exchanges.length).toBeGreaterThanOrEqual(1);
        expect(exchanges[0]).toMatchObject({ role: 'proposer', responseFormat: 'json_schema' });
        expect(exchanges[0]?.fit?.promptTokens).toBeGreaterThan(0);
        for (const exchange of exchanges) {
          expect(exchange.usage.estimated).toBe(false);
          expect(exchange.usage.promptTokens).toBeGreaterThan(0);
          expect(exchange.usage.completionTokens).toBeGreaterThan(0);
          if (exchange.finishReason === 'stop') {
            expect(() => JSON.parse(exchange.responseText)).not.toThrow();
          }
        }
        const llmLedger = candidate?.ledger.filter((entry) => entry.kind === 'llm') ?? [];
        expect(llmLedger).toHaveLength(exchanges.length);
        // Whatever the base model wrote, the candidate ended in one named outcome.
        expect(candidate?.record.outcome?.kind).toBeDefined();
        expect(Object.keys(outcomes.counts)).toEqual([
          candidate?.record.outcome?.harnessKind === undefined
            ? candidate?.record.outcome?.kind
            : `${candidate?.record.outcome?.kind} (${candidate?.record.outcome?.harnessKind})`,
        ]);
      } finally {
        await cloud.close();
      }
    },
    RUN_LIMIT_MS + 60_000
  );
});
