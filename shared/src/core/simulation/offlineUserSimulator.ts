import { offlineInterview } from './offlineInterview.js';
import { genreMatch, offlineAffinity, offlineRating, WATCH_THRESHOLD } from './offlineTaste.js';
import type { SimulationPopulation } from './personaTraits.js';
import type { SimulationCase } from './protocol.js';
import type { ItemDecision, UserSimulator } from './userSimulator.js';

/** Below this genre match a skipped item is put down to its genres, above it to obscurity. */
const GENRE_MISMATCH = 0.5;
/** The rating of a held-out item: the user really watched it. */
const GROUNDED_RATING = 5;

/**
 * The offline simulated user: no LLM, deterministic, grounded in the user's real behaviour.
 * - An item of the user's real future (held-out) is watched and rated 5: the user did watch it.
 * - Of the other items, those whose affinity (offlineTaste.ts) reaches the threshold are
 *   candidates, and the user watches the best `attention` of them (ties to the higher place),
 *   rated from their affinity; attention = 1 + round(2 · activity percentile), so one to three
 *   picks per page by taste. Without the budget a page of popular titles would be watched
 *   whole by anyone who likes popular titles, and popularity would look like accuracy.
 * Reasons and the interview are templated.
 */
function createOfflineUserSimulator(population: SimulationPopulation): UserSimulator {
  return {
    kind: 'offline',
    judgePage: async ({ user, page, earlierPages }) => {
      const decisions = offlineDecisions(user, page, population);
      const interview = offlineInterview(user, [...earlierPages, decisions], population);
      return { ok: true, verdict: { decisions, interview }, exchanges: [] };
    },
  };
}

function offlineDecisions(
  user: SimulationCase,
  page: readonly number[],
  population: SimulationPopulation
): ItemDecision[] {
  const future = new Set(user.future);
  const attention = 1 + Math.round(2 * user.persona.activityPercentile);
  const judged = page.map((item) => ({
    item,
    affinity: offlineAffinity(user.persona, item, population),
    match: genreMatch(user.persona, item, population),
  }));
  const picks = new Set(
    judged
      .filter(({ item, affinity }) => !future.has(item) && affinity >= WATCH_THRESHOLD)
      .sort((a, b) => b.affinity - a.affinity)
      .slice(0, attention)
      .map(({ item }) => item)
  );
  return judged.map(({ item, affinity, match }): ItemDecision => {
    const level = `(affinity ${affinity.toFixed(2)})`;
    if (future.has(item)) {
      const reason = 'watched: one of the titles I really went on to watch';
      return { item, watched: true, rating: GROUNDED_RATING, reason };
    }
    const genres = population.catalog.items[item]?.genres ?? [];
    const genreText = genres.length > 0 ? genres.join(', ') : 'no known genre';
    if (picks.has(item)) {
      const why = match >= GENRE_MISMATCH ? `fits my taste for ${genreText}` : 'a popular title';
      const rating = Math.round(offlineRating(affinity));
      return { item, watched: true, rating, reason: `watched: ${why} ${level}` };
    }
    const why =
      affinity >= WATCH_THRESHOLD
        ? 'appealing, but I picked better titles on this page'
        : match < GENRE_MISMATCH
          ? `${genreText} is not what I usually watch`
          : 'too obscure for my taste';
    return { item, watched: false, rating: null, reason: `skipped: ${why} ${level}` };
  });
}

export { createOfflineUserSimulator };
