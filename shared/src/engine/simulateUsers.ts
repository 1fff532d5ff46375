import type { PreparedView, ViewUser } from '../core/dataset/index.js';
import type { LlmExchange } from '../core/llm/index.js';
import type { ScoringModel } from '../core/ranking/index.js';
import type {
  Critique,
  SignalShares,
  SimulationFigures,
  SimulationProtocolInput,
  SimulatorChoice,
  UserSession,
} from '../core/simulation/index.js';
import {
  browsePages,
  createUserSimulator,
  llmCritique,
  ruleCritique,
  signalShares,
  simulationCase,
  simulationFigures,
  simulationProtocolSchema,
  viewPopulation,
} from '../core/simulation/index.js';
import { InvalidArgumentError, SimulationFailedError } from '../errors.js';

/** Per-user records a simulation returns by default; the rest count in the figures only. */
const REPORTED_USERS = 50;

interface SimulateUsersRequest {
  /** The trained candidate. */
  readonly model: ScoringModel;
  readonly view: PreparedView;
  /** The run's sampled users (sampleSimulationUsers), the same for every candidate. */
  readonly users: readonly ViewUser[];
  readonly simulator: SimulatorChoice;
  readonly protocol?: SimulationProtocolInput;
  readonly reportedUsers?: number;
  /** Called as each user is done (browsed, or failed): done of total, for progress displays. */
  readonly onUserDone?: (done: number, total: number) => void;
}

/** One user's record in the result: their session, or why their simulator failed. */
type SimulatedUserRecord =
  | { readonly ok: true; readonly session: UserSession }
  | { readonly ok: false; readonly userIndex: number; readonly reason: string };

interface SimulationResult {
  readonly figures: SimulationFigures;
  readonly critique: Critique;
  /** Why the rules stood in for the LLM aggregator, when they did. */
  readonly critiqueFallback?: string;
  /** The share of users naming each signal as over- and as under-used. */
  readonly signals: SignalShares;
  /** The first `reportedUsers` users in sample order. */
  readonly users: readonly SimulatedUserRecord[];
  /** Every LLM exchange (users, then the aggregator); empty offline. */
  readonly exchanges: readonly LlmExchange[];
  readonly timings: { readonly scoringMs: number; readonly simulatingMs: number };
}

/**
 * Simulates the sampled users on one trained candidate (the protocol is in
 * core/simulation/protocol.ts): scores every user's visible history in one batched call, lets
 * each user browse the ranking page by page (users run concurrently; an LLM client bounds its
 * own concurrency), and aggregates all users into figures and one critique. Users whose
 * simulator failed are counted, not faked; if every user failed, SimulationFailedError.
 */
async function simulateUsers(request: SimulateUsersRequest): Promise<SimulationResult> {
  if (request.users.length === 0) {
    throw new InvalidArgumentError('simulateUsers needs at least one sampled user');
  }
  const protocol = simulationProtocolSchema.parse(request.protocol ?? {});
  const population = viewPopulation(request.view);
  const cases = request.users.map((user) => simulationCase(user, protocol, population));
  const scoringStart = performance.now();
  const k = Math.min(protocol.pageSize * protocol.maxPages, request.model.manifest.numItems);
  const scored = await request.model.score(
    cases.map((user) => user.history),
    { k, excludeSeen: true }
  );
  const simulatingStart = performance.now();
  const simulator = createUserSimulator(request.simulator, population, protocol.historyShown);
  let done = 0;
  const outcomes = await Promise.all(
    cases.map(async (user, index) => {
      const outcome = await browsePages(
        simulator,
        user,
        scored.users[index]?.items ?? [],
        protocol
      );
      done += 1;
      request.onUserDone?.(done, cases.length);
      return outcome;
    })
  );
  const sessions = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.session] : []));
  const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]));
  if (sessions.length === 0) {
    throw new SimulationFailedError(
      outcomes.length,
      failures[0]?.reason ?? 'no reason given',
      outcomes.flatMap((outcome) => outcome.exchanges)
    );
  }
  const figures = simulationFigures(sessions, failures.length);
  const aggregated: {
    readonly critique: Critique;
    readonly exchanges: readonly LlmExchange[];
    readonly fallbackReason?: string;
  } =
    request.simulator.kind === 'llm'
      ? await llmCritique(request.simulator.llm, request.simulator.templates, sessions, figures)
      : { critique: ruleCritique(sessions, figures), exchanges: [] };
  const simulatingMs = performance.now() - simulatingStart;
  return {
    figures,
    critique: aggregated.critique,
    ...(aggregated.fallbackReason === undefined
      ? {}
      : { critiqueFallback: aggregated.fallbackReason }),
    signals: signalShares(sessions),
    users: outcomes
      .slice(0, request.reportedUsers ?? REPORTED_USERS)
      .map(
        (outcome): SimulatedUserRecord =>
          outcome.ok
            ? { ok: true, session: outcome.session }
            : { ok: false, userIndex: outcome.userIndex, reason: outcome.reason }
      ),
    exchanges: [...outcomes.flatMap((outcome) => outcome.exchanges), ...aggregated.exchanges],
    timings: { scoringMs: simulatingStart - scoringStart, simulatingMs },
  };
}

export type { SimulatedUserRecord, SimulateUsersRequest, SimulationResult };
export { simulateUsers };
