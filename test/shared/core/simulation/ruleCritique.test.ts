import { describe, expect, it } from 'vitest';
import type { SimulationFigures } from '../../../../shared/src/core/simulation/index.js';
import { ruleCritique } from '../../../../shared/src/core/simulation/index.js';
import { sessionOf } from './simulationData.js';

const healthy: SimulationFigures = {
  viewRate: 0.3,
  meanRating: 4.2,
  satisfaction: 0.25,
  exitDepth: 2.8,
  users: 10,
  failedUsers: 0,
};

/** Ten users who each watched item 1 on their first page; the first `naming` name signals. */
function users(
  naming: number,
  signals: Parameters<typeof sessionOf>[2] = { overusedSignals: ['popularity'] },
  watchedFirst = 10
) {
  return Array.from({ length: 10 }, (_, index) =>
    sessionOf(
      index,
      [[[1, index < watchedFirst, index < watchedFirst ? 4 : null]]],
      index < naming ? signals : {}
    )
  );
}

describe('ruleCritique', () => {
  it('is STABLE with healthy figures and no widely named signal', () => {
    // Act
    const critique = ruleCritique(users(1), healthy);

    // Assert
    expect(critique).toMatchObject({ status: 'STABLE', failureModes: [], source: 'rules' });
    expect(critique.summary).toBe(
      'STABLE: satisfaction 0.25, view rate 30%, mean rating of watched items 4.20, exit depth 2.80 pages, over 10 simulated users.'
    );
  });

  it('NEEDS_IMPROVEMENT when 40% of users name the same signal, and names it', () => {
    // Act
    const critique = ruleCritique(users(4), healthy);

    // Assert
    expect(critique.status).toBe('NEEDS_IMPROVEMENT');
    expect(critique.failureModes).toEqual([
      '40% of users say the model leans on popularity: the pages are more mainstream than their taste',
    ]);
  });

  it('lists a signal named by 20% of users without lowering the status', () => {
    // Act
    const critique = ruleCritique(users(2, { underusedSignals: ['recency'] }), healthy);

    // Assert
    expect(critique.status).toBe('STABLE');
    expect(critique.failureModes).toEqual([
      '20% of users say the model ignores what they watched most recently',
    ]);
  });

  it('NEEDS_IMPROVEMENT when satisfaction is below 0.15 or view rate below 0.15', () => {
    // Act
    const unsatisfied = ruleCritique(users(0), { ...healthy, satisfaction: 0.12 });
    const unwatched = ruleCritique(users(0), { ...healthy, viewRate: 0.1 });

    // Assert
    expect(unsatisfied.status).toBe('NEEDS_IMPROVEMENT');
    expect(unsatisfied.failureModes).toEqual(['low satisfaction (0.12 of 1)']);
    expect(unwatched.status).toBe('NEEDS_IMPROVEMENT');
    expect(unwatched.failureModes).toEqual(['users watch only 10% of the items shown']);
  });

  it('CRITICAL when satisfaction is below 0.05, view rate below 0.05, or 60% leave at once', () => {
    // Act
    const statuses = [
      ruleCritique(users(0), { ...healthy, satisfaction: 0.04 }).status,
      ruleCritique(users(0), { ...healthy, viewRate: 0.04 }).status,
      ruleCritique(users(0, {}, 4), healthy).status,
    ];
    const leaving = ruleCritique(users(0, {}, 4), healthy);

    // Assert
    expect(statuses).toEqual(['CRITICAL', 'CRITICAL', 'CRITICAL']);
    expect(leaving.failureModes).toEqual([
      '60% of users found nothing to watch on the first page and left',
    ]);
  });
});
