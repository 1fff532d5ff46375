import type { ArchiveState, SamplingMode } from '../archive/index.js';
import { sampleParent, selectInspirations } from '../archive/index.js';
import type { Rng } from '../random/index.js';
import type { StrategyTraits } from './strategies.js';

/** One candidate of a generation before it exists: where it lives and what it starts from. */
interface CandidatePlan {
  readonly id: string;
  readonly generation: number;
  readonly island: number;
  readonly parentId: string;
  readonly inspirationIds: readonly string[];
  /** How the parent was drawn; absent for best-of-n, whose parent is always the seed. */
  readonly samplingMode?: SamplingMode;
}

/** `g003-c01`: sortable, and the same for the same generation and slot on every retry. */
function candidateId(generation: number, index: number): string {
  return `g${String(generation).padStart(3, '0')}-c${String(index).padStart(2, '0')}`;
}

/**
 * Plans a generation from the archive as it stood when the generation began: candidates share
 * the islands round-robin and are planned before any of them is recorded, because in the cloud
 * they run in parallel (a Map state). Draws only from `rng`, so a seed fixes the plan.
 */
function planGeneration(
  archive: ArchiveState,
  traits: StrategyTraits,
  request: { readonly generation: number; readonly count: number; readonly seedProgramId: string },
  rng: Rng
): CandidatePlan[] {
  const { generation, count, seedProgramId } = request;
  return Array.from({ length: count }, (_, index) => {
    const island = index % archive.config.islands;
    const id = candidateId(generation, index);
    if (traits.parents === 'seed') {
      return { id, generation, island, parentId: seedProgramId, inspirationIds: [] };
    }
    const { parent, mode } = sampleParent(archive, island, rng);
    const inspirationIds = traits.inspirations
      ? selectInspirations(archive, island, parent.programId, rng).map((i) => i.program.programId)
      : [];
    return {
      id,
      generation,
      island,
      parentId: parent.programId,
      inspirationIds,
      samplingMode: mode,
    };
  });
}

export type { CandidatePlan };
export { candidateId, planGeneration };
