import type { LlmClient } from '../llm/index.js';
import { createLlmUserSimulator } from './llmUserSimulator.js';
import { createOfflineUserSimulator } from './offlineUserSimulator.js';
import type { SimulationPopulation } from './personaTraits.js';
import type { SimulationTemplates } from './simulationTemplates.js';
import type { UserSimulator } from './userSimulator.js';

/**
 * Which simulated users a run uses: offline (no LLM, the default without one) or LLM users,
 * whose critique then also comes from the LLM aggregator (role judge).
 */
type SimulatorChoice =
  | { readonly kind: 'offline' }
  | { readonly kind: 'llm'; readonly llm: LlmClient; readonly templates: SimulationTemplates };

function createUserSimulator(
  choice: SimulatorChoice,
  population: SimulationPopulation,
  historyShown: number
): UserSimulator {
  return choice.kind === 'llm'
    ? createLlmUserSimulator({ ...choice, population, historyShown })
    : createOfflineUserSimulator(population);
}

export type { SimulatorChoice };
export { createUserSimulator };
