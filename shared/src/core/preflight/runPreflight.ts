import type { RunConfig } from '../evolution/index.js';
import { strategyTraits } from '../evolution/index.js';

/**
 * Step invocations every candidate makes at least (Propose, Judge, CheckTraining, Simulate,
 * Diagnose, Record), each priced per request.
 */
const STEPS_PER_CANDIDATE = 6;
/** Characters per token of program code, a generous rate: it keeps the estimate a lower bound. */
const CHARACTERS_PER_TOKEN = 4;

/** Which parts of a run call the LLM: each needs the key and the endpoint. */
function llmUsesOf(config: RunConfig): string[] {
  return [
    ...(strategyTraits(config.strategy).proposer === 'llm'
      ? [`the ${config.strategy} strategy`]
      : []),
    ...(config.feedback.simulator === 'llm' ? ['feedback.simulator "llm"'] : []),
    ...(config.feedback.interpreter === 'llm' ? ['feedback.interpreter "llm"'] : []),
  ];
}

/**
 * The least one candidate can cost at the configured prices: its step invocations and, for an
 * LLM strategy, its proposer's and coder's prompts, each of which quotes the parent program (the
 * seed's size at least), with nothing for their answers, the feedback or any repair. A USD
 * budget below it could not pay for a single candidate.
 */
function leastCandidateUsd(config: RunConfig, seedProgramCharacters: number): number {
  const steps = STEPS_PER_CANDIDATE * config.costs.lambdaUsdPerRequest;
  const { llm } = config;
  if (llm === undefined || strategyTraits(config.strategy).proposer !== 'llm') return steps;
  const promptTokens = seedProgramCharacters / CHARACTERS_PER_TOKEN;
  const inputPrice = (model: string) => (llm.prices[model]?.inputUsdPerMillionTokens ?? 0) / 1e6;
  return steps + promptTokens * (inputPrice(llm.models.proposer) + inputPrice(llm.models.coder));
}

/** Why the config's USD budget cannot pay for one candidate, or undefined when it can. */
function budgetProblem(config: RunConfig, seedProgramCharacters: number): string | undefined {
  const budget = config.budget.usd;
  if (budget === undefined) return undefined;
  const least = leastCandidateUsd(config, seedProgramCharacters);
  if (budget >= least) return undefined;
  return `budget.usd is $${budget} but one candidate costs at least $${least.toFixed(4)} at the configured prices (its two prompts quote the ${seedProgramCharacters}-character seed, plus ${STEPS_PER_CANDIDATE} step invocations): raise budget.usd, or use cheaper models (llm.models, llm.prices)`;
}

export { budgetProblem, leastCandidateUsd, llmUsesOf };
