export type { LlmJsonResult } from './llmJson.js';
export { parseLlmJson } from './llmJson.js';
export type {
  FailedAttempt,
  InspirationBrief,
  ProgramBrief,
  ProposalContext,
} from './proposalContext.js';
export {
  describeIdea,
  editsMessages,
  editsRetryMessages,
  ideaMessages,
  jsonRetryMessages,
  repairMessages,
} from './proposalPrompts.js';
export { quoteAsData } from './quoteAsData.js';
export type { EditsResponse, IdeaResponse, RepairResponse } from './responses.js';
export { editsResponseSchema, ideaResponseSchema, repairResponseSchema } from './responses.js';
export type { PromptTemplateName, PromptTemplates } from './templates.js';
export { PROMPT_TEMPLATE_NAMES, renderTemplate } from './templates.js';
