import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { createOpenAiLlmClient, createTrainerProcess } from '../adapters/index.js';
import type { RunConfig } from '../core/evolution/index.js';
import type { LlmClient } from '../core/llm/index.js';
import type { NasSearchSpace } from '../core/nas/index.js';
import type { PromptTemplates } from '../core/proposal/index.js';
import type { EngineServices } from '../engine/index.js';
import { UsageError } from '../errors.js';
import { createLocalCandidateTrainer } from './localCandidateTrainer.js';
import { createLocalFeedbackSource } from './localFeedbackSource.js';
import { createLocalRunStore } from './localRunStore.js';
import { readNasSearchSpace } from './nasSearchSpaceFiles.js';
import type { LocalEnv } from './paths.js';
import { repoRoot, resolvePython } from './paths.js';
import { readPromptTemplates } from './promptTemplateFiles.js';

interface LocalEngineRequest {
  readonly runId: string;
  readonly config: RunConfig;
  readonly dataDir: string;
  /** Runs are kept in `<stateDir>/runs`, candidates trained in `<stateDir>/work/<runId>`. */
  readonly stateDir: string;
  readonly env: LocalEnv;
  /** The trainer's own output (epochs, losses) goes here. */
  readonly trainerProgress: Writable;
  readonly report: (line: string) => void;
}

/**
 * The engine's services on one machine: runs in a local folder, candidates trained by the local
 * trainer subprocess, the LLM at the configured OpenAI-compatible endpoint with the key read
 * from the environment (only when the strategy asks for it), templates and the search space
 * read from the checkout, and the simulate and diagnose steps on the candidate's ONNX model.
 */
async function createLocalEngineServices(request: LocalEngineRequest): Promise<EngineServices> {
  const { config, env } = request;
  const trainer = createTrainerProcess({
    python: resolvePython(env),
    progress: request.trainerProgress,
    cwd: repoRoot,
    env: { ...env },
  });
  const templates = await readPromptTemplates();
  const seedDir = join(repoRoot, config.seedProgram);
  let searchSpace: NasSearchSpace | undefined;
  let llm: LlmClient | undefined;
  if (config.strategy === 'nas') searchSpace = await readNasSearchSpace(seedDir);
  const lazyLlm = () => {
    llm ??= openAiClient(config, env);
    return llm;
  };
  return {
    store: createLocalRunStore(join(request.stateDir, 'runs')),
    trainer: createLocalCandidateTrainer(
      {
        dataset: config.dataset,
        dataDir: request.dataDir,
        stateDir: request.stateDir,
        workDir: join(request.stateDir, 'work', request.runId),
        ...(config.training.maxEpochs === undefined
          ? {}
          : { maxEpochs: config.training.maxEpochs }),
        ...(config.training.timeLimitSeconds === undefined
          ? {}
          : { timeLimitSeconds: config.training.timeLimitSeconds }),
        report: request.report,
      },
      trainer
    ),
    llm: lazyLlm,
    templates: (): PromptTemplates => templates,
    nasSearchSpace: () => {
      if (searchSpace === undefined) {
        throw new UsageError(`strategy '${config.strategy}' has no search space`);
      }
      return searchSpace;
    },
    feedback: createLocalFeedbackSource(config, request.stateDir, lazyLlm),
    now: () => new Date(),
    report: request.report,
  };
}

function openAiClient(config: RunConfig, env: LocalEnv): LlmClient {
  const llmConfig = config.llm;
  if (llmConfig === undefined) {
    throw new UsageError(`strategy '${config.strategy}' needs an llm section in the run config`);
  }
  const apiKey = env[llmConfig.apiKeyName];
  if (apiKey === undefined || apiKey === '') {
    throw new UsageError(
      `strategy '${config.strategy}' needs an API key in the environment variable ${llmConfig.apiKeyName}`
    );
  }
  return createOpenAiLlmClient(llmConfig, { apiKey });
}

export type { LocalEngineRequest };
export { createLocalEngineServices };
