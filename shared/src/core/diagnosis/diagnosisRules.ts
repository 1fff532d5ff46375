import type { DiagnosisFigures, DiagnosisInterpretation, DiagnosisStatus } from './diagnosis.js';

/** A threshold on one figure that, once crossed, is a finding of the given severity. */
interface DiagnosisRule {
  readonly figure: string;
  readonly when: 'above' | 'below';
  readonly threshold: number;
  readonly severity: Exclude<DiagnosisStatus, 'STABLE'>;
  /** What is wrong with the model when the figure crosses the threshold. */
  readonly problem: string;
}

/**
 * The offline interpreter's thresholds, also shown to the LLM interpreter as guidance. They
 * assume the default K of 10 and about 1,000 users (so that the lists could cover the whole
 * catalogue; with far fewer users, coverage is low by construction). Where two rules read the
 * same figure, the critical one is listed first and only the first crossed one is reported.
 */
const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  {
    figure: 'seq_repr_mean_cosine',
    when: 'above',
    threshold: 0.95,
    severity: 'CRITICAL',
    problem: 'user representations have collapsed: nearly every user gets the same vector',
  },
  {
    figure: 'seq_repr_mean_cosine',
    when: 'above',
    threshold: 0.8,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'user representations are much alike, so the lists differ little between users',
  },
  {
    figure: 'seq_repr_rank_ratio',
    when: 'below',
    threshold: 0.05,
    severity: 'CRITICAL',
    problem: 'user representations span only a few of their dimensions (dimensional collapse)',
  },
  {
    figure: 'seq_repr_rank_ratio',
    when: 'below',
    threshold: 0.2,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'user representations use a small part of their dimensions',
  },
  {
    figure: 'item_embeddings_rank_ratio',
    when: 'below',
    threshold: 0.05,
    severity: 'CRITICAL',
    problem: 'item embeddings have collapsed onto a few directions',
  },
  {
    figure: 'item_embeddings_rank_ratio',
    when: 'below',
    threshold: 0.2,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'item embeddings use a small part of their dimensions',
  },
  {
    figure: 'recommendation_gini',
    when: 'above',
    threshold: 0.98,
    severity: 'CRITICAL',
    problem: 'a handful of items fill almost every list',
  },
  {
    figure: 'recommendation_gini',
    when: 'above',
    threshold: 0.9,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'recommendations concentrate on few items',
  },
  {
    figure: 'catalog_coverage',
    when: 'below',
    threshold: 0.02,
    severity: 'CRITICAL',
    problem: 'almost the whole catalogue is never recommended',
  },
  {
    figure: 'catalog_coverage',
    when: 'below',
    threshold: 0.1,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'most of the catalogue is never recommended',
  },
  {
    figure: 'popularity_percentile',
    when: 'above',
    threshold: 95,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'the model leans on popularity: it recommends mostly blockbusters',
  },
  {
    figure: 'long_tail_share',
    when: 'below',
    threshold: 0.1,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'the long tail is almost never recommended',
  },
  {
    figure: 'overlap_reverse',
    when: 'above',
    threshold: 0.9,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'the ranking ignores the order of the history',
  },
  {
    figure: 'overlap_mask_last',
    when: 'above',
    threshold: 0.9,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'the ranking barely reacts to the most recent item',
  },
  {
    figure: 'overlap_mask_last',
    when: 'below',
    threshold: 0.1,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'the ranking hinges on the most recent item alone',
  },
  {
    figure: 'genre_coherence',
    when: 'below',
    threshold: 0.3,
    severity: 'NEEDS_IMPROVEMENT',
    problem: "recommendations do not follow the genres of the user's recent items",
  },
  {
    figure: 'repetition_share',
    when: 'above',
    threshold: 0.5,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'unfiltered, the model mostly re-recommends what the user already consumed',
  },
  {
    figure: 'cold_warm_relative_gap',
    when: 'above',
    threshold: 0.5,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'users with short histories are served far worse than users with long ones',
  },
  {
    figure: 'cold_warm_relative_gap',
    when: 'below',
    threshold: -0.5,
    severity: 'NEEDS_IMPROVEMENT',
    problem: 'users with long histories are served far worse than users with short ones',
  },
];

/**
 * The rules a model's figures cross: the first crossed per figure and direction, critical ones
 * first. A figure that was not measured crosses nothing.
 */
function crossedDiagnosisRules(figures: Readonly<Record<string, number>>): DiagnosisRule[] {
  const reported = new Set<string>();
  const crossed = DIAGNOSIS_RULES.filter((rule) => {
    const value = figures[rule.figure];
    const direction = `${rule.figure}:${rule.when}`;
    if (value === undefined || !Number.isFinite(value) || reported.has(direction)) return false;
    const isCrossed = rule.when === 'above' ? value > rule.threshold : value < rule.threshold;
    if (isCrossed) reported.add(direction);
    return isCrossed;
  });
  return [
    ...crossed.filter((rule) => rule.severity === 'CRITICAL'),
    ...crossed.filter((rule) => rule.severity === 'NEEDS_IMPROVEMENT'),
  ];
}

/**
 * The offline interpreter: one finding per crossed rule (crossedDiagnosisRules); CRITICAL when
 * any critical rule is crossed, else NEEDS_IMPROVEMENT when any is, else STABLE.
 */
function interpretByRules({ figures }: Pick<DiagnosisFigures, 'figures'>): DiagnosisInterpretation {
  const ordered = crossedDiagnosisRules(figures);
  return {
    status: ordered[0]?.severity ?? 'STABLE',
    findings: ordered.map(
      (rule) => `${rule.problem} (${ruleCondition(rule, figures[rule.figure])})`
    ),
    source: 'rules',
  };
}

/** `seq_repr_mean_cosine = 0.9964 > 0.95`, or without the value: `seq_repr_mean_cosine > 0.95`. */
function ruleCondition(rule: DiagnosisRule, value?: number): string {
  const shown = value === undefined ? '' : ` = ${formatFigure(value)}`;
  return `${rule.figure}${shown} ${rule.when === 'above' ? '>' : '<'} ${rule.threshold}`;
}

function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

export type { DiagnosisRule };
export { crossedDiagnosisRules, DIAGNOSIS_RULES, formatFigure, interpretByRules, ruleCondition };
