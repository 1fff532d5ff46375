import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../shared/src/core/runs/index.js';
import { queuedRun } from '../../helpers/runRecords.js';
import { createApiHarness, errorMessageOf, RECSYS_CALLER } from './apiHarness.js';

const CALLER = RECSYS_CALLER;
const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:evolverec:r1';

function cancel(api: ReturnType<typeof createApiHarness>, runId = 'r1') {
  return api.request('POST', '/runs/{runId}/cancel', {
    pathParameters: { runId },
    callerArn: CALLER,
  });
}

describe('POST /runs/{runId}/cancel', () => {
  it('cancels a queued run before it starts, stopping nothing', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1'));

    // Act
    const response = await cancel(api);

    // Assert
    expect(response).toEqual({ statusCode: 200, body: { runId: 'r1', status: 'cancelled' } });
    expect(api.executions.stopped).toEqual([]);
    expect(await api.registry.getRun('r1')).toMatchObject({
      status: 'cancelled',
      stopReason: `cancelled through the API by ${CALLER}`,
    });
  });

  it('stops the execution of a running run, then cancels it', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1', { status: 'running', executionArn: ARN }));

    // Act
    const response = await cancel(api);

    // Assert
    expect(response.statusCode).toBe(200);
    expect(api.executions.stopped).toEqual([
      { executionArn: ARN, cause: `cancelled through the API by ${CALLER}` },
    ]);
    expect((await api.registry.getRun('r1'))?.status).toBe('cancelled');
  });

  it.each<RunStatus>(['finished', 'failed', 'cancelled'])(
    'answers 409 for a %s run and changes nothing',
    async (status) => {
      // Arrange
      const api = createApiHarness();
      await api.registry.createRun(queuedRun('r1', { status, executionArn: ARN }));

      // Act
      const response = await cancel(api);

      // Assert
      expect(response.statusCode).toBe(409);
      expect(errorMessageOf(response)).toBe(
        `run r1 is ${status}; only a queued or running run can be cancelled`
      );
      expect(api.executions.stopped).toEqual([]);
      expect((await api.registry.getRun('r1'))?.status).toBe(status);
    }
  );

  it('answers 404 for a run that does not exist', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await cancel(api, 'nope');

    // Assert
    expect(response.statusCode).toBe(404);
  });

  it('stops only the execution of its latest admission, not one that ended before a resume', async () => {
    // Arrange: resumed once, admitted, its new execution not recorded yet.
    const api = createApiHarness();
    await api.registry.createRun(
      queuedRun('r1', { status: 'running', resumes: 1, executionArn: ARN })
    );

    // Act
    const response = await cancel(api);

    // Assert
    expect(response.statusCode).toBe(200);
    expect(api.executions.stopped).toEqual([]);
    expect((await api.registry.getRun('r1'))?.status).toBe('cancelled');
  });

  it('stops a run that the starter admitted while it was being cancelled', async () => {
    // Arrange: the starter moves the run on between the API's read and its write.
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1'));
    const update = api.registry.updateRun.bind(api.registry);
    let raced = false;
    api.deps.registry.updateRun = async (runId, changes, fromStatuses) => {
      if (!raced) {
        raced = true;
        await update(runId, { status: 'running', executionArn: ARN }, ['queued']);
      }
      return update(runId, changes, fromStatuses);
    };

    // Act
    const response = await cancel(api);

    // Assert
    expect(response.statusCode).toBe(200);
    expect(api.executions.stopped.map((stop) => stop.executionArn)).toEqual([ARN]);
    expect((await api.registry.getRun('r1'))?.status).toBe('cancelled');
  });
});
