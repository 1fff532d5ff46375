import type { LlmMessage } from '../llm/index.js';
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

/** The proposer's conversation for step 1 (the idea). */
function ideaMessages(templates: PromptTemplates, context: ProposalContext): LlmMessage[] {
  const { parent } = context;
  const directional = context.directionalFeedback !== undefined;
  const user = renderTemplate(templates.idea, {
    task: directional ? templates['task-directional'] : templates['task-metrics'],
    parent_id: parent.id,
    parent_code: programCodeSection(parent.files, Object.keys(parent.files).sort()),
    parent_metrics: metricsSection(parent),
    feedback: feedbackSection(context.directionalFeedback),
    inspirations: inspirationsSection(context.inspirations),
    failed_attempts: failedAttemptsSection(context.failedAttempts),
    edits_probes_allowed: context.editableFiles.includes('probes.js')
      ? 'true or false: whether probes.js must change too'
      : 'false',
  });
  return [
    { role: 'system', content: templates['proposer-system'] },
    { role: 'user', content: user },
  ];
}

/** The coder's conversation for step 2 (the edits that implement the idea). */
function editsMessages(
  templates: PromptTemplates,
  context: ProposalContext,
  idea: IdeaResponse
): LlmMessage[] {
  const { parent } = context;
  const editable = idea.edits_probes
    ? context.editableFiles
    : context.editableFiles.filter((file) => file !== 'probes.js');
  const user = renderTemplate(templates.edits, {
    idea: quoteAsData('idea', describeIdea(idea)),
    parent_id: parent.id,
    parent_code: programCodeSection(parent.files, editable),
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
  }
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
    program_code: programCodeSection(request.files, request.editableFiles),
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

export {
  describeIdea,
  editsMessages,
  editsRetryMessages,
  ideaMessages,
  jsonRetryMessages,
  repairMessages,
};
