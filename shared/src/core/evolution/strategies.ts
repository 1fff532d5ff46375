import { z } from 'zod';

const strategyNameSchema = z.enum([
  'self-evolverec',
  'scalar-llm',
  'nas',
  'directional-nas',
  'best-of-n',
]);
type StrategyName = z.infer<typeof strategyNameSchema>;

/**
 * Who writes a proposal's edits: an LLM; a draw from the declared search space (`nas`); or a move
 * of that space chosen by the parent's feedback through a documented table (`directional-nas`).
 */
type ProposerKind = 'llm' | 'nas' | 'directional-nas';

/**
 * What distinguishes the strategies; everything else (archive, training, records) is the same
 * loop, so that every comparison of the paper can be rerun by changing one word of a config.
 */
interface StrategyTraits {
  readonly proposer: ProposerKind;
  /** `seed`: every candidate is an independent sample from the seed (best-of-n). */
  readonly parents: 'archive' | 'seed';
  readonly inspirations: boolean;
  /**
   * `directional`: the simulator's critique and the diagnosis steer the proposal (in the prompt,
   * or through directional-nas's table); `metrics`: figures only.
   */
  readonly feedback: 'directional' | 'metrics';
  /** Whether a proposal may edit `probes.js` together with the model (co-evolution). */
  readonly coEvolveProbes: boolean;
  /** Whether a candidate that fails in the harness goes to the LLM repair loop. */
  readonly repair: boolean;
}

const STRATEGIES: Readonly<Record<StrategyName, StrategyTraits>> = {
  'self-evolverec': {
    proposer: 'llm',
    parents: 'archive',
    inspirations: true,
    feedback: 'directional',
    coEvolveProbes: true,
    repair: true,
  },
  'scalar-llm': {
    proposer: 'llm',
    parents: 'archive',
    inspirations: true,
    feedback: 'metrics',
    coEvolveProbes: false,
    repair: true,
  },
  nas: {
    proposer: 'nas',
    parents: 'archive',
    inspirations: false,
    feedback: 'metrics',
    coEvolveProbes: false,
    repair: false,
  },
  'directional-nas': {
    proposer: 'directional-nas',
    parents: 'archive',
    inspirations: false,
    feedback: 'directional',
    coEvolveProbes: false,
    repair: false,
  },
  'best-of-n': {
    proposer: 'llm',
    parents: 'seed',
    inspirations: false,
    feedback: 'metrics',
    coEvolveProbes: false,
    repair: true,
  },
};

function strategyTraits(name: StrategyName): StrategyTraits {
  return STRATEGIES[name];
}

/** The files a proposal of this strategy may edit. */
function editableFiles(traits: StrategyTraits): string[] {
  return traits.coEvolveProbes ? ['model.py', 'probes.js'] : ['model.py'];
}

export type { ProposerKind, StrategyName, StrategyTraits };
export { editableFiles, strategyNameSchema, strategyTraits };
