import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  copyLinuxX64Runtime,
  LAMBDA_UNZIPPED_LIMIT_BYTES,
  LAYER_PACKAGES,
} from './linux-x64-runtime.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const nodeModulesDir = join(repoRoot, 'node_modules');

/**
 * onnxruntime-node as a Lambda layer with its linux-x64 binaries only (48 MB unzipped, 18 MB
 * zipped for 1.30), for the functions that score ONNX models. They leave the module out of their
 * bundles (MODULE_NAME) and load it from the layer. Built from the checkout's node_modules at the
 * versions package-lock.json pins; the asset changes when they or the copying code change.
 */
class OnnxRuntimeLayer extends Construct {
  /** The module the layer provides, for the functions' esbuild externals. */
  public static readonly MODULE_NAME = LAYER_PACKAGES[0];

  public readonly layer: LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const versions = LAYER_PACKAGES.map((name) => `${name}@${installedVersion(name)}`);
    this.layer = new LayerVersion(this, 'Layer', {
      description: `${versions.join(', ')}; linux-x64 binaries only`,
      compatibleRuntimes: [Runtime.NODEJS_22_X],
      compatibleArchitectures: [Architecture.X86_64],
      code: Code.fromAsset(import.meta.dirname, {
        assetHashType: AssetHashType.CUSTOM,
        assetHash: layerHash(versions),
        bundling: {
          // Never used: local bundling copies from node_modules, which synthesis itself needs.
          image: DockerImage.fromRegistry('dummy'),
          local: {
            tryBundle(outputDir) {
              const bytes = copyLinuxX64Runtime(nodeModulesDir, outputDir);
              if (bytes > LAMBDA_UNZIPPED_LIMIT_BYTES) {
                throw new Error(`the onnxruntime layer holds ${bytes} bytes, over Lambda's limit`);
              }
              return true;
            },
          },
        },
      }),
    });
  }
}

function installedVersion(name: string): string {
  const manifest = join(nodeModulesDir, name, 'package.json');
  if (!existsSync(manifest)) {
    throw new Error(`${name} is not installed in ${nodeModulesDir}; run npm ci first`);
  }
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The packages' versions and the code that copies them decide the layer's content. */
function layerHash(versions: readonly string[]): string {
  const copier = readFileSync(join(import.meta.dirname, 'linux-x64-runtime.ts'));
  return createHash('sha256').update(versions.join('\n')).update(copier).digest('hex');
}

export { OnnxRuntimeLayer };
