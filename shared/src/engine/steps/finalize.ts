import { judgeResultSchema } from '../../core/judging/index.js';
import { stepUsageLedger } from '../../core/llm/index.js';
import type { RunReport } from '../../core/runs/index.js';
import { runKeys, runReport, runReportMarkdown } from '../../core/runs/index.js';
import { describeCaughtError } from './caughtError.js';
import { requireRunState } from './runStateOf.js';
import type { FinalizeInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { getJson, putJson } from './storedObjects.js';

/**
 * The Finalize step: the report of the run, with the test metrics the judge gave the best
 * program's model (the test split is read there and nowhere else), written to the bucket; the
 * run is marked finished.
 */
async function finalize(input: FinalizeInput, services: StepServices): Promise<RunReport> {
  const { runId } = input;
  const { objects, registry, store } = services;
  const [state, usage] = await Promise.all([
    requireRunState(services, runId),
    store.listStepUsage(runId),
  ]);
  const keys = runKeys(runId);
  const programId = input.final?.programId;
  const verdict =
    programId === undefined
      ? undefined
      : await getJson(objects, keys.finalJudge(programId), judgeResultSchema);
  const test = verdict?.status === 'ok' ? verdict.metrics : undefined;
  const note =
    test !== undefined
      ? undefined
      : verdict?.status === 'failed'
        ? `failed: ${verdict.error.kind}: ${verdict.error.message}`
        : `not available (${describeCaughtError(input.finalError)})`;
  const report = runReport(
    state,
    { ...(test === undefined ? {} : { test }), ...(note === undefined ? {} : { note }) },
    stepUsageLedger(usage, state.config.costs)
  );
  await putJson(objects, keys.reportJson, report);
  await objects.put(keys.reportMarkdown, runReportMarkdown(report));
  await registry.updateRun(
    runId,
    {
      status: 'finished',
      updatedAt: services.now().toISOString(),
      usd: report.costs.usd,
      ...(state.stopReason === undefined ? {} : { stopReason: state.stopReason }),
    },
    ['running']
  );
  return report;
}

export { finalize };
