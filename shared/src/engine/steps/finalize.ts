import { stepUsageLedger } from '../../core/llm/index.js';
import { renderRunReportPage } from '../../core/report/index.js';
import type { RunReport } from '../../core/runs/index.js';
import { runKeys, runReport, runReportMarkdown } from '../../core/runs/index.js';
import { finalEvaluationOf, gatherRunReportData } from '../gatherRunReportData.js';
import { describeCaughtError } from './caughtError.js';
import type { FinalizeInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { putJson } from './storedObjects.js';

/**
 * The Finalize step: the report of the run, with the test metrics the judge gave the best
 * program's model (the test split is read there and nowhere else), written to the bucket as
 * report.json, report.md and the self-contained page report.html; the run is marked finished.
 */
async function finalize(input: FinalizeInput, services: StepServices): Promise<RunReport> {
  const { runId } = input;
  const { objects, registry } = services;
  const keys = runKeys(runId);
  const final = await finalEvaluationOf(
    objects,
    runId,
    input.final?.programId,
    `not available (${describeCaughtError(input.finalError)})`
  );
  const [data, assets] = await Promise.all([
    gatherRunReportData(services, runId, final),
    services.reportPageAssets(),
  ]);
  const { state } = data;
  const report = runReport(state, final, stepUsageLedger(data.stepUsage, state.config.costs));
  await putJson(objects, keys.reportJson, report);
  await objects.put(keys.reportMarkdown, runReportMarkdown(report));
  await objects.put(keys.reportHtml, renderRunReportPage(data, assets));
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
