import type { LlmClient } from '../llm/index.js';
import { askJsonWithRetry } from '../proposal/index.js';
import { pageVerdictOf, simulatedUserAnswerSchema } from './llmUserAnswer.js';
import { simulatedUserMessages } from './llmUserPrompt.js';
import type { SimulationPopulation } from './personaTraits.js';
import type { SimulationTemplates } from './simulationTemplates.js';
import type { UserSimulator } from './userSimulator.js';

interface LlmUserSimulatorOptions {
  readonly llm: LlmClient;
  readonly templates: SimulationTemplates;
  readonly population: SimulationPopulation;
  /** Most recent history items shown in the prompt. */
  readonly historyShown: number;
}

/**
 * The LLM simulated user (role `simulator`): one call per page, every item of the page decided
 * in it, its answer validated; an unusable answer is sent back once, and a second one (or an LLM
 * that stays unreachable) fails the user. It sees the visible history only, never the held-out
 * future.
 */
function createLlmUserSimulator(options: LlmUserSimulatorOptions): UserSimulator {
  const { llm, templates, population, historyShown } = options;
  return {
    kind: 'llm',
    judgePage: async (request) => {
      const reply = await askJsonWithRetry(llm, {
        role: 'simulator',
        messages: simulatedUserMessages(templates, request, population, historyShown),
        schema: simulatedUserAnswerSchema(request.page.length),
        retryTemplate: templates['json-retry'],
        templates: [templates['simulated-user-system'], templates['simulated-user']],
      });
      if (!reply.ok) return reply;
      return {
        ok: true,
        verdict: pageVerdictOf(reply.value, request.page),
        exchanges: reply.exchanges,
      };
    },
  };
}

export type { LlmUserSimulatorOptions };
export { createLlmUserSimulator };
