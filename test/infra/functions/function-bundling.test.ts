import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assetEnvironment,
  functionBundling,
} from '../../../infra/lib/functions/function-bundling.js';
import { repoRoot } from '../../../infra/lib/repo-paths.js';
import { readReportPageAssets, reportPageAssetPaths } from '../../../shared/src/local/index.js';

describe('functionBundling', () => {
  it('bundles ESM for Node 22, minified with source maps, require() defined for CommonJS deps', () => {
    const bundling = functionBundling({});
    expect(bundling).toMatchObject({
      format: OutputFormat.ESM,
      target: 'node22',
      minify: true,
      sourceMap: true,
      environment: { ONNXRUNTIME_NODE_INSTALL: 'skip' },
    });
    expect(bundling.banner).toMatch(/const require = \w+\(import\.meta\.url\)/);
  });

  it('leaves out the AWS SDK and onnxruntime-node, and QuickJS where the asset carries it', () => {
    expect(functionBundling({}).externalModules).toEqual(['@aws-sdk/*', 'onnxruntime-node']);
    expect(functionBundling({ probeSandbox: true }).externalModules).toContain(
      'quickjs-emscripten'
    );
  });

  it('tells the code where the prompts and the page scripts are only when the asset has them', () => {
    expect(assetEnvironment({ prompts: true })).toEqual({
      EVOLVEREC_PROMPTS_DIR: '/var/task/prompts',
    });
    expect(assetEnvironment({ reportPage: true })).toEqual({
      EVOLVEREC_REPORT_PAGE_DIR: '/var/task/report-page',
    });
    expect(assetEnvironment({})).toEqual({});
  });
});

describe("a function asset's extra files (the afterBundling commands, run here)", () => {
  let assetDir: string;

  beforeAll(() => {
    assetDir = mkdtempSync(join(tmpdir(), 'function-asset-'));
    const hooks = functionBundling({
      prompts: true,
      probeSandbox: true,
      reportPage: true,
    }).commandHooks;
    const commands = hooks?.afterBundling(repoRoot, assetDir) ?? [];
    execFileSync('bash', ['-c', commands.join(' && ')], { cwd: repoRoot });
  });

  afterAll(() => rmSync(assetDir, { recursive: true, force: true }));

  it('puts every prompt template in prompts/', () => {
    const templates = readdirSync(join(repoRoot, 'shared', 'prompts')).filter((name) =>
      name.endsWith('.md')
    );
    expect(readdirSync(join(assetDir, 'prompts')).sort()).toEqual(templates.sort());
  });

  it('puts the sandbox worker beside the bundle, as an ES module, with QuickJS installed', () => {
    expect(existsSync(join(assetDir, 'quickJsWorker.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(assetDir, 'package.json'), 'utf8'))).toEqual({
      type: 'module',
    });
    for (const name of ['quickjs-emscripten', 'quickjs-emscripten-core']) {
      expect(existsSync(join(assetDir, 'node_modules', name, 'package.json')), name).toBe(true);
    }
    expect(
      existsSync(join(assetDir, 'node_modules', '@jitl', 'quickjs-wasmfile-release-sync', 'dist'))
    ).toBe(true);
  });

  it("puts the report page's scripts in report-page/, the same the checkout's page inlines", async () => {
    // Act
    const bundled = await readReportPageAssets(reportPageAssetPaths(join(assetDir, 'report-page')));

    // Assess
    expect(bundled).toEqual(await readReportPageAssets());
    expect(bundled.chartLibrary.source).toContain('Chart.js v4');
  });

  it('runs a probe in the worker from there, QuickJS loaded from the asset', async () => {
    // Act: what quickJsSandbox.ts does, from the asset's copy of the worker
    const reply = await new Promise((resolve, reject) => {
      const worker = new Worker(join(assetDir, 'quickJsWorker.js'), {
        workerData: {
          source: 'function probes(input) { return { doubled: input.x * 2 }; }',
          inputJson: JSON.stringify({ x: 21 }),
          limits: { timeMs: 5000, memoryBytes: 64 << 20, stackBytes: 512 << 10, outputChars: 1024 },
        },
      });
      worker.once('message', (message) => {
        void worker.terminate();
        resolve(message);
      });
      worker.once('error', reject);
    });

    // Assess
    expect(reply).toEqual({ ok: true, outputJson: '{"doubled":42}' });
  });
});
