import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RatingsDataset } from '../../shared/src/core/simulation/index.js';
import { measureSimulatorFidelity } from '../../shared/src/engine/simulatorFidelity.js';
import { readMovieLens100kRatings, repoRoot } from '../../shared/src/local/index.js';
import type { FakeRequest } from '../helpers/fakeOpenAiServer.js';
import { useSimulationLlm } from '../helpers/simulationLlm.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));

/**
 * 20 films: 1–10 Drama, played by everyone (popular); 11–20 Horror, each played once. Every
 * user's history is eight Drama films; users 1–4 then rate a Drama film 5 and a Horror film 1,
 * user 5 rates two Drama films 4 (no disliked item).
 */
function tasteDataset(): RatingsDataset {
  const items = Array.from({ length: 21 }, (_, id) => ({
    title: id === 0 ? '' : `Film ${id}`,
    genres: id === 0 ? [] : id <= 10 ? ['Drama'] : ['Horror'],
  }));
  const users = Array.from({ length: 5 }, (_, index) => {
    const history = [1, 2, 3, 4, 5, 6, 7, 8].map((item) => [item, 4] as const);
    const heldOut =
      index < 4
        ? ([
            [9, 5],
            [11 + index, 1],
          ] as const)
        : ([
            [9, 4],
            [10, 4],
          ] as const);
    return {
      user: index + 1,
      ratings: [...history, ...heldOut].map(([item, rating], time) => ({
        item,
        rating,
        timestamp: time,
      })),
    };
  });
  return { name: 'taste', numItems: 20, items, users };
}

describe('measureSimulatorFidelity offline', () => {
  it('separates liked popular in-genre items from disliked obscure off-genre ones', async () => {
    // Act
    const fidelity = await measureSimulatorFidelity({
      ratings: tasteDataset(),
      simulator: { kind: 'offline' },
    });

    // Assert
    expect(fidelity.report).toMatchObject({
      users: 5,
      usersWithBothClasses: 4,
      heldOutItems: 10,
      aucPerUser: 1,
      aucPooled: 1,
      ratedItems: 10,
    });
    expect(fidelity.exchanges).toEqual([]);
    expect(fidelity.failedUsers).toBe(0);
  });

  it('beats chance on real ml-100k users, the same on every run', async () => {
    // Prepare
    const ratings = await readMovieLens100kRatings(dataDir);

    // Act
    const first = await measureSimulatorFidelity({ ratings, simulator: { kind: 'offline' } });
    const second = await measureSimulatorFidelity({ ratings, simulator: { kind: 'offline' } });

    // Assert: measured 0.651 per user, 0.713 pooled, RMSE 1.125 (see offlineTaste.ts).
    expect(second.report).toEqual(first.report);
    expect(first.report.users).toBe(943);
    expect(first.report.aucPerUser).toBeGreaterThan(0.62);
    expect(first.report.aucPooled).toBeGreaterThan(0.68);
    expect(first.report.rmse).toBeLessThan(1.16);
  });
});

describe('measureSimulatorFidelity with an LLM', () => {
  const endpoint = useSimulationLlm();

  /** Watches and rates 5 every Drama title of the page, skips and rates 1 the others. */
  function dramaLover(request: FakeRequest): string {
    const prompt = request.body.messages[1]?.content ?? '';
    const page = prompt.slice(prompt.indexOf('<data label="page 1">'));
    const lines = page.split('\n').filter((line) => /^\d+\. /.test(line));
    return JSON.stringify({
      items: lines.map((line, index) => {
        const drama = line.endsWith('— Drama');
        return { position: index + 1, watch: drama, rating: drama ? 5 : 1, reason: 'taste' };
      }),
      interview: { fits: [], misses: [], overused_signals: [], underused_signals: [] },
    });
  }

  it('asks a bounded sample of users with both classes about their held-out items', async () => {
    // Prepare
    const llm = await endpoint.serve((request) => ({ content: dramaLover(request) }));

    // Act
    const fidelity = await measureSimulatorFidelity({
      ratings: tasteDataset(),
      simulator: { kind: 'llm', llm, templates: endpoint.templates() },
      llmUsers: 3,
      llmItemsPerUser: 2,
      seed: 'test',
    });

    // Assert
    expect(fidelity.report).toMatchObject({
      users: 3,
      usersWithBothClasses: 3,
      heldOutItems: 6,
      aucPerUser: 1,
      rmse: 0,
    });
    expect(fidelity.exchanges.map((exchange) => exchange.role)).toEqual([
      'simulator',
      'simulator',
      'simulator',
    ]);
    for (const request of endpoint.server().requests) {
      const prompt = request.body.messages.at(-1)?.content ?? '';
      expect(prompt).toContain('Film 9 — Drama');
      expect(prompt).not.toContain('Film 10 — Drama');
    }
  });

  it('counts a user whose answer stays unusable as failed', async () => {
    // Prepare: user 1, the one who disliked Film 11, answers nonsense.
    const llm = await endpoint.serve((request) => ({
      content: request.body.messages[1]?.content.includes('Film 11 — Horror')
        ? 'no idea'
        : dramaLover(request),
    }));

    // Act
    const fidelity = await measureSimulatorFidelity({
      ratings: tasteDataset(),
      simulator: { kind: 'llm', llm, templates: endpoint.templates() },
      llmUsers: 4,
    });

    // Assert
    expect(fidelity.failedUsers).toBe(1);
    expect(fidelity.report.users).toBe(3);
    expect(fidelity.exchanges).toHaveLength(2 + 3);
  });
});
