import { describe, expect, it } from 'vitest';
import type {
  PageRequest,
  SimulationCase,
  UserSimulator,
} from '../../../../shared/src/core/simulation/index.js';
import {
  browsePages,
  simulationProtocolSchema,
} from '../../../../shared/src/core/simulation/index.js';

const protocol = simulationProtocolSchema.parse({ pageSize: 2, maxPages: 3 });
const user: SimulationCase = {
  userIndex: 7,
  history: [1],
  future: [],
  persona: {
    historyLength: 1,
    activityPercentile: 0.5,
    genreDiversity: 0,
    popularityConformity: 0.5,
    genreAffinities: [],
  },
};
const interview = { fits: [], misses: [], overusedSignals: [], underusedSignals: [] };

/** Watches the items in `liked`; fails on the page numbers in `failOn`. */
function stubSimulator(liked: readonly number[], failOn: readonly number[] = []) {
  const requests: PageRequest[] = [];
  const simulator: UserSimulator = {
    kind: 'offline',
    judgePage: async (request) => {
      requests.push(request);
      if (failOn.includes(request.pageNumber)) {
        return { ok: false, reason: 'the model answered nonsense', exchanges: [] };
      }
      const decisions = request.page.map((item) => ({
        item,
        watched: liked.includes(item),
        rating: liked.includes(item) ? 4 : null,
        reason: 'stub',
      }));
      return { ok: true, verdict: { decisions, interview }, exchanges: [] };
    },
  };
  return { simulator, requests };
}

describe('browsePages', () => {
  it('leaves after the first page on which nothing is watched', async () => {
    // Prepare: item 12 on page 1 is watched, nothing on page 2.
    const { simulator, requests } = stubSimulator([12]);

    // Act
    const outcome = await browsePages(simulator, user, [11, 12, 13, 14, 15, 16], protocol);

    // Assert
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.session.pages.map((page) => page.map(({ item }) => item))).toEqual([
      [11, 12],
      [13, 14],
    ]);
    expect(requests[1]?.earlierPages).toHaveLength(1);
    expect(requests[1]?.pageNumber).toBe(2);
  });

  it('stops at maxPages, or earlier when the ranking runs out', async () => {
    // Prepare
    const { simulator } = stubSimulator([11, 13, 15, 17]);

    // Act
    const full = await browsePages(simulator, user, [11, 12, 13, 14, 15, 16, 17, 18], protocol);
    const short = await browsePages(simulator, user, [11, 12, 13], protocol);

    // Assert
    expect(full.ok && full.session.pages.length).toBe(3);
    expect(short.ok && short.session.pages.map((page) => page.length)).toEqual([2, 1]);
  });

  it('fails the whole user when one page cannot be judged', async () => {
    // Prepare
    const { simulator } = stubSimulator([11, 13], [2]);

    // Act
    const outcome = await browsePages(simulator, user, [11, 12, 13, 14], protocol);

    // Assert
    expect(outcome).toEqual({
      ok: false,
      userIndex: 7,
      reason: 'the model answered nonsense',
      exchanges: [],
    });
  });
});
