import type { ComparedFigure, Comparison } from '../comparison/index.js';
import {
  COMPARED_FIGURE_DIGITS,
  COMPARED_FIGURES,
  formatInterval,
  formatOptional,
} from '../comparison/index.js';
import type { Markup } from './html.js';
import { html } from './html.js';

/**
 * The strategy comparison this run took part in (`evolverec compare`): the same table, paired
 * tests, code judge and notes as comparison.md, as the page's tables.
 */
function comparisonSection(comparison: Comparison | undefined): Markup | null {
  if (comparison === undefined) return null;
  const figures = Object.keys(COMPARED_FIGURES) as ComparedFigure[];
  const judge = comparison.codeJudge;
  return html`<section id="comparison">
    <h2>Strategy comparison</h2>
    <p>${`${comparison.id}: ${comparison.dataset}, seeds ${comparison.seeds.join(', ')}, ${comparison.candidates} candidates per run after the seed, at most ${comparison.maxEpochs} epochs each, trained on ${comparison.device}. Every figure is the judge's; mean ± 95 % interval over seeds (Student's t).`}</p>
    <table class="comparison">
      <tr><th>strategy</th><th>runs</th>${figures.map((name) => html`<th>${COMPARED_FIGURES[name].label}</th>`)}</tr>
      ${comparison.rows.map(
        (row) => html`<tr data-strategy=${row.strategy}><th>${row.strategy}</th><td>${row.runs}</td>
          ${figures.map((name) => html`<td>${formatInterval(row.figures[name] ?? null, COMPARED_FIGURE_DIGITS[name])}</td>`)}</tr>`
      )}
    </table>
    ${
      comparison.tests.length === 0
        ? null
        : html`<table class="tests">
            <caption>Paired t-tests over seeds (strategy minus reference)</caption>
            <tr><th>strategy</th><th>against</th><th>figure</th><th>seeds</th><th>difference</th><th>t</th><th>p</th></tr>
            ${comparison.tests.map(
              (test) => html`<tr><th>${test.strategy}</th><td>${test.against}</td>
                <td>${COMPARED_FIGURES[test.figure].label}</td><td>${test.n}</td>
                <td>${formatInterval({ mean: test.meanDifference, halfWidth: test.halfWidth, n: test.n }, 4, true)}</td>
                <td>${formatOptional(test.t, 2)}</td><td>${formatOptional(test.pValue, 3)}</td></tr>`
            )}
          </table>`
    }
    ${
      judge === undefined
        ? null
        : html`<table class="code-judge">
            <caption>${`Code judge (${judge.model}), programs shown blind; 1–5`}</caption>
            <tr><th>program</th><th>strategy</th><th>creativity</th><th>explicitness</th><th>insight</th><th>personalisation</th><th>mean</th></tr>
            ${judge.programs.map(
              (program) => html`<tr><th>${program.label}</th><td>${program.strategy}</td>
                ${(['creativity', 'explicitness', 'insight', 'personalisation'] as const).map(
                  (criterion) =>
                    html`<td title=${program.ratings[criterion]?.reason ?? ''}>${program.ratings[criterion]?.score ?? '-'}</td>`
                )}
                <td>${program.mean.toFixed(2)}</td></tr>`
            )}
          </table>`
    }
    ${
      comparison.notes.length === 0
        ? null
        : html`<ul class="notes">${comparison.notes.map((note) => html`<li>${note}</li>`)}</ul>`
    }
  </section>`;
}

export { comparisonSection };
