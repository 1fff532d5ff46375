import { join } from 'node:path';
import { createStepServices } from '../shared/src/adapters/stepServices.js';
import type { FeedbackSteps, ModelJudge, StepServices } from '../shared/src/engine/index.js';
import type { LocalEnv } from '../shared/src/local/index.js';
import { PROMPTS_DIR } from '../shared/src/local/index.js';
import type { LocalCloud } from './localCloud.js';

/**
 * The steps' services on one machine: the local cloud's storage, the LLM key from the
 * environment variable the run's config names, the checkout's templates, scratch space under
 * the state dir. Tests may replace the feedback steps and the judge.
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
    promptsDir: PROMPTS_DIR,
    scratchDir: join(options.stateDir, 'scratch'),
    ...(options.feedback === undefined ? {} : { feedback: options.feedback }),
    ...(options.judge === undefined ? {} : { judge: options.judge }),
    ...(options.onSimulatedUser === undefined ? {} : { onSimulatedUser: options.onSimulatedUser }),
  });
}

export { createLocalStepServices };
