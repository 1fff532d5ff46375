import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cliHarness.js';

describe('evolverec run checks before anything is prepared or trained', () => {
  let sandbox: CliSandbox;

  beforeEach(async () => {
    sandbox = await createCliSandbox();
  });

  afterEach(async () => {
    await rm(sandbox.root, { recursive: true, force: true });
  });

  async function config(fields: object): Promise<string> {
    const path = join(sandbox.root, 'run.json');
    await writeFile(path, JSON.stringify(fields));
    return path;
  }

  it('stops with every problem and what to do, having started nothing', async () => {
    // Prepare: an LLM strategy with no key, a dataset that is not there, a budget of half a cent.
    const path = await config({
      strategy: 'self-evolverec',
      dataset: 'amazon-video',
      llm: { baseUrl: 'http://127.0.0.1:9/v1' },
      budget: { usd: 0.005 },
    });

    // Act
    const run = await sandbox.run(['run', '--config', path, '--json']);

    // Assess: exit 3, nothing on stdout, no trainer call, no embedded servers started.
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the run was not started, nothing was spent:');
    expect(run.stderr).toContain('get it with evolverec data get amazon-video');
    expect(run.stderr).toContain('OPENAI_API_KEY (llm.apiKeyName) is not set');
    expect(run.stderr).toContain('budget.usd is $0.005 but one candidate costs at least');
    expect(await sandbox.calls()).toEqual([]);
    expect(existsSync(join(sandbox.stateDir, 'aws'))).toBe(false);
  });

  it('asks the embedded provider for its model files, not for a key', async () => {
    // Prepare: a model whose file is not there (a model with no file is refused by the schema).
    const path = await config({
      strategy: 'self-evolverec',
      dataset: 'ml-100k',
      llm: {
        provider: 'embedded',
        embedded: { modelFiles: { small: join(sandbox.root, 'missing.gguf') } },
        models: { proposer: 'small', coder: 'small', simulator: 'small', judge: 'small' },
        prices: { small: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
        contextTokens: { small: 32_768 },
      },
    });

    // Act
    const run = await sandbox.run(['run', '--config', path]);

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `the GGUF file of model 'small' is missing (${join(sandbox.root, 'missing.gguf')}): run scripts/setup.sh`
    );
    expect(run.stderr).not.toContain('OPENAI_API_KEY');
    expect(await sandbox.calls()).toEqual([]);
  });
});
