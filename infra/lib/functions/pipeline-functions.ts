import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { OnnxRuntimeLayer } from '../../../layers/onnxruntime/onnxruntime-layer.js';
import type { RunTable } from '../data/run-table.js';
import type { OpenAiSecret } from '../secrets/openai-secret.js';
import { grantReadObjects, grantWriteObjects } from '../storage/object-access.js';
import { type ObjectKeyPattern, objectKeys } from '../storage/object-keys.js';
import { type FunctionSize, SCORING_SIZE, STEP_SIZE } from './function-sizes.js';
import { ServiceFunction } from './service-function.js';

/** A step of the state machine, named by its folder under functions/. */
interface StepSpec {
  readonly description: string;
  readonly size: FunctionSize;
  /** LLM steps read the OpenAI secret and carry the prompt templates. */
  readonly llm?: boolean;
  /** Runs the program's probes.js in the QuickJS sandbox. */
  readonly probeSandbox?: boolean;
  /** Runs the judge's child process (its bundle beside the handler's). */
  readonly judgeProcess?: boolean;
  /** Object key patterns it reads, and those it writes. */
  readonly reads: readonly ObjectKeyPattern[];
  readonly writes: readonly ObjectKeyPattern[];
}

/**
 * Every step reads and writes the run's items in the table; in the bucket, what its code in
 * shared/src/engine/steps reads and writes. Only the judge reads a dataset's judge view (the
 * held-out validation and the test items). Propose and CheckTraining sign the training job's
 * URLs, so they hold what those URLs grant: the attempt's program and the candidate view to
 * read, the attempt's output to write.
 */
const STEPS = {
  'start-run': {
    description: "creates or resumes the run's state; plans the seed or the next generation",
    size: STEP_SIZE,
    reads: [objectKeys.runs, objectKeys.candidateDatasets],
    writes: [objectKeys.generations],
  },
  propose: {
    description: 'budget check, proposal (LLM or nas), near-duplicate check, the training job',
    size: STEP_SIZE,
    llm: true,
    reads: [objectKeys.runs, objectKeys.work, objectKeys.candidateDatasets],
    // A duplicate or unusable proposal is stored as a failed program at once.
    writes: [objectKeys.candidates, objectKeys.programs],
  },
  judge: {
    description: "the trusted judge: scores a candidate's model (validation) or the best (test)",
    size: SCORING_SIZE,
    judgeProcess: true,
    reads: [objectKeys.runs, objectKeys.work, objectKeys.judgeDatasets],
    writes: [objectKeys.attemptVerdicts, objectKeys.finalVerdicts],
  },
  'check-training': {
    description: "reads the job's and the judge's results; repairs and trains again, or records",
    size: STEP_SIZE,
    llm: true,
    reads: [objectKeys.runs, objectKeys.work, objectKeys.candidateDatasets],
    writes: [objectKeys.candidates, objectKeys.programs],
  },
  simulate: {
    description: "simulated users on the candidate's ONNX model",
    size: SCORING_SIZE,
    llm: true,
    reads: [objectKeys.runs, objectKeys.work, objectKeys.candidateDatasets],
    writes: [objectKeys.candidates],
  },
  diagnose: {
    description: "built-in probes, the interpreter, the program's probes.js in a sandbox",
    size: SCORING_SIZE,
    llm: true,
    probeSandbox: true,
    reads: [objectKeys.runs, objectKeys.work, objectKeys.candidateDatasets],
    writes: [objectKeys.candidates],
  },
  record: {
    description: 'assembles the feedback and stores the judged program with its model',
    size: STEP_SIZE,
    reads: [objectKeys.runs, objectKeys.work],
    writes: [objectKeys.programs],
  },
  'record-failure': {
    description: 'stores a candidate whose own step failed after its retries, with the reason',
    size: STEP_SIZE,
    reads: [objectKeys.runs, objectKeys.work],
    writes: [objectKeys.programs],
  },
  'record-generation': {
    description: 'records the generation, migrates, checks the budget; plans the next or finalizes',
    size: STEP_SIZE,
    reads: [objectKeys.runs, objectKeys.work],
    // A proposed candidate that left no outcome is stored as failed here.
    writes: [objectKeys.generations, objectKeys.programs],
  },
  finalize: {
    description: "the run's report",
    size: STEP_SIZE,
    reads: [objectKeys.runs],
    writes: [objectKeys.reports],
  },
  'fail-run': {
    description: 'marks the run failed with the error',
    size: STEP_SIZE,
    reads: [],
    writes: [],
  },
} as const satisfies Record<string, StepSpec>;

type StepName = keyof typeof STEPS;

interface PipelineFunctionsProps {
  readonly runTable: RunTable;
  readonly bucket: IBucket;
  readonly openAiSecret: OpenAiSecret;
  readonly onnxRuntime: OnnxRuntimeLayer;
}

/**
 * The Lambdas behind the state machine's Task states, each with only the access it needs. All of
 * them carry the onnxruntime layer: they share one set of services (shared/src/lambda/
 * cloudStepServices.ts), which imports onnxruntime-node when it loads, though only simulate and
 * diagnose score models.
 */
class PipelineFunctions extends Construct {
  public readonly functions: Readonly<Record<StepName, IFunction>>;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const entries = Object.entries(STEPS) as [StepName, StepSpec][];
    this.functions = Object.fromEntries(
      entries.map(([name, spec]) => [name, this.createStep(name, spec, props)])
    ) as Record<StepName, IFunction>;
  }

  private createStep(name: StepName, spec: StepSpec, props: PipelineFunctionsProps): IFunction {
    const { function: step } = new ServiceFunction(this, constructIdOf(name), {
      name,
      description: spec.description,
      ...spec.size,
      table: props.runTable.table,
      bucket: props.bucket,
      prompts: spec.llm,
      probeSandbox: spec.probeSandbox,
      judgeProcess: spec.judgeProcess,
      onnxRuntime: props.onnxRuntime,
      environment: spec.llm ? { OPENAI_SECRET_ARN: props.openAiSecret.secret.secretArn } : {},
    });
    props.runTable.grantReadWriteItems(step);
    if (spec.reads.length > 0) grantReadObjects(step, props.bucket, spec.reads);
    if (spec.writes.length > 0) grantWriteObjects(step, props.bucket, spec.writes);
    if (spec.llm) props.openAiSecret.grantRead(step);
    return step;
  }
}

/** `check-training` → `CheckTraining`. */
function constructIdOf(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
}

export type { PipelineFunctionsProps, StepName };
export { PipelineFunctions };
