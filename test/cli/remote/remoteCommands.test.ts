import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectLocalCloud, type LocalCloud } from '../../../runner/localCloud.js';
import type { ApiDependencies } from '../../../shared/src/api/index.js';
import { admitQueuedRun, callerTeamsSchema, newRunId } from '../../../shared/src/api/index.js';
import type { CandidateOutcome, ProgramRecord } from '../../../shared/src/core/evolution/index.js';
import {
  archiveEntryFor,
  recordSeed,
  startRunState,
} from '../../../shared/src/core/evolution/index.js';
import { runKeys } from '../../../shared/src/core/runs/index.js';
import { finalize, type StepServices } from '../../../shared/src/engine/index.js';
import { startEmbeddedServers } from '../../../shared/src/local/embeddedServers.js';
import { readReportPageAssets } from '../../../shared/src/local/index.js';
import { type CliSandbox, createCliSandbox } from '../../helpers/cliHarness.js';
import { createFakeExecutions, createRecordingQueue } from '../../helpers/inMemoryPorts.js';
import type { ApiPrincipal, LoopbackRunsApi } from '../../helpers/loopbackRunsApi.js';
import { startLoopbackRunsApi } from '../../helpers/loopbackRunsApi.js';

const REGION = 'eu-west-1';
/** A session of the role team recsys maps, as API Gateway names the caller. */
const ana: ApiPrincipal = {
  arn: 'arn:aws:sts::123456789012:assumed-role/recsys-ci/ana',
  credentials: {
    accessKeyId: 'AKIALOOPBACKANA00001',
    secretAccessKey: 'ana-secret-0123456789abcdef0123456789',
  },
};
/** A user the stack maps to no team. */
const eve: ApiPrincipal = {
  arn: 'arn:aws:iam::123456789012:user/eve',
  credentials: {
    accessKeyId: 'AKIALOOPBACKEVE00001',
    secretAccessKey: 'eve-secret-0123456789abcdef0123456789',
  },
};
const MODEL_BYTES = new Uint8Array([8, 1, 18, 4, 0, 255, 7, 42]);

describe('submit, status, report and fetch against the API on loopback behind SigV4', () => {
  let sandbox: CliSandbox;
  let cloud: LocalCloud;
  let stopServers: () => Promise<void>;
  let api: LoopbackRunsApi;
  let deps: ApiDependencies;
  const executions = createFakeExecutions();
  const queue = createRecordingQueue();
  /** The stacks CloudFormation describes, filled once the API's URL is known. */
  const stacks: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    sandbox = await createCliSandbox();
    const servers = await startEmbeddedServers({ dataDir: join(sandbox.root, 'aws') });
    stopServers = () => servers.stop();
    cloud = await connectLocalCloud(servers);
    deps = {
      registry: cloud.registry,
      store: cloud.store,
      objects: cloud.objects,
      queue,
      executions,
      callerTeams: callerTeamsSchema.parse({
        'arn:aws:iam::123456789012:role/recsys-ci': 'recsys',
      }),
      now: () => new Date(),
      newRunId,
    };
    api = await startLoopbackRunsApi({ deps, principals: [ana, eve], region: REGION, stacks });
    stacks.EvolverecStack = { RunTableName: 'runs', ApiUrl: api.apiUrl };
    stacks.OtherStack = { RunTableName: 'runs' };
    // The SDK's provider chain reads the process's environment, never the developer's profile.
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', join(sandbox.root, 'no-aws-config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(sandbox.root, 'no-aws-credentials'));
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDFORMATION', api.cloudFormationUrl);
  }, 60_000);

  afterEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await api?.close();
    await cloud?.close();
    await stopServers?.();
    await rm(sandbox.root, { recursive: true, force: true });
  });

  /** The CLI, signed as `who` (its secret replaced when given), given the API's URL. */
  function cli(argv: readonly string[], who: ApiPrincipal, secret?: string) {
    return signedAs(who, [...argv, '--api-url', api.apiUrl], secret);
  }

  function signedAs(who: ApiPrincipal, argv: readonly string[], secret?: string) {
    vi.stubEnv('AWS_ACCESS_KEY_ID', who.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secret ?? who.credentials.secretAccessKey);
    return sandbox.run([...argv, '--region', REGION]);
  }

  /** What the pipeline does between admission and Finalize, for a run whose seed trained. */
  async function runThePipeline(runId: string): Promise<void> {
    const run = await cloud.registry.getRun(runId);
    if (run === undefined) throw new Error(`no run ${runId}`);
    const record: ProgramRecord = {
      id: 'g000-seed',
      generation: 0,
      island: 0,
      parentId: null,
      inspirationIds: [],
      status: 'ok',
      metrics: { 'val_ndcg@10': 0.1234, 'val_hr@10': 0.2345 },
      features: {},
      repairs: [],
      usd: 0.01,
      trainSeconds: 12,
      createdAt: new Date().toISOString(),
    };
    const seed: CandidateOutcome = {
      record,
      ledger: [
        { kind: 'gpu', usd: 0.01, at: record.createdAt, programId: 'g000-seed', seconds: 12 },
      ],
      entry: archiveEntryFor(record, record.metrics, 100),
    };
    const seedModel = await cloud.objects.get(`${runKeys(runId).seed}model.py`);
    await cloud.store.saveProgram(runId, {
      ...seed,
      files: { 'model.py': new TextDecoder().decode(seedModel) },
      exchanges: [],
    });
    const model = runKeys(runId).programModel('g000-seed');
    await cloud.objects.put(`${model}model.onnx`, MODEL_BYTES);
    await cloud.objects.put(`${model}model.json`, '{"num_items": 12}');
    await cloud.store.saveRunState(
      recordSeed(startRunState(runId, run.config, record.createdAt), seed)
    );
    const unused = () => {
      throw new Error('Finalize uses no LLM, templates, feedback or judge');
    };
    const services: StepServices = {
      registry: cloud.registry,
      store: cloud.store,
      objects: cloud.objects,
      llm: unused,
      templates: unused,
      feedback: { simulate: unused, diagnose: unused } as unknown as StepServices['feedback'],
      judge: unused as unknown as StepServices['judge'],
      close: async () => {},
      reportPageAssets: readReportPageAssets,
      now: () => new Date(),
    };
    await finalize({ runId }, services);
  }

  it('submits a run as the caller, follows it to its report, and fetches its best program', async () => {
    // Prepare: a nas config whose seed folder is the project's seed.
    const config = join(sandbox.root, 'nas.json');
    await writeFile(
      config,
      JSON.stringify({ strategy: 'nas', dataset: 'ml-100k', generations: 1, budget: { usd: 2 } })
    );

    // Act
    const submitted = await cli(['submit', '--config', config], ana);
    const runId = submitted.stdout.trim();
    const queued = await cli(['status', runId], ana);
    await admitQueuedRun(runId, {
      registry: cloud.registry,
      executions,
      limits: { maxConcurrentRuns: 2, maxRunUsd: 10 },
      now: () => new Date(),
    });
    const running = await cli(['status', runId, '--json'], ana);
    await runThePipeline(runId);
    const finished = await cli(['status', runId], ana);
    const report = await cli(['report', runId], ana);
    const reportJson = await cli(['report', runId, '--json'], ana);
    const out = join(sandbox.root, 'fetched');
    const fetched = await cli(['fetch', runId, '--out', out], ana);

    // Assess: the run is the caller's team's, its seed files went with it, and it was queued.
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stderr).toContain(`follow it with evolverec status ${runId}`);
    const stored = await cloud.registry.getRun(runId);
    expect(stored).toMatchObject({ team: 'recsys', config: { strategy: 'nas', generations: 1 } });
    const seed = await cloud.objects.list(runKeys(runId).seed);
    expect(seed).toContain(`${runKeys(runId).seed}search-space.json`);
    expect(queue.sent).toEqual([runId]);
    expect(queued.stdout).toMatch(
      new RegExp(`^run ${runId}: queued\\nnas on ml-100k, team recsys`)
    );
    expect(JSON.parse(running.stdout).run).toMatchObject({ runId, status: 'running' });
    expect(finished.stdout).toContain(
      'generation 0 of 1, 1 program(s), best g000-seed (validation NDCG@10 0.1234)'
    );
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`# Run ${runId}`);
    expect(report.stdout).toContain('Best program: g000-seed');
    expect(JSON.parse(reportJson.stdout)).toMatchObject({
      runId,
      best: { programId: 'g000-seed' },
    });
    expect(fetched.code, fetched.stderr).toBe(0);
    const dir = join(out, 'g000-seed');
    expect(fetched.stdout.trim()).toBe(dir);
    expect(await readFile(join(dir, 'model.py'), 'utf8')).toBe(
      await readFile(join(import.meta.dirname, '../../../programs/sasrec/model.py'), 'utf8')
    );
    expect(new Uint8Array(await readFile(join(dir, 'model', 'model.onnx')))).toEqual(MODEL_BYTES);
    expect(JSON.parse(await readFile(join(dir, 'outcome.json'), 'utf8')).record.id).toBe(
      'g000-seed'
    );
  }, 120_000);

  it('is refused (403, exit 3) when signed with the wrong secret, and says what to check', async () => {
    // Act
    const wrong = await cli(['status', 'any-run'], ana, 'not-anas-secret-0123456789abcdef012345');

    // Assess: the refusal comes from the signature check, and no secret is printed.
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('refused GET /v1/runs/any-run (403)');
    expect(wrong.stderr).toContain('signature we calculated does not match');
    expect(wrong.stderr).toContain('check that your AWS credentials');
    expect(wrong.stderr).not.toContain('not-anas-secret');
    expect(wrong.stdout).toBe('');
  });

  it('is refused (403) for a signer the stack maps to no team', async () => {
    // Act
    const teamless = await cli(['status', 'any-run'], eve);

    // Assess
    expect(teamless.code).toBe(3);
    expect(teamless.stderr).toContain(`${eve.arn} belongs to no team of this API`);
  });

  it("finds the API through the stack's ApiUrl output, and names a stack that is not there", async () => {
    // Act
    const found = await signedAs(ana, ['status', 'no-such-run', '--stack', 'EvolverecStack']);
    const missing = await signedAs(ana, ['status', 'no-such-run', '--stack', 'Nope']);
    const notOurs = await signedAs(ana, ['status', 'no-such-run', '--stack', 'OtherStack']);
    const wrongKey = await signedAs(
      ana,
      ['status', 'no-such-run', '--stack', 'EvolverecStack'],
      'not-anas-secret-0123456789abcdef012345'
    );

    // Assess: the first reached the API (whose 404 names the run), the others never did.
    expect(found.code).toBe(3);
    expect(found.stderr).toContain('(404): run no-such-run does not exist');
    expect(missing.stderr).toContain(
      'there is no stack Nope in eu-west-1: deploy it (npx cdk deploy), or name yours with --stack'
    );
    expect(notOurs.stderr).toContain('stack OtherStack in eu-west-1 has no ApiUrl output');
    expect(wrongKey.stderr).toContain(
      'could not read stack EvolverecStack in eu-west-1 from CloudFormation (SignatureDoesNotMatch'
    );
    expect(wrongKey.stderr).toContain('check your AWS credentials, or pass --api-url');
  });

  it('checks the config and seed before sending anything', async () => {
    // Prepare
    const config = join(sandbox.root, 'bad.json');
    await writeFile(
      config,
      JSON.stringify({ strategy: 'nas', dataset: 'ml-100k', generations: 0 })
    );
    const sentBefore = queue.sent.length;

    // Act
    const bad = await cli(['submit', '--config', config], ana);

    // Assess
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/generations: Too small/);
    expect(queue.sent.length).toBe(sentBefore);
  });
});
