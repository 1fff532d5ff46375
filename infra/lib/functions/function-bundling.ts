import { join } from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { OnnxRuntimeLayer } from '../../../layers/onnxruntime/onnxruntime-layer.js';
import { REPORT_PAGE_SOURCES } from '../../../shared/src/local/reportPageAssets.js';
import { repoRoot } from '../repo-paths.js';
import { runtimePackageClosure } from './package-closure.js';

/** What a function's asset carries besides its bundle. */
interface FunctionAssets {
  /** The prompt templates (shared/prompts/*.md), in PROMPTS_DIR_IN_BUNDLE. */
  readonly prompts?: boolean;
  /** The probe sandbox: its worker file beside the bundle, QuickJS in node_modules. */
  readonly probeSandbox?: boolean;
  /** The judge's child process, bundled on its own beside the handler's bundle. */
  readonly judgeProcess?: boolean;
  /** The report page's scripts (the chart library, the page's own), in REPORT_PAGE_DIR_IN_BUNDLE. */
  readonly reportPage?: boolean;
}

/** Where Lambda unpacks a function's asset. */
const LAMBDA_TASK_ROOT = '/var/task';
/** The prompt templates' folder in the asset, and the variable that tells the code. */
const PROMPTS_DIR_IN_BUNDLE = 'prompts';
const PROMPTS_DIR_VARIABLE = 'EVOLVEREC_PROMPTS_DIR';
const PROMPTS_DIR_ON_LAMBDA = `${LAMBDA_TASK_ROOT}/${PROMPTS_DIR_IN_BUNDLE}`;
/** The report page's scripts' folder in the asset, and the variable that tells the code. */
const REPORT_PAGE_DIR_IN_BUNDLE = 'report-page';
const REPORT_PAGE_DIR_VARIABLE = 'EVOLVEREC_REPORT_PAGE_DIR';

/**
 * The sandbox starts `new URL('./quickJsWorker.js', import.meta.url)`: beside the bundle once
 * bundled. The worker is plain ESM that imports QuickJS by name, so QuickJS (whose variants load
 * their .wasm beside their own code) is installed in the asset's node_modules, not bundled.
 */
const SANDBOX_WORKER = join('shared', 'src', 'adapters', 'sandbox', 'quickJsWorker.js');
const QUICKJS_PACKAGE = 'quickjs-emscripten';

/**
 * The judge forks `new URL('./judgeChild.mjs', import.meta.url)` once bundled: its own entry,
 * bundled by the same esbuild with the same externals (onnxruntime-node from the layer).
 */
const JUDGE_CHILD_ENTRY = join('shared', 'src', 'adapters', 'judge', 'judgeChild.ts');
const JUDGE_CHILD_BUNDLE = 'judgeChild.mjs';

/** CommonJS dependencies inside an ESM bundle call require(); ESM has none of its own. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

/** esbuild options for a function: ESM for Node 22, minified, with source maps. */
function functionBundling(assets: FunctionAssets): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: ESM_REQUIRE_BANNER,
    minify: true,
    // Error names reach Step Functions as the error a Retry or Catch matches: keep them.
    keepNames: true,
    sourceMap: true,
    sourcesContent: false,
    externalModules: [
      // The Node.js runtime provides AWS SDK v3.
      '@aws-sdk/*',
      // Native, so never bundled: the OnnxRuntimeLayer provides it to the functions that load it.
      OnnxRuntimeLayer.MODULE_NAME,
      ...(assets.probeSandbox ? [QUICKJS_PACKAGE] : []),
    ],
    // onnxruntime-node's installer would fetch CUDA binaries; bundling needs none of it.
    environment: { ONNXRUNTIME_NODE_INSTALL: 'skip' },
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) => [
        ...(assets.prompts ? copyPrompts(inputDir, outputDir) : []),
        ...(assets.probeSandbox ? copyProbeSandbox(inputDir, outputDir) : []),
        ...(assets.judgeProcess ? bundleJudgeChild(inputDir, outputDir) : []),
        ...(assets.reportPage ? copyReportPage(inputDir, outputDir) : []),
      ],
    },
  };
}

/** The environment that tells a function where its bundled assets are. */
function assetEnvironment(assets: FunctionAssets): Record<string, string> {
  return {
    ...(assets.prompts ? { [PROMPTS_DIR_VARIABLE]: PROMPTS_DIR_ON_LAMBDA } : {}),
    ...(assets.reportPage
      ? { [REPORT_PAGE_DIR_VARIABLE]: `${LAMBDA_TASK_ROOT}/${REPORT_PAGE_DIR_IN_BUNDLE}` }
      : {}),
  };
}

function copyPrompts(inputDir: string, outputDir: string): string[] {
  const target = `${outputDir}/${PROMPTS_DIR_IN_BUNDLE}`;
  return [`mkdir -p "${target}"`, `cp "${inputDir}"/shared/prompts/*.md "${target}/"`];
}

/** The files shared/src/local/reportPageAssets.ts reads, side by side under their own names. */
function copyReportPage(inputDir: string, outputDir: string): string[] {
  const target = `${outputDir}/${REPORT_PAGE_DIR_IN_BUNDLE}`;
  return [
    `mkdir -p "${target}"`,
    ...Object.values(REPORT_PAGE_SOURCES).map(
      (source) => `cp "${inputDir}/${source}" "${target}/"`
    ),
  ];
}

function copyProbeSandbox(inputDir: string, outputDir: string): string[] {
  const packages = runtimePackageClosure(join(repoRoot, 'node_modules'), QUICKJS_PACKAGE);
  return [
    `cp "${inputDir}/${SANDBOX_WORKER}" "${outputDir}/"`,
    // The worker is a .js file of ESM syntax; this makes Node load it as a module.
    `echo '{"type":"module"}' > "${outputDir}/package.json"`,
    ...packages.map((name) => {
      const target = `${outputDir}/node_modules/${name}`;
      return `mkdir -p "${target}" && cp -R "${inputDir}/node_modules/${name}/." "${target}/"`;
    }),
  ];
}

function bundleJudgeChild(inputDir: string, outputDir: string): string[] {
  const esbuild = join(repoRoot, 'node_modules', '.bin', 'esbuild');
  return [
    [
      `"${esbuild}" "${inputDir}/${JUDGE_CHILD_ENTRY}"`,
      '--bundle --platform=node --format=esm --target=node22 --minify --keep-names',
      `--external:${OnnxRuntimeLayer.MODULE_NAME} --external:@aws-sdk/*`,
      `"--banner:js=${ESM_REQUIRE_BANNER}"`,
      `--outfile="${outputDir}/${JUDGE_CHILD_BUNDLE}"`,
    ].join(' '),
  ];
}

export type { FunctionAssets };
export { assetEnvironment, functionBundling };
