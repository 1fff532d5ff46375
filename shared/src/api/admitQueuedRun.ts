import type { AdmissionLimits } from '../core/admission/index.js';
import { decideAdmission } from '../core/admission/index.js';
import type { RunRecord } from '../core/runs/index.js';
import { currentExecutionArn, executionNameOf } from '../core/runs/index.js';
import type { RunRegistry } from '../engine/index.js';
import type { RunExecutions } from './ports.js';

/**
 * `started`: its execution runs; `waiting`: the team is at its limit, ask again later (the
 * starter lets the message come back); `rejected`: it failed, and why is its stopReason;
 * `skipped`: nothing to do, it is no longer queued (admitted before, cancelled, or unknown).
 */
type AdmissionOutcome = 'started' | 'waiting' | 'rejected' | 'skipped';

interface AdmissionDependencies {
  readonly registry: RunRegistry;
  readonly executions: RunExecutions;
  readonly limits: AdmissionLimits;
  now(): Date;
}

/**
 * The starter's work for one admission message, a new run's or a resumed one's alike. Every
 * change is conditional on the status it read, and executions are named after their run and
 * admission, so a redelivered message starts nothing twice.
 */
async function admitQueuedRun(
  runId: string,
  deps: AdmissionDependencies
): Promise<AdmissionOutcome> {
  const { registry, limits } = deps;
  const run = await registry.getRun(runId);
  if (run?.status === 'running' && currentExecutionArn(run) === undefined) {
    // Admitted by an earlier delivery that stopped before recording the execution.
    return startExecution(run, deps);
  }
  if (run?.status !== 'queued') return 'skipped';

  const runningRuns = await registry.countRuns(run.team, ['running']);
  const decision = decideAdmission({ run, runningRuns, limits });
  const updatedAt = deps.now().toISOString();
  switch (decision.kind) {
    case 'wait':
      return 'waiting';
    case 'reject': {
      const failed = await registry.updateRun(
        runId,
        { status: 'failed', stopReason: decision.reason, updatedAt },
        ['queued']
      );
      return failed === undefined ? 'skipped' : 'rejected';
    }
    case 'admit': {
      const admitted = await registry.updateRun(runId, { status: 'running', updatedAt }, [
        'queued',
      ]);
      if (admitted === undefined) return 'skipped';
      try {
        return await startExecution(admitted, deps);
      } catch (error) {
        // Queued again, so that the redelivered message admits it afresh.
        await registry.updateRun(runId, { status: 'queued', updatedAt }, ['running']);
        throw error;
      }
    }
  }
}

/** Starts (or finds) the run's execution and records it; stops it if the run was cancelled. */
async function startExecution(
  run: RunRecord,
  deps: AdmissionDependencies
): Promise<'started' | 'skipped'> {
  const { runId } = run;
  const executionArn = await deps.executions.start(runId, executionNameOf(run));
  const updatedAt = deps.now().toISOString();
  const recorded = await deps.registry.updateRun(runId, { executionArn, updatedAt }, ['running']);
  if (recorded === undefined) {
    await deps.executions.stop(executionArn, 'the run was cancelled while its execution started');
    return 'skipped';
  }
  return 'started';
}

export type { AdmissionDependencies, AdmissionOutcome };
export { admitQueuedRun };
