import type { ProbeFigures, ProbeInput, ProbeRun, ProbeSandbox } from '../core/probes/index.js';
import { judgeProbeTrials, perturbProbeInput } from '../core/probes/index.js';
import { createRng } from '../core/random/index.js';

/** The probes.js a program keeps, with its figures on this model; a rejection is feedback. */
interface VettedProbes {
  readonly source: string;
  /** The kept script's finite figures; empty when it failed on this model too. */
  readonly figures: ProbeFigures;
  readonly accepted: boolean;
  /**
   * Why the candidate was not kept, as a clause for the next prompt (the feedback section says
   * "The proposed probes.js was not kept: …"), noting when the parent failed here as well.
   */
  readonly rejection?: string;
}

/** One fixed perturbation for every vetting, so that a verdict can be reproduced. */
const PERTURBATION_SEED = 'probe-perturbation';

/**
 * Co-evolution's gate on a proposed probes.js: run it twice on the input and once on a known
 * perturbation of it, and keep it only if the acceptance rules pass. Otherwise the parent's
 * probes.js stays, its figures are taken on this input, and the reason goes to the next proposal.
 * An unchanged probes.js (candidate === parent) is vetted too, so that probes which no longer fit
 * the model's taps are reported.
 */
async function vetProbeScript(
  sandbox: ProbeSandbox,
  scripts: { readonly candidate: string; readonly parent: string },
  input: ProbeInput
): Promise<VettedProbes> {
  const { candidate, parent } = scripts;
  // A script that fails its first run fails the vetting: its failure stands in for the other
  // runs, so a script that loops forever costs one time limit, not three. A script that runs is
  // run again and perturbed at once, each in its own thread.
  const first = await sandbox.run(candidate, input);
  const perturbedInput = perturbProbeInput(input, createRng(PERTURBATION_SEED));
  const [second, perturbed] = first.ok
    ? await Promise.all([sandbox.run(candidate, input), sandbox.run(candidate, perturbedInput)])
    : [first, first];
  const verdict = judgeProbeTrials({ first, second, perturbed });
  if (verdict.accepted) return { source: candidate, figures: verdict.figures, accepted: true };
  if (candidate === parent) {
    return {
      source: parent,
      figures: finiteFigures(first),
      accepted: false,
      rejection: verdict.rejection,
    };
  }
  const parentRun = await sandbox.run(parent, input);
  const parentFailure = parentRun.ok
    ? ''
    : `; the parent's probes.js failed on this model too: ${parentRun.reason}`;
  return {
    source: parent,
    figures: finiteFigures(parentRun),
    accepted: false,
    rejection: `${verdict.rejection}${parentFailure}`,
  };
}

function finiteFigures(run: ProbeRun): ProbeFigures {
  if (!run.ok) return {};
  return Object.fromEntries(
    Object.entries(run.figures).filter(([, value]) => Number.isFinite(value))
  );
}

export type { VettedProbes };
export { vetProbeScript };
