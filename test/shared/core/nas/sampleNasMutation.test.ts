import { describe, expect, it } from 'vitest';
import type { NasMutation } from '../../../../shared/src/core/nas/index.js';
import {
  brokenNasConstraints,
  isNasDimensionActive,
  nasEditsFor,
  readNasAssignment,
  sampleNasMutation,
} from '../../../../shared/src/core/nas/index.js';
import type { ProgramFiles } from '../../../../shared/src/core/program/index.js';
import { applyEdits } from '../../../../shared/src/core/program/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import { InvalidArgumentError, SearchSpaceError } from '../../../../shared/src/errors.js';
import { seedFiles, seedSearchSpace } from './seedSearchSpace.js';

const space = seedSearchSpace();

/** Applies a mutation to its parent and checks everything a mutation promises. */
function checkMutation(
  parent: ProgramFiles,
  mutation: NasMutation,
  maxChanges: number
): ProgramFiles {
  const before = readNasAssignment(parent, space);
  const applied = applyEdits(parent, mutation.edits);
  if (!applied.ok) throw new Error(applied.failures.map((failure) => failure.message).join('\n'));
  const after = readNasAssignment(applied.files, space);
  expect(after).toEqual(mutation.assignment);
  expect(mutation.changes.length).toBeGreaterThanOrEqual(1);
  expect(mutation.changes.length).toBeLessThanOrEqual(maxChanges);
  expect(brokenNasConstraints(space, after)).toEqual([]);
  for (const dimension of space.dimensions) {
    const change = mutation.changes.find((candidate) => candidate.dimension === dimension.name);
    if (change === undefined) {
      expect(after[dimension.name]).toBe(before[dimension.name]);
    } else {
      expect(change.from).toBe(before[dimension.name]);
      expect(change.to).not.toBe(before[dimension.name]);
      expect(dimension.values).toContain(change.to);
      expect(isNasDimensionActive(dimension, after)).toBe(true);
    }
  }
  return applied.files;
}

describe('sampleNasMutation', () => {
  it('always yields a valid child, over long chains of mutations from many seeds', () => {
    // Prepare
    const rng = createRng('nas-chains');

    for (let chain = 0; chain < 20; chain += 1) {
      let files = seedFiles();
      for (let step = 0; step < 25; step += 1) {
        // Act
        const mutation = sampleNasMutation(files, space, rng);

        // Assess
        files = checkMutation(files, mutation, 2);
      }
    }
  });

  it('is deterministic under a seed and varies across seeds', () => {
    // Act
    const first = sampleNasMutation(seedFiles(), space, createRng(7));
    const again = sampleNasMutation(seedFiles(), space, createRng(7));
    const descriptions = new Set(
      Array.from(
        { length: 20 },
        (_, seed) => sampleNasMutation(seedFiles(), space, createRng(seed)).description
      )
    );

    // Assess
    expect(again).toEqual(first);
    expect(descriptions.size).toBeGreaterThan(10);
  });

  it('describes each change from the parent value to the new one', () => {
    // Act
    const mutation = sampleNasMutation(seedFiles(), space, createRng(3), { maxChanges: 1 });

    // Assess
    const [change] = mutation.changes;
    expect(mutation.changes).toHaveLength(1);
    expect(mutation.description).toBe(`${change?.dimension} ${change?.from} → ${change?.to}`);
  });

  it('changes one or two dimensions, both counts occurring', () => {
    // Act
    const counts = Array.from(
      { length: 40 },
      (_, seed) => sampleNasMutation(seedFiles(), space, createRng(`count-${seed}`)).changes.length
    );

    // Assess
    expect(new Set(counts)).toEqual(new Set([1, 2]));
  });

  it('never moves negatives under the full softmax, nor the heads off a divisor of hidden', () => {
    // Prepare: hidden 50 splits over 1 or 2 heads only
    const target = {
      ...readNasAssignment(seedFiles(), space),
      hidden: 50,
      loss: 'full_cross_entropy',
    };
    const built = applyEdits(seedFiles(), nasEditsFor(seedFiles(), space, target));
    const parent = built.ok ? built.files : {};
    const rng = createRng('constraints');

    // Act
    const mutations = Array.from({ length: 200 }, () => sampleNasMutation(parent, space, rng));

    // Assess: both guarded cases occur, so the rules below are checked, not skipped.
    const underFullSoftmax = mutations.filter(
      ({ assignment }) => assignment.loss === 'full_cross_entropy'
    );
    const atHidden50 = mutations.filter(({ assignment }) => assignment.hidden === 50);
    expect(underFullSoftmax.length).toBeGreaterThan(20);
    expect(atHidden50.length).toBeGreaterThan(20);
    expect(
      underFullSoftmax.filter(({ changes }) =>
        changes.some((change) => change.dimension === 'negatives')
      )
    ).toEqual([]);
    expect(atHidden50.map(({ assignment }) => assignment.heads)).not.toContain(4);
    expect(new Set(atHidden50.map(({ assignment }) => assignment.heads))).toEqual(new Set([1, 2]));
  });

  it('throws a SearchSpaceError when no single move mends a parent that breaks a constraint', () => {
    // Prepare: hidden 7 over 2 heads, and neither 9 hidden nor 4 heads would split evenly
    const tight = {
      ...space,
      dimensions: [
        { kind: 'hparam', name: 'hidden', type: 'int', values: [7, 9], activeWhen: {} },
        { kind: 'hparam', name: 'heads', type: 'int', values: [2, 4], activeWhen: {} },
      ] as const,
    };
    const text = (seedFiles()['model.py'] ?? '')
      .replace('"hidden": 64,', '"hidden": 7,')
      .replace('"heads": 1,', '"heads": 2,');

    // Act
    const sample = () => sampleNasMutation({ 'model.py': text }, tight, createRng(1));

    // Assess
    expect(sample).toThrow(SearchSpaceError);
    expect(sample).toThrow('without breaking hidden 7 % heads 2 != 0');
  });

  it('refuses a maxChanges below one', () => {
    // Act
    const sample = () => sampleNasMutation(seedFiles(), space, createRng(1), { maxChanges: 0 });

    // Assess
    expect(sample).toThrow(InvalidArgumentError);
  });
});
