import type { RunConfigInput } from '../../shared/src/core/evolution/index.js';
import { runConfigSchema } from '../../shared/src/core/evolution/index.js';
import type { RunRecord } from '../../shared/src/core/runs/index.js';

/** A queued `nas` run of team recsys with a $5 budget; overrides change any field. */
function queuedRun(
  runId: string,
  overrides: Partial<RunRecord> = {},
  config: RunConfigInput = { strategy: 'nas', dataset: 'ml-100k', budget: { usd: 5 } }
): RunRecord {
  return {
    runId,
    team: 'recsys',
    status: 'queued',
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    config: runConfigSchema.parse(config),
    generation: 0,
    usd: 0,
    ...overrides,
  };
}

export { queuedRun };
