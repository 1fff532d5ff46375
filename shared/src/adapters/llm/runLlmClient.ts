import type { RunConfig } from '../../core/evolution/index.js';
import type { LlmClient } from '../../core/llm/index.js';
import { UsageError } from '../../errors.js';
import { createOpenAiLlmClient } from './openAiLlmClient.js';

/** Where a run's API key comes from: the environment locally, Secrets Manager in AWS. */
type ApiKeySource = (apiKeyName: string) => Promise<string | undefined>;

/**
 * The LLM client a run's config asks for, one per endpoint and key for the life of the process
 * (a Lambda container, the local runner). A run without an llm section, or without its key, gets
 * an error naming what is missing; the key itself never appears in it.
 */
function createRunLlmClients(readKey: ApiKeySource): (config: RunConfig) => Promise<LlmClient> {
  const clients = new Map<string, Promise<LlmClient>>();
  return (config) => {
    const { llm } = config;
    if (llm === undefined) {
      return Promise.reject(
        new UsageError(`strategy '${config.strategy}' needs an llm section in the run config`)
      );
    }
    const identity = JSON.stringify(llm);
    let client = clients.get(identity);
    if (client === undefined) {
      client = readKey(llm.apiKeyName).then((apiKey) => {
        if (apiKey === undefined || apiKey === '') {
          throw new UsageError(`the run's LLM needs an API key named ${llm.apiKeyName}`);
        }
        return createOpenAiLlmClient(llm, { apiKey });
      });
      client.catch(() => clients.delete(identity));
      clients.set(identity, client);
    }
    return client;
  };
}

export type { ApiKeySource };
export { createRunLlmClients };
