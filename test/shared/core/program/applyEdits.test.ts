import { describe, expect, it } from 'vitest';
import type { SearchReplaceEdit } from '../../../../shared/src/core/program/index.js';
import { applyEdits, parseEvolveBlocks } from '../../../../shared/src/core/program/index.js';

const model = `import torch

# EVOLVE-BLOCK-START hyperparameters
HPARAMS = {
    "hidden": 64,
    "lr": 1e-3,
}
# EVOLVE-BLOCK-END


def helper():
    return 1


# EVOLVE-BLOCK-START model
class Model:
    def forward(self, x):
        y = x + 1
        return y

    def loss(self, x):
        y = x + 1
        return y * 2
# EVOLVE-BLOCK-END
`;
const files = { 'model.py': model };

function edit(block: string, search: string, replace: string): SearchReplaceEdit {
  return { file: 'model.py', block, search, replace };
}

/** The text of a file outside its evolve blocks, markers included. */
function outsideBlocks(text: string): string {
  let outside = '';
  let at = 0;
  for (const block of parseEvolveBlocks('model.py', text)) {
    outside += text.slice(at, block.start);
    at = block.end;
  }
  return outside + text.slice(at);
}

describe('applyEdits', () => {
  it('replaces an exact quote inside the named block', () => {
    // Act
    const result = applyEdits(files, [edit('hyperparameters', '"hidden": 64,', '"hidden": 128,')]);

    // Assess
    expect(result).toEqual({
      ok: true,
      files: { 'model.py': model.replace('"hidden": 64,', '"hidden": 128,') },
    });
  });

  it('matches a quote whose trailing whitespace and blank lines drifted', () => {
    // Prepare: trailing spaces, a blank line the block lacks, and no final newline
    const search = '    def forward(self, x):   \n\n        y = x + 1\n        return y  ';

    // Act
    const result = applyEdits(files, [
      edit('model', search, '    def forward(self, x):\n        return x - 1\n'),
    ]);

    // Assess
    expect(result.ok && result.files['model.py']).toBe(
      model.replace(
        '    def forward(self, x):\n        y = x + 1\n        return y\n',
        '    def forward(self, x):\n        return x - 1\n'
      )
    );
  });

  it('matches a quote indented less than the block and re-indents the replacement', () => {
    // Prepare
    const search = 'def loss(self, x):\n    y = x + 1\n    return y * 2';
    const replace = 'def loss(self, x):\n    z = x * 3\n\n    return z';

    // Act
    const result = applyEdits(files, [edit('model', search, replace)]);

    // Assess
    expect(result.ok && result.files['model.py']).toBe(
      model.replace(
        '    def loss(self, x):\n        y = x + 1\n        return y * 2',
        '    def loss(self, x):\n        z = x * 3\n\n        return z'
      )
    );
  });

  it('matches a quote indented more than the block and re-indents the replacement', () => {
    // Prepare
    const search = '        HPARAMS = {\n            "hidden": 64,';
    const replace = '        HPARAMS = {\n            "hidden": 32,';

    // Act
    const result = applyEdits(files, [edit('hyperparameters', search, replace)]);

    // Assess
    expect(result.ok && result.files['model.py']).toBe(
      model.replace('"hidden": 64,', '"hidden": 32,')
    );
  });

  it('does not match lines whose indentation differs by more than one offset', () => {
    // Prepare: the second line is shifted by 8, the first by 4
    const search = 'def forward(self, x):\ny = x + 1';

    // Act
    const result = applyEdits(files, [edit('model', search, 'pass')]);

    // Assess
    expect(result.ok ? [] : result.failures.map((failure) => failure.reason)).toEqual([
      'search_not_found',
    ]);
  });

  it('names the block and file and quotes the closest lines when the search is not found', () => {
    // Act
    const result = applyEdits(files, [
      edit('model', '    def forward(self, z):\n        w = z + 1', 'pass'),
    ]);

    // Assess
    expect(result.ok).toBe(false);
    const [failure] = result.ok ? [] : result.failures;
    expect(failure).toMatchObject({
      index: 0,
      file: 'model.py',
      block: 'model',
      reason: 'search_not_found',
    });
    expect(failure?.message).toContain(
      "edit 1: the search text was not found in block 'model' of model.py"
    );
    expect(failure?.message).toContain(
      '(model.py lines 17-18) are:\n```\n    def forward(self, x):\n        y = x + 1\n```'
    );
  });

  it('reports an ambiguous quote with the lines where it occurs', () => {
    // Act
    const result = applyEdits(files, [edit('model', 'y = x + 1', 'y = x + 2')]);

    // Assess
    const [failure] = result.ok ? [] : result.failures;
    expect(failure?.reason).toBe('ambiguous');
    expect(failure?.message).toContain(
      "occurs 2 times in block 'model' of model.py (at lines 18, 22"
    );
  });

  it('reports a quote ambiguous only once whitespace is ignored', () => {
    // Act
    const result = applyEdits(files, [edit('model', 'y = x + 1   \n', 'y = x + 2\n')]);

    // Assess
    expect(result.ok ? undefined : result.failures[0]?.reason).toBe('ambiguous');
  });

  it('never edits code outside the named block, even when the quote is there', () => {
    // Prepare: the quote lies outside every block, then in another block than the one named
    const edits = [
      edit('model', 'def helper():\n    return 1', 'def helper():\n    return 2'),
      edit('model', '"hidden": 64,', '"hidden": 128,'),
    ];

    // Act
    const result = applyEdits(files, edits);

    // Assess
    expect(result.ok ? [] : result.failures.map((failure) => failure.reason)).toEqual([
      'search_not_found',
      'search_not_found',
    ]);
  });

  it('refuses edits that quote or write a marker', () => {
    // Prepare
    const edits = [
      edit('model', '        return y * 2\n# EVOLVE-BLOCK-END\n', '        return y\n'),
      edit('model', '        return y * 2', '        return y\n# EVOLVE-BLOCK-END\nx = 1'),
      edit('model', '        return y * 2', '        return y\n# EVOLVE-BLOCK-START more'),
    ];

    // Act
    const result = applyEdits(files, edits);

    // Assess
    expect(result.ok ? [] : result.failures.map((failure) => failure.reason)).toEqual([
      'touches_markers',
      'touches_markers',
      'touches_markers',
    ]);
  });

  it('refuses an edit that would forge a marker from the text around it', () => {
    // Prepare: a block line that becomes an END marker once '-X' is replaced by '-END'
    const tricky = { 'model.py': model.replace('        return y * 2', '# EVOLVE-BLOCK-X') };

    // Act
    const result = applyEdits(tricky, [edit('model', '-X', '-END')]);

    // Assess
    expect(result.ok ? undefined : result.failures[0]?.reason).toBe('touches_markers');
  });

  it('keeps the END marker on its own line when the replacement drops the last newline', () => {
    // Act
    const result = applyEdits(files, [edit('model', '        return y * 2\n', '        return y')]);

    // Assess
    const text = result.ok ? (result.files['model.py'] ?? '') : '';
    expect(text.endsWith('        return y\n# EVOLVE-BLOCK-END\n')).toBe(true);
    expect(parseEvolveBlocks('model.py', text).map((block) => block.name)).toEqual([
      'hyperparameters',
      'model',
    ]);
  });

  it('deletes whole lines when a whitespace-tolerant match is replaced by nothing', () => {
    // Act: the trailing space rules out the exact match
    const result = applyEdits(files, [edit('hyperparameters', '    "lr": 1e-3, \n', '')]);

    // Assess
    expect(result.ok && result.files['model.py']).toBe(model.replace('    "lr": 1e-3,\n', ''));
  });

  it('applies edits in order, each seeing the result of the ones before', () => {
    // Act
    const result = applyEdits(files, [
      edit('hyperparameters', '"hidden": 64,', '"hidden": 128,'),
      edit('hyperparameters', '"hidden": 128,', '"hidden": 256,'),
      edit('model', '        return y * 2', '        return y * 4'),
    ]);

    // Assess
    const text = result.ok ? (result.files['model.py'] ?? '') : '';
    expect(text).toContain('"hidden": 256,');
    expect(text).toContain('return y * 4');
    expect(outsideBlocks(text)).toBe(outsideBlocks(model));
  });

  it('tries every edit and reports each failure by its index', () => {
    // Act
    const result = applyEdits(files, [
      edit('hyperparameters', '"hidden": 64,', '"hidden": 128,'),
      { file: 'probes.js', block: 'probes', search: 'a', replace: 'b' },
      edit('optimizer', 'a', 'b'),
      edit('model', '  \n', 'x'),
      edit('hyperparameters', '"hidden": 128,', '"hidden": 256,'),
    ]);

    // Assess
    expect(result.ok).toBe(false);
    const failures = result.ok ? [] : result.failures;
    expect(failures.map(({ index, reason }) => ({ index, reason }))).toEqual([
      { index: 1, reason: 'file_not_found' },
      { index: 2, reason: 'block_not_found' },
      { index: 3, reason: 'empty_search' },
    ]);
    expect(failures[0]?.message).toBe(
      "edit 2: the program has no file 'probes.js' (its files: model.py)"
    );
    expect(failures[1]?.message).toBe(
      "edit 3: model.py has no evolve block 'optimizer' (its blocks: hyperparameters, model)"
    );
  });

  it('leaves the given files as they were', () => {
    // Prepare
    const given = { ...files };

    // Act
    applyEdits(given, [edit('hyperparameters', '"hidden": 64,', '"hidden": 128,')]);

    // Assess
    expect(given).toEqual(files);
  });
});
