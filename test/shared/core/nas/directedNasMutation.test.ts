import { describe, expect, it } from 'vitest';
import type { NasFinding } from '../../../../shared/src/core/nas/index.js';
import {
  brokenNasConstraints,
  directedNasMutation,
  nasEditsFor,
  nasFindings,
  readNasAssignment,
} from '../../../../shared/src/core/nas/index.js';
import type { ProgramFiles } from '../../../../shared/src/core/program/index.js';
import { applyEdits } from '../../../../shared/src/core/program/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import { seedFiles, seedSearchSpace } from './seedSearchSpace.js';

const space = seedSearchSpace();

function childOf(parent: ProgramFiles, target: Record<string, number | string>): ProgramFiles {
  const assignment = { ...readNasAssignment(parent, space), ...target };
  const applied = applyEdits(parent, nasEditsFor(parent, space, assignment));
  if (!applied.ok) throw new Error('the target does not apply');
  return applied.files;
}

const collapsed: NasFinding[] = nasFindings({ diag_seq_repr_mean_cosine: 0.99 });

describe('directedNasMutation', () => {
  it('moves only what the findings call for, each on the called-for side', () => {
    // Prepare: the seed has hidden 64, dropout 0.2
    const rng = createRng('collapse');

    // Act
    const mutations = Array.from({ length: 40 }, () =>
      directedNasMutation(seedFiles(), space, collapsed, rng)
    );

    // Assess: hidden only up (128), dropout only down (0.1); both moves occur.
    const changes = mutations.flatMap((mutation) => mutation.changes);
    expect(mutations.every((mutation) => mutation.directed)).toBe(true);
    expect(new Set(changes.map((change) => `${change.dimension}→${change.to}`))).toEqual(
      new Set(['hidden→128', 'dropout→0.1'])
    );
    expect(mutations.every((m) => m.followed.every((f) => f === 'collapsed representations'))).toBe(
      true
    );
    expect(mutations[0]?.description).toMatch(/\[collapsed representations\]/);
  });

  it('gives edits that take the parent to the described child, constraints kept', () => {
    // Prepare
    const findings = nasFindings({
      diag_popularity_percentile: 99,
      diag_overlap_reverse: 0.95,
      signal_underused_genre: 0.6,
    });
    const rng = createRng('edits');

    for (let draw = 0; draw < 30; draw += 1) {
      // Act
      const mutation = directedNasMutation(seedFiles(), space, findings, rng, { maxChanges: 3 });
      const applied = applyEdits(seedFiles(), mutation.edits);

      // Assess
      expect(applied.ok).toBe(true);
      const after = applied.ok ? readNasAssignment(applied.files, space) : {};
      expect(after).toEqual(mutation.assignment);
      expect(brokenNasConstraints(space, after)).toEqual([]);
      expect(mutation.changes.length).toBeGreaterThanOrEqual(1);
      expect(mutation.changes.length).toBeLessThanOrEqual(3);
    }
  });

  it('falls back to a random move, and says so, when the parent has no findings', () => {
    // Act
    const mutation = directedNasMutation(seedFiles(), space, [], createRng(1));

    // Assess
    expect(mutation.directed).toBe(false);
    expect(mutation.followed).toEqual([]);
    expect(mutation.description).toMatch(/\(random: no findings\)$/);
    expect(mutation.changes.length).toBeGreaterThanOrEqual(1);
  });

  it('falls back when every called-for move is at the end of its range', () => {
    // Prepare: hidden at its largest, dropout at its smallest
    const parent = childOf(seedFiles(), { hidden: 128, dropout: 0.1 });

    // Act
    const mutation = directedNasMutation(parent, space, collapsed, createRng(2));

    // Assess
    expect(mutation.directed).toBe(false);
    expect(mutation.description).toMatch(/\(random: no feasible move for the findings\)$/);
  });

  it('is deterministic under a seed', () => {
    // Act
    const first = directedNasMutation(seedFiles(), space, collapsed, createRng(9));
    const again = directedNasMutation(seedFiles(), space, collapsed, createRng(9));

    // Assess
    expect(again).toEqual(first);
  });
});
