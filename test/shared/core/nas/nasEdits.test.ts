import { describe, expect, it } from 'vitest';
import { nasEditsFor, readNasAssignment } from '../../../../shared/src/core/nas/index.js';
import { applyEdits, parseEvolveBlocks } from '../../../../shared/src/core/program/index.js';
import { SearchSpaceError } from '../../../../shared/src/errors.js';
import { seedFiles, seedSearchSpace } from './seedSearchSpace.js';

const space = seedSearchSpace();
const seedAssignment = readNasAssignment(seedFiles(), space);

function blockContents(text: string): Record<string, string> {
  return Object.fromEntries(
    parseEvolveBlocks('model.py', text).map((block) => [block.name, block.content])
  );
}

describe('nasEditsFor', () => {
  it('reaches the assignment through edits of the hyperparameters and loss blocks only', () => {
    // Prepare
    const target = {
      ...seedAssignment,
      hidden: 128,
      heads: 4,
      loss: 'sampled_softmax',
      negatives: 64,
      weight_decay: 0.0001,
    };

    // Act
    const edits = nasEditsFor(seedFiles(), space, target);
    const applied = applyEdits(seedFiles(), edits);

    // Assess
    expect(applied.ok).toBe(true);
    const files = applied.ok ? applied.files : {};
    expect(readNasAssignment(files, space)).toEqual(target);
    const [before, after] = [
      blockContents(seedFiles()['model.py'] ?? ''),
      blockContents(files['model.py'] ?? ''),
    ];
    expect(after.architecture).toBe(before.architecture);
    expect(after.optimizer).toBe(before.optimizer);
    expect(after.hyperparameters).toContain('    "weight_decay": 0.0001,\n');
    expect(after.loss).toContain('HPARAMS["negatives"],), device=targets.device)');
  });

  it('writes floats as Python floats and keeps a comment behind the value', () => {
    // Prepare
    const files = {
      'model.py': (seedFiles()['model.py'] ?? '').replace(
        '"dropout": 0.2,',
        '"dropout": 0.2,  # tuned'
      ),
    };
    const target = { ...seedAssignment, dropout: 0.5, weight_decay: 0 };
    const fromDecay = { ...seedAssignment, weight_decay: 0.00001 };

    // Act
    const [dropoutEdit] = nasEditsFor(files, space, target);
    const decayApplied = applyEdits(seedFiles(), nasEditsFor(seedFiles(), space, fromDecay));

    // Assess
    expect(dropoutEdit).toEqual({
      file: 'model.py',
      block: 'hyperparameters',
      search: '    "dropout": 0.2,  # tuned',
      replace: '    "dropout": 0.5,  # tuned',
    });
    const decayed = decayApplied.ok ? (decayApplied.files['model.py'] ?? '') : '';
    expect(decayed).toContain('    "weight_decay": 0.00001,\n');
    const back = applyEdits(
      { 'model.py': decayed },
      nasEditsFor({ 'model.py': decayed }, space, seedAssignment)
    );
    expect(back.ok && back.files['model.py']).toContain('    "weight_decay": 0.0,\n');
  });

  it('gives no edit for the assignment the program already has', () => {
    // Act
    const edits = nasEditsFor(seedFiles(), space, seedAssignment);

    // Assess
    expect(edits).toEqual([]);
  });

  it('replaces a loss block that matches no variant', () => {
    // Prepare
    const custom = (seedFiles()['model.py'] ?? '').replace(
      'return pos_loss + neg_loss',
      'return pos_loss'
    );

    // Act
    const applied = applyEdits(
      { 'model.py': custom },
      nasEditsFor({ 'model.py': custom }, space, seedAssignment)
    );

    // Assess
    expect(applied.ok && applied.files).toEqual(seedFiles());
  });

  it.each([
    ['an undeclared value', { hidden: 96 }, /'hidden' is 96, not one of 32, 50, 64, 128/],
    ['a missing dimension', { lr: undefined }, /'lr' is unset/],
    ['a broken constraint', { hidden: 50, heads: 4 }, /breaks hidden 50 % heads 4 != 0/],
  ])('throws a SearchSpaceError for %s', (_, change, message) => {
    // Prepare
    const target = Object.fromEntries(
      Object.entries({ ...seedAssignment, ...change }).filter(([, value]) => value !== undefined)
    ) as Record<string, number | string>;

    // Act
    const edits = () => nasEditsFor(seedFiles(), space, target);

    // Assess
    expect(edits).toThrow(SearchSpaceError);
    expect(edits).toThrow(message);
  });
});
