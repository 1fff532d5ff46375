import { candidateContext } from './candidateContext.js';
import { describeCaughtError } from './caughtError.js';
import { storeStepFailure } from './stepFailure.js';
import type { CandidateFailureInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';

/**
 * The RecordFailure state: every Catch inside a candidate's branch leads here, so a Propose,
 * Judge, CheckTraining or Record that failed after its retries is recorded as that candidate's
 * failure with its reason, and the generation goes on.
 */
async function recordFailure(
  input: CandidateFailureInput,
  services: StepServices
): Promise<{ readonly programId: string; readonly status: 'failed' | 'ok' }> {
  const context = candidateContext(services, input);
  const error = describeCaughtError(input.candidateError);
  const outcome = await storeStepFailure(
    context,
    input.generation,
    (stage) => `its ${stage} step failed: ${error}`
  );
  return { programId: input.programId, status: outcome.record.status };
}

export { recordFailure };
