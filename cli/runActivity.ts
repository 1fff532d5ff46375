import type { RunRecord } from '../shared/src/core/runs/index.js';
import type { ServerSession } from '../shared/src/local/serverSession.js';

/**
 * Where a local run stands beyond its record: a run recorded as running is going on only while
 * the process that runs it publishes its servers; otherwise that process died (killed, crashed)
 * and the run waits to be resumed.
 */
type RunActivity =
  | { readonly state: 'running'; readonly pid: number }
  | { readonly state: 'stopped' }
  | { readonly state: 'recorded' };

function runActivity(run: RunRecord, live: ServerSession | undefined): RunActivity {
  if (run.status !== 'running') return { state: 'recorded' };
  return live?.runId === run.runId ? { state: 'running', pid: live.pid } : { state: 'stopped' };
}

/** The status column: `running (pid N)`, `stopped — resume with …`, or the recorded status. */
function describeRunStatus(run: RunRecord, live: ServerSession | undefined): string {
  const activity = runActivity(run, live);
  if (activity.state === 'running') return `running (pid ${activity.pid})`;
  if (activity.state === 'stopped') return `stopped — resume with evolverec resume ${run.runId}`;
  return run.status;
}

/** The same for --json: `pid` for a run going on, `stopped: true` for one whose process died. */
function activityFields(
  run: RunRecord,
  live: ServerSession | undefined
): { pid?: number; stopped?: true } {
  const activity = runActivity(run, live);
  if (activity.state === 'running') return { pid: activity.pid };
  return activity.state === 'stopped' ? { stopped: true } : {};
}

export { activityFields, describeRunStatus };
