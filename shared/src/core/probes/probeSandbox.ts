import type { ProbeFigures } from './probeFigures.js';
import type { ProbeInput } from './probeInput.js';

/** One run of a probes.js script: its figures and wall time, or why it gave none. */
type ProbeRun =
  | { readonly ok: true; readonly figures: ProbeFigures; readonly ms: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Port: runs a probes.js script's `probes(input)` in isolation, a fresh context per run, under
 * time and memory limits. A script that fails, overruns or returns malformed figures is a
 * `{ ok: false }` run whose reason is worded for the next proposal; `run` itself never rejects.
 */
interface ProbeSandbox {
  run(source: string, input: ProbeInput): Promise<ProbeRun>;
}

export type { ProbeRun, ProbeSandbox };
