import type { EvaluationError } from '../core/evaluation/index.js';
import type { LlmClient, LlmExchange } from '../core/llm/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import type { PromptTemplates } from '../core/proposal/index.js';
import { codeParts, repairMessages, repairResponseSchemaFor } from '../core/proposal/index.js';
import { askForJson, llmFailureReason } from './askForJson.js';
import { fittedMessages } from './fittedMessages.js';
import type { PromptBudget } from './proposeWithLlm.js';
import { applyProposedEdits } from './proposeWithLlm.js';

/** A repaired program, or why the repair produced none. */
type Repair =
  | {
      readonly ok: true;
      readonly files: ProgramFiles;
      readonly diagnosis: string;
      readonly exchanges: readonly LlmExchange[];
    }
  | { readonly ok: false; readonly reason: string; readonly exchanges: readonly LlmExchange[] };

/**
 * One turn of the repair (debug) loop: the coder sees the failed program, its idea, the harness's
 * failure reason and log tail, and answers with edits that fix it. The prompt is fitted to the
 * coder's window: the code outside the evolve blocks goes first, the failure never.
 */
async function repairWithLlm(
  llm: LlmClient,
  templates: PromptTemplates,
  request: {
    readonly programId: string;
    readonly files: ProgramFiles;
    readonly idea: string;
    readonly failure: EvaluationError;
    readonly editableFiles: readonly string[];
    readonly correctiveRetries: number;
  },
  exchanges: LlmExchange[] = [],
  promptBudget: PromptBudget = () => undefined
): Promise<Repair> {
  try {
    const prompt = await fittedMessages(llm, 'coder', promptBudget('coder'), codeParts(), (kept) =>
      repairMessages(templates, request, kept)
    );
    if (prompt.fit.promptTokens > prompt.fit.budgetTokens) {
      const reason = `the repair prompt takes ${prompt.fit.promptTokens} tokens, more than the ${prompt.fit.budgetTokens} the coder's window leaves`;
      return { ok: false, reason, exchanges };
    }
    const answer = await askForJson(
      llm,
      templates,
      {
        role: 'coder',
        messages: prompt.messages,
        schema: repairResponseSchemaFor(request.files, request.editableFiles),
        schemaName: 'repair',
        correctiveRetries: request.correctiveRetries,
        fit: prompt.fit,
      },
      exchanges
    );
    if (!answer.ok) return { ok: false, reason: `no usable repair: ${answer.problem}`, exchanges };
    const applied = applyProposedEdits(request.files, answer.value.edits, request.editableFiles);
    if (!applied.ok) {
      return {
        ok: false,
        reason: `repair edits did not apply: ${applied.failures.join(' | ')}`,
        exchanges,
      };
    }
    return { ok: true, files: applied.files, diagnosis: answer.value.diagnosis, exchanges };
  } catch (error) {
    return { ok: false, reason: llmFailureReason(error), exchanges };
  }
}

export type { Repair };
export { repairWithLlm };
