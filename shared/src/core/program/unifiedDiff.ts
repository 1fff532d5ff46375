import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { ProgramFiles } from './programFiles.js';

/** Lines of unchanged code around each change. */
const CONTEXT_LINES = 3;

/**
 * The change from one program to another as a git-style unified diff (`--- a/model.py`,
 * `+++ b/model.py`, hunks), file by file in name order; unchanged files are left out, an added
 * or removed file diffs against /dev/null. Empty when the programs are the same.
 */
function unifiedDiff(parentFiles: ProgramFiles, childFiles: ProgramFiles): string {
  const names = [...new Set([...Object.keys(parentFiles), ...Object.keys(childFiles)])].sort();
  return names
    .filter((name) => parentFiles[name] !== childFiles[name])
    .map((name) => {
      const before = parentFiles[name];
      const after = childFiles[name];
      return createTwoFilesPatch(
        before === undefined ? '/dev/null' : `a/${name}`,
        after === undefined ? '/dev/null' : `b/${name}`,
        before ?? '',
        after ?? '',
        undefined,
        undefined,
        { context: CONTEXT_LINES, headerOptions: FILE_HEADERS_ONLY }
      );
    })
    .join('');
}

export { unifiedDiff };
