export type { BudgetCheck, RunBudget, RunProgress } from './budget.js';
export { checkBudget, runBudgetSchema } from './budget.js';
export { costUsd, estimateUsage } from './cost.js';
export type { LlmExchange } from './exchange.js';
export { llmExchange, llmExchangeSchema } from './exchange.js';
export type { LedgerEntry, LedgerKind, LedgerTotals } from './ledger.js';
export { ledgerEntrySchema, ledgerKindSchema, ledgerTotals, llmLedgerEntry } from './ledger.js';
export type {
  LlmClient,
  LlmMessage,
  LlmReply,
  LlmRequest,
  LlmRole,
  LlmUsage,
} from './llmClient.js';
export { llmMessageSchema, llmRoleSchema, llmUsageSchema } from './llmClient.js';
export type { LlmConfig, LlmConfigInput, ModelPrice } from './llmConfig.js';
export { llmConfigSchema, modelPriceSchema, priceOfRole } from './llmConfig.js';
export type { AttemptFailure, HeaderLookup, RetryDecision, RetryPolicy } from './retryPolicy.js';
export { backoffDelayMs, failureKindOfStatus, planRetry, retryAfterMs } from './retryPolicy.js';
export type { LambdaPrices, StepUsage } from './stepUsage.js';
export { stepUsageLedger, stepUsageSchema } from './stepUsage.js';
