import type { GenreAffinity } from './genreProfile.js';
import { genreProfile, normalisedGenreEntropy, shareOf } from './genreProfile.js';
import type { SimulationPopulation } from './personaTraits.js';
import type { SimulationCase } from './protocol.js';
import type { Interview, ItemDecision, Signal } from './userSimulator.js';

/**
 * The thresholds of the offline interview. A signal is over-used when the pages push it well
 * past the user's own history, under-used when they fall well short of it:
 * - popularity: mean popularity percentile of the shown items minus the user's conformity,
 *   above +popularityGap over-used, below −popularityGap under-used;
 * - genre: share of shown items with one of the user's top genres, under-used when it is
 *   genreFitDrop below the same share in the user's history;
 * - diversity: normalised genre entropy of the shown items minus the user's, past ±diversityGap;
 * - recency: g, the top genre of the last recentWindow history items. Over-used when the shown
 *   share of g exceeds its long-run share by recencyChase (the pages chase the last few items);
 *   under-used when the user recently drifted to g (recent share ≥ long-run + recencyDrift) and
 *   the pages show g no more than its long-run share.
 */
const INTERVIEW_RULES = {
  topGenres: 3,
  popularityGap: 0.1,
  genreFitDrop: 0.25,
  diversityGap: 0.2,
  recentWindow: 5,
  recencyChase: 0.25,
  recencyDrift: 0.2,
  /** A genre filling this share of the pages while under rareGenreShare of the history. */
  crowdingShare: 0.3,
  rareGenreShare: 0.05,
  /** Statements per list. */
  maxStatements: 5,
} as const;

/** The offline user's interview over every page browsed so far. */
function offlineInterview(
  user: SimulationCase,
  pages: readonly (readonly ItemDecision[])[],
  population: SimulationPopulation
): Interview {
  const shownItems = pages.flat().map((decision) => decision.item);
  const signals = interviewSignals(user, shownItems, population);
  const { fits, misses } = interviewStatements(user, pages, population, signals);
  return {
    fits: fits.slice(0, INTERVIEW_RULES.maxStatements),
    misses: misses.slice(0, INTERVIEW_RULES.maxStatements),
    overusedSignals: signals.overused,
    underusedSignals: signals.underused,
  };
}

interface Signals {
  readonly overused: Signal[];
  readonly underused: Signal[];
}

function interviewSignals(
  user: SimulationCase,
  shownItems: readonly number[],
  population: SimulationPopulation
): Signals {
  const { persona } = user;
  const topGenres = new Set(
    persona.genreAffinities.slice(0, INTERVIEW_RULES.topGenres).map(({ genre }) => genre)
  );
  const fitShare = (items: readonly number[]) =>
    share(items, (item) =>
      (population.catalog.items[item]?.genres ?? []).some((genre) => topGenres.has(genre))
    );
  const shownProfile = genreProfile(shownItems, population.catalog);
  const popularityGap =
    mean(shownItems.map((item) => population.itemPopularity[item] ?? 0)) -
    persona.popularityConformity;
  const diversityGap =
    normalisedGenreEntropy(shownProfile, population.genreCount) - persona.genreDiversity;
  const genreFitGap = fitShare(shownItems) - fitShare(user.history);
  const recency = recencySignal(user, shownProfile, population);
  const overused: Signal[] = [];
  const underused: Signal[] = [];
  if (popularityGap > INTERVIEW_RULES.popularityGap) overused.push('popularity');
  if (popularityGap < -INTERVIEW_RULES.popularityGap) underused.push('popularity');
  if (genreFitGap < -INTERVIEW_RULES.genreFitDrop) underused.push('genre');
  if (diversityGap > INTERVIEW_RULES.diversityGap) overused.push('diversity');
  if (diversityGap < -INTERVIEW_RULES.diversityGap) underused.push('diversity');
  if (recency === 'overused') overused.push('recency');
  if (recency === 'underused') underused.push('recency');
  return { overused, underused };
}

/** What fits (real hits, favourite genres watched) and what misses, in the user's words. */
function interviewStatements(
  user: SimulationCase,
  pages: readonly (readonly ItemDecision[])[],
  population: SimulationPopulation,
  signals: Signals
): { readonly fits: string[]; readonly misses: string[] } {
  const { catalog } = population;
  const shown = pages.flat();
  const shownItems = shown.map(({ item }) => item);
  const watchedItems = shown.filter(({ watched }) => watched).map(({ item }) => item);
  const withGenre = (items: readonly number[], genre: string) =>
    items.filter((item) => catalog.items[item]?.genres.includes(genre)).length;
  const topGenres = user.persona.genreAffinities
    .slice(0, INTERVIEW_RULES.topGenres)
    .map(({ genre }) => genre);
  const future = new Set(user.future);
  const realHits = watchedItems.filter((item) => future.has(item)).length;
  const fits = [
    ...(realHits > 0 ? [`it found ${realHits} title(s) I really went on to watch`] : []),
    ...topGenres
      .filter((genre) => withGenre(watchedItems, genre) > 0)
      .map(
        (genre) =>
          `${genre}: I watched ${withGenre(watchedItems, genre)} of the ${withGenre(shownItems, genre)} shown`
      ),
  ];
  const misses = [
    ...topGenres
      .filter((genre) => withGenre(shownItems, genre) === 0)
      .map((genre) => `no ${genre} titles, although it is one of my favourite genres`),
    ...crowdingGenres(genreProfile(shownItems, catalog), user.persona.genreAffinities).map(
      ({ genre, share: filled }) =>
        `${genre} fills ${Math.round(filled * 100)}% of the pages, but I rarely watch it`
    ),
    ...(signals.overused.includes('popularity')
      ? ['too many of the most popular titles for me']
      : []),
    ...(signals.underused.includes('popularity') ? ['too many obscure titles for me'] : []),
    ...pages.flatMap((page, index) =>
      page.some(({ watched }) => watched) ? [] : [`nothing on page ${index + 1} appealed to me`]
    ),
  ];
  return { fits, misses };
}

function recencySignal(
  user: SimulationCase,
  shownProfile: readonly GenreAffinity[],
  population: SimulationPopulation
): 'overused' | 'underused' | 'neither' {
  const recent = genreProfile(
    user.history.slice(-INTERVIEW_RULES.recentWindow),
    population.catalog
  );
  const recentTop = recent[0];
  if (recentTop === undefined) return 'neither';
  const longRun = shareOf(user.persona.genreAffinities, recentTop.genre);
  const shownShare = shareOf(shownProfile, recentTop.genre);
  if (shownShare - longRun > INTERVIEW_RULES.recencyChase) return 'overused';
  const drifted = recentTop.share - longRun >= INTERVIEW_RULES.recencyDrift;
  return drifted && shownShare <= longRun ? 'underused' : 'neither';
}

function crowdingGenres(
  shownProfile: readonly GenreAffinity[],
  taste: readonly GenreAffinity[]
): GenreAffinity[] {
  return shownProfile.filter(
    ({ genre, share: filled }) =>
      filled >= INTERVIEW_RULES.crowdingShare &&
      shareOf(taste, genre) < INTERVIEW_RULES.rareGenreShare
  );
}

function share<T>(values: readonly T[], predicate: (value: T) => boolean): number {
  return values.length === 0 ? 0 : values.filter(predicate).length / values.length;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export { offlineInterview };
