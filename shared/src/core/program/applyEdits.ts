import { EvolveBlockError } from '../../errors.js';
import { closestLines } from './closestLines.js';
import type { EvolveBlock } from './evolveBlocks.js';
import { containsMarker, lineNumberAt, parseEvolveBlocks } from './evolveBlocks.js';
import { locateSearch } from './locateSearch.js';
import type { ProgramFiles } from './programFiles.js';
import type { SearchReplaceEdit } from './searchReplaceEdit.js';

type EditFailureReason =
  | 'file_not_found'
  | 'block_not_found'
  | 'search_not_found'
  | 'ambiguous'
  | 'touches_markers'
  | 'empty_search';

/** An edit that did not apply; `message` names its block and file, written for a corrective retry. */
interface EditFailure {
  /** Position of the edit in the list given to applyEdits (from 0; messages count from 1). */
  readonly index: number;
  readonly file: string;
  readonly block: string;
  readonly reason: EditFailureReason;
  readonly message: string;
}

type ApplyEditsResult =
  | { readonly ok: true; readonly files: ProgramFiles }
  | { readonly ok: false; readonly failures: readonly EditFailure[] };

/**
 * Applies SEARCH/REPLACE edits in order, each to the result of the ones before. An edit changes
 * only the inside of the evolve block it names: code outside the blocks and the markers never
 * change. Every edit is tried, so that one corrective retry can fix all the failures at once;
 * the program is returned only when all of them applied. The files must have well-formed
 * markers (parseEvolveBlocks throws otherwise).
 */
function applyEdits(files: ProgramFiles, edits: readonly SearchReplaceEdit[]): ApplyEditsResult {
  let current = files;
  const failures: EditFailure[] = [];
  edits.forEach((edit, index) => {
    const outcome = applyEdit(current, edit, index);
    if (typeof outcome === 'string') {
      current = { ...current, [edit.file]: outcome };
    } else {
      failures.push(outcome);
    }
  });
  return failures.length === 0 ? { ok: true, files: current } : { ok: false, failures };
}

/** The edited file's new text, or why the edit does not apply. */
function applyEdit(
  files: ProgramFiles,
  edit: SearchReplaceEdit,
  index: number
): string | EditFailure {
  const { file, block: blockName, search, replace } = edit;
  const fail = (reason: EditFailureReason, message: string): EditFailure => ({
    index,
    file,
    block: blockName,
    reason,
    message: `edit ${index + 1}: ${message}`,
  });
  const where = `block '${blockName}' of ${file}`;

  const text = Object.hasOwn(files, file) ? files[file] : undefined;
  if (text === undefined) {
    return fail(
      'file_not_found',
      `the program has no file '${file}' (its files: ${Object.keys(files).join(', ')})`
    );
  }
  const blocks = parseEvolveBlocks(file, text);
  const block = blocks.find((candidate) => candidate.name === blockName);
  if (block === undefined) {
    const names = blocks.map((candidate) => candidate.name).join(', ') || 'none';
    return fail(
      'block_not_found',
      `${file} has no evolve block '${blockName}' (its blocks: ${names})`
    );
  }
  if (search.trim() === '') {
    return fail(
      'empty_search',
      `the search text for ${where} is empty; quote the lines to replace`
    );
  }
  if (containsMarker(search) || containsMarker(replace)) {
    return fail(
      'touches_markers',
      `the edit of ${where} contains an EVOLVE-BLOCK marker; edits change the code inside a block, never its markers`
    );
  }

  const location = locateSearch(block.content, search, replace);
  if (location.kind === 'not_found') {
    return fail('search_not_found', notFoundMessage(text, block, edit));
  }
  if (location.kind === 'ambiguous') {
    const lines = location.starts.map((start) => lineNumberAt(text, block.start + start));
    return fail(
      'ambiguous',
      `the search text occurs ${lines.length} times in ${where} (at lines ${lines.join(', ')} of ${file}); quote more surrounding lines so that it matches once`
    );
  }

  const edited =
    block.content.slice(0, location.start) +
    location.replacement +
    block.content.slice(location.end);
  // The END marker must stay on a line of its own.
  const content = edited === '' || edited.endsWith('\n') ? edited : `${edited}\n`;
  const result = text.slice(0, block.start) + content + text.slice(block.end);
  if (!sameBlocks(file, result, blocks)) {
    return fail(
      'touches_markers',
      `the edit of ${where} would create or break an EVOLVE-BLOCK marker; edits change the code inside a block, never its markers`
    );
  }
  return result;
}

function notFoundMessage(text: string, block: EvolveBlock, edit: SearchReplaceEdit): string {
  const { file } = edit;
  const intro = `the search text was not found in block '${block.name}' of ${file}, not even ignoring trailing whitespace, blank lines and indentation.`;
  const closest = closestLines(block.content, edit.search);
  if (closest === undefined) return `${intro} That block holds no code.`;
  const first = lineNumberAt(text, block.start + closest.start);
  const last = lineNumberAt(text, block.start + closest.end);
  const quote = block.content.slice(closest.start, closest.end);
  return `${intro} The closest lines of that block (${file} lines ${first}-${last}) are:\n\`\`\`\n${quote}\n\`\`\`\nQuote the block's current lines exactly in the search text.`;
}

/** Whether a text still has the same blocks, in the same order, with well-formed markers. */
function sameBlocks(file: string, text: string, before: readonly EvolveBlock[]): boolean {
  try {
    const after = parseEvolveBlocks(file, text).map((block) => block.name);
    return after.join('\n') === before.map((block) => block.name).join('\n');
  } catch (error) {
    if (error instanceof EvolveBlockError) return false;
    throw error;
  }
}

export type { ApplyEditsResult, EditFailure, EditFailureReason };
export { applyEdits };
