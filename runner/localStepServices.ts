import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { EmbeddedLlmFactory } from '../shared/src/adapters/llm/index.js';
import { createStepServices } from '../shared/src/adapters/stepServices.js';
import type { FeedbackSteps, ModelJudge, StepServices } from '../shared/src/engine/index.js';
import type { LocalEnv } from '../shared/src/local/index.js';
import { PROMPTS_DIR, repoRoot } from '../shared/src/local/index.js';
import type { LocalCloud } from './localCloud.js';

/**
 * The steps' services on one machine: the local cloud's storage, the LLM key from the
 * environment variable the run's config names (or the embedded model, run in this process), the
 * checkout's templates, scratch space under the state dir. Tests may replace the feedback steps
 * and the judge.
 */
function createLocalStepServices(
  cloud: LocalCloud,
  options: {
    readonly stateDir: string;
    readonly env: LocalEnv;
    readonly feedback?: FeedbackSteps;
    readonly judge?: ModelJudge;
    readonly onSimulatedUser?: (done: number, total: number) => void;
  }
): StepServices {
  return createStepServices({
    registry: cloud.registry,
    store: cloud.store,
    objects: cloud.objects,
    readApiKey: async (name) => options.env[name],
    embeddedLlm: loadEmbeddedLlm,
    promptsDir: PROMPTS_DIR,
    scratchDir: join(options.stateDir, 'scratch'),
    ...(options.feedback === undefined ? {} : { feedback: options.feedback }),
    ...(options.judge === undefined ? {} : { judge: options.judge }),
    ...(options.onSimulatedUser === undefined ? {} : { onSimulatedUser: options.onSimulatedUser }),
  });
}

/**
 * node-llama-cpp is loaded only by a run whose config asks for the embedded provider. A model
 * file's relative path is from the working directory, else from the checkout (where setup puts
 * `models/`).
 */
const loadEmbeddedLlm: EmbeddedLlmFactory = async (config, options) => {
  const { createEmbeddedLlmClient } = await import(
    '../shared/src/adapters/llm/embeddedLlmClient.js'
  );
  const { embedded } = config;
  if (embedded === undefined) return createEmbeddedLlmClient(config, options);
  const modelFiles = Object.fromEntries(
    Object.entries(embedded.modelFiles).map(([model, path]) => [model, modelPathOf(path)])
  );
  return createEmbeddedLlmClient({ ...config, embedded: { ...embedded, modelFiles } }, options);
};

function modelPathOf(path: string): string {
  if (isAbsolute(path)) return path;
  const fromHere = resolve(path);
  return existsSync(fromHere) ? fromHere : join(repoRoot, path);
}

export { createLocalStepServices };
