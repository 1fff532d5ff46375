/** The executions that drive runs: Step Functions in the cloud, the local runner on a laptop. */
interface RunExecutions {
  /**
   * Starts the run's execution under the given name (executionNameOf), or finds the one already
   * started under it; returns its ARN.
   */
  start(runId: string, executionName: string): Promise<string>;
  stop(executionArn: string, cause: string): Promise<void>;
}

/** Where queued runs wait for admission (SQS in the cloud). */
interface AdmissionQueue {
  send(runId: string): Promise<void>;
}

export type { AdmissionQueue, RunExecutions };
