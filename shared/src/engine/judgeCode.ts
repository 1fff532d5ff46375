import { z } from 'zod';
import type { CodeJudgement, CodeJudgeTemplates, JudgedProgram } from '../core/comparison/index.js';
import {
  blindPrograms,
  codeJudgeAnswerSchema,
  codeJudgeMessages,
  codeJudgementOf,
} from '../core/comparison/index.js';
import type { LlmClient, LlmExchange } from '../core/llm/index.js';
import type { PromptTemplates } from '../core/proposal/index.js';
import { createRng } from '../core/random/index.js';
import { askForJson } from './askForJson.js';

/** The code judge's verdict, or why there is none, with every exchange it took. */
type CodeJudgeOutcome =
  | { readonly ok: true; readonly judgement: CodeJudgement; readonly exchanges: LlmExchange[] }
  | { readonly ok: false; readonly problem: string; readonly exchanges: LlmExchange[] };

/**
 * The paper's LLM-as-judge: the judge role rates programs on creativity, explicitness, insight
 * and personalisation (the rubric is in shared/prompts/code-judge.md), a reason per score. The
 * programs are shown blind, as diffs from the seed in an order drawn from `seed`, labelled
 * `Program A`, …; which strategy made which is resolved only after the answer. An answer that
 * does not rate every program once goes back with what was wrong.
 */
async function judgeCode(
  llm: LlmClient,
  templates: PromptTemplates & CodeJudgeTemplates,
  programs: readonly JudgedProgram[],
  options: { readonly seed: string; readonly correctiveRetries: number }
): Promise<CodeJudgeOutcome> {
  const shown = blindPrograms(programs, createRng(options.seed));
  const exchanges: LlmExchange[] = [];
  const schema = codeJudgeAnswerSchema.transform((answer, context) => {
    const matched = codeJudgementOf(answer, shown);
    if (matched.ok) return matched.programs;
    context.addIssue({ code: 'custom', message: matched.problem });
    return z.NEVER;
  });
  const answer = await askForJson(
    llm,
    templates,
    {
      role: 'judge',
      messages: codeJudgeMessages(templates, shown),
      schema,
      correctiveRetries: options.correctiveRetries,
    },
    exchanges
  );
  if (!answer.ok) return { ok: false, problem: answer.problem, exchanges };
  const model = exchanges.at(-1)?.model ?? 'unknown';
  return { ok: true, judgement: { model, programs: answer.value }, exchanges };
}

export type { CodeJudgeOutcome };
export { judgeCode };
