import type { RunConfig } from '../../core/evolution/index.js';
import type { LlmClient, LlmConfig } from '../../core/llm/index.js';
import { UsageError } from '../../errors.js';
import { invocationDeadline } from '../invocationDeadline.js';
import { createOpenAiLlmClient } from './openAiLlmClient.js';

/** Where a run's API key comes from: the environment locally, Secrets Manager in AWS. */
type ApiKeySource = (apiKeyName: string) => Promise<string | undefined>;

/** Builds the embedded provider's client; absent where no model can run (a Lambda). */
type EmbeddedLlmFactory = (
  config: LlmConfig,
  options: { readonly deadline: () => number | undefined }
) => Promise<LlmClient>;

/** The run's LLM clients, made at first use and kept for the life of the process. */
interface RunLlmClients {
  readonly clientFor: (config: RunConfig) => Promise<LlmClient>;
  /** Closes every client made, so that the process holds no connection or model. */
  readonly closeAll: () => Promise<void>;
}

/**
 * The LLM client a run's config asks for, one per endpoint (or model set) and key for the life
 * of the process (a Lambda container, the local runner). A run without an llm section, or
 * without its key, gets an error naming what is missing; the key itself never appears in it.
 * Every client reads the current step's deadline before each attempt.
 */
function createRunLlmClients(readKey: ApiKeySource, embedded?: EmbeddedLlmFactory): RunLlmClients {
  const clients = new Map<string, Promise<LlmClient>>();
  const make = async (llm: LlmConfig): Promise<LlmClient> => {
    if (llm.provider === 'embedded') {
      if (embedded === undefined) {
        throw new UsageError('the embedded LLM provider runs on one machine only (evolverec run)');
      }
      return embedded(llm, { deadline: invocationDeadline });
    }
    const apiKey = await readKey(llm.apiKeyName);
    if (apiKey === undefined || apiKey === '') {
      throw new UsageError(`the run's LLM needs an API key named ${llm.apiKeyName}`);
    }
    return createOpenAiLlmClient(llm, { apiKey, deadline: invocationDeadline });
  };
  return {
    clientFor: (config) => {
      const { llm } = config;
      if (llm === undefined) {
        return Promise.reject(
          new UsageError(`strategy '${config.strategy}' needs an llm section in the run config`)
        );
      }
      const identity = JSON.stringify(llm);
      let client = clients.get(identity);
      if (client === undefined) {
        client = make(llm);
        client.catch(() => clients.delete(identity));
        clients.set(identity, client);
      }
      return client;
    },
    closeAll: async () => {
      const made = [...clients.values()];
      clients.clear();
      await Promise.all(
        made.map((client) => client.then((ready) => ready.close()).catch(() => undefined))
      );
    },
  };
}

export type { ApiKeySource, EmbeddedLlmFactory, RunLlmClients };
export { createRunLlmClients };
