import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreparedView } from '../../core/dataset/index.js';
import { parsePreparedView } from '../../core/dataset/index.js';
import { DIAGNOSIS_TEMPLATE_NAMES } from '../../core/diagnosis/index.js';
import type { RunConfig } from '../../core/evolution/index.js';
import type { LlmClient } from '../../core/llm/index.js';
import type { ProbeSandbox } from '../../core/probes/index.js';
import type { ScoringModel } from '../../core/ranking/index.js';
import { datasetViewPrefix } from '../../core/runs/index.js';
import { SIMULATION_TEMPLATE_NAMES, sampleSimulationUsers } from '../../core/simulation/index.js';
import type { FeedbackSteps, ObjectStore } from '../../engine/index.js';
import { diagnoseProgram, simulateProgram } from '../../engine/index.js';
import { FileMissingError } from '../../errors.js';
import { readTemplateFiles } from '../../local/promptTemplateFiles.js';
import { loadScoringModel } from '../onnx.js';

interface ObjectFeedbackOptions {
  readonly objects: ObjectStore;
  /** Models are downloaded under it (a Lambda's /tmp). */
  readonly scratchDir: string;
  readonly llm: (config: RunConfig) => Promise<LlmClient>;
  readonly promptsDir: string;
  readonly sandbox: () => ProbeSandbox;
  /** Simulated users done of total, as each is done: a local run's progress display. */
  readonly onSimulatedUser?: (done: number, total: number) => void;
}

const decoder = new TextDecoder();

/**
 * The feedback steps over the results bucket: the candidate view and the model are read from
 * their prefixes (the view once per container and dataset), the model opened with
 * onnxruntime-node from a scratch folder that is removed afterwards.
 */
function createObjectFeedbackSteps(options: ObjectFeedbackOptions): FeedbackSteps {
  const { objects } = options;
  const views = new Map<string, Promise<PreparedView>>();
  const viewOf = (dataset: string) => {
    let view = views.get(dataset);
    if (view === undefined) {
      view = readView(objects, dataset);
      views.set(dataset, view);
      view.catch(() => views.delete(dataset));
    }
    return view;
  };
  const withModel = async <T>(prefix: string, use: (model: ScoringModel) => Promise<T>) => {
    await mkdir(options.scratchDir, { recursive: true });
    const dir = await mkdtemp(join(options.scratchDir, 'model-'));
    try {
      for (const name of ['model.onnx', 'model.json']) {
        const body = await objects.get(`${prefix}${name}`);
        if (body === undefined)
          throw new FileMissingError(objects.uri(`${prefix}${name}`), 'model file');
        await writeFile(join(dir, name), body);
      }
      const model = await loadScoringModel(dir);
      try {
        return await use(model);
      } finally {
        await model.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const population = async (config: RunConfig) => {
    const view = await viewOf(config.dataset);
    return {
      view,
      users: sampleSimulationUsers(view, config.feedback.users, `${config.randomSeed}/users`),
    };
  };
  return {
    async simulate({ config, modelPrefix }) {
      const simulator =
        config.feedback.simulator === 'llm'
          ? {
              kind: 'llm' as const,
              llm: await options.llm(config),
              templates: await readTemplateFiles(SIMULATION_TEMPLATE_NAMES, options.promptsDir),
            }
          : { kind: 'offline' as const };
      const { onSimulatedUser } = options;
      const settings = {
        ...(await population(config)),
        simulator,
        ...(onSimulatedUser === undefined ? {} : { onUserDone: onSimulatedUser }),
      };
      return withModel(modelPrefix, (model) => simulateProgram(settings, model));
    },
    async diagnose({ config, modelPrefix, files, parentFiles }) {
      const interpreter =
        config.feedback.interpreter === 'llm'
          ? {
              kind: 'llm' as const,
              llm: await options.llm(config),
              templates: await readTemplateFiles(DIAGNOSIS_TEMPLATE_NAMES, options.promptsDir),
            }
          : { kind: 'rules' as const };
      const settings = { ...(await population(config)), interpreter, sandbox: options.sandbox() };
      return withModel(modelPrefix, (model) =>
        diagnoseProgram(settings, model, {
          files,
          ...(parentFiles === undefined ? {} : { parentFiles }),
        })
      );
    },
  };
}

async function readView(objects: ObjectStore, dataset: string): Promise<PreparedView> {
  const prefix = datasetViewPrefix(dataset, 'candidate');
  const read = async (name: string) => {
    const body = await objects.get(`${prefix}${name}`);
    if (body === undefined) {
      throw new FileMissingError(objects.uri(`${prefix}${name}`), `prepared view file ${name}`);
    }
    return decoder.decode(body);
  };
  const [datasetJson, splitsTsv, itemsTsv] = await Promise.all([
    read('dataset.json'),
    read('splits.tsv'),
    read('items.tsv'),
  ]);
  return parsePreparedView({ datasetJson, splitsTsv, itemsTsv }, objects.uri(prefix));
}

export type { ObjectFeedbackOptions };
export { createObjectFeedbackSteps };
