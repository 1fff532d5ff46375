import { describe, expect, it } from 'vitest';
import { simulationFigures } from '../../../../shared/src/core/simulation/index.js';
import { sessionOf } from './simulationData.js';

describe('simulationFigures', () => {
  it('pools view rate and ratings, averages satisfaction and exit depth over users', () => {
    // Prepare: user 1 watches 2 of 4 over two pages (rated 5 and 3); user 2 nothing of 2.
    const sessions = [
      sessionOf(1, [
        [
          [1, true, 5],
          [2, false, null],
        ],
        [
          [3, true, 3],
          [4, false, null],
        ],
      ]),
      sessionOf(2, [
        [
          [5, false, null],
          [6, false, null],
        ],
      ]),
    ];

    // Act
    const figures = simulationFigures(sessions, 1);

    // Assert: user 1's satisfaction is ((5 − 1) / 4 + (3 − 1) / 4) / 4 shown = 0.375.
    expect(figures.viewRate).toBeCloseTo(2 / 6, 12);
    expect(figures.meanRating).toBe(4);
    expect(figures.satisfaction).toBeCloseTo((0.375 + 0) / 2, 12);
    expect(figures.exitDepth).toBe(1.5);
    expect(figures.users).toBe(3);
    expect(figures.failedUsers).toBe(1);
  });

  it('gives 1 when every shown item is watched and rated 5, 0 when none is watched', () => {
    // Prepare
    const delighted = sessionOf(1, [
      [
        [1, true, 5],
        [2, true, 5],
      ],
    ]);
    const bored = sessionOf(2, [[[3, false, null]]]);

    // Act
    const best = simulationFigures([delighted], 0);
    const worst = simulationFigures([bored], 0);

    // Assert
    expect(best.satisfaction).toBe(1);
    expect(worst).toEqual({
      viewRate: 0,
      meanRating: 0,
      satisfaction: 0,
      exitDepth: 1,
      users: 1,
      failedUsers: 0,
    });
  });
});
