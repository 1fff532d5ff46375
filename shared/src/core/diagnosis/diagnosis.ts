import { z } from 'zod';
import type { History } from '../ranking/index.js';

/** One user the diagnosis looks at: the training history and the validation item, if any. */
interface DiagnosisUser {
  readonly history: History;
  readonly valid: number | null;
}

/** Measured figures by name, and the one-sentence definition of each, for reports and prompts. */
interface DiagnosisFigures {
  readonly figures: Readonly<Record<string, number>>;
  readonly definitions: Readonly<Record<string, string>>;
}

const diagnosisStatusSchema = z.enum(['CRITICAL', 'NEEDS_IMPROVEMENT', 'STABLE']);
type DiagnosisStatus = z.infer<typeof diagnosisStatusSchema>;

/** What the figures mean for the next proposal: a status, and each problem with its evidence. */
interface DiagnosisInterpretation {
  readonly status: DiagnosisStatus;
  /** Each says what is wrong and which figure shows it, most severe first. */
  readonly findings: readonly string[];
  /** Who wrote it: the LLM interpreter, or the documented rules (offline, or as its fallback). */
  readonly source: 'llm' | 'rules';
}

export type { DiagnosisFigures, DiagnosisInterpretation, DiagnosisStatus, DiagnosisUser };
export { diagnosisStatusSchema };
