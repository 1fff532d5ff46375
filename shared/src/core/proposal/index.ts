export type { JsonAsk, JsonAskResult } from './askJson.js';
export { askJson } from './askJson.js';
export type { JsonReply } from './askJsonWithRetry.js';
export { askJsonWithRetry } from './askJsonWithRetry.js';
export type { LlmJsonProblemKind, LlmJsonResult } from './llmJson.js';
export { parseLlmJson, templateEcho } from './llmJson.js';
export type {
  FailedAttempt,
  InspirationBrief,
  ProgramBrief,
  ProposalContext,
} from './proposalContext.js';
export type { ProposalPart } from './proposalPrompts.js';
export {
  codeParts,
  describeIdea,
  editsMessages,
  editsRetryMessages,
  ideaMessages,
  ideaParts,
  jsonRetryMessages,
  repairMessages,
} from './proposalPrompts.js';
export { quoteAsData } from './quoteAsData.js';
export type { EditsResponse, IdeaResponse, RepairResponse } from './responses.js';
export {
  editsResponseSchema,
  editsResponseSchemaFor,
  ideaResponseSchema,
  repairResponseSchema,
  repairResponseSchemaFor,
} from './responses.js';
export type { PromptTemplateName, PromptTemplates } from './templates.js';
export { PROMPT_TEMPLATE_NAMES, renderTemplate } from './templates.js';
