import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyLinuxX64Runtime,
  LAMBDA_UNZIPPED_LIMIT_BYTES,
} from '../../../layers/onnxruntime/linux-x64-runtime.js';
import { OnnxRuntimeLayer } from '../../../layers/onnxruntime/onnxruntime-layer.js';
import { createTestApp } from '../../helpers/cdkApp.js';

const nodeModulesDir = join(import.meta.dirname, '..', '..', '..', 'node_modules');
const MIB = 1024 * 1024;

describe("the onnxruntime layer's content", () => {
  let layerDir: string;
  let bytes: number;

  beforeAll(() => {
    layerDir = mkdtempSync(join(tmpdir(), 'onnxruntime-layer-'));
    bytes = copyLinuxX64Runtime(nodeModulesDir, layerDir);
  });

  afterAll(() => rmSync(layerDir, { recursive: true, force: true }));

  const modules = () => join(layerDir, 'nodejs', 'node_modules');

  it('holds onnxruntime-node and onnxruntime-common where Lambda resolves a layer', () => {
    expect(readdirSync(modules()).sort()).toEqual(['onnxruntime-common', 'onnxruntime-node']);
  });

  it('keeps the linux/x64 binaries and no other platform or architecture', () => {
    const napiDir = join(modules(), 'onnxruntime-node', 'bin', 'napi-v6');
    expect(readdirSync(napiDir)).toEqual(['linux']);
    expect(readdirSync(join(napiDir, 'linux'))).toEqual(['x64']);
    expect(readdirSync(join(napiDir, 'linux', 'x64'))).toContain('onnxruntime_binding.node');
  });

  it("fits Lambda's 250 MB unzipped limit with room for the function", async ({ annotate }) => {
    await annotate(`layer size: ${(bytes / MIB).toFixed(1)} MiB unzipped`);
    expect(bytes).toBeLessThan(LAMBDA_UNZIPPED_LIMIT_BYTES / 4);
  });

  it('still loads on linux-x64 from the pruned tree', () => {
    const requireFromLayer = createRequire(join(modules(), 'index.js'));
    const resolved = requireFromLayer.resolve('onnxruntime-node');
    const ort = requireFromLayer('onnxruntime-node') as typeof import('onnxruntime-node');
    expect(resolved.startsWith(modules())).toBe(true);
    expect(typeof ort.InferenceSession.create).toBe('function');
    expect(new ort.Tensor('float32', [1, 2], [2]).dims).toEqual([2]);
  });
});

describe('OnnxRuntimeLayer', () => {
  it('is a layer for Node.js 22 on x86_64 that names the versions it holds', () => {
    // Prepare
    const stack = new Stack(createTestApp(), 'Test');

    // Act
    new OnnxRuntimeLayer(stack, 'OnnxRuntime');

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::LayerVersion', {
      CompatibleRuntimes: ['nodejs22.x'],
      CompatibleArchitectures: ['x86_64'],
      Description: 'onnxruntime-node@1.30.0, onnxruntime-common@1.30.0; linux-x64 binaries only',
    });
  });
});
