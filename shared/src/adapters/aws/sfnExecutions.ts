import {
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { RunExecutions } from '../../api/ports.js';

interface SfnExecutionsOptions {
  readonly client: SFNClient;
  readonly stateMachineArn: string;
}

/**
 * Runs' Step Functions executions, each named after its run and admission (executionNameOf), so
 * that an admission has at most one: a repeated start (a redelivered admission message) gets the
 * running execution back instead of a second one. Step Functions answers the same name and input
 * that way itself; it answers ExecutionAlreadyExists when the input differs (still the run's
 * execution) or the execution has ended (and cannot drive the run again: an error).
 */
function createSfnExecutions({ client, stateMachineArn }: SfnExecutionsOptions): RunExecutions {
  return {
    async start(runId, executionName) {
      try {
        const started = await client.send(
          new StartExecutionCommand({
            stateMachineArn,
            name: executionName,
            input: JSON.stringify({ runId }),
          })
        );
        return executionArnIn(started);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
        const existing = await client.send(
          new DescribeExecutionCommand({
            executionArn: executionArnOf(stateMachineArn, executionName),
          })
        );
        if (existing.status !== 'RUNNING') {
          throw new Error(
            `run ${runId} already had an execution ${executionName}, now ${existing.status}; its name cannot be reused`
          );
        }
        return executionArnIn(existing);
      }
    },

    async stop(executionArn, cause) {
      await client.send(new StopExecutionCommand({ executionArn, cause }));
    },
  };
}

/** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name>, as Step Functions names it. */
function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** The SDK types every output field as optional; these two always carry the ARN. */
function executionArnIn(output: { readonly executionArn?: string }): string {
  if (output.executionArn === undefined) throw new Error('Step Functions returned no executionArn');
  return output.executionArn;
}

export type { SfnExecutionsOptions };
export { createSfnExecutions };
