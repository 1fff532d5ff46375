import { describe, expect, it } from 'vitest';
import type { PreparedView } from '../../shared/src/core/dataset/index.js';
import type { History, ScoringModel } from '../../shared/src/core/ranking/index.js';
import { topK } from '../../shared/src/core/ranking/index.js';
import { sampleSimulationUsers } from '../../shared/src/core/simulation/index.js';
import { simulateUsers } from '../../shared/src/engine/simulateUsers.js';
import { InvalidArgumentError, SimulationFailedError } from '../../shared/src/errors.js';
import type { FakeRequest } from '../helpers/fakeOpenAiServer.js';
import { useSimulationLlm } from '../helpers/simulationLlm.js';
import { smallCatalog, syntheticView, viewOf } from '../shared/core/simulation/simulationData.js';

/** A model that scores items by `score(item, history)`, recording every batch it is asked. */
function scoringModelOf(
  view: PreparedView,
  score: (item: number, history: History) => number
): ScoringModel & { readonly batches: (readonly History[])[] } {
  const batches: (readonly History[])[] = [];
  const numItems = view.catalog.numItems;
  return {
    batches,
    manifest: { format: 1, input: 'item_seq', maxLen: 50, numItems, scores: 'scores', taps: [] },
    score: async (histories, options) => {
      batches.push(histories);
      const users = histories.map((history) => {
        const row = Array.from({ length: numItems }, (_, column) => score(column + 1, history));
        return topK(row, options.k, options.excludeSeen === false ? undefined : new Set(history));
      });
      return { users, taps: {} };
    },
    close: async () => undefined,
  };
}

describe('simulateUsers offline', () => {
  const view = syntheticView();
  const users = sampleSimulationUsers(view, 40, 'run-1');
  const popular = (item: number) => view.catalog.popularity[item] ?? 0;
  /** Five items held out, but at least one left visible. */
  const visible = (train: readonly number[]) => train.slice(0, Math.max(1, train.length - 5));
  /** The users' real futures: what a perfect model would rank first. */
  const futureOf = new Map(
    users.map((user) => [
      visible(user.train).join(','),
      new Set([...user.train.slice(visible(user.train).length), user.valid ?? 0]),
    ])
  );

  it('scores every visible history in one batch and aggregates the users', async () => {
    // Prepare
    const model = scoringModelOf(view, popular);
    const counted: string[] = [];

    // Act
    const result = await simulateUsers({
      model,
      view,
      users,
      simulator: { kind: 'offline' },
      reportedUsers: 5,
      onUserDone: (done, total) => counted.push(`${done}/${total}`),
    });

    // Assert
    expect(model.batches).toHaveLength(1);
    expect(model.batches[0]).toEqual(users.map((user) => visible(user.train)));
    expect(result.figures.users).toBe(40);
    expect(result.figures.failedUsers).toBe(0);
    expect(result.figures.exitDepth).toBeGreaterThanOrEqual(1);
    expect(result.figures.exitDepth).toBeLessThanOrEqual(3);
    expect(result.users).toHaveLength(5);
    expect(result.users[0]).toMatchObject({ ok: true, session: { userIndex: users[0]?.index } });
    expect(result.exchanges).toEqual([]);
    expect(result.critique.source).toBe('rules');
    expect(counted).toEqual(users.map((_, index) => `${index + 1}/40`));
  });

  it('gives the same figures, critique and users on every run', async () => {
    // Prepare
    const model = scoringModelOf(view, popular);
    const request = { model, view, users, simulator: { kind: 'offline' as const } };

    // Act
    const first = await simulateUsers(request);
    const second = await simulateUsers(request);

    // Assert
    expect(second.figures).toEqual(first.figures);
    expect(second.critique).toEqual(first.critique);
    expect(second.users).toEqual(first.users);
  });

  it('satisfies users more when the model ranks their real future first', async () => {
    // Prepare
    const oracle = scoringModelOf(
      view,
      (item, history) => (futureOf.get(history.join(','))?.has(item) ? 1e6 : 0) + popular(item)
    );
    const blind = scoringModelOf(view, popular);

    // Act
    const good = await simulateUsers({
      model: oracle,
      view,
      users,
      simulator: { kind: 'offline' },
    });
    const plain = await simulateUsers({
      model: blind,
      view,
      users,
      simulator: { kind: 'offline' },
    });

    // Assert
    expect(good.figures.satisfaction).toBeGreaterThan(plain.figures.satisfaction);
    expect(good.figures.viewRate).toBeGreaterThan(plain.figures.viewRate);
    expect(good.figures.meanRating).toBeGreaterThan(plain.figures.meanRating);
  });

  it('refuses an empty sample', async () => {
    // Prepare
    const model = scoringModelOf(view, popular);

    // Act
    const run = simulateUsers({ model, view, users: [], simulator: { kind: 'offline' } });

    // Assert
    await expect(run).rejects.toThrow(InvalidArgumentError);
  });
});

describe('simulateUsers with LLM users', () => {
  const view = viewOf(smallCatalog, [
    { train: [1, 2, 3], valid: 5 },
    { train: [2, 6, 1], valid: 3 },
    { train: [4, 8, 1], valid: 2 },
  ]);
  const protocol = { holdout: 1, pageSize: 2, maxPages: 1 };
  const endpoint = useSimulationLlm();

  const isJudge = (request: FakeRequest) =>
    request.body.messages[0]?.content.includes('user-research') ?? false;
  const pageAnswer = JSON.stringify({
    items: [
      { position: 1, watch: true, rating: 4, reason: 'looks fun' },
      { position: 2, watch: false, rating: null, reason: 'not my genre' },
    ],
    interview: { fits: ['comedies'], misses: [], overused_signals: [], underused_signals: [] },
  });
  const critiqueAnswer = JSON.stringify({
    status: 'STABLE',
    failure_modes: [],
    summary: 'Users found something to watch.',
  });

  async function llmSimulator(answerUser: (request: FakeRequest) => string) {
    const llm = await endpoint.serve((request) => ({
      delayMs: 30,
      content: isJudge(request) ? critiqueAnswer : answerUser(request),
    }));
    return { kind: 'llm' as const, llm, templates: endpoint.templates() };
  }

  it('runs the users concurrently and aggregates with the judge, keeping every exchange', async () => {
    // Prepare
    const simulator = await llmSimulator(() => pageAnswer);
    const model = scoringModelOf(view, (item) => -item);

    // Act
    const result = await simulateUsers({ model, view, users: view.users, simulator, protocol });

    // Assert
    expect(result.figures).toMatchObject({ viewRate: 0.5, meanRating: 4, exitDepth: 1, users: 3 });
    expect(result.critique).toMatchObject({ status: 'STABLE', source: 'llm' });
    expect(result.exchanges.map((exchange) => exchange.role)).toEqual([
      'simulator',
      'simulator',
      'simulator',
      'judge',
    ]);
    expect(endpoint.server().maxInFlight).toBeGreaterThan(1);
  });

  it('counts a user whose answers stay unusable as failed, without faking their figures', async () => {
    // Prepare: the user who last watched Horror Eight answers nonsense twice.
    const simulator = await llmSimulator((request) =>
      request.body.messages.some((message) =>
        message.content.includes('<data label="history">\n1. Horror Eight')
      )
        ? 'I would rather not say.'
        : pageAnswer
    );
    const model = scoringModelOf(view, (item) => -item);

    // Act
    const result = await simulateUsers({ model, view, users: view.users, simulator, protocol });

    // Assert
    expect(result.figures).toMatchObject({ users: 3, failedUsers: 1, viewRate: 0.5 });
    expect(result.users.find((user) => !user.ok)).toMatchObject({ ok: false, userIndex: 2 });
    expect(result.exchanges).toHaveLength(2 + 2 + 1);
  });

  it('fails the simulation when every user failed', async () => {
    // Prepare
    const simulator = await llmSimulator(() => 'no');
    const model = scoringModelOf(view, (item) => -item);

    // Act
    const run = simulateUsers({ model, view, users: view.users, simulator, protocol });

    // Assert
    await expect(run).rejects.toThrow(SimulationFailedError);
  });
});
