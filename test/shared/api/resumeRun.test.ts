import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../shared/src/core/runs/index.js';
import { queuedRun } from '../../helpers/runRecords.js';
import { createApiHarness, errorMessageOf } from './apiHarness.js';

const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:evolverec:r1';

function resume(api: ReturnType<typeof createApiHarness>, runId = 'r1') {
  return api.request('POST', '/runs/{runId}/resume', { pathParameters: { runId } });
}

describe('POST /runs/{runId}/resume', () => {
  it('queues a failed run for admission again, counting the resume, and starts nothing', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1', { status: 'failed', executionArn: ARN }));

    // Act
    const first = await resume(api);
    await api.registry.updateRun('r1', { status: 'failed' });
    const second = await resume(api);

    // Assert
    expect(first).toEqual({ statusCode: 202, body: { runId: 'r1', status: 'queued' } });
    expect(second.statusCode).toBe(202);
    expect(api.queue.sent).toEqual(['r1', 'r1']);
    expect(await api.registry.getRun('r1')).toMatchObject({ status: 'queued', resumes: 2 });
    expect(api.executions.starts).toBe(0);
  });

  it.each<RunStatus>(['queued', 'running', 'finished', 'cancelled'])(
    'answers 409 for a %s run and changes nothing',
    async (status) => {
      // Arrange
      const api = createApiHarness();
      await api.registry.createRun(queuedRun('r1', { status }));

      // Act
      const response = await resume(api);

      // Assert
      expect(response.statusCode).toBe(409);
      expect(errorMessageOf(response)).toBe(
        `run r1 is ${status}; only a failed run can be resumed`
      );
      expect(await api.registry.getRun('r1')).toEqual(queuedRun('r1', { status }));
      expect(api.queue.sent).toEqual([]);
    }
  );

  it('answers 404 for a run that does not exist', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await resume(api, 'nope');

    // Assert
    expect(response.statusCode).toBe(404);
    expect(api.queue.sent).toEqual([]);
  });

  it('answers 409 when another resume got there first, queueing the run once', async () => {
    // Arrange: a second resume of the same run reads it failed, then finds it queued.
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1', { status: 'failed' }));
    const update = api.registry.updateRun.bind(api.registry);
    let raced = false;
    api.deps.registry.updateRun = async (runId, changes, fromStatuses) => {
      if (!raced) {
        raced = true;
        await update(runId, { status: 'queued', resumes: 1 }, ['failed']);
      }
      return update(runId, changes, fromStatuses);
    };

    // Act
    const response = await resume(api);

    // Assert
    expect(response.statusCode).toBe(409);
    expect(api.queue.sent).toEqual([]);
    expect(await api.registry.getRun('r1')).toMatchObject({ status: 'queued', resumes: 1 });
  });

  it('fails the run again when its admission message cannot be sent, so it does not wait forever', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1', { status: 'failed' }));
    api.deps.queue.send = async () => {
      throw new Error('SQS is down');
    };

    // Act
    const resuming = resume(api);

    // Assert
    await expect(resuming).rejects.toThrow('SQS is down');
    expect(await api.registry.getRun('r1')).toMatchObject({
      status: 'failed',
      stopReason: 'could not be queued for admission',
    });
  });
});
