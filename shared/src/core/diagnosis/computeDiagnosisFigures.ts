import { InvalidArgumentError } from '../../errors.js';
import type { ItemCatalog } from '../dataset/index.js';
import type { TapTensor } from '../ranking/index.js';
import { COLD_WARM_DEFINITIONS, coldWarmFigures } from './coldWarmGap.js';
import type { DiagnosisFigures, DiagnosisUser } from './diagnosis.js';
import { GENRE_COHERENCE_DEFINITIONS, genreCoherenceFigures } from './genreCoherence.js';
import type { Perturbation } from './orderSensitivity.js';
import { ORDER_SENSITIVITY_DEFINITIONS, orderSensitivityFigures } from './orderSensitivity.js';
import { POPULARITY_BIAS_DEFINITIONS, popularityBiasFigures } from './popularityBias.js';
import { REPETITION_DEFINITIONS, repetitionFigures } from './repetition.js';
import { collapseDefinitions, collapseFigures } from './representationCollapse.js';

type Rankings = readonly (readonly number[])[];

/** Everything the built-in probes read, one entry per user in `users` order. */
interface DiagnosisInput {
  readonly catalog: ItemCatalog;
  readonly users: readonly DiagnosisUser[];
  /** The length of the top-K lists the probes judge. */
  readonly k: number;
  /** Rankings with seen items excluded, at least max(k, 10) long where the catalogue allows. */
  readonly ranked: Rankings;
  /** Top-K lists in which seen items may rank. */
  readonly unfiltered: Rankings;
  /** Rankings of each perturbed history (seen items excluded), at least k + 1 long. */
  readonly perturbed: Readonly<Record<Perturbation, Rankings>>;
  /** Representation taps to check for collapse, by tap name (rows are users or items). */
  readonly representations: Readonly<Record<string, TapTensor>>;
}

/**
 * Every built-in probe's figures and their definitions. A probe that has nothing to measure
 * (no genres in the catalogue, no validation items, no representation tap) leaves its figures
 * out rather than reporting a made-up value.
 */
function computeDiagnosisFigures(input: DiagnosisInput): DiagnosisFigures {
  const { catalog, users, k } = input;
  if (users.length === 0) throw new InvalidArgumentError('a diagnosis needs at least one user');
  const histories = users.map((user) => user.history);
  const topK = input.ranked.map((ranking) => ranking.slice(0, k));
  const collapse = Object.entries(input.representations).map(([tap, tensor]) => ({
    figures: collapseFigures(tap, tensor),
    definitions: collapseDefinitions(tap),
  }));
  const probes: DiagnosisFigures[] = [
    ...collapse,
    {
      figures: popularityBiasFigures(topK, catalog.popularity),
      definitions: POPULARITY_BIAS_DEFINITIONS,
    },
    {
      figures: orderSensitivityFigures(histories, k, input.ranked, input.perturbed),
      definitions: ORDER_SENSITIVITY_DEFINITIONS,
    },
    {
      figures: genreCoherenceFigures(histories, topK, catalog.items) ?? {},
      definitions: GENRE_COHERENCE_DEFINITIONS,
    },
    {
      figures: repetitionFigures(histories, input.unfiltered),
      definitions: REPETITION_DEFINITIONS,
    },
    {
      figures: coldWarmFigures(users, input.ranked) ?? {},
      definitions: COLD_WARM_DEFINITIONS,
    },
  ];
  const figures: Record<string, number> = Object.assign({}, ...probes.map((p) => p.figures));
  const definitions = Object.fromEntries(
    probes.flatMap((probe) =>
      Object.keys(probe.figures).map((name) => [name, probe.definitions[name] ?? ''])
    )
  );
  return { figures, definitions };
}

export type { DiagnosisInput };
export { computeDiagnosisFigures };
