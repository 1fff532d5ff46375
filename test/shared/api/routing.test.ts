import { describe, expect, it } from 'vitest';
import { createApiHarness, errorMessageOf } from './apiHarness.js';

describe('handleApiRequest routing', () => {
  it('answers 404 for a resource the API does not have', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('GET', '/teams');

    // Assert
    expect(response).toEqual({
      statusCode: 404,
      body: { error: { code: 'NOT_FOUND', message: 'there is no resource /teams' } },
    });
  });

  it('answers 405 naming the allowed methods for a method the resource does not take', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('DELETE', '/runs/{runId}', {
      pathParameters: { runId: 'r1' },
    });

    // Assert
    expect(response.statusCode).toBe(405);
    expect(errorMessageOf(response)).toBe('DELETE is not allowed on /runs/{runId} (allowed: GET)');
  });

  it('answers 400 for a run id that could not be a key', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('GET', '/runs/{runId}', {
      pathParameters: { runId: '../etc' },
    });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain('the path is invalid: runId:');
  });

  it('throws what it did not expect, for the shell to log and answer 500', async () => {
    // Arrange
    const api = createApiHarness();
    api.deps.registry.getRun = async () => {
      throw new Error('table evolverec-runs is unreachable');
    };

    // Act
    const reading = api.request('GET', '/runs/{runId}', { pathParameters: { runId: 'r1' } });

    // Assert
    await expect(reading).rejects.toThrow('table evolverec-runs is unreachable');
  });
});
