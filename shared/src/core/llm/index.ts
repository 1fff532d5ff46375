export type { BudgetCheck, RunBudget, RunProgress } from './budget.js';
export { checkBudget, runBudgetSchema } from './budget.js';
export type { RoleCallStats } from './callStats.js';
export { callStats } from './callStats.js';
export { costUsd } from './cost.js';
export type { LlmExchange } from './exchange.js';
export { failedLlmExchange, llmExchange, llmExchangeSchema } from './exchange.js';
export type { LedgerEntry, LedgerKind, LedgerTotals } from './ledger.js';
export { ledgerEntrySchema, ledgerKindSchema, ledgerTotals, llmLedgerEntry } from './ledger.js';
export type {
  LlmClient,
  LlmMessage,
  LlmReply,
  LlmRequest,
  LlmRole,
  LlmUsage,
  ResponseFormat,
} from './llmClient.js';
export {
  llmMessageSchema,
  llmRoleSchema,
  llmUsageSchema,
  responseFormatSchema,
} from './llmClient.js';
export type { LlmConfig, LlmConfigInput, ModelPrice } from './llmConfig.js';
export {
  llmConfigSchema,
  modelPriceSchema,
  priceOfRole,
  promptTokenBudget,
} from './llmConfig.js';
export type { OptionalPart, PromptFit } from './promptFit.js';
export { fitPrompt, promptFitSchema } from './promptFit.js';
export type { JsonSchema, ResponseSchema } from './responseSchema.js';
export { responseSchemaOf } from './responseSchema.js';
export type { AttemptFailure, HeaderLookup, RetryDecision, RetryPolicy } from './retryPolicy.js';
export {
  attemptTimeoutMs,
  backoffDelayMs,
  failureKindOfStatus,
  planRetry,
  retryAfterMs,
} from './retryPolicy.js';
export type { LambdaPrices, StepUsage } from './stepUsage.js';
export { stepUsageLedger, stepUsageSchema } from './stepUsage.js';
