import type { CandidatePlan, ProgramRecord, RunState } from '../core/evolution/index.js';
import { editableFiles, strategyTraits } from '../core/evolution/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import { unifiedDiff } from '../core/program/index.js';
import type { FailedAttempt, ProposalContext } from '../core/proposal/index.js';
import type { RunStore } from './ports.js';

/** Failed siblings shown to the proposer, newest last. */
const FAILED_SIBLINGS_SHOWN = 3;

/**
 * Gathers what the LLM proposal for `plan` is built from: the parent's code and figures, its
 * directional feedback (self-evolverec only), the inspirations as diffs from the parent, and the
 * parent's recent children that failed.
 */
async function llmProposalContext(
  state: RunState,
  plan: CandidatePlan,
  parent: { readonly record: ProgramRecord; readonly files: ProgramFiles },
  store: RunStore
): Promise<ProposalContext> {
  const traits = strategyTraits(state.config.strategy);
  const inspirations = await Promise.all(
    plan.inspirationIds.map(async (id) => {
      const [outcome, files] = await Promise.all([
        store.loadOutcome(state.runId, id),
        store.loadProgramFiles(state.runId, id),
      ]);
      return {
        id,
        metrics: outcome?.record.features ?? {},
        ...(outcome?.record.idea === undefined ? {} : { idea: outcome.record.idea }),
        diffFromParent: unifiedDiff(parent.files, files),
      };
    })
  );
  const failedSiblings = state.programs
    .filter((program) => program.parentId === plan.parentId && program.status === 'failed')
    .slice(-FAILED_SIBLINGS_SHOWN);
  const failedAttempts: FailedAttempt[] = [];
  for (const sibling of failedSiblings) {
    const outcome = await store.loadOutcome(state.runId, sibling.id);
    const record = outcome?.record;
    if (record?.idea !== undefined && record.failure !== undefined) {
      failedAttempts.push({ idea: record.idea, reason: record.failure.reason });
    }
  }
  const feedback = traits.feedback === 'directional' ? parent.record.feedback : undefined;
  return {
    parent: {
      id: parent.record.id,
      files: parent.files,
      metrics: parent.record.features,
      ...(parent.record.idea === undefined ? {} : { idea: parent.record.idea }),
    },
    ...(feedback === undefined ? {} : { directionalFeedback: feedback }),
    inspirations,
    failedAttempts,
    editableFiles: editableFiles(traits).filter((file) => parent.files[file] !== undefined),
  };
}

export { llmProposalContext };
