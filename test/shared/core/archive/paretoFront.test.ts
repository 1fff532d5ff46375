import { describe, expect, it } from 'vitest';
import type { Objectives } from '../../../../shared/src/core/archive/index.js';
import { dominates, paretoFront } from '../../../../shared/src/core/archive/index.js';

const program = (programId: string, objectives: Objectives) => ({ programId, objectives });

describe('paretoFront', () => {
  it('keeps exactly the programs no other beats on every objective', () => {
    // Prepare
    const programs = [
      program('accurate', { accuracy: 0.09, satisfaction: 0.5, coverage: 0.1 }),
      program('pleasing', { accuracy: 0.07, satisfaction: 0.8, coverage: 0.2 }),
      program('broad', { accuracy: 0.06, satisfaction: 0.6, coverage: 0.6 }),
      program('dominated', { accuracy: 0.06, satisfaction: 0.5, coverage: 0.1 }),
      program('twin-of-broad', { accuracy: 0.06, satisfaction: 0.6, coverage: 0.6 }),
      program('slightly-worse', { accuracy: 0.07, satisfaction: 0.8, coverage: 0.19 }),
    ];

    // Act
    const front = paretoFront(programs).map((entry) => entry.programId);

    // Assess: twins do not dominate each other; in input order
    expect(front).toEqual(['accurate', 'pleasing', 'broad', 'twin-of-broad']);
  });

  it('ranks a missing objective below any measured value', () => {
    // Prepare
    const unrated = { accuracy: 0.08 };
    const rated = { accuracy: 0.08, satisfaction: 0.1 };

    // Act / Assess
    expect(dominates(rated, unrated)).toBe(true);
    expect(dominates(unrated, rated)).toBe(false);
  });

  it('keeps an unrated program that no rated one matches on accuracy', () => {
    // Prepare
    const programs = [
      program('unrated-but-accurate', { accuracy: 0.1 }),
      program('rated', { accuracy: 0.08, satisfaction: 0.9, coverage: 0.4 }),
      program('unrated-and-worse', { accuracy: 0.07 }),
    ];

    // Act
    const front = paretoFront(programs).map((entry) => entry.programId);

    // Assess
    expect(front).toEqual(['unrated-but-accurate', 'rated']);
  });

  it('treats two programs missing the same objective as tied on it', () => {
    // Prepare
    const a = { accuracy: 0.08, coverage: 0.3 };
    const b = { accuracy: 0.07, coverage: 0.3 };

    // Act / Assess
    expect(dominates(a, b)).toBe(true);
    expect(paretoFront([program('a', a), program('b', b)]).map((p) => p.programId)).toEqual(['a']);
  });

  it('returns nothing for no programs', () => {
    // Prepare / Act / Assess
    expect(paretoFront([])).toEqual([]);
  });
});
