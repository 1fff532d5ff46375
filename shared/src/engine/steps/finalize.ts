import { evaluationResultSchema } from '../../core/evaluation/index.js';
import type { RunReport } from '../../core/runs/index.js';
import { runKeys, runReport, runReportMarkdown } from '../../core/runs/index.js';
import { describeJobError } from './checkTraining.js';
import { requireState } from './propose.js';
import type { FinalizeInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { getJson, putJson } from './storedObjects.js';

/**
 * The Finalize step: the report of the run, with the test metrics of the best program's final
 * evaluation when that job left them (the test split is read there and nowhere else), written to
 * the bucket; the run is marked finished.
 */
async function finalize(input: FinalizeInput, services: StepServices): Promise<RunReport> {
  const { runId } = input;
  const { objects, registry } = services;
  const state = await requireState(services, runId);
  const keys = runKeys(runId);
  const programId = input.final?.programId;
  const result =
    programId === undefined
      ? undefined
      : await getJson(objects, `${keys.finalOut(programId)}metrics.json`, evaluationResultSchema);
  const test =
    result?.status === 'ok'
      ? Object.fromEntries(
          Object.entries(result.metrics).filter(([name]) => name.startsWith('test_'))
        )
      : undefined;
  const note =
    test !== undefined
      ? undefined
      : result?.status === 'failed'
        ? `failed: ${result.error.kind}: ${result.error.message}`
        : `not available (${describeJobError(input.finalError)})`;
  const report = runReport(state, {
    ...(test === undefined ? {} : { test }),
    ...(note === undefined ? {} : { note }),
  });
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
