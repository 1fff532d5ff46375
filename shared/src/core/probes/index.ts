export type { ProbeInputLimits, ProbeInputSource } from './buildProbeInput.js';
export { buildProbeInput, DEFAULT_PROBE_INPUT_LIMITS } from './buildProbeInput.js';
export type { ProbeTrials, ProbeVerdict } from './judgeProbeTrials.js';
export { describeDroppedFigures, judgeProbeTrials, MOVE_TOLERANCE } from './judgeProbeTrials.js';
export { perturbProbeInput } from './perturbProbeInput.js';
export type { ProbeFigures } from './probeFigures.js';
export { MAX_PROBES, probeOutputSchema } from './probeFigures.js';
export type { ProbeCatalog, ProbeInput, ProbeTap, ProbeUser } from './probeInput.js';
export type { ProbeRun, ProbeSandbox } from './probeSandbox.js';
