import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { parseJsonContract } from '../core/contracts/parseContract.js';
import type {
  History,
  ModelManifest,
  ScoreOptions,
  ScoringModel,
  ScoringResult,
  TapTensor,
  UserScores,
} from '../core/ranking/index.js';
import {
  concatBatchParts,
  modelManifestSchema,
  rankScoreRows,
  resolveScoreOptions,
  windowHistories,
} from '../core/ranking/index.js';
import { FileMissingError, InvalidArgumentError, ModelMismatchError } from '../errors.js';

/** File names the trainer writes into a model directory. */
const MODEL_FILE = 'model.onnx';
const MANIFEST_FILE = 'model.json';

/**
 * Measured on the seed (ml-1m, 2 cores): spinning threads gain nothing between operators that
 * take milliseconds and burn CPU that other work on the host could use (about a quarter of the
 * CPU time); the extended fusions ('all') make the seed's graph slower, not faster, so only the
 * basic rewrites (constant folding, redundant nodes) run.
 */
const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'basic',
  executionMode: 'sequential',
  extra: { session: { intra_op: { allow_spinning: '0' } } },
};

interface OnnxScoringOptions {
  /**
   * Histories per inference run (default 32). Small runs keep a self-attention model's
   * [batch, maxLen, maxLen] intermediates in the CPU cache: on the seed, 32 takes about a fifth
   * less time than 256. It also bounds the memory of one run (scores are batch × numItems).
   */
  readonly batchSize?: number;
}

/** Opens `<dir>/model.onnx` on the CPU with the manifest `<dir>/model.json` beside it. */
async function loadScoringModel(
  dir: string,
  options: OnnxScoringOptions = {}
): Promise<ScoringModel> {
  const manifestPath = join(dir, MANIFEST_FILE);
  const modelPath = join(dir, MODEL_FILE);
  await requireFile(manifestPath, 'model manifest');
  await requireFile(modelPath, 'ONNX model');
  const manifest = parseJsonContract(
    modelManifestSchema,
    await readFile(manifestPath, 'utf8'),
    `model manifest ${manifestPath}`
  );
  const session = await InferenceSession.create(modelPath, SESSION_OPTIONS);
  return createOnnxScoringModel(session, manifest, options);
}

/** Wraps an open session (the injected client) as a ScoringModel, once it matches the manifest. */
function createOnnxScoringModel(
  session: InferenceSession,
  manifest: ModelManifest,
  options: OnnxScoringOptions = {}
): ScoringModel {
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const declaredShapes = checkGraphMatchesManifest(session, manifest);
  const graph = {
    session,
    manifest,
    declaredShapes,
    windowed: hasDynamicWindow(session, manifest),
  };
  return {
    manifest,
    score: (histories, scoreOptions) => scoreInBatches(graph, batchSize, histories, scoreOptions),
    close: () => session.release(),
  };
}

/** An open graph and what it says about its shapes. */
interface OpenGraph {
  readonly session: InferenceSession;
  readonly manifest: ModelManifest;
  readonly declaredShapes: ReadonlyMap<string, DeclaredShape>;
  /**
   * The input's window axis is symbolic: the harness exported it so only after checking that
   * the scores do not depend on how much left padding precedes a history.
   */
  readonly windowed: boolean;
}

/**
 * Scores histories batch by batch. A graph with a dynamic window (and no batched tap asked for)
 * gets the histories shortest first, each batch in a window as long as its longest history, so
 * padding costs no attention; the results go back to the callers' order. Any other graph gets
 * every history in the full max_len window.
 */
async function scoreInBatches(
  graph: OpenGraph,
  batchSize: number,
  histories: readonly History[],
  options: ScoreOptions
): Promise<ScoringResult> {
  const { session, manifest, declaredShapes } = graph;
  const request = resolveScoreOptions(options, manifest);
  if (histories.length === 0) throw new InvalidArgumentError('score needs at least one history');
  const trimmed = graph.windowed && request.taps.every((tap) => !declaredShapes.get(tap)?.batched);
  const windowOf = (history: History) => Math.max(1, Math.min(history.length, manifest.maxLen));
  const order = histories.map((_, index) => index);
  if (trimmed) order.sort((a, b) => windowOf(histories[a] ?? []) - windowOf(histories[b] ?? []));
  const users: UserScores[] = new Array(histories.length);
  const tapParts = new Map<string, TapTensor[]>(request.taps.map((tap) => [tap, []]));
  const starts = Array.from(
    { length: Math.ceil(order.length / batchSize) },
    (_, n) => n * batchSize
  );
  const run = (start: number) => {
    const indices = order.slice(start, start + batchSize);
    const batch = indices.map((index) => histories[index] ?? []);
    const window = trimmed ? Math.max(...batch.map(windowOf)) : manifest.maxLen;
    // A tap without a batch axis is the same for every run: fetch it once.
    const taps = request.taps.filter((tap) => start === 0 || declaredShapes.get(tap)?.batched);
    const input = windowHistories(batch, window, manifest.numItems);
    const outputs = session.run(
      { [manifest.input]: new Tensor('int64', input, [batch.length, window]) },
      [manifest.scores, ...taps]
    );
    return { indices, batch, taps, outputs };
  };
  // The next batch runs in onnxruntime's threads while this one is ranked here.
  let next = starts.length > 0 ? run(0) : undefined;
  for (const [position] of starts.entries()) {
    const current = next;
    if (current === undefined) break;
    const outputs = await current.outputs;
    const following = starts[position + 1];
    next = following === undefined ? undefined : run(following);
    const { indices, batch, taps } = current;
    const scores = readOutput(outputs, manifest.scores, [batch.length, manifest.numItems]);
    const ranked = rankScoreRows(scores.data, batch, { ...request, numItems: manifest.numItems });
    for (const [offset, index] of indices.entries()) {
      const user = ranked[offset];
      if (user !== undefined) users[index] = user;
    }
    for (const tap of taps) {
      const part = readOutput(outputs, tap, expectedTapDims(declaredShapes.get(tap), batch.length));
      tapParts.get(tap)?.push(part);
    }
  }
  const taps = Object.fromEntries(
    [...tapParts].map(([tap, parts]) => [tap, concatBatchParts(parts)])
  );
  return { users, taps };
}

/** Whether the graph's input takes a window shorter than max_len (its second axis is symbolic). */
function hasDynamicWindow(session: InferenceSession, manifest: ModelManifest): boolean {
  const input = session.inputMetadata.find((meta) => meta.name === manifest.input);
  return input?.isTensor === true && typeof input.shape[1] === 'string';
}

/** What the graph itself says about an output's shape. */
interface DeclaredShape {
  /** The first axis is symbolic: the batch axis. */
  readonly batched: boolean;
  /** Fixed dims, or undefined when any dim is symbolic or the shape is unknown. */
  readonly fixedDims?: readonly number[];
}

/** Fails fast, at load time, when the graph cannot serve the manifest. */
function checkGraphMatchesManifest(
  session: InferenceSession,
  manifest: ModelManifest
): Map<string, DeclaredShape> {
  if (!session.inputNames.includes(manifest.input)) {
    throw new ModelMismatchError(
      `the manifest's input '${manifest.input}' is not an input of the ONNX graph (inputs: ${session.inputNames.join(', ')})`
    );
  }
  const missing = [manifest.scores, ...manifest.taps].filter(
    (name) => !session.outputNames.includes(name)
  );
  if (missing.length > 0) {
    // A weight returned as-is is constant-folded by the exporter into a numerically named output.
    throw new ModelMismatchError(
      `outputs ${missing.join(', ')} named in the manifest are not outputs of the ONNX graph (outputs: ${session.outputNames.join(', ')})`
    );
  }
  return new Map(
    session.outputMetadata.map((meta) => {
      const shape = meta.isTensor ? meta.shape : [];
      const fixed = shape.length > 0 && shape.every((dim) => typeof dim === 'number');
      const declared: DeclaredShape = {
        batched: typeof shape[0] === 'string',
        ...(fixed ? { fixedDims: shape as readonly number[] } : {}),
      };
      return [meta.name, declared];
    })
  );
}

/** The leading dims a tap must have in a run of `rows` histories, as far as the graph fixes them. */
function expectedTapDims(declared: DeclaredShape | undefined, rows: number): readonly number[] {
  if (declared?.batched) return [rows];
  return declared?.fixedDims ?? [];
}

/** Reads a float32 output whose dims must start with `expectedDims`. */
function readOutput(
  outputs: InferenceSession.OnnxValueMapType,
  name: string,
  expectedDims: readonly number[]
): TapTensor {
  const tensor = outputs[name];
  if (!(tensor instanceof Tensor) || tensor.type !== 'float32') {
    throw new ModelMismatchError(`output '${name}' is not a float32 tensor`);
  }
  const dims = tensor.dims;
  if (expectedDims.some((dim, axis) => dims[axis] !== dim)) {
    throw new ModelMismatchError(
      `output '${name}' has dims [${dims.join(', ')}], expected [${expectedDims.join(', ')}, …]; an output with a batch axis must declare it dynamic`
    );
  }
  return { dims: [...dims], data: tensor.data as Float32Array };
}

/** Throws FileMissingError unless `path` exists. */
async function requireFile(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch (error) {
    throw new FileMissingError(path, what, { cause: error });
  }
}

export type { OnnxScoringOptions };
export { createOnnxScoringModel, loadScoringModel };
