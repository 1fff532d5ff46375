import { join } from 'node:path';
import { createObjectFeedbackSteps } from '../shared/src/adapters/feedback/objectFeedbackSteps.js';
import { createQuickJsProbeSandbox, createRunLlmClients } from '../shared/src/adapters/index.js';
import type { FeedbackSteps, StepServices } from '../shared/src/engine/index.js';
import type { LocalEnv } from '../shared/src/local/index.js';
import { PROMPTS_DIR, readPromptTemplates } from '../shared/src/local/index.js';
import type { LocalCloud } from './localCloud.js';

/**
 * The steps' services on one machine: the local cloud's storage, the LLM key from the
 * environment variable the run's config names (only when a step asks for it), the templates
 * and the feedback steps as a Lambda has them. Tests may replace the feedback steps.
 */
function createLocalStepServices(
  cloud: LocalCloud,
  options: { readonly stateDir: string; readonly env: LocalEnv; readonly feedback?: FeedbackSteps }
): StepServices {
  const llm = createRunLlmClients(async (name) => options.env[name]);
  let templates: ReturnType<typeof readPromptTemplates> | undefined;
  return {
    registry: cloud.registry,
    store: cloud.store,
    objects: cloud.objects,
    llm,
    templates: () => {
      templates ??= readPromptTemplates();
      return templates;
    },
    feedback:
      options.feedback ??
      createObjectFeedbackSteps({
        objects: cloud.objects,
        scratchDir: join(options.stateDir, 'scratch'),
        llm,
        promptsDir: PROMPTS_DIR,
        sandbox: createQuickJsProbeSandbox,
      }),
    now: () => new Date(),
  };
}

export { createLocalStepServices };
