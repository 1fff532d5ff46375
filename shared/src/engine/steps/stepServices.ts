import type { RunConfig } from '../../core/evolution/index.js';
import type { LlmClient } from '../../core/llm/index.js';
import type { PromptTemplates } from '../../core/proposal/index.js';
import type { ReportPageAssets } from '../../core/report/index.js';
import type { ObjectStore, RunRegistry, RunStore } from '../ports.js';
import type { FeedbackSteps } from './feedbackSteps.js';
import type { ModelJudge } from './modelJudge.js';

/**
 * What the state machine's steps run on, the same in a Lambda and in the local runner: only the
 * adapters behind these ports differ (DynamoDB and S3 in AWS, the same code against loopback
 * servers locally; the key from Secrets Manager or from the environment).
 */
interface StepServices {
  readonly registry: RunRegistry;
  readonly store: RunStore;
  readonly objects: ObjectStore;
  /** The run's LLM client; only LLM strategies and LLM feedback ask for it. */
  readonly llm: (config: RunConfig) => Promise<LlmClient>;
  readonly templates: () => Promise<PromptTemplates>;
  /** The report page's scripts (the chart library and the page's own), for Finalize. */
  readonly reportPageAssets: () => Promise<ReportPageAssets>;
  /** Simulate and diagnose on a trained candidate's model. */
  readonly feedback: FeedbackSteps;
  /** The trusted judge of exported models: the figures of record. */
  readonly judge: ModelJudge;
  readonly now: () => Date;
  /** Lets go of what the services hold open (LLM connections, a loaded model). */
  readonly close: () => Promise<void>;
}

export type { StepServices };
