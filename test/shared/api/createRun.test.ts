import { describe, expect, it } from 'vitest';
import { createApiHarness, errorMessageOf, SEARCH_CALLER, validCreateBody } from './apiHarness.js';

describe('POST /runs', () => {
  it('stores the seed files, queues the run and asks for its admission once', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('POST', '/runs', { body: validCreateBody() });

    // Assert
    expect(response).toEqual({ statusCode: 202, body: { runId: 'run-1', status: 'queued' } });
    expect(api.queue.sent).toEqual(['run-1']);
    expect(await api.objects.list('runs/run-1/seed/')).toEqual([
      'runs/run-1/seed/model.py',
      'runs/run-1/seed/probes.js',
    ]);
    const run = await api.registry.getRun('run-1');
    expect(run).toMatchObject({
      runId: 'run-1',
      team: 'recsys',
      status: 'queued',
      generation: 0,
      usd: 0,
      createdAt: '2026-11-26T10:00:01.000Z',
    });
    // Stored as parsed: the config's defaults are filled in.
    expect(run?.config).toMatchObject({ strategy: 'nas', generations: 5, budget: { usd: 5 } });
  });

  it("records the run in its caller's team and takes name as config.name", async () => {
    // Arrange
    const api = createApiHarness();
    const body = validCreateBody({ name: 'baseline-nas' });

    // Act
    await api.request('POST', '/runs', { body, callerArn: SEARCH_CALLER });

    // Assert
    const run = await api.registry.getRun('run-1');
    expect(run?.team).toBe('search');
    expect(run?.config.name).toBe('baseline-nas');
  });

  it('answers 400 naming team for a body that names a team, and creates nothing', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('POST', '/runs', {
      body: validCreateBody({ team: 'search' }),
    });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain(
      "team: is not accepted: a run's team is its caller's, from the caller's IAM identity"
    );
    expect(api.registry.runs.size).toBe(0);
    expect(api.objects.objects.size).toBe(0);
    expect(api.queue.sent).toEqual([]);
  });

  it.each([
    ['a config field out of range', { generations: 5_000 }, 'config.generations: Too big'],
    ['an unknown strategy', { strategy: 'evolve-harder' }, 'config.strategy: Invalid option'],
    ['an unknown config field', { bogus: true }, 'config: Unrecognized key: "bogus"'],
    ['an LLM strategy without an llm section', { strategy: 'scalar-llm' }, 'config.llm:'],
  ])('answers 400 naming the field for %s', async (_, change, expected) => {
    // Arrange
    const api = createApiHarness();
    const body = validCreateBody();

    // Act
    const response = await api.request('POST', '/runs', {
      body: { ...body, config: { ...body.config, ...change } },
    });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(errorMessageOf(response)).toContain(expected);
    expect(api.registry.runs.size).toBe(0);
    expect(api.queue.sent).toEqual([]);
    expect(api.objects.objects.size).toBe(0);
  });

  it.each([
    ['a missing model.py', { 'probes.js': 'x' }, 'seedFiles.model.py: Invalid input'],
    ['a file that is not a program file', { 'model.py': 'x', 'train.py': 'x' }, 'train.py'],
    ['an empty model.py', { 'model.py': '' }, 'seedFiles.model.py: is empty'],
    [
      'a model.py over 256 KB',
      { 'model.py': 'x'.repeat(256 * 1024 + 1) },
      'seedFiles.model.py: is larger than 256 KB',
    ],
  ])('answers 400 for %s', async (_, seedFiles, expected) => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('POST', '/runs', { body: validCreateBody({ seedFiles }) });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain(expected);
    expect(api.queue.sent).toEqual([]);
  });

  it('answers 400 for an unknown top-level field and a conflicting name', async () => {
    // Arrange
    const api = createApiHarness();
    const body = validCreateBody();

    // Act
    const unknown = await api.request('POST', '/runs', { body: { ...body, priority: 1 } });
    const name = await api.request('POST', '/runs', {
      body: { ...body, name: 'a', config: { ...body.config, name: 'b' } },
    });

    // Assert
    expect(errorMessageOf(unknown)).toContain('Unrecognized key: "priority"');
    expect(errorMessageOf(name)).toContain("name: differs from config.name 'b'");
  });

  it('answers 400 for a body that is not JSON', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('POST', '/runs', { body: '{"config":' });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain('not valid JSON');
  });

  it('never echoes an API key pasted where its name belongs', async () => {
    // Arrange
    const api = createApiHarness();
    const key = 'sk-proj-0123456789abcdefghij';
    const config = {
      strategy: 'scalar-llm',
      dataset: 'ml-100k',
      llm: {
        apiKeyName: key,
        models: { proposer: 'm', coder: 'm', simulator: 'm', judge: 'm' },
        prices: { m: { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 1 } },
        contextTokens: { m: 128_000 },
      },
    };

    // Act
    const response = await api.request('POST', '/runs', { body: validCreateBody({ config }) });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain('config.llm.apiKeyName: looks like an API key');
    expect(JSON.stringify(response.body)).not.toContain(key);
  });

  it('refuses the embedded LLM provider, which no Lambda can run', async () => {
    // Arrange
    const api = createApiHarness();
    const config = {
      strategy: 'scalar-llm',
      dataset: 'ml-100k',
      llm: {
        provider: 'embedded',
        embedded: { modelFiles: { m: 'models/m.gguf' } },
        models: { proposer: 'm', coder: 'm', simulator: 'm', judge: 'm' },
        prices: { m: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
        contextTokens: { m: 8_192 },
        maxTokens: { coder: 2_000 },
      },
    };

    // Act
    const response = await api.request('POST', '/runs', { body: validCreateBody({ config }) });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain(
      'config.llm.provider: the embedded model runs on one machine only'
    );
    expect(await api.registry.getRun('run-1')).toBeUndefined();
  });

  it('fails the run when its admission message cannot be sent, so it does not wait forever', async () => {
    // Arrange
    const api = createApiHarness();
    api.deps.queue.send = async () => {
      throw new Error('SQS is down');
    };

    // Act
    const creating = api.request('POST', '/runs', { body: validCreateBody() });

    // Assert
    await expect(creating).rejects.toThrow('SQS is down');
    expect(await api.registry.getRun('run-1')).toMatchObject({
      status: 'failed',
      stopReason: 'could not be queued for admission',
    });
  });
});
