import type { RunConfig } from '../evolution/index.js';
import type { LedgerKind } from '../llm/index.js';
import type { Markup } from './html.js';
import { html } from './html.js';
import { fixed } from './programDetails.js';
import type { CostLine, StateUsageLine } from './reportFigures.js';

const KIND_NAMES: Readonly<Record<LedgerKind, string>> = {
  llm: 'LLM calls',
  gpu: 'training jobs (GPU)',
  lambda: 'Lambda invocations',
};

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The prices the run's costs were computed with (its config's). */
function priceList(config: RunConfig): Markup {
  const { costs, llm } = config;
  const models = llm === undefined ? [] : [...new Set(Object.values(llm.models))];
  const llmPrices =
    llm === undefined
      ? 'no LLM'
      : `LLM per million input / output tokens: ${models
          .map((model) => {
            const price = llm.prices[model];
            return `${model} ${price?.inputUsdPerMillionTokens} / ${price?.outputUsdPerMillionTokens}`;
          })
          .join(', ')}`;
  const text = [
    `training USD ${costs.trainerUsdPerHour} an hour`,
    `Lambda USD ${costs.lambdaUsdPerGbSecond.toFixed(10).replace(/0+$/, '')} per GB-second and ${(costs.lambdaUsdPerRequest * 1e6).toFixed(2)} per million requests`,
    llmPrices,
  ].join('; ');
  return html`<p class="muted">${`Prices of this run: ${text}.`}</p>`;
}

/** Cost and time by kind (LLM tokens, GPU seconds, Lambda seconds), then Lambda by state. */
function costSection(
  lines: readonly CostLine[],
  states: readonly StateUsageLine[],
  config: RunConfig
): Markup {
  const total = lines.reduce((sum, line) => sum + line.usd, 0);
  return html`<section id="costs">
    <h2>Cost and time</h2>
    <table class="costs">
      <tr><th>kind</th><th>USD</th><th>count</th><th>seconds</th><th>tokens in / out</th></tr>
      ${lines.map(
        (line) => html`<tr data-kind=${line.kind}><th>${KIND_NAMES[line.kind]}</th>
          <td>${fixed(line.usd)}</td><td>${integer(line.count)}</td>
          <td>${fixed(line.seconds, 1)}</td>
          <td>${line.kind === 'llm' ? `${integer(line.promptTokens)} / ${integer(line.completionTokens)}` : '–'}</td></tr>`
      )}
      <tr class="total"><th>total</th><td>${fixed(total)}</td><td></td><td></td><td></td></tr>
    </table>
    ${priceList(config)}
    <table class="states">
      <caption>Lambda by state</caption>
      <tr><th>state</th><th>invocations</th><th>seconds</th><th>GB-seconds</th></tr>
      ${states.map(
        (line) => html`<tr><th>${line.state}</th><td>${integer(line.invocations)}</td>
          <td>${fixed(line.seconds, 1)}</td><td>${fixed(line.gbSeconds, 1)}</td></tr>`
      )}
    </table>
  </section>`;
}

export { costSection };
