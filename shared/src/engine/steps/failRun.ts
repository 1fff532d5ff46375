import { describeCaughtError } from './caughtError.js';
import type { FailRunInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';

/**
 * The FailRun step: a fault no step could handle (after its retries), or a seed that failed. The
 * run is marked failed with the reason; its stored state stays, so a new execution can resume it.
 */
async function failRun(
  input: FailRunInput,
  services: StepServices
): Promise<{ readonly runId: string; readonly reason: string }> {
  const reason = input.reason ?? describeCaughtError(input.error);
  await services.registry.updateRun(
    input.runId,
    { status: 'failed', stopReason: reason, updatedAt: services.now().toISOString() },
    ['running', 'queued']
  );
  return { runId: input.runId, reason };
}

export { failRun };
