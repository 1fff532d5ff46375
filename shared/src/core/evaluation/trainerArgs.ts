/** Builders of the trainer CLI's argument lists, one per subcommand it offers. */

/** `candidate` hides the test items from the job; `full` keeps them for final reports. */
type DatasetView = 'candidate' | 'full';

interface PrepareRequest {
  readonly dataset: string;
  readonly dataDir: string;
  /** The prepared view's directory, `<cache>/<dataset>/<view>`; the trainer writes dataset.json there. */
  readonly out: string;
  readonly view: DatasetView;
}

interface RunRequest {
  readonly program: string;
  /** A prepared view's directory. */
  readonly data: string;
  readonly out: string;
  /** Score the test split too; only final reports ask for it, candidate runs never do. */
  readonly evaluateTest: boolean;
  readonly maxEpochs?: number;
  readonly timeLimitSeconds?: number;
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
  const { program, data, out, evaluateTest, maxEpochs, timeLimitSeconds } = request;
  return [
    'run',
    ...['--program', program, '--data', data, '--out', out],
    ...(evaluateTest ? ['--evaluate-test'] : []),
    ...(maxEpochs === undefined ? [] : ['--max-epochs', String(maxEpochs)]),
    ...(timeLimitSeconds === undefined ? [] : ['--time-limit', String(timeLimitSeconds)]),
  ];
}

function dataGetArgs(request: DataGetRequest): string[] {
  const { name, dataDir, mirror } = request;
  return ['data', 'get', name, '--data-dir', dataDir, ...(mirror ? ['--mirror', mirror] : [])];
}

export type { DataGetRequest, DatasetView, PrepareRequest, RunRequest };
export { dataGetArgs, prepareArgs, runArgs };
