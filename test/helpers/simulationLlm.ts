import { afterEach, beforeAll } from 'vitest';
import { createOpenAiLlmClient } from '../../shared/src/adapters/index.js';
import type { LlmClient } from '../../shared/src/core/llm/index.js';
import type { SimulationTemplates } from '../../shared/src/core/simulation/index.js';
import { SIMULATION_TEMPLATE_NAMES } from '../../shared/src/core/simulation/index.js';
import { readTemplateFiles } from '../../shared/src/local/index.js';
import type { FakeHandler, FakeOpenAiServer } from './fakeOpenAiServer.js';
import { fakeServerLlmConfig, startFakeOpenAiServer } from './fakeOpenAiServer.js';

/**
 * For a suite of simulator tests: the simulation prompt templates, read once, and a fake
 * OpenAI-compatible endpoint a test starts with `serve`, closed after the test.
 */
function useSimulationLlm(): {
  readonly templates: () => SimulationTemplates;
  readonly serve: (handler: FakeHandler) => Promise<LlmClient>;
  /** The endpoint the test started. */
  readonly server: () => FakeOpenAiServer;
} {
  let templates: SimulationTemplates | undefined;
  let server: FakeOpenAiServer | undefined;
  beforeAll(async () => {
    templates = await readTemplateFiles(SIMULATION_TEMPLATE_NAMES);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    templates: () => {
      if (templates === undefined) throw new Error('the templates are not read yet');
      return templates;
    },
    serve: async (handler) => {
      server = await startFakeOpenAiServer(handler);
      return createOpenAiLlmClient(fakeServerLlmConfig(server), { apiKey: 'sk-test-key' });
    },
    server: () => {
      if (server === undefined) throw new Error('no fake endpoint was started in this test');
      return server;
    },
  };
}

export { useSimulationLlm };
