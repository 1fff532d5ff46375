/** The executions that drive runs: Step Functions in the cloud, the local runner on a laptop. */
interface RunExecutions {
  /** Starts the run's execution, or finds the one already started for it; returns its ARN. */
  start(runId: string): Promise<string>;
  stop(executionArn: string, cause: string): Promise<void>;
}

/** Where queued runs wait for admission (SQS in the cloud). */
interface AdmissionQueue {
  send(runId: string): Promise<void>;
}

export type { AdmissionQueue, RunExecutions };
