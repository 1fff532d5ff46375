import type { LlmMessage, OptionalPart } from '../llm/index.js';
import type { ProgramFiles } from '../program/index.js';
import {
  editableBlocksSection,
  failedAttemptsSection,
  feedbackSection,
  inspirationsSection,
  metricsSection,
  programCodeSection,
  truncate,
} from './promptSections.js';
import type { ProposalContext } from './proposalContext.js';
import { quoteAsData } from './quoteAsData.js';
import type { IdeaResponse } from './responses.js';
import type { PromptTemplates } from './templates.js';
import { renderTemplate } from './templates.js';

/** How much of a failed run's log tail a repair prompt shows. */
const LOG_TAIL_CHARS = 3_000;

/**
 * A part of a proposal prompt that may be left out to fit the model's context window. What is
 * never left out: the task, the evolve blocks, the idea, the failure being repaired. Then, most
 * important first: the directional feedback, the code outside the evolve blocks, the
 * inspirations (the best ranked kept longest), the earlier failed attempts (the newest kept
 * longest).
 */
type ProposalPart = OptionalPart &
  (
    | { readonly kind: 'feedback' | 'whole-code' }
    | { readonly kind: 'inspiration' | 'failed-attempt'; readonly index: number }
  );

const PRIORITY = { 'failed-attempt': 1, inspiration: 2, 'whole-code': 3, feedback: 4 } as const;

const WHOLE_CODE: ProposalPart = {
  kind: 'whole-code',
  label: 'code outside the evolve blocks',
  priority: PRIORITY['whole-code'],
};

/** The idea prompt's optional parts, in the order of the prompt. */
function ideaParts(context: ProposalContext): ProposalPart[] {
  return [
    WHOLE_CODE,
    ...(context.directionalFeedback === undefined
      ? []
      : [
          { kind: 'feedback', label: 'directional feedback', priority: PRIORITY.feedback } as const,
        ]),
    ...context.inspirations.map((inspiration, index) => ({
      kind: 'inspiration' as const,
      index,
      label: `inspiration ${inspiration.id}`,
      priority: PRIORITY.inspiration,
    })),
    // Oldest first in the prompt; dropped first too (ties drop the later part, so reverse).
    ...context.failedAttempts.map((_, index) => ({
      kind: 'failed-attempt' as const,
      index,
      label: `failed attempt ${index + 1}`,
      priority: PRIORITY['failed-attempt'] + index / (context.failedAttempts.length + 1),
    })),
  ];
}

const keeps = (kept: readonly ProposalPart[], kind: ProposalPart['kind']) =>
  kept.some((part) => part.kind === kind);

const keptIndexes = (kept: readonly ProposalPart[], kind: 'inspiration' | 'failed-attempt') =>
  new Set(kept.flatMap((part) => (part.kind === kind ? [part.index] : [])));

/** The proposer's conversation for step 1 (the idea), with the optional parts `kept`. */
function ideaMessages(
  templates: PromptTemplates,
  context: ProposalContext,
  kept: readonly ProposalPart[] = ideaParts(context)
): LlmMessage[] {
  const { parent } = context;
  const directional = context.directionalFeedback !== undefined;
  const inspirations = keptIndexes(kept, 'inspiration');
  const failures = keptIndexes(kept, 'failed-attempt');
  const user = renderTemplate(templates.idea, {
    task: directional ? templates['task-directional'] : templates['task-metrics'],
    parent_id: parent.id,
    parent_code: programCodeSection(
      parent.files,
      Object.keys(parent.files).sort(),
      keeps(kept, 'whole-code') ? 'whole' : 'blocks'
    ),
    parent_metrics: metricsSection(parent),
    feedback: feedbackSection(keeps(kept, 'feedback') ? context.directionalFeedback : undefined),
    inspirations: inspirationsSection(
      context.inspirations.filter((_, index) => inspirations.has(index))
    ),
    failed_attempts: failedAttemptsSection(
      context.failedAttempts.filter((_, index) => failures.has(index))
    ),
    edits_probes_allowed: context.editableFiles.includes('probes.js')
      ? 'whether probes.js must change too'
      : 'always false here (probes.js may not change)',
  });
  return [
    { role: 'system', content: templates['proposer-system'] },
    { role: 'user', content: user },
  ];
}

/** The optional part of the coder's prompts: the code outside the evolve blocks. */
function codeParts(): ProposalPart[] {
  return [WHOLE_CODE];
}

/** The coder's conversation for step 2 (the edits that implement the idea). */
function editsMessages(
  templates: PromptTemplates,
  context: ProposalContext,
  idea: IdeaResponse,
  kept: readonly ProposalPart[] = codeParts()
): LlmMessage[] {
  const { parent } = context;
  const editable = idea.edits_probes
    ? context.editableFiles
    : context.editableFiles.filter((file) => file !== 'probes.js');
  const user = renderTemplate(templates.edits, {
    idea: quoteAsData('idea', describeIdea(idea)),
    parent_id: parent.id,
    parent_code: programCodeSection(
      parent.files,
      editable,
      keeps(kept, 'whole-code') ? 'whole' : 'blocks'
    ),
    editable_blocks: editableBlocksSection(parent.files, editable),
  });
  return [
    { role: 'system', content: templates['coder-system'] },
    { role: 'user', content: user },
  ];
}

/** Continues a conversation after an answer that could not be used at all. */
function jsonRetryMessages(
  templates: PromptTemplates,
  conversation: readonly LlmMessage[],
  answer: string,
  problem: string
): LlmMessage[] {
  return [
    ...conversation,
    { role: 'assistant', content: answer },
    { role: 'user', content: renderTemplate(templates['json-retry'], { problem }) },
  ];
}

/** Continues the coder's conversation after edits that did not apply, naming each failure. */
function editsRetryMessages(
  templates: PromptTemplates,
  conversation: readonly LlmMessage[],
  answer: string,
  failures: readonly string[]
): LlmMessage[] {
  return [
    ...conversation,
    { role: 'assistant', content: answer },
    {
      role: 'user',
      content: renderTemplate(templates['edits-retry'], {
        failures: quoteAsData('edit failures', failures.map((line) => `- ${line}`).join('\n')),
      }),
    },
  ];
}

/** The coder's conversation for a repair of a candidate that failed in the harness. */
function repairMessages(
  templates: PromptTemplates,
  request: {
    readonly programId: string;
    readonly files: ProgramFiles;
    readonly idea: string;
    readonly failure: { readonly kind: string; readonly message: string; readonly logTail: string };
    readonly editableFiles: readonly string[];
  },
  kept: readonly ProposalPart[] = codeParts()
): LlmMessage[] {
  const { failure } = request;
  const failureText = [
    `kind: ${failure.kind}`,
    `message: ${failure.message}`,
    'log tail:',
    truncate(failure.logTail.slice(-LOG_TAIL_CHARS), LOG_TAIL_CHARS),
  ].join('\n');
  const user = renderTemplate(templates.repair, {
    idea: quoteAsData('idea', request.idea),
    failure: quoteAsData('failure', failureText),
    program_id: request.programId,
    program_code: programCodeSection(
      request.files,
      request.editableFiles,
      keeps(kept, 'whole-code') ? 'whole' : 'blocks'
    ),
    editable_blocks: editableBlocksSection(request.files, request.editableFiles),
  });
  return [
    { role: 'system', content: templates['coder-system'] },
    { role: 'user', content: user },
  ];
}

/** The idea as the coder and the archive's records see it. */
function describeIdea(idea: IdeaResponse): string {
  const modes = [...idea.failure_modes.user_facing, ...idea.failure_modes.model_facing];
  return [
    idea.idea,
    modes.length > 0 ? `Addresses: ${modes.join('; ')}` : '',
    `Changes:\n${idea.changes.map((change) => `- ${change}`).join('\n')}`,
  ]
    .filter((part) => part !== '')
    .join('\n');
}

export type { ProposalPart };
export {
  codeParts,
  describeIdea,
  editsMessages,
  editsRetryMessages,
  ideaMessages,
  ideaParts,
  jsonRetryMessages,
  repairMessages,
};
