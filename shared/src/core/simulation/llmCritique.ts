import { z } from 'zod';
import type { LlmClient, LlmExchange, LlmMessage } from '../llm/index.js';
import { askJsonWithRetry, quoteAsData, renderTemplate } from '../proposal/index.js';
import type { UserSession } from './browsePages.js';
import type { Critique } from './critique.js';
import { critiqueStatusSchema, emptyFirstPageShare, signalShares } from './critique.js';
import { CRITIQUE_RULES, figuresText, ruleCritique } from './ruleCritique.js';
import type { SimulationFigures } from './simulationFigures.js';
import type { SimulationTemplates } from './simulationTemplates.js';

/** Interviews quoted in the aggregator's prompt: its length bound. */
const INTERVIEWS_SHOWN = 40;
const MAX_FAILURE_MODES = 6;

const critiqueAnswerSchema = z.object({
  status: critiqueStatusSchema,
  failure_modes: z.array(z.string().trim().min(1)).max(MAX_FAILURE_MODES),
  summary: z.string().trim().min(1),
});

/**
 * The aggregator's conversation (role `judge`): the figures, how many users named each signal,
 * the status thresholds of the rules (as guidance), and the first interviews, quoted as data.
 */
function critiqueMessages(
  templates: SimulationTemplates,
  sessions: readonly UserSession[],
  figures: SimulationFigures
): LlmMessage[] {
  const shares = signalShares(sessions);
  const signals = (['overused', 'underused'] as const)
    .map(
      (direction) =>
        `${direction}: ${Object.entries(shares[direction])
          .map(([signal, share]) => `${signal} ${Math.round(share * 100)}%`)
          .join(', ')}`
    )
    .join('\n');
  const interviews = sessions.slice(0, INTERVIEWS_SHOWN).map((session) => {
    const { fits, misses, overusedSignals, underusedSignals } = session.interview;
    return [
      `user ${session.userIndex} (browsed ${session.pages.length} page(s)):`,
      `  fits: ${fits.join(' | ') || '-'}`,
      `  misses: ${misses.join(' | ') || '-'}`,
      `  over-used: ${overusedSignals.join(', ') || '-'}; under-used: ${underusedSignals.join(', ') || '-'}`,
    ].join('\n');
  });
  const { critical, needsImprovement } = CRITIQUE_RULES;
  const user = renderTemplate(templates.critique, {
    figures: figuresText(figures),
    empty_first_page: `${Math.round(emptyFirstPageShare(sessions) * 100)}%`,
    signals,
    critical: `satisfaction < ${critical.satisfaction}, view rate < ${critical.viewRate}, or at least ${critical.emptyFirstPage * 100}% of users found nothing on the first page`,
    needs_improvement: `satisfaction < ${needsImprovement.satisfaction}, view rate < ${needsImprovement.viewRate}, at least ${needsImprovement.emptyFirstPage * 100}% found nothing on the first page, or one signal named by at least ${needsImprovement.signalShare * 100}% of users`,
    interviews_shown: String(interviews.length),
    users: String(sessions.length),
    interviews: quoteAsData('interviews', interviews.join('\n')),
    max_failure_modes: String(MAX_FAILURE_MODES),
  });
  return [
    { role: 'system', content: templates['critique-system'] },
    { role: 'user', content: user },
  ];
}

/**
 * The LLM aggregator, one call for all users; when its answer is unusable, or the LLM is
 * unreachable, the rule-based critique stands in, and its summary and `fallbackReason` say why.
 */
async function llmCritique(
  llm: LlmClient,
  templates: SimulationTemplates,
  sessions: readonly UserSession[],
  figures: SimulationFigures
): Promise<{
  readonly critique: Critique;
  readonly exchanges: readonly LlmExchange[];
  readonly fallbackReason?: string;
}> {
  const reply = await askJsonWithRetry(llm, {
    role: 'judge',
    messages: critiqueMessages(templates, sessions, figures),
    schema: critiqueAnswerSchema,
    retryTemplate: templates['json-retry'],
    templates: [templates['critique-system'], templates.critique],
    correctiveRetries: 0,
  });
  if (!reply.ok) {
    const fallbackReason = `the LLM aggregator failed, rules used: ${reply.reason}`;
    const rules = ruleCritique(sessions, figures);
    return {
      critique: { ...rules, summary: `${rules.summary} (${fallbackReason})` },
      exchanges: reply.exchanges,
      fallbackReason,
    };
  }
  return {
    critique: {
      status: reply.value.status,
      failureModes: reply.value.failure_modes,
      summary: reply.value.summary,
      source: 'llm',
    },
    exchanges: reply.exchanges,
  };
}

export { llmCritique };
