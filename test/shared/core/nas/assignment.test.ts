import { describe, expect, it } from 'vitest';
import {
  brokenNasConstraints,
  isNasDimensionActive,
  readNasAssignment,
} from '../../../../shared/src/core/nas/index.js';
import { SearchSpaceError } from '../../../../shared/src/errors.js';
import { seedFiles, seedSearchSpace } from './seedSearchSpace.js';

const space = seedSearchSpace();
const seed = seedFiles()['model.py'] ?? '';

describe('readNasAssignment', () => {
  it("reads the seed's hyperparameters and recognises its loss as the bce variant", () => {
    // Act
    const assignment = readNasAssignment(seedFiles(), space);

    // Assess
    expect(assignment).toEqual({
      blocks: 2,
      hidden: 64,
      heads: 1,
      dropout: 0.2,
      loss: 'bce',
      negatives: 1,
      max_len: 200,
      lr: 0.001,
      weight_decay: 0,
    });
  });

  it('recognises a variant through comment and whitespace changes, and none after a code change', () => {
    // Prepare
    const restyled = seed.replace(
      '    present = targets != 0\n',
      '    # mask padding\n    present = targets  !=  0\n'
    );
    const rewritten = seed.replace('return pos_loss + neg_loss', 'return pos_loss + 2 * neg_loss');

    // Act
    const recognised = readNasAssignment({ 'model.py': restyled }, space);
    const custom = readNasAssignment({ 'model.py': rewritten }, space);

    // Assess
    expect(recognised.loss).toBe('bce');
    expect(custom.loss).toBeUndefined();
    expect(custom.hidden).toBe(64);
  });

  it('reads values the space does not list, and Python literal forms', () => {
    // Prepare
    const files = {
      'model.py': seed
        .replace('"hidden": 64,', '"hidden": 96,  # wider')
        .replace('"lr": 1e-3', '"lr": 3E-4'),
    };

    // Act
    const assignment = readNasAssignment(files, space);

    // Assess
    expect(assignment.hidden).toBe(96);
    expect(assignment.lr).toBe(0.0003);
  });

  it.each([
    [
      'a missing line',
      seed.replace('    "heads": 1,\n', ''),
      /HPARAMS\["heads"\]: no line sets it/,
    ],
    [
      'a repeated line',
      seed.replace('    "heads": 1,\n', '    "heads": 1,\n    "heads": 2,\n'),
      /HPARAMS\["heads"\]: 2 lines set it/,
    ],
    [
      'a value that is no number',
      seed.replace('"heads": 1,', '"heads": HEADS,'),
      /is HEADS, not a number/,
    ],
  ])('throws a SearchSpaceError for %s', (_, text, message) => {
    // Act
    const read = () => readNasAssignment({ 'model.py': text }, space);

    // Assess
    expect(read).toThrow(SearchSpaceError);
    expect(read).toThrow(message);
  });
});

describe('brokenNasConstraints', () => {
  it('describes a hidden size that does not split over the heads, and passes one that does', () => {
    // Act
    const broken = brokenNasConstraints(space, { hidden: 50, heads: 4 });
    const kept = brokenNasConstraints(space, { hidden: 50, heads: 2 });
    const partial = brokenNasConstraints(space, { hidden: 50 });

    // Assess
    expect(broken).toEqual(['hidden 50 % heads 4 != 0']);
    expect(kept).toEqual([]);
    expect(partial).toEqual([]);
  });
});

describe('isNasDimensionActive', () => {
  it('counts negatives only for the sampled losses, and while the loss is unknown', () => {
    // Prepare
    const negatives = space.dimensions.find((dimension) => dimension.name === 'negatives');
    if (negatives === undefined) throw new Error('the seed space has no negatives dimension');

    // Act
    const states = ['bce', 'sampled_softmax', 'full_cross_entropy', undefined].map((loss) =>
      isNasDimensionActive(negatives, loss === undefined ? {} : { loss })
    );

    // Assess
    expect(states).toEqual([true, true, false, true]);
  });
});
