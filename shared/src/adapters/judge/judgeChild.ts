/**
 * The judge's own process: it opens one exported model (data: ONNX operators run by
 * onnxruntime, never the program's Python) and the judge view, ranks the split's cases and
 * sends the verdict back over IPC. Forked by processJudge.ts, which holds its time and memory
 * limits; it has no credentials in its environment and exits after one verdict.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JudgeResult } from '../../core/judging/index.js';
import { judgeModel } from '../../engine/judgeModel.js';
import { InvalidArgumentError } from '../../errors.js';
import { readPreparedView } from '../../local/preparedViewFiles.js';
import { loadScoringModel } from '../onnx.js';
import { type JudgeRequest, judgeRequestSchema } from './judgeRequest.js';

async function judge(request: JudgeRequest): Promise<JudgeResult> {
  const started = performance.now();
  const modelPath = join(request.modelDir, 'model.onnx');
  const size = (await stat(modelPath).catch(() => undefined))?.size;
  if (size === undefined) return failed(request, 'export', 'the job left no model.onnx');
  if (size > request.maxModelBytes) {
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    return failed(
      request,
      'memory',
      `model.onnx is ${mb(size)}, over the judge's limit of ${mb(request.maxModelBytes)}`
    );
  }
  const view = await readPreparedView(request.viewDir);
  if (view.view !== 'judge') throw new Error(`${request.viewDir} is not a judge view`);
  let model: Awaited<ReturnType<typeof loadScoringModel>>;
  try {
    model = await loadScoringModel(request.modelDir);
  } catch (error) {
    // An export that onnxruntime cannot open, or that does not match its manifest.
    return failed(request, 'export', `model.onnx cannot be scored: ${messageOf(error)}`);
  }
  try {
    if (model.manifest.numItems !== view.catalog.numItems) {
      return failed(
        request,
        'export',
        `model.json says ${model.manifest.numItems} items; the dataset has ${view.catalog.numItems}`
      );
    }
    return await judgeModel({
      model,
      view,
      split: request.split,
      loadSeconds: (performance.now() - started) / 1000,
      ...(request.jobMetrics === undefined ? {} : { jobMetrics: request.jobMetrics }),
    });
  } catch (error) {
    // A view without cases is ours to fix; anything else went wrong inside the model's graph.
    if (error instanceof InvalidArgumentError) throw error;
    return failed(request, 'export', `model.onnx cannot be scored: ${messageOf(error)}`);
  } finally {
    await model.close();
  }
}

function failed(request: JudgeRequest, kind: 'export' | 'memory', message: string): JudgeResult {
  return { schemaVersion: 1, status: 'failed', split: request.split, error: { kind, message } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

process.once('message', (message: unknown) => {
  judge(judgeRequestSchema.parse(message))
    .then((result) => process.send?.({ result }))
    .catch((error: unknown) => process.send?.({ error: messageOf(error) }))
    .finally(() => process.disconnect?.());
});
