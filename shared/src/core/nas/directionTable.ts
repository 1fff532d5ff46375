import { crossedDiagnosisRules } from '../diagnosis/index.js';
import { CRITIQUE_RULES } from '../simulation/index.js';

/**
 * Where a move takes a dimension: to a larger or a smaller declared value, or to one of the
 * named variants of a block.
 */
type NasToward = 'up' | 'down' | readonly string[];

interface NasMove {
  readonly dimension: string;
  readonly toward: NasToward;
}

/** One row of the table: a problem, the evidence that shows it, and the moves that answer it. */
interface DirectionRow {
  readonly finding: string;
  /** Diagnosis rules (figure and side of its threshold, as in DIAGNOSIS_RULES) that show it. */
  readonly diagnosis: readonly { readonly figure: string; readonly when: 'above' | 'below' }[];
  /** Signals that enough simulated users name (`overused popularity`, …) to show it. */
  readonly simulator: readonly {
    readonly side: 'overused' | 'underused';
    readonly signal: string;
  }[];
  readonly moves: readonly NasMove[];
}

/**
 * directional-nas's table: which search-space moves answer which finding of the parent's
 * feedback. The evidence is the parent's archive features: the diagnosis figures (`diag_*`,
 * judged by the thresholds of DIAGNOSIS_RULES) and the share of simulated users naming a signal
 * (`signal_<side>_<signal>`, counted once CRITIQUE_RULES.needsImprovement.signalShare of them do).
 *
 * | finding | evidence | moves |
 * |---|---|---|
 * | leans on popularity | popularity_percentile, gini high; long-tail share, coverage low; users say popularity is over-used | loss → sampled softmax or full cross-entropy; negatives up |
 * | ignores the order of the history | overlap after reversing or masking the last item high; users say recency is under-used | blocks up; max_len down |
 * | hinges on the last item alone | overlap after masking the last item low; users say recency is over-used | max_len up; heads up |
 * | collapsed representations | mean cosine of user vectors high; rank ratio of user or item vectors low | hidden up; dropout down |
 * | misses the user's genres | genre coherence low; users say their genres are under-used | hidden up; blocks up |
 * | short histories served worse | cold-warm gap high | dropout up; weight decay up |
 * | long histories served worse | cold-warm gap very negative | max_len up |
 *
 * A finding's moves are hypotheses the comparison with `nas` tests: if the feedback carries
 * direction, following it should beat drawing moves at random.
 */
const DIRECTION_TABLE: readonly DirectionRow[] = [
  {
    finding: 'leans on popularity',
    diagnosis: [
      { figure: 'popularity_percentile', when: 'above' },
      { figure: 'recommendation_gini', when: 'above' },
      { figure: 'long_tail_share', when: 'below' },
      { figure: 'catalog_coverage', when: 'below' },
    ],
    simulator: [{ side: 'overused', signal: 'popularity' }],
    moves: [
      { dimension: 'loss', toward: ['sampled_softmax', 'full_cross_entropy'] },
      { dimension: 'negatives', toward: 'up' },
    ],
  },
  {
    finding: 'ignores the order of the history',
    diagnosis: [
      { figure: 'overlap_reverse', when: 'above' },
      { figure: 'overlap_mask_last', when: 'above' },
    ],
    simulator: [{ side: 'underused', signal: 'recency' }],
    moves: [
      { dimension: 'blocks', toward: 'up' },
      { dimension: 'max_len', toward: 'down' },
    ],
  },
  {
    finding: 'hinges on the last item alone',
    diagnosis: [{ figure: 'overlap_mask_last', when: 'below' }],
    simulator: [{ side: 'overused', signal: 'recency' }],
    moves: [
      { dimension: 'max_len', toward: 'up' },
      { dimension: 'heads', toward: 'up' },
    ],
  },
  {
    finding: 'collapsed representations',
    diagnosis: [
      { figure: 'seq_repr_mean_cosine', when: 'above' },
      { figure: 'seq_repr_rank_ratio', when: 'below' },
      { figure: 'item_embeddings_rank_ratio', when: 'below' },
    ],
    simulator: [],
    moves: [
      { dimension: 'hidden', toward: 'up' },
      { dimension: 'dropout', toward: 'down' },
    ],
  },
  {
    finding: "misses the user's genres",
    diagnosis: [{ figure: 'genre_coherence', when: 'below' }],
    simulator: [{ side: 'underused', signal: 'genre' }],
    moves: [
      { dimension: 'hidden', toward: 'up' },
      { dimension: 'blocks', toward: 'up' },
    ],
  },
  {
    finding: 'short histories served worse',
    diagnosis: [{ figure: 'cold_warm_relative_gap', when: 'above' }],
    simulator: [],
    moves: [
      { dimension: 'dropout', toward: 'up' },
      { dimension: 'weight_decay', toward: 'up' },
    ],
  },
  {
    finding: 'long histories served worse',
    diagnosis: [{ figure: 'cold_warm_relative_gap', when: 'below' }],
    simulator: [],
    moves: [{ dimension: 'max_len', toward: 'up' }],
  },
];

/** A row of the table the parent's figures show, with the evidence that showed it. */
interface NasFinding {
  readonly finding: string;
  /** `popularity_percentile > 95`, `38% of users say popularity is overused`, … */
  readonly evidence: readonly string[];
  readonly moves: readonly NasMove[];
}

const DIAGNOSIS_PREFIX = 'diag_';

/**
 * The rows of the table a parent's archive features show, in table order. A figure that was not
 * measured shows nothing; a parent with no feedback figures has no findings.
 */
function nasFindings(features: Readonly<Record<string, number>>): NasFinding[] {
  const diagnosisFigures = Object.fromEntries(
    Object.entries(features).flatMap(([name, value]) =>
      name.startsWith(DIAGNOSIS_PREFIX) ? [[name.slice(DIAGNOSIS_PREFIX.length), value]] : []
    )
  );
  const crossed = crossedDiagnosisRules(diagnosisFigures);
  const minShare = CRITIQUE_RULES.needsImprovement.signalShare;
  return DIRECTION_TABLE.flatMap((row) => {
    const fromDiagnosis = row.diagnosis.flatMap(({ figure, when }) =>
      crossed
        .filter((rule) => rule.figure === figure && rule.when === when)
        .map((rule) => {
          const value = diagnosisFigures[figure] ?? Number.NaN;
          return `${figure} = ${value.toFixed(4)} ${when === 'above' ? '>' : '<'} ${rule.threshold}`;
        })
    );
    const fromSimulator = row.simulator.flatMap(({ side, signal }) => {
      const share = features[`signal_${side}_${signal}`];
      return share !== undefined && share >= minShare
        ? [`${Math.round(share * 100)}% of simulated users say ${signal} is ${side}`]
        : [];
    });
    const evidence = [...fromDiagnosis, ...fromSimulator];
    return evidence.length === 0 ? [] : [{ finding: row.finding, evidence, moves: row.moves }];
  });
}

export type { DirectionRow, NasFinding, NasMove, NasToward };
export { DIRECTION_TABLE, nasFindings };
