/** Builders of the trainer CLI's argument lists, one per subcommand it offers. */
import type { DatasetView } from '../dataset/index.js';

interface PrepareRequest {
  readonly dataset: string;
  readonly dataDir: string;
  /** The prepared view's directory, `<cache>/<dataset>/<view>`; the trainer writes dataset.json there. */
  readonly out: string;
  readonly view: DatasetView;
}

interface RunRequest {
  readonly program: string;
  /** A prepared candidate view's directory: program code never receives another. */
  readonly data: string;
  readonly out: string;
  readonly maxEpochs?: number;
  readonly patience?: number;
  readonly evalEvery?: number;
  readonly timeLimitSeconds?: number;
  /** Run program code without an OS sandbox where none can start (the user's explicit choice). */
  readonly allowUnsandboxed?: boolean;
}

interface DataGetRequest {
  readonly name: string;
  readonly dataDir: string;
  readonly mirror?: string;
}

function prepareArgs(request: PrepareRequest): string[] {
  const { dataset, dataDir, out, view } = request;
  return ['prepare', '--dataset', dataset, '--data-dir', dataDir, '--out', out, '--view', view];
}

function runArgs(request: RunRequest): string[] {
  const { program, data, out } = request;
  const option = (flag: string, value: number | undefined) =>
    value === undefined ? [] : [flag, String(value)];
  return [
    'run',
    ...['--program', program, '--data', data, '--out', out],
    ...option('--max-epochs', request.maxEpochs),
    ...option('--patience', request.patience),
    ...option('--eval-every', request.evalEvery),
    ...option('--time-limit', request.timeLimitSeconds),
    ...(request.allowUnsandboxed ? ['--sandbox', 'if-available'] : []),
  ];
}

function dataGetArgs(request: DataGetRequest): string[] {
  const { name, dataDir, mirror } = request;
  return ['data', 'get', name, '--data-dir', dataDir, ...(mirror ? ['--mirror', mirror] : [])];
}

export type { DataGetRequest, PrepareRequest, RunRequest };
export { dataGetArgs, prepareArgs, runArgs };
