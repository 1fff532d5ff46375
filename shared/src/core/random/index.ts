export type { Rng, RngState } from './rng.js';
export { createRng, restoreRng, rngStateSchema } from './rng.js';
