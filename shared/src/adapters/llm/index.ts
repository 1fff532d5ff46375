export type { OpenAiLlmClientOptions } from './openAiLlmClient.js';
export { createOpenAiLlmClient } from './openAiLlmClient.js';
