import { createQuickJsProbeSandbox, loadScoringModel } from '../adapters/index.js';
import { DIAGNOSIS_TEMPLATE_NAMES } from '../core/diagnosis/index.js';
import type { RunConfig } from '../core/evolution/index.js';
import type { LlmClient } from '../core/llm/index.js';
import type { SimulatorChoice } from '../core/simulation/index.js';
import { SIMULATION_TEMPLATE_NAMES, sampleSimulationUsers } from '../core/simulation/index.js';
import type { FeedbackSource, ModelFeedbackSettings } from '../engine/index.js';
import { createModelFeedbackSource } from '../engine/index.js';
import { preparedViewDir } from './paths.js';
import { readPreparedView } from './preparedViewFiles.js';
import { readTemplateFiles } from './promptTemplateFiles.js';

/**
 * The simulate and diagnose steps on this machine. The candidate view exists only once the seed
 * has been trained (training prepares it), so everything is set up at the first call: the view,
 * the run's sampled users (keyed by the run's seed, the same for every candidate), the simulator
 * and interpreter the config chose, the QuickJS sandbox.
 */
function createLocalFeedbackSource(
  config: RunConfig,
  stateDir: string,
  llm: () => LlmClient
): FeedbackSource {
  let ready: Promise<FeedbackSource> | undefined;
  const setUp = async (): Promise<FeedbackSource> => {
    const view = await readPreparedView(preparedViewDir(stateDir, config.dataset, 'candidate'));
    const simulator: SimulatorChoice =
      config.feedback.simulator === 'llm'
        ? { kind: 'llm', llm: llm(), templates: await readTemplateFiles(SIMULATION_TEMPLATE_NAMES) }
        : { kind: 'offline' };
    const interpreter: ModelFeedbackSettings['interpreter'] =
      config.feedback.interpreter === 'llm'
        ? { kind: 'llm', llm: llm(), templates: await readTemplateFiles(DIAGNOSIS_TEMPLATE_NAMES) }
        : { kind: 'rules' };
    return createModelFeedbackSource({
      loadModel: (location) => loadScoringModel(location),
      view,
      users: sampleSimulationUsers(view, config.feedback.users, `${config.randomSeed}/users`),
      simulator,
      interpreter,
      sandbox: createQuickJsProbeSandbox(),
      maxChars: config.feedback.maxChars,
    });
  };
  return {
    async feedbackFor(request) {
      ready ??= setUp();
      return (await ready).feedbackFor(request);
    },
  };
}

export { createLocalFeedbackSource };
