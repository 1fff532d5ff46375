import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../../runner/localCloud.js';
import { openLocalCloud } from '../../../../runner/localCloud.js';
import { createObjectFeedbackSteps } from '../../../../shared/src/adapters/feedback/objectFeedbackSteps.js';
import { createQuickJsProbeSandbox } from '../../../../shared/src/adapters/index.js';
import { runConfigSchema } from '../../../../shared/src/core/evolution/index.js';
import { datasetViewPrefix } from '../../../../shared/src/core/runs/index.js';
import type { FeedbackSteps } from '../../../../shared/src/engine/index.js';
import {
  diagnosisFeedbackSchema,
  simulationFeedbackSchema,
} from '../../../../shared/src/engine/index.js';
import { FileMissingError } from '../../../../shared/src/errors.js';
import { PROMPTS_DIR } from '../../../../shared/src/local/index.js';
import { exportTinyModel, type TinyModel } from '../../../helpers/tinyOnnxModel.js';

const NUM_ITEMS = 12;
const USERS = 10;
const MODEL_PREFIX = 'runs/run-t/candidates/g001-c00/attempt-1/out/';

/** Ten users, each with 7 to 9 training items and one validation item, no test item. */
const splits = Array.from({ length: USERS }, (_, user) => ({
  train: Array.from({ length: 7 + (user % 3) }, (_, step) => ((user + 3 * step) % NUM_ITEMS) + 1),
  valid: ((user + 5) % NUM_ITEMS) + 1,
}));

/**
 * A prepared candidate view of the tiny model's twelve items, in the trainer's `prepare` format:
 * dataset.json, splits.tsv (train items space-separated, the validation item, an empty test item,
 * the user's role) and items.tsv (a header, then id, title and |-separated genres).
 */
const viewFiles = {
  'dataset.json': JSON.stringify({
    format: 2,
    name: 'tiny',
    view: 'candidate',
    users: USERS,
    items: NUM_ITEMS,
    interactions: splits.reduce((sum, user) => sum + user.train.length + 1, 0),
  }),
  'splits.tsv': splits.map((user) => `${user.train.join(' ')}\t${user.valid}\t\ttuning\n`).join(''),
  'items.tsv': `item_id\ttitle\tgenres\n${Array.from(
    { length: NUM_ITEMS },
    (_, index) =>
      `${index + 1}\tFilm ${index + 1} (199${index % 10})\t${index % 2 === 0 ? 'Drama' : 'Comedy|Romance'}\n`
  ).join('')}`,
};

/** A probe script over the embeddings tap: moves when the embeddings are shuffled. */
const probes = `// EVOLVE-BLOCK-START probes
function probes(input) {
  const tap = input.taps.item_embeddings;
  let first = 0;
  for (let i = 0; i < tap.dims[1]; i += 1) first += tap.data[tap.dims[1] + i] * (i + 1);
  return { first_item_weight: first };
}
// EVOLVE-BLOCK-END
`;
const files = { 'model.py': 'HPARAMS = {}\n', 'probes.js': probes };

const config = runConfigSchema.parse({
  strategy: 'nas',
  dataset: 'tiny',
  feedback: { users: 8 },
});

let stateDir: string;
let scratchDir: string;
let cloud: LocalCloud;
let tiny: TinyModel;
let steps: FeedbackSteps;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'evolverec-feedback-'));
  scratchDir = join(stateDir, 'scratch');
  [cloud, tiny] = await Promise.all([openLocalCloud(stateDir), exportTinyModel()]);
  const viewPrefix = datasetViewPrefix('tiny', 'candidate');
  for (const [name, text] of Object.entries(viewFiles)) {
    await cloud.objects.put(`${viewPrefix}${name}`, text);
  }
  for (const name of ['model.onnx', 'model.json']) {
    await cloud.objects.put(`${MODEL_PREFIX}${name}`, await readFile(join(tiny.dir, name)));
  }
  steps = createObjectFeedbackSteps({
    objects: cloud.objects,
    scratchDir,
    llm: () => Promise.reject(new Error('an offline run asks no LLM')),
    promptsDir: PROMPTS_DIR,
    sandbox: createQuickJsProbeSandbox,
  });
});

afterAll(async () => {
  await cloud?.close();
  if (tiny) await rm(tiny.dir, { recursive: true, force: true });
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

function allFinite(figures: Readonly<Record<string, number>>): boolean {
  return Object.values(figures).every((value) => Number.isFinite(value));
}

describe('createObjectFeedbackSteps over the embedded S3 server', () => {
  it('simulates users on the model read from its prefix, with finite figures', async () => {
    // Act
    const simulation = await steps.simulate({ config, modelPrefix: MODEL_PREFIX, files });

    // Assert
    expect(simulationFeedbackSchema.parse(simulation)).toEqual(simulation);
    expect(Object.keys(simulation.figures).sort()).toEqual([
      'exitDepth',
      'meanRating',
      'satisfaction',
      'signal_overused_diversity',
      'signal_overused_genre',
      'signal_overused_popularity',
      'signal_overused_recency',
      'signal_underused_diversity',
      'signal_underused_genre',
      'signal_underused_popularity',
      'signal_underused_recency',
      'viewRate',
    ]);
    expect(allFinite(simulation.figures)).toBe(true);
    expect(allFinite(simulation.simulator?.figures ?? { missing: Number.NaN })).toBe(true);
    expect(simulation.exchanges).toEqual([]);
    expect(await readdir(scratchDir)).toEqual([]);
  });

  it("diagnoses the model and runs the program's probes.js, with finite figures", async () => {
    // Act
    const diagnosis = await steps.diagnose({
      config,
      modelPrefix: MODEL_PREFIX,
      files,
      parentFiles: files,
    });

    // Assert
    expect(diagnosisFeedbackSchema.parse(diagnosis)).toEqual(diagnosis);
    expect(diagnosis.figures.coverage).toBeGreaterThan(0);
    expect(diagnosis.figures.diag_catalog_coverage).toBe(diagnosis.figures.coverage);
    expect(allFinite(diagnosis.figures)).toBe(true);
    expect(diagnosis.probes).toEqual({ figures: { first_item_weight: expect.any(Number) } });
    expect(allFinite(diagnosis.probes?.figures ?? {})).toBe(true);
    expect(diagnosis.keptProbes).toBeUndefined();
    expect(await readdir(scratchDir)).toEqual([]);
  });

  it('names the s3 uri of a missing model and leaves the scratch folder empty', async () => {
    // Prepare
    const modelPrefix = 'runs/run-t/candidates/g001-c01/attempt-1/out/';
    const uri = cloud.objects.uri(`${modelPrefix}model.onnx`);

    // Act
    const simulating = steps.simulate({ config, modelPrefix, files });
    const diagnosing = steps.diagnose({ config, modelPrefix, files });

    // Assert
    for (const pending of [simulating, diagnosing]) {
      const error = await pending.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FileMissingError);
      expect((error as FileMissingError).path).toBe(uri);
      expect((error as FileMissingError).message).toContain(uri);
    }
    expect(uri).toMatch(/^s3:\/\/[^/]+\/runs\/run-t\/candidates\/g001-c01\//);
    expect(await readdir(scratchDir)).toEqual([]);
  });

  it('names the s3 uri of a dataset with no prepared view', async () => {
    // Act
    const error = await steps
      .simulate({ config: { ...config, dataset: 'absent' }, modelPrefix: MODEL_PREFIX, files })
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FileMissingError);
    expect((error as FileMissingError).path).toMatch(
      /^s3:\/\/[^/]+\/datasets\/absent\/candidate\/(dataset\.json|splits\.tsv|items\.tsv)$/
    );
  });
});
