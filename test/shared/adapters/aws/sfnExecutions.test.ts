import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { createSfnExecutions } from '../../../../shared/src/adapters/aws/sfnExecutions.js';

const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:evolverec';
const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:evolverec:r1';

/** A client whose every command goes to `answer` instead of AWS. */
function clientAnswering(answer: (command: unknown) => unknown) {
  const client = new SFNClient({ region: 'eu-west-1' });
  const send = vi.spyOn(client, 'send').mockImplementation(async (command) => answer(command));
  return { client, send };
}

const alreadyExists = () =>
  new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} });

describe('createSfnExecutions', () => {
  it('starts an execution under the given name, with the run id as its input', async () => {
    // Arrange
    const { client, send } = clientAnswering(() => ({ executionArn: `${EXECUTION}-resume-2` }));
    const executions = createSfnExecutions({ client, stateMachineArn: MACHINE });

    // Act
    const arn = await executions.start('r1', 'r1-resume-2');

    // Assert
    expect(arn).toBe(`${EXECUTION}-resume-2`);
    const command = send.mock.calls[0]?.[0];
    expect(command).toBeInstanceOf(StartExecutionCommand);
    expect((command as StartExecutionCommand).input).toEqual({
      stateMachineArn: MACHINE,
      name: 'r1-resume-2',
      input: '{"runId":"r1"}',
    });
  });

  it("answers the run's running execution when its name is taken", async () => {
    // Arrange
    const { client, send } = clientAnswering((command) => {
      if (command instanceof StartExecutionCommand) throw alreadyExists();
      return { executionArn: `${EXECUTION}-resume-1`, status: 'RUNNING' };
    });
    const executions = createSfnExecutions({ client, stateMachineArn: MACHINE });

    // Act
    const arn = await executions.start('r1', 'r1-resume-1');

    // Assert
    expect(arn).toBe(`${EXECUTION}-resume-1`);
    const describe = send.mock.calls[1]?.[0];
    expect(describe).toBeInstanceOf(DescribeExecutionCommand);
    expect((describe as DescribeExecutionCommand).input).toEqual({
      executionArn: `${EXECUTION}-resume-1`,
    });
  });

  it('refuses an execution of the run that has ended, since it cannot drive the run', async () => {
    // Arrange
    const { client } = clientAnswering((command) => {
      if (command instanceof StartExecutionCommand) throw alreadyExists();
      return { executionArn: EXECUTION, status: 'ABORTED' };
    });
    const executions = createSfnExecutions({ client, stateMachineArn: MACHINE });

    // Act
    const starting = executions.start('r1', 'r1');

    // Assert
    await expect(starting).rejects.toThrow('run r1 already had an execution r1, now ABORTED');
  });

  it('passes on any other failure', async () => {
    // Arrange
    const { client } = clientAnswering(() => {
      throw new Error('AccessDeniedException');
    });
    const executions = createSfnExecutions({ client, stateMachineArn: MACHINE });

    // Act
    const starting = executions.start('r1', 'r1');

    // Assert
    await expect(starting).rejects.toThrow('AccessDeniedException');
  });

  it('stops an execution with its cause', async () => {
    // Arrange
    const { client, send } = clientAnswering(() => ({}));
    const executions = createSfnExecutions({ client, stateMachineArn: MACHINE });

    // Act
    await executions.stop(EXECUTION, 'cancelled through the API');

    // Assert
    const command = send.mock.calls[0]?.[0];
    expect(command).toBeInstanceOf(StopExecutionCommand);
    expect((command as StopExecutionCommand).input).toEqual({
      executionArn: EXECUTION,
      cause: 'cancelled through the API',
    });
  });
});
