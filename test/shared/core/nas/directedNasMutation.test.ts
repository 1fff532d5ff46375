import { isDeepStrictEqual } from 'node:util';
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

  it('draws again when a child lands where a program was tried, random when every one was', () => {
    // Prepare: the collapsed findings' children of the seed are hidden 128, dropout 0.1, or both.
    const seed = readNasAssignment(seedFiles(), space);
    const wider = { ...seed, hidden: 128 };
    const calmer = { ...seed, dropout: 0.1 };
    const both = { ...seed, hidden: 128, dropout: 0.1 };
    const rng = createRng('tried');

    // Act
    const untried = Array.from({ length: 20 }, () =>
      directedNasMutation(seedFiles(), space, collapsed, rng, { taken: [seed, wider, calmer] })
    );
    const exhausted = Array.from({ length: 20 }, () =>
      directedNasMutation(seedFiles(), space, collapsed, rng, {
        taken: [seed, wider, calmer, both],
      })
    );

    // Assess
    expect(untried.every((mutation) => mutation.directed)).toBe(true);
    expect(untried.every((mutation) => isDeepStrictEqual(mutation.assignment, both))).toBe(true);
    expect(exhausted.every((mutation) => !mutation.directed)).toBe(true);
    expect(exhausted[0]?.description).toMatch(
      /\(random: every move the findings call for leads to a program already tried\)$/
    );
    const tried = [seed, wider, calmer, both];
    const repeats = exhausted.filter((mutation) =>
      tried.some((point) => isDeepStrictEqual(point, mutation.assignment))
    );
    expect(repeats).toEqual([]);
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
