import { runIdSchema } from '../../shared/src/core/runs/index.js';
import { UsageError } from '../../shared/src/errors.js';

/** The one run id a command takes, checked as the API checks it. */
function oneRunId(command: string, positionals: readonly string[]): string {
  const [runId, ...extra] = positionals;
  const checked = runIdSchema.safeParse(runId);
  if (!checked.success || extra.length > 0) {
    throw new UsageError(
      `${command} takes one run id (letters, digits, ".", "_" and "-"), got '${positionals.join(' ')}'`
    );
  }
  return checked.data;
}

export { oneRunId };
