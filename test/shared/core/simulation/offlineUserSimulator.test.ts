import { describe, expect, it } from 'vitest';
import type {
  PersonaTraits,
  SimulationCase,
} from '../../../../shared/src/core/simulation/index.js';
import {
  createOfflineUserSimulator,
  simulationCase,
  simulationPopulation,
  simulationProtocolSchema,
} from '../../../../shared/src/core/simulation/index.js';
import { smallCatalog, viewOf } from './simulationData.js';

const population = simulationPopulation(smallCatalog, [2, 4, 6]);
const simulator = createOfflineUserSimulator(population);

/** A Drama-only user of middling popularity taste: affinity of a Drama item = 0.5 + 0.5 · pct. */
function dramaFan(overrides: Partial<PersonaTraits> = {}, future: number[] = []): SimulationCase {
  return {
    userIndex: 0,
    history: [5],
    future,
    persona: {
      historyLength: 1,
      activityPercentile: 0,
      genreDiversity: 0,
      popularityConformity: 0.5,
      genreAffinities: [{ genre: 'Drama', share: 1 }],
      ...overrides,
    },
  };
}

async function judge(user: SimulationCase, page: number[], earlierPages = []) {
  const judgement = await simulator.judgePage({ user, page, pageNumber: 1, earlierPages });
  if (!judgement.ok) throw new Error(judgement.reason);
  return judgement;
}

describe('createOfflineUserSimulator', () => {
  it('watches a held-out item on the page and rates it 5, whatever its affinity', async () => {
    // Prepare: Horror Eight (least played, a genre the user never watched) is in their future.
    const user = dramaFan({}, [8]);

    // Act
    const { verdict } = await judge(user, [8, 4]);

    // Assert
    expect(verdict.decisions[0]).toMatchObject({ item: 8, watched: true, rating: 5 });
    expect(verdict.decisions[0]?.reason).toContain('really went on to watch');
    expect(verdict.decisions[1]).toMatchObject({ item: 4, watched: false, rating: null });
    expect(verdict.decisions[1]?.reason).toContain('Horror is not what I usually watch');
  });

  it('grounds a real user in their held-out items and validation item', async () => {
    // Prepare: of six training items the last two are held out, then the validation item.
    const view = viewOf(smallCatalog, [{ train: [1, 3, 5, 2, 6, 4], valid: 7 }]);
    const protocol = simulationProtocolSchema.parse({ holdout: 2 });
    const [viewUser] = view.users;
    if (viewUser === undefined) throw new Error('no user');
    const user = simulationCase(viewUser, protocol, population);

    // Act
    const { verdict } = await judge(user, [7, 6, 4, 8]);

    // Assert
    expect(user.history).toEqual([1, 3, 5, 2]);
    expect(user.future).toEqual([6, 4, 7]);
    expect(verdict.decisions.map((decision) => decision.watched)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('picks only its attention budget of appealing items, the best first', async () => {
    // Prepare: affinities item 1 = 0.97, item 3 = 0.84 (both ≥ 0.75), item 5 = 0.72.
    const page = [5, 3, 1];

    // Act
    const least = await judge(dramaFan({ activityPercentile: 0 }), page);
    const most = await judge(dramaFan({ activityPercentile: 1 }), page);

    // Assert: attention is 1 + round(2 · activity percentile).
    expect(least.verdict.decisions.map((decision) => decision.watched)).toEqual([
      false,
      false,
      true,
    ]);
    expect(least.verdict.decisions[1]?.reason).toContain('I picked better titles');
    expect(least.verdict.decisions[0]?.reason).toContain('too obscure');
    expect(least.verdict.decisions[2]).toMatchObject({ rating: 4 });
    expect(most.verdict.decisions.map((decision) => decision.watched)).toEqual([false, true, true]);
  });

  it('gives the same verdict every time', async () => {
    // Prepare
    const user = dramaFan({ activityPercentile: 0.5 }, [2]);

    // Act
    const first = await judge(user, [1, 2, 3, 4, 5, 6, 7, 8]);
    const second = await judge(user, [1, 2, 3, 4, 5, 6, 7, 8]);

    // Assert
    expect(second).toEqual(first);
    expect(first.exchanges).toEqual([]);
  });

  it('says a niche user finds the pages too mainstream and short of their genre', async () => {
    // Prepare: a Drama-only user whose history sits low in popularity (conformity 0.3).
    const user = dramaFan({ popularityConformity: 0.3 });

    // Act
    const { verdict } = await judge(user, [1, 2, 3]);

    // Assert: mean page popularity 0.81 is 0.51 above their taste; 2 of 3 items are Drama
    // against all of their history; the page spreads over two genres where they watch one.
    expect(verdict.interview.overusedSignals).toEqual(['popularity', 'diversity']);
    expect(verdict.interview.underusedSignals).toEqual(['genre']);
    expect(verdict.interview.misses).toContain('too many of the most popular titles for me');
  });

  it('names a favourite genre missing from the pages and a page with nothing watched', async () => {
    // Prepare
    const user = dramaFan();

    // Act
    const { verdict } = await judge(user, [2, 6]);

    // Assert
    expect(verdict.interview.misses).toContain(
      'no Drama titles, although it is one of my favourite genres'
    );
    expect(verdict.interview.misses).toContain(
      'Comedy fills 100% of the pages, but I rarely watch it'
    );
    expect(verdict.interview.misses).toContain('nothing on page 1 appealed to me');
    expect(verdict.interview.fits).toEqual([]);
  });

  it('credits real hits and favourite-genre picks in what fits', async () => {
    // Prepare
    const user = dramaFan({ activityPercentile: 1 }, [5]);

    // Act
    const { verdict } = await judge(user, [5, 1, 3]);

    // Assert
    expect(verdict.interview.fits).toEqual([
      'it found 1 title(s) I really went on to watch',
      'Drama: I watched 3 of the 3 shown',
    ]);
  });
});
