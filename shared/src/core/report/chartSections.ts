import type { Markup } from './html.js';
import { html } from './html.js';
import { fixed, programLink } from './programDetails.js';
import type { BestSoFar, ParetoPoint } from './reportFigures.js';
import { FEEDBACK_OBJECTIVES, VALIDATION_METRICS } from './reportFigures.js';
import type { ReportProgram } from './runReportData.js';

/** One line of a chart: a name and a value per x (null where there is none). */
interface ChartSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

/** A training job's curve as the charts draw it. */
interface ChartCurve {
  readonly programId: string;
  readonly epochs: readonly number[];
  readonly valNdcg10: readonly number[];
  readonly loss: readonly number[];
}

/** What the page's script draws, embedded in the page as JSON. */
interface ReportChartData {
  readonly generations: readonly number[];
  readonly bestAccuracy: readonly ChartSeries[];
  readonly bestFeedback: readonly ChartSeries[];
  readonly curves: readonly ChartCurve[];
  readonly pareto: readonly ParetoPoint[];
}

function seriesOf(lines: readonly BestSoFar[], names: readonly string[]): ChartSeries[] {
  return names.map((name) => ({
    name,
    values: lines.map((line) => line.values[name] ?? null),
  }));
}

/** The charts' data from the figures the page's tables show. */
function chartData(
  bestSoFar: readonly BestSoFar[],
  programs: readonly ReportProgram[],
  pareto: readonly ParetoPoint[]
): ReportChartData {
  return {
    generations: bestSoFar.map((line) => line.generation),
    bestAccuracy: seriesOf(bestSoFar, VALIDATION_METRICS),
    bestFeedback: seriesOf(bestSoFar, FEEDBACK_OBJECTIVES),
    curves: programs.flatMap(({ record, curve }) =>
      curve === undefined || curve.length === 0
        ? []
        : [
            {
              programId: record.id,
              epochs: curve.map((point) => point.epoch),
              valNdcg10: curve.map((point) => point.valNdcg10),
              loss: curve.map((point) => point.loss),
            },
          ]
    ),
    pareto,
  };
}

function chart(id: string, label: string): Markup {
  return html`<div class="chart"><canvas id=${id} role="img" aria-label=${label}></canvas></div>`;
}

/** Best-so-far per generation for each metric: two charts and the table of their values. */
function bestSoFarSection(lines: readonly BestSoFar[]): Markup {
  const names = [...VALIDATION_METRICS, ...FEEDBACK_OBJECTIVES];
  return html`<section id="progress">
    <h2>Best so far, generation by generation</h2>
    <div class="charts">
      ${chart('chart-best-accuracy', 'best validation metrics so far by generation')}
      ${chart('chart-best-feedback', 'best satisfaction and coverage so far by generation')}
    </div>
    <table class="best-so-far">
      <tr><th>generation</th>${names.map((name) => html`<th>${name}</th>`)}</tr>
      ${lines.map(
        (line) => html`<tr data-generation=${line.generation}><th>${line.generation}</th>
          ${names.map((name) => html`<td>${fixed(line.values[name])}</td>`)}</tr>`
      )}
    </table>
  </section>`;
}

/** Each trained program's training curve (the job's figures, on its tuning users). */
function curvesSection(data: ReportChartData): Markup {
  return html`<section id="curves">
    <h2>Training curves</h2>
    <p class="muted">The job's own validation NDCG@10 on its tuning users and its loss, epoch by
      epoch: what early stopping saw, not figures of record.</p>
    ${
      data.curves.length === 0
        ? html`<p class="muted">No curve kept (the jobs' outputs expire with work/).</p>`
        : html`<div class="charts">
            ${chart('chart-curves-ndcg', "the jobs' validation NDCG@10 by epoch")}
            ${chart('chart-curves-loss', "the jobs' training loss by epoch")}
          </div>
          <table class="curves">
            <tr><th>program</th><th>epochs</th><th>best job val NDCG@10</th><th>at epoch</th></tr>
            ${data.curves.map((curve) => {
              const best = Math.max(...curve.valNdcg10);
              return html`<tr><td>${programLink(curve.programId)}</td><td>${curve.epochs.length}</td>
                <td>${fixed(best)}</td><td>${curve.epochs[curve.valNdcg10.indexOf(best)]}</td></tr>`;
            })}
          </table>`
    }
  </section>`;
}

/** The Pareto front of accuracy against satisfaction and coverage, charted and with values. */
function paretoSection(points: readonly ParetoPoint[]): Markup {
  const front = points.filter((point) => point.onFront);
  return html`<section id="pareto">
    <h2>Pareto front: accuracy, satisfaction, coverage</h2>
    <div class="charts">
      ${chart('chart-pareto-satisfaction', 'validation NDCG@10 against satisfaction')}
      ${chart('chart-pareto-coverage', 'validation NDCG@10 against catalogue coverage')}
    </div>
    <table class="front">
      <caption>On the front (no program is as good on all three and better on one)</caption>
      <tr><th>program</th><th>val NDCG@10</th><th>satisfaction</th><th>coverage</th></tr>
      ${front.map(
        (point) => html`<tr data-program=${point.programId}><td>${programLink(point.programId)}</td>
          <td>${fixed(point.accuracy)}</td><td>${fixed(point.satisfaction)}</td>
          <td>${fixed(point.coverage)}</td></tr>`
      )}
    </table>
  </section>`;
}

export type { ReportChartData };
export { bestSoFarSection, chartData, curvesSection, paretoSection };
