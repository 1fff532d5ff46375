import { InvalidArgumentError } from '../../errors.js';
import type { Rng } from '../random/index.js';
import type { ArchiveEntry } from './archiveEntry.js';
import { bestOf } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';
import { gridOf } from './featureGrid.js';
import { samplingPool } from './members.js';

const samplingModes = ['explore', 'exploit', 'random'] as const;

type SamplingMode = (typeof samplingModes)[number];

interface ParentSample {
  readonly parent: ArchiveEntry;
  readonly mode: SamplingMode;
}

type PoolDraw = (pool: readonly ArchiveEntry[], archive: ArchiveState, rng: Rng) => ArchiveEntry;

const drawsByMode = {
  /** The champion of a random occupied cell: every niche is equally likely, however crowded. */
  explore: (pool, archive, rng) => rng.pick([...gridOf(pool, archive).values()]).champion,
  /** A global elite living on the island; the island's best when none of the elites does. */
  exploit: (pool, archive, rng) => {
    const elites = new Set(archive.elites);
    const resident = pool.filter((entry) => elites.has(entry.programId));
    return rng.pick(resident.length > 0 ? resident : [bestOf(pool) as ArchiveEntry]);
  },
  /** Any member, uniformly. */
  random: (pool, _archive, rng) => rng.pick(pool),
} satisfies Record<SamplingMode, PoolDraw>;

/**
 * Draws the parent of the next child of `island`: first the mode, with the configured ratios,
 * then a program by that mode. An island still empty draws from every island (samplingPool).
 */
function sampleParent(archive: ArchiveState, island: number, rng: Rng): ParentSample {
  const pool = samplingPool(archive, island);
  if (pool.length === 0) {
    throw new InvalidArgumentError('the archive is empty; insert the seed program first');
  }
  const ratios = archive.config.sampling;
  const weights = samplingModes.map((name) => ratios[name]);
  const mode = samplingModes[rng.weightedIndex(weights)] as SamplingMode;
  return { parent: drawsByMode[mode](pool, archive, rng), mode };
}

export type { ParentSample, SamplingMode };
export { sampleParent, samplingModes };
