import type { LlmClient, LlmExchange } from '../core/llm/index.js';
import { createRng } from '../core/random/index.js';
import type {
  FidelityCase,
  FidelityPrediction,
  FidelityReport,
  Rating,
  RatingsDataset,
  SimulationPopulation,
  SimulationTemplates,
  SimulatorChoice,
} from '../core/simulation/index.js';
import {
  createLlmUserSimulator,
  DISLIKED_RATING,
  fidelityCases,
  fidelityReport,
  LIKED_RATING,
  offlineAffinity,
  offlineRating,
  personaTraits,
} from '../core/simulation/index.js';

interface SimulatorFidelityRequest {
  readonly ratings: RatingsDataset;
  readonly simulator: SimulatorChoice;
  /** Share of each user's ratings (earliest first) that is history; default 0.8. */
  readonly historyShare?: number;
  /** LLM only: users sampled, among those with a liked and a disliked held-out item. */
  readonly llmUsers?: number;
  /** LLM only: held-out items shown per user (one page), both classes always among them. */
  readonly llmItemsPerUser?: number;
  readonly llmHistoryShown?: number;
  readonly seed?: number | string;
}

interface SimulatorFidelity {
  readonly report: FidelityReport;
  /** Users whose simulator failed (LLM only); left out of the report. */
  readonly failedUsers: number;
  readonly msPerUser: number;
  readonly exchanges: readonly LlmExchange[];
}

/**
 * How well a simulator knows real users (protocol in core/simulation/fidelityProtocol.ts).
 * The offline simulator judges every user; its score is its affinity (offlineTaste.ts) and its
 * rating the continuous expected rating, ungrounded since the held-out items are what it must
 * predict. The LLM simulator judges a seeded sample of users, each shown one page of held-out
 * items in shuffled order; its score ranks watched above skipped, then by rating:
 * score = [watched] + (rating ?? 3) / 10, and its rating is the one it gave.
 */
async function measureSimulatorFidelity(
  request: SimulatorFidelityRequest
): Promise<SimulatorFidelity> {
  const start = performance.now();
  const { population, cases } = fidelityCases(request.ratings, request.historyShare);
  const choice = request.simulator;
  if (choice.kind === 'offline') {
    const predictions = cases.map((user) => offlinePredictions(user, population));
    return {
      report: fidelityReport(predictions),
      failedUsers: 0,
      msPerUser: (performance.now() - start) / Math.max(1, cases.length),
      exchanges: [],
    };
  }
  const rng = createRng(request.seed ?? 'fidelity');
  const both = cases.filter(
    (user) =>
      user.heldOut.some(({ rating }) => rating >= LIKED_RATING) &&
      user.heldOut.some(({ rating }) => rating <= DISLIKED_RATING)
  );
  const sample = rng.shuffle(both).slice(0, request.llmUsers ?? 20);
  const outcomes = await Promise.all(
    sample.map((user) =>
      llmPredictions(user, population, {
        llm: choice.llm,
        templates: choice.templates,
        items: request.llmItemsPerUser ?? 10,
        historyShown: request.llmHistoryShown ?? 30,
        shuffled: rng.shuffle(user.heldOut),
      })
    )
  );
  const predictions = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.predictions] : []));
  return {
    report: fidelityReport(predictions),
    failedUsers: outcomes.length - predictions.length,
    msPerUser: (performance.now() - start) / Math.max(1, sample.length),
    exchanges: outcomes.flatMap((outcome) => outcome.exchanges),
  };
}

function offlinePredictions(
  user: FidelityCase,
  population: SimulationPopulation
): FidelityPrediction[] {
  const persona = personaTraits(user.history, population);
  return user.heldOut.map(({ item, rating }) => {
    const affinity = offlineAffinity(persona, item, population);
    return { item, actual: rating, score: affinity, predictedRating: offlineRating(affinity) };
  });
}

async function llmPredictions(
  user: FidelityCase,
  population: SimulationPopulation,
  options: {
    readonly llm: LlmClient;
    readonly templates: SimulationTemplates;
    readonly items: number;
    readonly historyShown: number;
    /** The user's held-out ratings in a seeded random order. */
    readonly shuffled: readonly Rating[];
  }
): Promise<
  | {
      readonly ok: true;
      readonly predictions: FidelityPrediction[];
      readonly exchanges: readonly LlmExchange[];
    }
  | { readonly ok: false; readonly exchanges: readonly LlmExchange[] }
> {
  // One liked and one disliked item are always shown; the rest fill the page in shuffled order.
  const liked = options.shuffled.find(({ rating }) => rating >= LIKED_RATING);
  const disliked = options.shuffled.find(({ rating }) => rating <= DISLIKED_RATING);
  const others = options.shuffled.filter((rating) => rating !== liked && rating !== disliked);
  const chosen = new Set([liked, disliked, ...others.slice(0, Math.max(0, options.items - 2))]);
  const page = options.shuffled.filter((rating) => chosen.has(rating));
  const simulator = createLlmUserSimulator({ ...options, population });
  const judgement = await simulator.judgePage({
    user: {
      userIndex: user.user,
      history: user.history,
      future: [],
      persona: personaTraits(user.history, population),
    },
    page: page.map(({ item }) => item),
    pageNumber: 1,
    earlierPages: [],
  });
  if (!judgement.ok) return { ok: false, exchanges: judgement.exchanges };
  const predictions = judgement.verdict.decisions.map((decision, index) => ({
    item: decision.item,
    actual: page[index]?.rating ?? 0,
    score: (decision.watched ? 1 : 0) + (decision.rating ?? 3) / 10,
    predictedRating: decision.rating,
  }));
  return { ok: true, predictions, exchanges: judgement.exchanges };
}

export type { SimulatorFidelity, SimulatorFidelityRequest };
export { measureSimulatorFidelity };
