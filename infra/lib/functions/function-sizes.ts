import { Duration } from 'aws-cdk-lib';

/** Memory (MB) and time a function gets, by the kind of work it does. */
interface FunctionSize {
  readonly memorySize: number;
  readonly timeout: Duration;
}

/** A step of the run: table and bucket reads and writes, at most one LLM exchange. */
const STEP_SIZE: FunctionSize = { memorySize: 1024, timeout: Duration.minutes(5) };

/**
 * A step that calls the LLM (propose, check-training's repair): a proposal is two calls and their
 * corrective retries, each up to the LLM's timeout, so it gets the most time a Lambda may run;
 * the LLM client cuts its attempts to what is left of it.
 */
const LLM_STEP_SIZE: FunctionSize = { memorySize: 1024, timeout: Duration.minutes(15) };

/** Scoring with ONNX (simulate, diagnose): many users' pages, the most a Lambda may run. */
const SCORING_SIZE: FunctionSize = { memorySize: 3008, timeout: Duration.minutes(15) };

/** Behind API Gateway, whose integrations give up after 29 s. */
const API_SIZE: FunctionSize = { memorySize: 512, timeout: Duration.seconds(29) };

export type { FunctionSize };
export { API_SIZE, LLM_STEP_SIZE, SCORING_SIZE, STEP_SIZE };
