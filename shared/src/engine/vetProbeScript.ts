import type { ProbeFigures, ProbeInput, ProbeSandbox, ProbeVerdict } from '../core/probes/index.js';
import { judgeProbeTrials, perturbProbeInput } from '../core/probes/index.js';
import { createRng } from '../core/random/index.js';

/** The probes.js a program keeps, with its figures on this model; a rejection is feedback. */
interface VettedProbes {
  readonly source: string;
  /** The kept script's figures that passed vetting on this model; empty when none did. */
  readonly figures: ProbeFigures;
  readonly accepted: boolean;
  /**
   * Why the candidate was not kept, as a clause for the next prompt (the feedback section says
   * "The proposed probes.js was not kept: …"), noting when the parent failed here as well.
   */
  readonly rejection?: string;
  /** The kept script's figures left out because they did not move under the perturbation. */
  readonly dropped: readonly string[];
}

/** One fixed perturbation for every vetting, so that a verdict can be reproduced. */
const PERTURBATION_SEED = 'probe-perturbation';

/**
 * Co-evolution's gate on a proposed probes.js: run it twice on the input and once on a known
 * perturbation of it, and keep it only if the acceptance rules pass; of its figures, only those
 * that moved under the perturbation are kept. Otherwise the parent's probes.js stays, vetted the
 * same way on this input, and the reason goes to the next proposal. An unchanged probes.js
 * (candidate === parent) is vetted too, so that probes which no longer fit the model's taps are
 * reported.
 */
async function vetProbeScript(
  sandbox: ProbeSandbox,
  scripts: { readonly candidate: string; readonly parent: string },
  input: ProbeInput
): Promise<VettedProbes> {
  const { candidate, parent } = scripts;
  const verdict = await trial(sandbox, candidate, input);
  if (verdict.accepted) {
    return {
      source: candidate,
      figures: verdict.figures,
      accepted: true,
      dropped: verdict.dropped,
    };
  }
  const kept = candidate === parent ? verdict : await trial(sandbox, parent, input);
  const parentFailure =
    candidate === parent || kept.accepted
      ? ''
      : `; the parent's probes.js fails on this model too: ${kept.rejection}`;
  return {
    source: parent,
    figures: kept.accepted ? kept.figures : {},
    accepted: false,
    rejection: `${verdict.rejection}${parentFailure}`,
    dropped: kept.accepted ? kept.dropped : [],
  };
}

/**
 * Runs a script on the input and judges it. A script that fails its first run fails the trial:
 * its failure stands in for the other runs, so a script that loops forever costs one time limit,
 * not three. A script that runs is run again and perturbed at once, each in its own thread.
 */
async function trial(
  sandbox: ProbeSandbox,
  source: string,
  input: ProbeInput
): Promise<ProbeVerdict> {
  const first = await sandbox.run(source, input);
  const perturbedInput = perturbProbeInput(input, createRng(PERTURBATION_SEED));
  const [second, perturbed] = first.ok
    ? await Promise.all([sandbox.run(source, input), sandbox.run(source, perturbedInput)])
    : [first, first];
  return judgeProbeTrials({ first, second, perturbed });
}

export type { VettedProbes };
export { vetProbeScript };
