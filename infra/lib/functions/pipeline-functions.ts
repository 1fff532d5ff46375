import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { OnnxRuntimeLayer } from '../../../layers/onnxruntime/onnxruntime-layer.js';
import type { RunTable } from '../data/run-table.js';
import type { OpenAiSecret } from '../secrets/openai-secret.js';
import { objectKeys } from '../storage/object-keys.js';
import { type DataAccess, grantDataAccess } from './data-access.js';
import { type FunctionSize, LLM_STEP_SIZE, SCORING_SIZE, STEP_SIZE } from './function-sizes.js';
import { ServiceFunction } from './service-function.js';

/** A step of the state machine, named by its folder under functions/, with all it may touch. */
interface StepSpec extends DataAccess {
  readonly description: string;
  readonly size: FunctionSize;
  /** LLM steps read the OpenAI secret and carry the prompt templates. */
  readonly llm?: boolean;
  /** Runs the program's probes.js in the QuickJS sandbox. */
  readonly probeSandbox?: boolean;
  /** Runs the judge's child process (its own bundle beside the handler's). */
  readonly judgeProcess?: boolean;
  /** Writes the report page: carries the chart library and the page's script. */
  readonly reportPage?: boolean;
}

/**
 * Each step's access, read off its code in shared/src/engine/steps (and the stores under it:
 * programs are items plus objects under runs/<run>/programs/, a candidate's draft and attempts
 * are objects under work/). A new step is one entry here. Every step stores its invocation's
 * usage (a PutItem in its run's partition, shared/src/middleware/meterStepUsage.ts). Only the
 * judge reads a dataset's judge view. Propose and CheckTraining sign an attempt's job URLs, and
 * a presigned URL is worth what its signer may do: they hold the attempt's program, the
 * candidate view and job.json to read, and the attempt's out/ to write. No step queries the
 * byTeam index or deletes anything.
 */
/**
 * What writing an attempt and signing its job's URLs takes (Propose, CheckTraining): the
 * attempt's program, its job.json, the candidate view to read, its out/ to write through PUT URLs
 * (metrics.json is read back too).
 */
const ATTEMPT_JOBS = {
  reads: [
    objectKeys.attemptPrograms,
    objectKeys.attemptJobs,
    objectKeys.attemptOutputs,
    objectKeys.candidateDatasets,
  ],
  writes: [objectKeys.attemptPrograms, objectKeys.attemptJobs, objectKeys.attemptOutputs],
} as const;

const STEPS = {
  'start-run': {
    description: "creates or resumes the run's state; plans the seed or the next generation",
    size: STEP_SIZE,
    // The run (updated), its state (read, saved); a new run's dataset view must be there.
    items: ['GetItem', 'PutItem', 'UpdateItem'],
    reads: [objectKeys.candidateDatasets],
    writes: [objectKeys.generations],
  },
  propose: {
    description: 'budget check, proposal (LLM or nas), near-duplicate check, the training job',
    size: LLM_STEP_SIZE,
    llm: true,
    // The state, programs and the run's usage (the budget); a duplicate is stored at once.
    items: ['GetItem', 'PutItem', 'Query'],
    reads: [
      objectKeys.seeds,
      objectKeys.generations,
      objectKeys.drafts,
      objectKeys.programFiles,
      ...ATTEMPT_JOBS.reads,
    ],
    writes: [objectKeys.drafts, objectKeys.programs, ...ATTEMPT_JOBS.writes],
  },
  judge: {
    description: "the trusted judge: scores a candidate's model (validation) or the best (test)",
    size: SCORING_SIZE,
    judgeProcess: true,
    items: ['GetItem', 'PutItem'],
    reads: [
      objectKeys.attemptOutputs,
      objectKeys.attemptVerdicts,
      objectKeys.programModels,
      objectKeys.finalVerdicts,
      objectKeys.judgeDatasets,
    ],
    writes: [objectKeys.attemptVerdicts, objectKeys.finalVerdicts],
  },
  'check-training': {
    description: "reads the job's and the judge's results; repairs and trains again, or records",
    size: LLM_STEP_SIZE,
    llm: true,
    items: ['GetItem', 'PutItem'],
    reads: [
      objectKeys.drafts,
      objectKeys.attemptVerdicts,
      objectKeys.programFiles,
      ...ATTEMPT_JOBS.reads,
    ],
    writes: [objectKeys.drafts, objectKeys.programs, ...ATTEMPT_JOBS.writes],
  },
  simulate: {
    description: "simulated users on the candidate's ONNX model",
    size: SCORING_SIZE,
    llm: true,
    items: ['GetItem', 'PutItem'],
    reads: [
      objectKeys.simulationFeedback,
      objectKeys.drafts,
      objectKeys.attemptPrograms,
      objectKeys.attemptOutputs,
      objectKeys.programFiles,
      objectKeys.candidateDatasets,
    ],
    writes: [objectKeys.simulationFeedback],
  },
  diagnose: {
    description: "built-in probes, the interpreter, the program's probes.js in a sandbox",
    size: SCORING_SIZE,
    llm: true,
    probeSandbox: true,
    items: ['GetItem', 'PutItem'],
    reads: [
      objectKeys.diagnosisFeedback,
      objectKeys.drafts,
      objectKeys.attemptPrograms,
      objectKeys.attemptOutputs,
      objectKeys.programFiles,
      objectKeys.candidateDatasets,
    ],
    writes: [objectKeys.diagnosisFeedback],
  },
  record: {
    description: 'assembles the feedback and stores the judged program with its model',
    size: STEP_SIZE,
    items: ['GetItem', 'PutItem'],
    reads: [
      objectKeys.drafts,
      objectKeys.attemptPrograms,
      objectKeys.attemptOutputs,
      objectKeys.attemptVerdicts,
      objectKeys.feedback,
      objectKeys.programFiles,
    ],
    writes: [objectKeys.programs],
  },
  'record-failure': {
    description: 'stores a candidate whose own step failed after its retries, with the reason',
    size: STEP_SIZE,
    items: ['GetItem', 'PutItem'],
    reads: [
      objectKeys.generations,
      objectKeys.drafts,
      objectKeys.attemptPrograms,
      objectKeys.attemptOutputs,
      objectKeys.attemptVerdicts,
      objectKeys.programFiles,
    ],
    writes: [objectKeys.programs],
  },
  'record-generation': {
    description: 'records the generation, migrates, checks the budget; plans the next or finalizes',
    size: STEP_SIZE,
    // The state and the generation's programs (read), the state (saved), the run's figures.
    items: ['GetItem', 'PutItem', 'UpdateItem'],
    // A proposed candidate that left no outcome is stored as failed here.
    reads: [
      objectKeys.generations,
      objectKeys.drafts,
      objectKeys.attemptPrograms,
      objectKeys.attemptOutputs,
      objectKeys.attemptVerdicts,
      objectKeys.programFiles,
    ],
    writes: [objectKeys.generations, objectKeys.programs],
  },
  finalize: {
    description: "the run's report, with the judge's test figures of the best program",
    size: STEP_SIZE,
    reportPage: true,
    // The state, every program's item and the run's usage.
    items: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    // The page: every program's diff and feedback, the curves of its job, the best's and the
    // seed's files (the diff between them), the comparison the run took part in.
    reads: [
      objectKeys.finalVerdicts,
      objectKeys.comparisons,
      objectKeys.programDiffs,
      objectKeys.programFiles,
      objectKeys.feedback,
      objectKeys.attemptMetrics,
    ],
    writes: [objectKeys.reports],
  },
  'fail-run': {
    description: 'marks the run failed with the error',
    size: STEP_SIZE,
    items: ['PutItem', 'UpdateItem'],
    reads: [],
    writes: [],
  },
} as const satisfies Record<string, StepSpec>;

type StepName = keyof typeof STEPS;

function stepSize(name: string): FunctionSize {
  const spec: StepSpec | undefined = (STEPS as Record<string, StepSpec>)[name];
  if (spec === undefined) throw new Error(`no step ${name}`);
  return spec.size;
}

/** The memory (MB) a step's function gets: the local runner's handlers run with the same. */
function stepMemoryMb(name: string): number {
  return stepSize(name).memorySize;
}

/** The time a step's function may run: the local runner holds its handlers to the same. */
function stepTimeoutSeconds(name: string): number {
  return stepSize(name).timeout.toSeconds();
}

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
      reportPage: spec.reportPage,
      onnxRuntime: props.onnxRuntime,
      environment: spec.llm ? { OPENAI_SECRET_ARN: props.openAiSecret.secret.secretArn } : {},
    });
    grantDataAccess(step, spec, { runTable: props.runTable, bucket: props.bucket });
    if (spec.llm) props.openAiSecret.grantRead(step);
    return step;
  }
}

/** `check-training` → `CheckTraining`. */
function constructIdOf(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
}

export type { PipelineFunctionsProps, StepName };
export { PipelineFunctions, stepMemoryMb, stepTimeoutSeconds };
