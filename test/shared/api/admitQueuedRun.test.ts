import { describe, expect, it } from 'vitest';
import type { AdmissionDependencies } from '../../../shared/src/api/index.js';
import { admitQueuedRun } from '../../../shared/src/api/index.js';
import { createFakeExecutions, createInMemoryRunRegistry } from '../../helpers/inMemoryPorts.js';
import { queuedRun } from '../../helpers/runRecords.js';

const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:evolverec:r1';

/** The starter's dependencies over in-memory ports; the team may run 2 runs of up to $10. */
function createStarter() {
  const registry = createInMemoryRunRegistry();
  const executions = createFakeExecutions();
  const deps: AdmissionDependencies = {
    registry,
    executions,
    limits: { maxConcurrentRuns: 2, maxRunUsd: 10 },
    now: () => new Date('2026-11-26T11:00:00.000Z'),
  };
  return { registry, executions, deps };
}

describe('admitQueuedRun', () => {
  it('starts a run the team has room for and records its execution', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1'));

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('started');
    expect(executions.starts).toBe(1);
    expect(await registry.getRun('r1')).toMatchObject({
      status: 'running',
      executionArn: ARN,
      updatedAt: '2026-11-26T11:00:00.000Z',
    });
  });

  it('leaves a run queued and starts nothing while its team is at its limit', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('a', { status: 'running' }));
    await registry.createRun(queuedRun('b', { status: 'running' }));
    await registry.createRun(queuedRun('other-team', { status: 'running', team: 'search' }));
    await registry.createRun(queuedRun('r1'));

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('waiting');
    expect(executions.starts).toBe(0);
    expect((await registry.getRun('r1'))?.status).toBe('queued');
  });

  it('fails a run whose budget is over the limit, saying why', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(
      queuedRun('r1', {}, { strategy: 'nas', dataset: 'ml-100k', budget: { usd: 50 } })
    );

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('rejected');
    expect(executions.starts).toBe(0);
    expect(await registry.getRun('r1')).toMatchObject({
      status: 'failed',
      stopReason: "config.budget.usd $50 is above team recsys's limit of $10 per run",
    });
  });

  it('starts one execution when the message is delivered twice', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1'));

    // Act
    const first = await admitQueuedRun('r1', deps);
    const second = await admitQueuedRun('r1', deps);

    // Assert
    expect([first, second]).toEqual(['started', 'skipped']);
    expect(executions.starts).toBe(1);
  });

  it('starts one execution when two deliveries admit the run at the same time', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1'));

    // Act
    const outcomes = await Promise.all([admitQueuedRun('r1', deps), admitQueuedRun('r1', deps)]);

    // Assert
    expect(outcomes).toContain('started');
    expect(executions.starts).toBe(1);
    expect((await registry.getRun('r1'))?.executionArn).toBe(ARN);
  });

  it('puts the run back in the queue when its execution cannot start, and rethrows', async () => {
    // Arrange
    const { registry, deps } = createStarter();
    await registry.createRun(queuedRun('r1'));
    deps.executions.start = async () => {
      throw new Error('ThrottlingException');
    };

    // Act
    const admitting = admitQueuedRun('r1', deps);

    // Assert
    await expect(admitting).rejects.toThrow('ThrottlingException');
    const run = await registry.getRun('r1');
    expect(run?.status).toBe('queued');
    expect(run?.executionArn).toBeUndefined();
  });

  it('finishes the start of a run admitted by a delivery that stopped before recording it', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1', { status: 'running' }));

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('started');
    expect(executions.starts).toBe(1);
    expect((await registry.getRun('r1'))?.executionArn).toBe(ARN);
  });

  it('admits a resumed run like a new one, under an execution named for the resume', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1', { resumes: 2, executionArn: ARN }));

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('started');
    expect([...executions.byName.keys()]).toEqual(['r1-resume-2']);
    expect(await registry.getRun('r1')).toMatchObject({
      status: 'running',
      executionArn: `${ARN}-resume-2`,
    });
  });

  it('keeps a resumed run waiting while its team is at its limit', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('a', { status: 'running' }));
    await registry.createRun(queuedRun('b', { status: 'running' }));
    await registry.createRun(queuedRun('r1', { resumes: 1, executionArn: ARN }));

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('waiting');
    expect(executions.starts).toBe(0);
    expect((await registry.getRun('r1'))?.status).toBe('queued');
  });

  it('finishes the start of a resumed run whose new execution was not recorded', async () => {
    // Arrange: admitted for its first resume; only its first execution is on record.
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1', { status: 'running', resumes: 1, executionArn: ARN }));

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('started');
    expect([...executions.byName.keys()]).toEqual(['r1-resume-1']);
    expect((await registry.getRun('r1'))?.executionArn).toBe(`${ARN}-resume-1`);
  });

  it('stops the execution of a run cancelled while it was starting', async () => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    await registry.createRun(queuedRun('r1'));
    const start = executions.start.bind(executions);
    deps.executions.start = async (runId, executionName) => {
      await registry.updateRun(runId, { status: 'cancelled' }, ['running']);
      return start(runId, executionName);
    };

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('skipped');
    expect(executions.stopped).toEqual([
      { executionArn: ARN, cause: 'the run was cancelled while its execution started' },
    ]);
    expect((await registry.getRun('r1'))?.status).toBe('cancelled');
  });

  it.each([
    ['unknown', undefined],
    ['cancelled', queuedRun('r1', { status: 'cancelled' })],
    ['running with an execution', queuedRun('r1', { status: 'running', executionArn: ARN })],
  ])('skips a run that is %s', async (_, run) => {
    // Arrange
    const { registry, executions, deps } = createStarter();
    if (run !== undefined) await registry.createRun(run);

    // Act
    const outcome = await admitQueuedRun('r1', deps);

    // Assert
    expect(outcome).toBe('skipped');
    expect(executions.starts).toBe(0);
  });
});
