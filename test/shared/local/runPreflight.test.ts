import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../../../shared/src/core/evolution/index.js';
import { runConfigSchema } from '../../../shared/src/core/evolution/index.js';
import { PreflightError } from '../../../shared/src/errors.js';
import { preflightRun } from '../../../shared/src/local/index.js';

const KEY = 'sk-test-preflight-0123456789';

describe('preflightRun', () => {
  let root: string;
  let dataDir: string;
  let seedDir: string;
  let models: Server;
  let modelsUrl: string;
  let silent: ReturnType<typeof createTcpServer>;
  let silentUrl: string;
  const seen: (string | undefined)[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'evolverec-preflight-'));
    dataDir = join(root, 'data');
    seedDir = join(root, 'seed');
    await mkdir(join(dataDir, 'ml-100k'), { recursive: true });
    await writeFile(join(dataDir, 'ml-100k', 'u.data'), '1\t1\t5\t1\n');
    await mkdir(seedDir);
    await writeFile(join(seedDir, 'model.py'), 'x'.repeat(40_000));
    // An OpenAI-compatible /models that takes KEY only.
    models = createServer((request, response) => {
      seen.push(request.headers.authorization);
      const ok = request.url === '/v1/models' && request.headers.authorization === `Bearer ${KEY}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(ok ? '{"data": []}' : '{"error": {"message": "bad key"}}');
    });
    await new Promise<void>((resolve) => models.listen(0, '127.0.0.1', resolve));
    modelsUrl = `http://127.0.0.1:${(models.address() as AddressInfo).port}/v1`;
    // Accepts connections and never answers.
    silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    models.closeAllConnections();
    await new Promise((resolve) => models.close(resolve));
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  function check(config: RunConfigInput, env: Record<string, string> = {}) {
    return preflightRun({
      config: runConfigSchema.parse(config),
      dataDir,
      seedDir,
      env,
      checkDataset: true,
      probeTimeoutMs: 300,
    });
  }

  const llm = (baseUrl: string) => ({
    strategy: 'scalar-llm' as const,
    dataset: 'ml-100k',
    llm: { baseUrl, models: { proposer: 'gpt-4.1', coder: 'gpt-4.1' } },
  });

  async function problemsOf(run: Promise<void>): Promise<string> {
    const error = await run.then(
      () => undefined,
      (caught: unknown) => caught
    );
    expect(error).toBeInstanceOf(PreflightError);
    return (error as Error).message;
  }

  it('passes a nas run on a dataset that is there, without any key', async () => {
    await expect(check({ strategy: 'nas', dataset: 'ml-100k' })).resolves.toBeUndefined();
  });

  it('passes an LLM run whose endpoint answers and takes the key', async () => {
    await expect(check(llm(modelsUrl), { OPENAI_API_KEY: KEY })).resolves.toBeUndefined();
    expect(seen.at(-1)).toBe(`Bearer ${KEY}`);
  });

  it('names the key variable an LLM strategy or LLM feedback needs when it is not set', async () => {
    // Act
    const strategy = await problemsOf(check(llm(modelsUrl)));
    const feedback = await problemsOf(
      check({
        strategy: 'nas',
        dataset: 'ml-100k',
        llm: { baseUrl: modelsUrl, apiKeyName: 'TEAM_LLM_KEY' },
        feedback: { simulator: 'llm' },
      })
    );

    // Assess
    expect(strategy).toContain(
      'the scalar-llm strategy call(s) the LLM, and OPENAI_API_KEY (llm.apiKeyName) is not set: export OPENAI_API_KEY='
    );
    expect(feedback).toContain('feedback.simulator "llm" call(s) the LLM, and TEAM_LLM_KEY');
  });

  it('names the URL of an endpoint that refuses the key, is down, or does not answer', async () => {
    // Prepare: a port nothing listens on.
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1`;
    await new Promise((resolve) => closed.close(resolve));

    // Act
    const refused = await problemsOf(check(llm(modelsUrl), { OPENAI_API_KEY: 'sk-wrong-key-000' }));
    const down = await problemsOf(check(llm(downUrl), { OPENAI_API_KEY: KEY }));
    const hung = await problemsOf(check(llm(silentUrl), { OPENAI_API_KEY: KEY }));

    // Assess: each says where and what to check, and no message holds the key.
    expect(refused).toContain(`the LLM endpoint ${modelsUrl} refused the key in OPENAI_API_KEY`);
    expect(down).toContain(
      `the LLM endpoint ${downUrl} cannot be reached (GET ${downUrl}/models: ECONNREFUSED)`
    );
    expect(hung).toContain(`cannot be reached (GET ${silentUrl}/models: no answer within 0.3 s)`);
    for (const message of [refused, down, hung]) {
      expect(message).not.toContain('sk-wrong-key');
      expect(message).not.toContain(KEY);
    }
  });

  it('refuses a USD budget below what one candidate costs, and lists every problem at once', async () => {
    // Act: 40,000 characters are 10,000 tokens per prompt, two prompts at $2 per million.
    const message = await problemsOf(
      check({ ...llm(modelsUrl), dataset: 'netflix', budget: { usd: 0.03 } })
    );

    // Assess
    expect(message).toMatch(
      /^the run was not started, nothing was spent:\n {2}- dataset 'netflix'/
    );
    expect(message).toContain('OPENAI_API_KEY (llm.apiKeyName) is not set');
    expect(message).toContain('budget.usd is $0.03 but one candidate costs at least $0.0400');
    expect(message.split('\n  - ')).toHaveLength(4);
  });
});
