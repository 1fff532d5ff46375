import type { ProgramOutcomeKind } from '../core/evolution/index.js';
import type { LlmClient, LlmExchange, LlmRole } from '../core/llm/index.js';
import type { ProgramFiles, SearchReplaceEdit } from '../core/program/index.js';
import { applyEdits } from '../core/program/index.js';
import type { PromptTemplates, ProposalContext } from '../core/proposal/index.js';
import {
  codeParts,
  describeIdea,
  editsMessages,
  editsResponseSchemaFor,
  editsRetryMessages,
  ideaMessages,
  ideaParts,
  ideaResponseSchema,
} from '../core/proposal/index.js';
import { askForJson, llmFailureReason } from './askForJson.js';
import { fittedMessages } from './fittedMessages.js';

/** How a proposal that produced no program failed. */
type ProposalFailureKind = Extract<
  ProgramOutcomeKind,
  'unparseable' | 'schema_mismatch' | 'edits_not_applied' | 'prompt_too_large' | 'llm_failure'
>;

/** A new program, or why none came out; the exchanges are stored either way. */
type Proposal =
  | {
      readonly ok: true;
      readonly files: ProgramFiles;
      readonly idea: string;
      readonly exchanges: readonly LlmExchange[];
    }
  | {
      readonly ok: false;
      readonly kind: ProposalFailureKind;
      readonly reason: string;
      readonly idea?: string;
      readonly exchanges: readonly LlmExchange[];
    };

/** The tokens a role's prompt may take (its model's window less its answer), when known. */
type PromptBudget = (role: LlmRole) => number | undefined;

/**
 * The two LLM steps of a proposal: the proposer states an idea and the failure modes it
 * addresses, then the coder writes SEARCH/REPLACE edits of the parent's evolve blocks. Each
 * prompt is fitted to its model's window (optional parts left out whole, least important
 * first). Edits that do not apply go back to the coder once (per `correctiveRetries`) with the
 * failing block named; an LLM that stays unreachable after its retries fails the proposal, not
 * the run.
 */
async function proposeWithLlm(
  llm: LlmClient,
  templates: PromptTemplates,
  context: ProposalContext,
  correctiveRetries: number,
  promptBudget: PromptBudget = () => undefined
): Promise<Proposal> {
  const exchanges: LlmExchange[] = [];
  let idea: string | undefined;
  try {
    const ideaPrompt = await fittedMessages(
      llm,
      'proposer',
      promptBudget('proposer'),
      ideaParts(context),
      (kept) => ideaMessages(templates, context, kept)
    );
    if (ideaPrompt.fit.promptTokens > ideaPrompt.fit.budgetTokens) {
      return { ok: false, ...tooLarge('proposer', ideaPrompt.fit), exchanges };
    }
    const ideaAnswer = await askForJson(
      llm,
      templates,
      {
        role: 'proposer',
        messages: ideaPrompt.messages,
        schema: ideaResponseSchema,
        schemaName: 'idea',
        correctiveRetries,
        fit: ideaPrompt.fit,
      },
      exchanges
    );
    if (!ideaAnswer.ok) {
      const reason = `no usable idea: ${ideaAnswer.problem}`;
      return { ok: false, kind: ideaAnswer.kind, reason, exchanges };
    }
    idea = describeIdea(ideaAnswer.value);
    const chosen = ideaAnswer.value;
    const editable = chosen.edits_probes
      ? context.editableFiles
      : context.editableFiles.filter((file) => file !== 'probes.js');
    const editsPrompt = await fittedMessages(
      llm,
      'coder',
      promptBudget('coder'),
      codeParts(),
      (kept) => editsMessages(templates, context, chosen, kept)
    );
    if (editsPrompt.fit.promptTokens > editsPrompt.fit.budgetTokens) {
      return { ok: false, ...tooLarge('coder', editsPrompt.fit), idea, exchanges };
    }
    let messages = editsPrompt.messages;
    let failures: string[] = [];
    for (let attempt = 0; attempt <= correctiveRetries; attempt += 1) {
      const editsAnswer = await askForJson(
        llm,
        templates,
        {
          role: 'coder',
          messages,
          schema: editsResponseSchemaFor(context.parent.files, editable),
          schemaName: 'edits',
          correctiveRetries,
          ...(attempt === 0 ? { fit: editsPrompt.fit } : {}),
        },
        exchanges
      );
      if (!editsAnswer.ok) {
        const reason = `no usable edits: ${editsAnswer.problem}`;
        return { ok: false, kind: editsAnswer.kind, reason, idea, exchanges };
      }
      const applied = applyProposedEdits(context.parent.files, editsAnswer.value.edits, editable);
      if (applied.ok) return { ok: true, files: applied.files, idea, exchanges };
      failures = applied.failures;
      messages = editsRetryMessages(templates, editsAnswer.messages, editsAnswer.answer, failures);
    }
    const reason = `edits did not apply: ${failures.join(' | ')}`;
    return { ok: false, kind: 'edits_not_applied', reason, idea, exchanges };
  } catch (error) {
    const reason = llmFailureReason(error);
    return {
      ok: false,
      kind: 'llm_failure',
      reason,
      ...(idea === undefined ? {} : { idea }),
      exchanges,
    };
  }
}

function tooLarge(
  role: LlmRole,
  fit: { readonly promptTokens: number; readonly budgetTokens: number }
): { readonly kind: 'prompt_too_large'; readonly reason: string } {
  return {
    kind: 'prompt_too_large',
    reason: `the ${role}'s prompt takes ${fit.promptTokens} tokens with every optional part left out, more than the ${fit.budgetTokens} its model's window leaves beside the answer`,
  };
}

/** Applies edits restricted to the strategy's files; an unchanged program is a failure too. */
function applyProposedEdits(
  files: ProgramFiles,
  edits: readonly SearchReplaceEdit[],
  editableFiles: readonly string[]
):
  | { readonly ok: true; readonly files: ProgramFiles }
  | { readonly ok: false; readonly failures: string[] } {
  const forbidden = edits
    .map((edit, index) => ({ edit, index }))
    .filter(({ edit }) => !editableFiles.includes(edit.file))
    .map(
      ({ edit, index }) =>
        `edit ${index + 1}: file '${edit.file}' may not be edited (editable: ${editableFiles.join(', ')})`
    );
  if (forbidden.length > 0) return { ok: false, failures: forbidden };
  const applied = applyEdits(files, edits);
  if (!applied.ok)
    return { ok: false, failures: applied.failures.map((failure) => failure.message) };
  const changed = Object.keys(applied.files).some((name) => applied.files[name] !== files[name]);
  if (!changed) return { ok: false, failures: ['the edits leave the program unchanged'] };
  return { ok: true, files: applied.files };
}

export type { PromptBudget, Proposal, ProposalFailureKind };
export { applyProposedEdits, proposeWithLlm };
