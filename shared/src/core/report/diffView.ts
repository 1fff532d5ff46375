import type { Markup } from './html.js';
import { html } from './html.js';

/** A unified diff as a block of lines, additions and deletions marked for colour. */
function diffView(diff: string): Markup {
  const lines = diff.replace(/\n$/, '').split('\n');
  return html`<pre class="diff">${lines.map(
    // The newline as a value: a template's own line breaks are layout, which htm drops.
    (line) => html`<span class=${lineClass(line)}>${`${line}\n`}</span>`
  )}</pre>`;
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'ctx';
}

/**
 * The part of a unified diff (as `unifiedDiff` writes it, file by file) that changes one file;
 * undefined when that file did not change.
 */
function fileDiff(diff: string, file: string): string | undefined {
  // Each file's part starts with its `---` line followed by its `+++` line.
  const sections = diff.split(/^(?=--- [^\n]*\n\+\+\+ )/m);
  const target = sections.filter(
    (section) =>
      section.startsWith(`--- a/${file}\n`) ||
      (section.startsWith('--- /dev/null\n') && section.includes(`\n+++ b/${file}\n`))
  );
  return target.length === 0 ? undefined : target.join('');
}

export { diffView, fileDiff };
