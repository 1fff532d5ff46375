import type { ArchiveEntry } from '../archive/index.js';

/** Which program, where, from whom: the parts of an archive entry the metrics do not give. */
interface EntryOrigin {
  readonly id: string;
  readonly island: number;
  readonly generation: number;
  readonly parentId: string | null;
}

/**
 * The archive entry of a program that trained. Its features are every validation metric, the
 * code's complexity and whatever the feedback measured (satisfaction, coverage, …), so any of
 * them can be a MAP-Elites dimension; its objectives are the Pareto front's three axes.
 */
function archiveEntryFor(
  origin: EntryOrigin,
  metrics: Readonly<Record<string, number>>,
  complexity: number,
  feedbackFigures: Readonly<Record<string, number>> = {}
): ArchiveEntry {
  const validation = Object.fromEntries(
    Object.entries(metrics).filter(
      ([name, value]) => name.startsWith('val_') && Number.isFinite(value)
    )
  );
  const fitness = validation['val_ndcg@10'] ?? 0;
  const satisfaction = feedbackFigures.satisfaction;
  const coverage = feedbackFigures.coverage;
  return {
    programId: origin.id,
    island: origin.island,
    generation: origin.generation,
    parentId: origin.parentId,
    fitness,
    features: { ...validation, complexity, ...feedbackFigures },
    objectives: {
      accuracy: fitness,
      ...(satisfaction === undefined ? {} : { satisfaction }),
      ...(coverage === undefined ? {} : { coverage }),
    },
  };
}

export type { EntryOrigin };
export { archiveEntryFor };
