export type { OpenAiLlmClientOptions } from './openAiLlmClient.js';
export { createOpenAiLlmClient } from './openAiLlmClient.js';
export type { ApiKeySource, EmbeddedLlmFactory, RunLlmClients } from './runLlmClient.js';
export { createRunLlmClients } from './runLlmClient.js';
