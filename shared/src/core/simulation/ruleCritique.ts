import type { UserSession } from './browsePages.js';
import type { Critique, CritiqueStatus } from './critique.js';
import { emptyFirstPageShare, signalShares } from './critique.js';
import type { SimulationFigures } from './simulationFigures.js';
import type { Signal } from './userSimulator.js';
import { signalSchema } from './userSimulator.js';

/**
 * The offline aggregator's thresholds:
 * - CRITICAL when satisfaction < 0.05, or view rate < 0.05, or at least 60% of users watched
 *   nothing on their first page;
 * - NEEDS_IMPROVEMENT, failing that, when satisfaction < 0.15, or view rate < 0.15, or at least
 *   30% of users found nothing on the first page, or one signal is named as over- or under-used
 *   by at least 40% of users;
 * - STABLE otherwise.
 * A failure mode is listed for every threshold crossed and every signal named by at least 20% of
 * users, most widely felt first, five at most.
 */
const CRITIQUE_RULES = {
  critical: { satisfaction: 0.05, viewRate: 0.05, emptyFirstPage: 0.6 },
  needsImprovement: { satisfaction: 0.15, viewRate: 0.15, emptyFirstPage: 0.3, signalShare: 0.4 },
  failureModeSignalShare: 0.2,
  maxFailureModes: 5,
} as const;

const SIGNAL_WORDS: Readonly<Record<Signal, { over: string; under: string }>> = {
  popularity: {
    over: 'leans on popularity: the pages are more mainstream than their taste',
    under: 'ignores popularity: the pages are more obscure than their taste',
  },
  recency: {
    over: 'chases the last few items, crowding out their long-run taste',
    under: 'ignores what they watched most recently',
  },
  genre: {
    over: 'repeats their favourite genres too narrowly',
    under: 'misses their favourite genres',
  },
  diversity: {
    over: 'scatters over genres they do not watch',
    under: 'is too narrow in genres',
  },
};

function ruleCritique(sessions: readonly UserSession[], figures: SimulationFigures): Critique {
  const emptyFirst = emptyFirstPageShare(sessions);
  const shares = signalShares(sessions);
  const signals = (['overused', 'underused'] as const).flatMap((direction) =>
    signalSchema.options.map((signal) => {
      const share = shares[direction][signal];
      const words = SIGNAL_WORDS[signal][direction === 'overused' ? 'over' : 'under'];
      return { share, text: `${percent(share)} of users say the model ${words}` };
    })
  );
  const topSignalShare = Math.max(0, ...signals.map(({ share }) => share));
  const { critical, needsImprovement } = CRITIQUE_RULES;
  const status: CritiqueStatus =
    figures.satisfaction < critical.satisfaction ||
    figures.viewRate < critical.viewRate ||
    emptyFirst >= critical.emptyFirstPage
      ? 'CRITICAL'
      : figures.satisfaction < needsImprovement.satisfaction ||
          figures.viewRate < needsImprovement.viewRate ||
          emptyFirst >= needsImprovement.emptyFirstPage ||
          topSignalShare >= needsImprovement.signalShare
        ? 'NEEDS_IMPROVEMENT'
        : 'STABLE';
  const figureModes = [
    {
      share: emptyFirst,
      crossed: emptyFirst >= needsImprovement.emptyFirstPage,
      text: `${percent(emptyFirst)} of users found nothing to watch on the first page and left`,
    },
    {
      share: 1 - figures.viewRate,
      crossed: figures.viewRate < needsImprovement.viewRate,
      text: `users watch only ${percent(figures.viewRate)} of the items shown`,
    },
    {
      share: 1 - figures.satisfaction,
      crossed: figures.satisfaction < needsImprovement.satisfaction,
      text: `low satisfaction (${figures.satisfaction.toFixed(2)} of 1)`,
    },
  ].filter(({ crossed }) => crossed);
  const failureModes = [
    ...figureModes,
    ...signals.filter(({ share }) => share >= CRITIQUE_RULES.failureModeSignalShare),
  ]
    .sort((a, b) => b.share - a.share)
    .slice(0, CRITIQUE_RULES.maxFailureModes)
    .map(({ text }) => text);
  const summary = `${status}: ${figuresText(figures)}`;
  return { status, failureModes, summary, source: 'rules' };
}

/** Every figure in one sentence. */
function figuresText(figures: SimulationFigures): string {
  const failed = figures.failedUsers > 0 ? ` (${figures.failedUsers} failed)` : '';
  return (
    `satisfaction ${figures.satisfaction.toFixed(2)}, view rate ` +
    `${percent(figures.viewRate)}, mean rating of watched items ${figures.meanRating.toFixed(2)}, ` +
    `exit depth ${figures.exitDepth.toFixed(2)} pages, over ${figures.users} simulated users${failed}.`
  );
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export { CRITIQUE_RULES, figuresText, ruleCritique };
