import type { ProgramRecord } from '../evolution/index.js';
import { publishedAnchors } from '../judging/index.js';
import { diffView } from './diffView.js';
import type { Markup } from './html.js';
import { html } from './html.js';
import { fixed, programLink } from './programDetails.js';
import { protocolMetrics, VALIDATION_METRICS } from './reportFigures.js';

interface BestAgainstSeed {
  readonly dataset: string;
  readonly seed?: ProgramRecord;
  readonly best?: ProgramRecord;
  readonly test?: Readonly<Record<string, number>>;
  readonly finalNote?: string;
  readonly diffFromSeed?: string;
}

function signed(value: number | undefined): string {
  if (value === undefined) return '–';
  return `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;
}

/** The published results the best program's test figures compare with (ML-1M only). */
function anchorsTable(dataset: string, test: Readonly<Record<string, number>> | undefined): Markup {
  const anchors = publishedAnchors(dataset);
  if (anchors.length === 0) {
    return html`<p class="muted">No published full-ranking anchors for ${dataset} (docs/protocol.md
      lists ML-1M's).</p>`;
  }
  return html`<table class="anchors">
    <caption>Published anchors, ${dataset}, full ranking (docs/protocol.md)</caption>
    <tr><th>model</th><th>test HR@10</th><th>test NDCG@10</th><th>source</th></tr>
    <tr class="this-run"><td>this run's best</td><td>${fixed(test?.['test_hr@10'])}</td>
      <td>${fixed(test?.['test_ndcg@10'])}</td><td>the judge, this run</td></tr>
    ${anchors.map(
      (anchor) => html`<tr><td>${anchor.model}</td><td>${fixed(anchor['test_hr@10'])}</td>
        <td>${fixed(anchor['test_ndcg@10'])}</td><td>${anchor.source}</td></tr>`
    )}
  </table>`;
}

/**
 * The best program against the seed: the judge's validation figures side by side (held-out
 * users), the best's test figures, the published anchors, and the code the run changed.
 */
function bestProgramSection(view: BestAgainstSeed): Markup {
  const { seed, best, test } = view;
  if (best === undefined) {
    return html`<section id="best"><h2>Best program</h2>
      <p>No program trained, so there is no best program.</p></section>`;
  }
  const rows = [...VALIDATION_METRICS, 'satisfaction', 'coverage'].map((name) => {
    const seedValue = seed?.metrics[name] ?? seed?.features[name];
    const bestValue = best.metrics[name] ?? best.features[name];
    const change =
      seedValue === undefined || bestValue === undefined ? undefined : bestValue - seedValue;
    return html`<tr data-metric=${name}><th>${name}</th><td>${fixed(seedValue)}</td>
      <td>${fixed(bestValue)}</td><td>${signed(change)}</td></tr>`;
  });
  const measured = Object.keys(test ?? {});
  const testNames = [
    ...protocolMetrics('test').filter((name) => measured.includes(name)),
    ...measured.filter((name) => !protocolMetrics('test').includes(name)).sort(),
  ];
  return html`<section id="best">
    <h2>Best program against the seed</h2>
    <p>Best: ${programLink(best.id)} (generation ${best.generation})${
      best.idea === undefined ? '' : ` — ${best.idea}`
    }. Seed: ${seed === undefined ? '–' : programLink(seed.id)}.</p>
    <table class="versus">
      <caption>Validation, the judge on the held-out users</caption>
      <tr><th>metric</th><th>seed</th><th>best</th><th>change</th></tr>
      ${rows}
    </table>
    ${
      testNames.length === 0
        ? html`<p>Test: ${view.finalNote ?? 'not evaluated'}</p>`
        : html`<table class="test">
            <caption>Test, the judge on every user (the best program only)</caption>
            <tr>${testNames.map((name) => html`<th>${name}</th>`)}</tr>
            <tr>${testNames.map((name) => html`<td>${fixed(test?.[name])}</td>`)}</tr>
          </table>`
    }
    ${anchorsTable(view.dataset, test)}
    <h3>Its code against the seed</h3>
    ${
      view.diffFromSeed === undefined || view.diffFromSeed === ''
        ? html`<p class="muted">The best program is the seed.</p>`
        : diffView(view.diffFromSeed)
    }
  </section>`;
}

export type { BestAgainstSeed };
export { bestProgramSection };
