import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VIEW_FILES } from '../../core/evaluation/index.js';
import type { JudgeResult } from '../../core/judging/index.js';
import { datasetViewPrefix } from '../../core/runs/index.js';
import type { ModelJudge, ObjectStore } from '../../engine/index.js';
import { FileMissingError } from '../../errors.js';
import type { ProcessJudge } from './processJudge.js';

interface ObjectJudgeOptions {
  readonly objects: ObjectStore;
  /** Models and the judge views are downloaded under it (a Lambda's /tmp). */
  readonly scratchDir: string;
  readonly runJudge: ProcessJudge;
}

const MODEL_FILES = ['model.onnx', 'model.json'] as const;

/**
 * The judge over the results bucket: the model's files and the dataset's judge view are
 * downloaded to scratch space (the view once per process and dataset, into a folder of this
 * process's own, so that concurrent runs never share a half-written copy), then judged in a
 * process of its own.
 */
function createObjectJudge(options: ObjectJudgeOptions): ModelJudge {
  const { objects, scratchDir, runJudge } = options;
  const views = new Map<string, Promise<string>>();
  const viewOf = (dataset: string) => {
    let view = views.get(dataset);
    if (view === undefined) {
      view = downloadJudgeView(objects, scratchDir, dataset);
      views.set(dataset, view);
      view.catch(() => views.delete(dataset));
    }
    return view;
  };
  return {
    async judge(order): Promise<JudgeResult> {
      const { config } = order;
      const viewDir = await viewOf(config.dataset);
      const modelDir = await mkdtemp(join(scratchDir, 'judged-'));
      try {
        for (const name of MODEL_FILES) {
          const body = await objects.get(`${order.modelPrefix}${name}`);
          if (body === undefined) {
            return {
              schemaVersion: 1,
              status: 'failed',
              split: order.split,
              error: { kind: 'export', message: `the job left no ${name}` },
            };
          }
          await writeFile(join(modelDir, name), body);
        }
        return await runJudge(
          {
            modelDir,
            viewDir,
            split: order.split,
            maxModelBytes: config.judge.maxModelMb * 2 ** 20,
            ...(order.jobMetrics === undefined ? {} : { jobMetrics: { ...order.jobMetrics } }),
          },
          config.judge
        );
      } finally {
        await rm(modelDir, { recursive: true, force: true });
      }
    },
  };
}

async function downloadJudgeView(
  objects: ObjectStore,
  scratchDir: string,
  dataset: string
): Promise<string> {
  const prefix = datasetViewPrefix(dataset, 'judge');
  await mkdir(scratchDir, { recursive: true });
  const dir = await mkdtemp(join(scratchDir, `judge-view-${dataset}-`));
  for (const name of VIEW_FILES) {
    const body = await objects.get(`${prefix}${name}`);
    if (body === undefined) {
      throw new FileMissingError(objects.uri(`${prefix}${name}`), `judge view file ${name}`);
    }
    await writeFile(join(dir, name), body);
  }
  return dir;
}

export type { ObjectJudgeOptions };
export { createObjectJudge };
