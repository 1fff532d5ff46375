import { z } from 'zod';
import { strategyNameSchema } from '../evolution/index.js';
import type { LlmMessage } from '../llm/index.js';
import { quoteAsData, renderTemplate } from '../proposal/index.js';
import type { Rng } from '../random/index.js';

/** The prompt template files (shared/prompts/<name>.md) of the code judge. */
const CODE_JUDGE_TEMPLATE_NAMES = ['code-judge-system', 'code-judge'] as const;
type CodeJudgeTemplateName = (typeof CODE_JUDGE_TEMPLATE_NAMES)[number];
type CodeJudgeTemplates = Readonly<Record<CodeJudgeTemplateName, string>>;

/** The rubric's criteria, as the paper's LLM-as-judge names them (defined in code-judge.md). */
const codeCriterionSchema = z.enum(['creativity', 'explicitness', 'insight', 'personalisation']);
type CodeCriterion = z.infer<typeof codeCriterionSchema>;

const ratingSchema = z
  .object({ score: z.int().min(1).max(5), reason: z.string().trim().min(1) })
  .strict();

/** The judge role's answer: one entry per program shown, by its blind label. */
const codeJudgeAnswerSchema = z
  .object({
    programs: z.array(
      z
        .object({
          label: z.string(),
          creativity: ratingSchema,
          explicitness: ratingSchema,
          insight: ratingSchema,
          personalisation: ratingSchema,
        })
        .strict()
    ),
  })
  .strict();

type CodeJudgeAnswer = z.infer<typeof codeJudgeAnswerSchema>;

/** A program to be judged, with who made it (never shown to the judge). */
interface JudgedProgram {
  readonly strategy: z.infer<typeof strategyNameSchema>;
  readonly runId: string;
  readonly programId: string;
  /** Unified diff of the program from the seed program. */
  readonly diffFromSeed: string;
}

/** A program as shown to the judge: a label, and its diff. */
interface BlindProgram extends JudgedProgram {
  readonly label: string;
}

/** The code judge's reading of each strategy's best program, labels resolved after the fact. */
const codeJudgementSchema = z
  .object({
    /** The model of the judge role. */
    model: z.string(),
    programs: z.array(
      z
        .object({
          label: z.string(),
          strategy: strategyNameSchema,
          runId: z.string(),
          programId: z.string(),
          ratings: z.record(codeCriterionSchema, ratingSchema),
          /** Mean of the four scores. */
          mean: z.number(),
        })
        .strict()
    ),
  })
  .strict();

type CodeJudgement = z.infer<typeof codeJudgementSchema>;

/**
 * Shows the programs blind: in an order drawn from `rng`, labelled `Program A`, `Program B`, …,
 * so neither the position nor the label says which strategy made a program.
 */
function blindPrograms(
  programs: readonly JudgedProgram[],
  rng: Pick<Rng, 'shuffle'>
): BlindProgram[] {
  return rng
    .shuffle(programs)
    .map((program, index) => ({ ...program, label: `Program ${String.fromCharCode(65 + index)}` }));
}

/** The judge role's conversation: every program's diff, quoted as data, and the rubric. */
function codeJudgeMessages(
  templates: CodeJudgeTemplates,
  programs: readonly BlindProgram[]
): LlmMessage[] {
  const shown = programs.map(
    (program) => `### ${program.label}\n\n${quoteAsData(program.label, program.diffFromSeed)}`
  );
  return [
    { role: 'system', content: templates['code-judge-system'] },
    {
      role: 'user',
      content: renderTemplate(templates['code-judge'], { programs: shown.join('\n\n') }),
    },
  ];
}

/**
 * The judged programs from the judge's answer: each label matched to its program, the strategy named
 * only now. An answer that leaves out a program, or names one that was not shown, is refused
 * (the caller asks again with the problem).
 */
function codeJudgementOf(
  answer: CodeJudgeAnswer,
  programs: readonly BlindProgram[]
):
  | { readonly ok: true; readonly programs: CodeJudgement['programs'] }
  | { readonly ok: false; readonly problem: string } {
  const labels = programs.map((program) => program.label);
  const answered = answer.programs.map((entry) => entry.label);
  const missing = labels.filter((label) => !answered.includes(label));
  const unknown = answered.filter((label) => !labels.includes(label));
  if (missing.length > 0 || unknown.length > 0 || answered.length !== labels.length) {
    return {
      ok: false,
      problem: `rate each program shown exactly once (missing: ${missing.join(', ') || 'none'}; not shown: ${unknown.join(', ') || 'none'}).`,
    };
  }
  const judged = programs.flatMap((program) => {
    const entry = answer.programs.find((candidate) => candidate.label === program.label);
    if (entry === undefined) return [];
    const ratings = {
      creativity: entry.creativity,
      explicitness: entry.explicitness,
      insight: entry.insight,
      personalisation: entry.personalisation,
    } satisfies Record<CodeCriterion, z.infer<typeof ratingSchema>>;
    const scores = Object.values(ratings).map((rating) => rating.score);
    return [
      {
        label: program.label,
        strategy: program.strategy,
        runId: program.runId,
        programId: program.programId,
        ratings,
        mean: scores.reduce((sum, score) => sum + score, 0) / scores.length,
      },
    ];
  });
  return { ok: true, programs: judged };
}

export type {
  BlindProgram,
  CodeCriterion,
  CodeJudgeAnswer,
  CodeJudgement,
  CodeJudgeTemplates,
  JudgedProgram,
};
export {
  blindPrograms,
  CODE_JUDGE_TEMPLATE_NAMES,
  codeCriterionSchema,
  codeJudgeAnswerSchema,
  codeJudgeMessages,
  codeJudgementOf,
  codeJudgementSchema,
};
