import type { RunState } from '../../core/evolution/index.js';

/**
 * The run's wall time for its budget: seconds of earlier sessions plus this one's. Time between a
 * killed session's last record and its resumption is not counted.
 */
function elapsedSeconds(state: RunState, now: Date): number {
  const since = Date.parse(state.sessionStartedAt ?? state.startedAt);
  return state.elapsedSecondsBefore + Math.max(0, (now.getTime() - since) / 1000);
}

/** Folds the session so far into `elapsedSecondsBefore` and starts a new one now. */
function restartSession(state: RunState, now: Date): RunState {
  return {
    ...state,
    elapsedSecondsBefore: elapsedSeconds(state, now),
    sessionStartedAt: now.toISOString(),
  };
}

export { elapsedSeconds, restartSession };
