import { z } from 'zod';

/**
 * How a candidate's life ended, one of these for every candidate: `trained` (the judge scored
 * its model), or where it stopped. Of a proposal: its answer held no JSON that parses, cut off
 * at the token limit included (`unparseable`); its JSON was of the wrong shape or copied the
 * template (`schema_mismatch`); its edits did not apply (`edits_not_applied`); its prompt could
 * not fit the model's window (`prompt_too_large`); an LLM call failed for good (`llm_failure`).
 * Then `duplicate`, `harness_failure` (with the harness's kind: exception, timeout, …),
 * `judge_failure`, and `step_failure` (a step of its own failed after its retries).
 */
const programOutcomeKindSchema = z.enum([
  'trained',
  'unparseable',
  'schema_mismatch',
  'edits_not_applied',
  'prompt_too_large',
  'llm_failure',
  'duplicate',
  'harness_failure',
  'judge_failure',
  'step_failure',
]);

const programOutcomeSchema = z
  .object({
    kind: programOutcomeKindSchema,
    /** The harness's failure kind, for `harness_failure`. */
    harnessKind: z.string().min(1).optional(),
  })
  .strict();

type ProgramOutcomeKind = z.infer<typeof programOutcomeKindSchema>;
type ProgramOutcome = z.infer<typeof programOutcomeSchema>;

/** `harness_failure (timeout)`, `trained`: how reports name an outcome. */
function outcomeLabel(outcome: ProgramOutcome): string {
  return outcome.harnessKind === undefined
    ? outcome.kind
    : `${outcome.kind} (${outcome.harnessKind})`;
}

export type { ProgramOutcome, ProgramOutcomeKind };
export { outcomeLabel, programOutcomeKindSchema, programOutcomeSchema };
