import type { LlmClient, LlmExchange } from '../core/llm/index.js';
import type { ProgramFiles, SearchReplaceEdit } from '../core/program/index.js';
import { applyEdits } from '../core/program/index.js';
import type { PromptTemplates, ProposalContext } from '../core/proposal/index.js';
import {
  describeIdea,
  editsMessages,
  editsResponseSchema,
  editsRetryMessages,
  ideaMessages,
  ideaResponseSchema,
} from '../core/proposal/index.js';
import { askForJson, llmFailureReason } from './askForJson.js';

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
      readonly reason: string;
      readonly idea?: string;
      readonly exchanges: readonly LlmExchange[];
    };

/**
 * The two LLM steps of a proposal: the proposer states an idea and the failure modes it
 * addresses, then the coder writes SEARCH/REPLACE edits of the parent's evolve blocks. Edits that
 * do not apply go back to the coder once (per `correctiveRetries`) with the failing block named;
 * an LLM that stays unreachable after its retries fails the proposal, not the run.
 */
async function proposeWithLlm(
  llm: LlmClient,
  templates: PromptTemplates,
  context: ProposalContext,
  correctiveRetries: number
): Promise<Proposal> {
  const exchanges: LlmExchange[] = [];
  let idea: string | undefined;
  try {
    const ideaAnswer = await askForJson(
      llm,
      templates,
      {
        role: 'proposer',
        messages: ideaMessages(templates, context),
        schema: ideaResponseSchema,
        correctiveRetries,
      },
      exchanges
    );
    if (!ideaAnswer.ok) {
      return { ok: false, reason: `no usable idea: ${ideaAnswer.problem}`, exchanges };
    }
    idea = describeIdea(ideaAnswer.value);
    const editable = ideaAnswer.value.edits_probes
      ? context.editableFiles
      : context.editableFiles.filter((file) => file !== 'probes.js');
    let messages = editsMessages(templates, context, ideaAnswer.value);
    let failures: string[] = [];
    for (let attempt = 0; attempt <= correctiveRetries; attempt += 1) {
      const editsAnswer = await askForJson(
        llm,
        templates,
        { role: 'coder', messages, schema: editsResponseSchema, correctiveRetries },
        exchanges
      );
      if (!editsAnswer.ok) {
        return { ok: false, reason: `no usable edits: ${editsAnswer.problem}`, idea, exchanges };
      }
      const applied = applyProposedEdits(context.parent.files, editsAnswer.value.edits, editable);
      if (applied.ok) return { ok: true, files: applied.files, idea, exchanges };
      failures = applied.failures;
      messages = editsRetryMessages(templates, editsAnswer.messages, editsAnswer.answer, failures);
    }
    return { ok: false, reason: `edits did not apply: ${failures.join(' | ')}`, idea, exchanges };
  } catch (error) {
    const reason = llmFailureReason(error);
    return { ok: false, reason, ...(idea === undefined ? {} : { idea }), exchanges };
  }
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

export type { Proposal };
export { applyProposedEdits, proposeWithLlm };
