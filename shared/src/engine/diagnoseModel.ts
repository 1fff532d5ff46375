import type { ItemCatalog } from '../core/dataset/index.js';
import type { DiagnosisFigures, DiagnosisUser, Perturbation } from '../core/diagnosis/index.js';
import {
  computeDiagnosisFigures,
  GAP_CUTOFF,
  PERTURBATIONS,
  perturbHistory,
} from '../core/diagnosis/index.js';
import type { ScoringModel, ScoringResult } from '../core/ranking/index.js';
import { topK } from '../core/ranking/index.js';
import { InvalidArgumentError, ModelMismatchError } from '../errors.js';

/** Taps whose rows the collapse probe reads, when the model declares them. */
const REPRESENTATION_TAPS = ['seq_repr', 'item_embeddings'] as const;

interface DiagnoseOptions {
  /** Length of the top-K lists the probes judge (default 10). */
  readonly k?: number;
}

interface ModelDiagnosis extends DiagnosisFigures {
  /**
   * The scoring of the users' own histories, for probe scripts to reuse: rankings with seen
   * items excluded, max(k, 10) long, each user's full score row, and every declared tap.
   */
  readonly scoring: ScoringResult;
}

/**
 * Runs the built-in probes on a trained model in two score() calls: the users' histories (with
 * score rows and every declared tap), then all three perturbations of every history in one
 * batch. The ranking in which seen items may rank comes from the score rows, not a third call.
 */
async function diagnoseModel(
  model: ScoringModel,
  catalog: ItemCatalog,
  users: readonly DiagnosisUser[],
  options: DiagnoseOptions = {}
): Promise<ModelDiagnosis> {
  const k = options.k ?? 10;
  const { numItems, maxLen, taps: declared } = model.manifest;
  if (catalog.numItems !== numItems) {
    throw new InvalidArgumentError(
      `the catalogue has ${catalog.numItems} items but the model scores ${numItems}`
    );
  }
  if (users.length === 0) throw new InvalidArgumentError('a diagnosis needs at least one user');
  if (!Number.isInteger(k) || k < 1 || k > numItems) {
    throw new InvalidArgumentError(`k must be an integer in 1..${numItems}, got ${k}`);
  }
  const histories = users.map((user) => user.history);
  // Every declared tap, so the program's own probes.js can read them from the same scoring.
  const scoring = await model.score(histories, {
    k: Math.min(numItems, Math.max(k, GAP_CUTOFF)),
    taps: declared,
    includeScores: true,
  });
  const unfiltered = scoring.users.map((user, index) => {
    if (user.scoreRow === undefined) {
      throw new ModelMismatchError(`the model returned no score row for user ${index}`);
    }
    return topK(user.scoreRow, k).items;
  });
  const perturbedScoring = await model.score(
    PERTURBATIONS.flatMap((perturbation) =>
      histories.map((history) => perturbHistory(history, perturbation, maxLen))
    ),
    { k: Math.min(numItems, k + 1) }
  );
  const perturbed = Object.fromEntries(
    PERTURBATIONS.map((perturbation, index) => [
      perturbation,
      perturbedScoring.users
        .slice(index * users.length, (index + 1) * users.length)
        .map((user) => user.items),
    ])
  ) as Record<Perturbation, number[][]>;
  const representations = Object.fromEntries(
    REPRESENTATION_TAPS.flatMap((tap) =>
      scoring.taps[tap] === undefined ? [] : [[tap, scoring.taps[tap]]]
    )
  );
  const figures = computeDiagnosisFigures({
    catalog,
    users,
    k,
    ranked: scoring.users.map((user) => user.items),
    unfiltered,
    perturbed,
    representations,
  });
  return { ...figures, scoring };
}

export type { DiagnoseOptions, ModelDiagnosis };
export { diagnoseModel };
