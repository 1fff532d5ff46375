import { z } from 'zod';
import { comparisonSchema } from '../shared/src/core/comparison/index.js';
import { stepUsageLedger } from '../shared/src/core/llm/index.js';
import type { RunReport } from '../shared/src/core/runs/index.js';
import { runKeys, runReport } from '../shared/src/core/runs/index.js';
import { getJson } from '../shared/src/engine/index.js';
import type { LocalCloud } from './localCloud.js';

/**
 * What the run's stored report.json adds to its state: the final evaluation's test metrics, and
 * the comparison the run took part in.
 */
const finalPartSchema = z
  .object({
    best: z
      .object({ test: z.record(z.string(), z.number()).optional() })
      .loose()
      .optional(),
    finalNote: z.string().optional(),
    comparison: comparisonSchema.optional(),
  })
  .loose();

/**
 * A run's report from its current state and its steps' usage so far, with the test metrics
 * once Finalize stored them.
 */
async function storedRunReport(cloud: LocalCloud, runId: string): Promise<RunReport | undefined> {
  const state = await cloud.store.loadRunState(runId);
  if (state === undefined) return undefined;
  const [stored, usage] = await Promise.all([
    getJson(cloud.objects, runKeys(runId).reportJson, finalPartSchema),
    cloud.store.listStepUsage(runId),
  ]);
  const test = stored?.best?.test;
  return runReport(
    state,
    {
      ...(test === undefined ? {} : { test }),
      ...(stored?.finalNote === undefined ? {} : { note: stored.finalNote }),
    },
    stepUsageLedger(usage, state.config.costs),
    stored?.comparison
  );
}

export { storedRunReport };
