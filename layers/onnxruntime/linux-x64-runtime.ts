import { cpSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the layer holds: the binding and the API it implements (the rest serves its installer). */
const LAYER_PACKAGES = ['onnxruntime-node', 'onnxruntime-common'] as const;

/** The one platform Lambda runs the functions on (x86_64, see the functions' architecture). */
const LAMBDA_PLATFORM = 'linux';
const LAMBDA_ARCH = 'x64';

/** Lambda's limit on a function's unzipped code and layers together. */
const LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

/**
 * Copies onnxruntime-node and onnxruntime-common from `nodeModulesDir` into
 * `<layerDir>/nodejs/node_modules/` (where Lambda's Node.js resolves a layer's modules), leaving
 * out every binary but linux/x64: the package ships all platforms' (288 MB for 1.30), over
 * Lambda's limit, and the binding loads `bin/napi-v*\/<platform>/<arch>/` only. Returns the size
 * of what it wrote, in bytes.
 */
function copyLinuxX64Runtime(nodeModulesDir: string, layerDir: string): number {
  const target = join(layerDir, 'nodejs', 'node_modules');
  for (const name of LAYER_PACKAGES) {
    const source = join(nodeModulesDir, name);
    const binaries = join(source, 'bin');
    cpSync(source, join(target, name), {
      recursive: true,
      dereference: true,
      filter: (path) => isForLambda(relative(binaries, path)),
    });
  }
  return treeBytes(join(layerDir, 'nodejs'));
}

/** Whether a path (relative to the package's bin/) is outside bin/ or on linux/x64's way. */
function isForLambda(pathInBin: string): boolean {
  if (pathInBin.startsWith('..')) return true;
  // napi-v<N> / <platform> / <arch> / files
  const [, platform, arch] = pathInBin.split(sep);
  if (platform === undefined) return true;
  if (platform !== LAMBDA_PLATFORM) return false;
  return arch === undefined || arch === LAMBDA_ARCH;
}

/** The bytes of the files under a directory (what Lambda counts as unzipped size). */
function treeBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => lstatSync(join(dir, path)))
    .filter((stats) => stats.isFile())
    .reduce((sum, stats) => sum + stats.size, 0);
}

export { copyLinuxX64Runtime, LAMBDA_UNZIPPED_LIMIT_BYTES, LAYER_PACKAGES };
