import type { ProgramFiles } from '../program/index.js';
import { parseEvolveBlocks } from '../program/index.js';
import type { FailedAttempt, InspirationBrief, ProgramBrief } from './proposalContext.js';
import { quoteAsData } from './quoteAsData.js';

/** Bounds that keep a prompt's optional sections from crowding out the code. */
const INSPIRATION_DIFF_CHARS = 2_500;
const FAILED_ATTEMPTS_SHOWN = 3;
const FAILURE_REASON_CHARS = 400;

/**
 * Files of a program, each quoted as data under its name: whole, or (when a prompt must be
 * smaller) only their evolve blocks, each block whole, which is all an edit may touch.
 */
function programCodeSection(
  files: ProgramFiles,
  shownFiles: readonly string[],
  view: 'whole' | 'blocks' = 'whole'
): string {
  return shownFiles
    .filter((name) => files[name] !== undefined)
    .map((name) => {
      const text = files[name] ?? '';
      if (view === 'whole') return `### ${name}\n\n${quoteAsData(name, text)}`;
      return parseEvolveBlocks(name, text)
        .map(
          (block) =>
            `### ${name}, evolve block ${block.name}\n\n${quoteAsData(`${name} ${block.name}`, block.content)}`
        )
        .join('\n\n');
    })
    .filter((section) => section !== '')
    .join('\n\n');
}

/** `model.py: hyperparameters, architecture, …`, one line per editable file. */
function editableBlocksSection(files: ProgramFiles, editableFiles: readonly string[]): string {
  return editableFiles
    .filter((name) => files[name] !== undefined)
    .map((name) => {
      const blocks = parseEvolveBlocks(name, files[name] ?? '').map((block) => block.name);
      return `- ${name}: ${blocks.join(', ')}`;
    })
    .join('\n');
}

/** A program's figures, sorted by name, validation accuracy first. */
function metricsSection(brief: ProgramBrief): string {
  const names = Object.keys(brief.metrics).sort((a, b) => {
    const rank = (name: string) => (name.startsWith('val_') ? 0 : 1);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const lines = names.map((name) => `${name}: ${formatFigure(brief.metrics[name] ?? Number.NaN)}`);
  return quoteAsData(`metrics of ${brief.id}`, lines.join('\n'));
}

function feedbackSection(feedback: string | undefined): string {
  if (feedback === undefined) return '';
  return `## Directional feedback on the parent\n\n${quoteAsData('directional feedback', feedback)}`;
}

/** Other programs of the archive, as diffs from the parent with their figures and ideas. */
function inspirationsSection(inspirations: readonly InspirationBrief[]): string {
  if (inspirations.length === 0) return '';
  const parts = inspirations.map((inspiration) => {
    const idea =
      inspiration.idea === undefined ? '' : `\nIdea: ${quoteAsData('idea', inspiration.idea)}`;
    const diff = truncate(inspiration.diffFromParent, INSPIRATION_DIFF_CHARS);
    return [
      `### ${inspiration.id} (val_ndcg@10 ${formatFigure(inspiration.metrics['val_ndcg@10'] ?? Number.NaN)})`,
      idea,
      `\n${quoteAsData(`diff from the parent to ${inspiration.id}`, diff)}`,
    ].join('');
  });
  return `## Other programs of the archive, for inspiration\n\n${parts.join('\n\n')}`;
}

/** Recent failed children of the parent: their ideas and why they failed. */
function failedAttemptsSection(failures: readonly FailedAttempt[]): string {
  if (failures.length === 0) return '';
  const lines = failures
    .slice(-FAILED_ATTEMPTS_SHOWN)
    .map(
      (failure) =>
        `- idea: ${failure.idea}\n  failed: ${truncate(failure.reason, FAILURE_REASON_CHARS)}`
    );
  return `## Earlier attempts from this parent that failed (do not repeat them)\n\n${quoteAsData('failed attempts', lines.join('\n'))}`;
}

function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** Keeps the head of a long text and says how much was cut. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n… (${text.length - maxChars} more characters cut)`;
}

export {
  editableBlocksSection,
  failedAttemptsSection,
  feedbackSection,
  inspirationsSection,
  metricsSection,
  programCodeSection,
  truncate,
};
