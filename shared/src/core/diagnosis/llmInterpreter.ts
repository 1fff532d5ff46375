import { z } from 'zod';
import type { LlmClient, LlmExchange, LlmMessage } from '../llm/index.js';
import { askJsonWithRetry, quoteAsData, renderTemplate } from '../proposal/index.js';
import type { DiagnosisFigures, DiagnosisInterpretation } from './diagnosis.js';
import { diagnosisStatusSchema } from './diagnosis.js';
import {
  DIAGNOSIS_RULES,
  formatFigure,
  interpretByRules,
  ruleCondition,
} from './diagnosisRules.js';

/** The prompt template files (shared/prompts/<name>.md) of the diagnosis interpreter. */
const DIAGNOSIS_TEMPLATE_NAMES = [
  'diagnosis-interpreter-system',
  'diagnosis-interpreter',
  'json-retry',
] as const;
type DiagnosisTemplateName = (typeof DIAGNOSIS_TEMPLATE_NAMES)[number];
type DiagnosisTemplates = Readonly<Record<DiagnosisTemplateName, string>>;

const MAX_FINDINGS = 6;

const interpreterAnswerSchema = z
  .object({
    status: diagnosisStatusSchema,
    findings: z.array(z.string().trim().min(1)).max(MAX_FINDINGS),
  })
  .strict()
  .refine((answer) => answer.status === 'STABLE' || answer.findings.length > 0, {
    message: 'a status other than STABLE needs at least one finding',
    path: ['findings'],
  });

/** How many users and how long the lists were, so the interpreter can judge the figures. */
interface DiagnosisScope {
  readonly users: number;
  readonly k: number;
}

/** The interpreter's conversation (role `judge`): figures with definitions, and the rules. */
function interpreterMessages(
  templates: DiagnosisTemplates,
  diagnosis: DiagnosisFigures,
  scope: DiagnosisScope
): LlmMessage[] {
  const figures = Object.entries(diagnosis.figures).map(
    ([name, value]) => `${name} = ${formatFigure(value)}: ${diagnosis.definitions[name] ?? ''}`
  );
  const rules = DIAGNOSIS_RULES.map(
    (rule) => `- ${rule.severity} when ${ruleCondition(rule)}: ${rule.problem}.`
  );
  const user = renderTemplate(templates['diagnosis-interpreter'], {
    users: String(scope.users),
    k: String(scope.k),
    figures: quoteAsData('figures', figures.join('\n')),
    rules: rules.join('\n'),
    max_findings: String(MAX_FINDINGS),
  });
  return [
    { role: 'system', content: templates['diagnosis-interpreter-system'] },
    { role: 'user', content: user },
  ];
}

/** An interpretation, the exchange that produced it, and why the rules stood in, if they did. */
interface LlmInterpretation {
  readonly interpretation: DiagnosisInterpretation;
  readonly exchanges: readonly LlmExchange[];
  readonly fallbackReason?: string;
}

/**
 * Asks the LLM (role `judge`) once to interpret the figures, the answer's schema sent with the
 * request. An answer that is not the requested JSON, or an LLM call that failed for good
 * (LlmError), falls back to the rules and says why; any other error is a fault of ours and
 * propagates.
 */
async function interpretWithLlm(
  llm: LlmClient,
  templates: DiagnosisTemplates,
  diagnosis: DiagnosisFigures,
  scope: DiagnosisScope
): Promise<LlmInterpretation> {
  const reply = await askJsonWithRetry(llm, {
    role: 'judge',
    messages: interpreterMessages(templates, diagnosis, scope),
    schema: interpreterAnswerSchema,
    schemaName: 'diagnosis_interpretation',
    retryTemplate: templates['json-retry'],
    templates: [templates['diagnosis-interpreter-system'], templates['diagnosis-interpreter']],
    correctiveRetries: 0,
  });
  if (!reply.ok) {
    const fallbackReason = `the LLM interpreter failed, rules used: ${reply.reason}`;
    return {
      interpretation: interpretByRules(diagnosis),
      exchanges: reply.exchanges,
      fallbackReason,
    };
  }
  return { interpretation: { ...reply.value, source: 'llm' }, exchanges: reply.exchanges };
}

export type { DiagnosisScope, DiagnosisTemplateName, DiagnosisTemplates, LlmInterpretation };
export { DIAGNOSIS_TEMPLATE_NAMES, interpreterMessages, interpretWithLlm };
