import { bestProgram } from '../archive/index.js';
import { stepUsageLedger } from '../llm/index.js';
import { bestProgramSection } from './bestProgramSection.js';
import { bestSoFarSection, chartData, curvesSection, paretoSection } from './chartSections.js';
import { comparisonSection } from './comparisonSection.js';
import { costSection } from './costSection.js';
import { evolutionTreeSvg, REJECTED_STAGES, scoreLegend } from './evolutionTree.js';
import type { Markup } from './html.js';
import { html, jsonForScript, rawScript, renderDocument } from './html.js';
import { programDetails, programLink } from './programDetails.js';
import {
  bestSoFarByGeneration,
  costLines,
  FEEDBACK_OBJECTIVES,
  paretoPoints,
  usageByState,
  VALIDATION_METRICS,
} from './reportFigures.js';
import { REPORT_STYLE } from './reportStyle.js';
import type { ReportProgram, RunReportData } from './runReportData.js';

/** A script the page runs, with the hash its Content-Security-Policy allows it by. */
interface PageScript {
  readonly source: string;
  /** Base64 SHA-256 of `source`, exactly as the page holds it. */
  readonly sha256: string;
}

/** What the page inlines besides its data: the chart library, then the script that draws. */
interface ReportPageAssets {
  readonly chartLibrary: PageScript;
  readonly chartScript: PageScript;
}

/**
 * Nothing from the network, and only the two known scripts run: an injected script element, an
 * inline handler or a URL in the data would be refused by the browser even if it got through.
 */
function contentSecurityPolicy(assets: ReportPageAssets): string {
  const scripts = [assets.chartLibrary, assets.chartScript]
    .map((script) => `'sha256-${script.sha256}'`)
    .join(' ');
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** What ran, how far it got and when, in one line. */
function summaryLine({ state, programs, generatedAt }: RunReportData): string {
  const { config } = state;
  const stop = state.stopReason === undefined ? '' : ` (${state.stopReason})`;
  return [
    `${config.strategy} on ${config.dataset}: ${state.status}${stop}`,
    `${state.generation} of ${config.generations} generation(s) × ${config.candidatesPerGeneration} candidates`,
    `${programs.length} programs, ${state.candidatesTried} candidates tried`,
    `started ${state.startedAt}`,
    `report of ${generatedAt}`,
  ].join(' · ');
}

/** The failed and rejected candidates, each with where and why. */
function failuresList(programs: readonly ReportProgram[]): Markup {
  const failed = programs.filter(({ record }) => record.status === 'failed');
  if (failed.length === 0) return html`<p class="muted">No candidate failed.</p>`;
  return html`<table class="failures">
    <caption>Failed and rejected candidates</caption>
    <tr><th>program</th><th></th><th>stage</th><th>reason</th></tr>
    ${failed.map(({ record }) => {
      const stage = record.failure?.stage ?? 'unknown';
      return html`<tr data-program=${record.id}><td>${programLink(record.id)}</td>
        <td>${REJECTED_STAGES.has(stage) ? 'rejected' : 'failed'}</td><td>${stage}</td>
        <td class="reason">${record.failure?.reason ?? ''}</td></tr>`;
    })}
  </table>`;
}

/**
 * The run's report as one self-contained HTML page: the best program against the seed (with the
 * published anchors and its diff), the evolution tree, best-so-far per generation, training
 * curves, the Pareto front, every program's idea and feedback, and costs. Pure: the same data
 * and assets give the same page. Every string from the run is escaped; the charts are drawn by
 * the inlined library from the JSON the page carries.
 */
function renderRunReportPage(data: RunReportData, assets: ReportPageAssets): string {
  const { state, programs } = data;
  const records = programs.map((program) => program.record);
  const bestId = bestProgram(state.archive)?.programId;
  const best = records.find((record) => record.id === bestId);
  const seed = records.find((record) => record.id === state.seedProgramId);
  const bestSoFar = bestSoFarByGeneration(
    programs,
    [...VALIDATION_METRICS, ...FEEDBACK_OBJECTIVES],
    state.generation
  );
  const pareto = paretoPoints(programs);
  const ledger = [...state.ledger, ...stepUsageLedger(data.stepUsage, state.config.costs)];
  const charts = chartData(bestSoFar, programs, pareto);
  const { config } = state;
  const title = `evolverec run ${state.runId}`;
  return renderDocument(html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta http-equiv="Content-Security-Policy" content=${contentSecurityPolicy(assets)} />
      <meta name="referrer" content="no-referrer" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      <style dangerouslySetInnerHTML=${{ __html: REPORT_STYLE }}></style>
    </head>
    <body>
      <h1>${title}</h1>
      <p class="summary">${summaryLine(data)}</p>
      <nav><a href="#best">best vs seed</a><a href="#tree">tree</a><a href="#progress">best so far</a
        ><a href="#curves">curves</a><a href="#pareto">Pareto front</a><a href="#programs">programs</a
        ><a href="#costs">costs</a>${data.comparison === undefined ? null : html`<a href="#comparison">comparison</a>`}</nav>
      ${bestProgramSection({
        dataset: config.dataset,
        ...(seed === undefined ? {} : { seed }),
        ...(best === undefined ? {} : { best }),
        ...(data.final.test === undefined ? {} : { test: data.final.test }),
        ...(data.final.note === undefined ? {} : { finalNote: data.final.note }),
        ...(data.bestDiffFromSeed === undefined ? {} : { diffFromSeed: data.bestDiffFromSeed }),
      })}
      <section id="tree">
        <h2>Evolution tree</h2>
        ${scoreLegend(records)}
        <div class="tree-box">${evolutionTreeSvg(records)}</div>
        ${failuresList(programs)}
      </section>
      ${bestSoFarSection(bestSoFar)}
      ${curvesSection(charts)}
      ${paretoSection(pareto)}
      <section id="programs">
        <h2>Programs</h2>
        ${programs.map((program) => programDetails(program, bestId))}
      </section>
      ${costSection(costLines(ledger), usageByState(data.stepUsage), config)}
      ${comparisonSection(data.comparison)}
      ${rawScript(jsonForScript(charts), { type: 'application/json', id: 'report-data' })}
      ${rawScript(assets.chartLibrary.source)}
      ${rawScript(assets.chartScript.source)}
    </body>
  </html>`);
}

export type { PageScript, ReportPageAssets };
export { renderRunReportPage };
