import type { PromptTemplates } from '../core/proposal/index.js';
import type { ReportPageAssets } from '../core/report/index.js';
import type {
  FeedbackSteps,
  ModelJudge,
  ObjectStore,
  RunRegistry,
  RunStore,
  StepServices,
} from '../engine/index.js';
import { readPromptTemplates } from '../local/promptTemplateFiles.js';
import { readReportPageAssets, reportPageAssetPaths } from '../local/reportPageAssets.js';
import { createObjectFeedbackSteps } from './feedback/objectFeedbackSteps.js';
import { createObjectJudge, runJudgeProcess } from './judge/index.js';
import type { ApiKeySource, EmbeddedLlmFactory } from './llm/index.js';
import { createRunLlmClients } from './llm/index.js';
import { createQuickJsProbeSandbox } from './sandbox/index.js';

interface StepServicesOptions {
  readonly registry: RunRegistry;
  readonly store: RunStore;
  readonly objects: ObjectStore;
  /** Secrets Manager in a Lambda, the environment locally. */
  readonly readApiKey: ApiKeySource;
  /** The embedded model provider, where one can run (the local runner). */
  readonly embeddedLlm?: EmbeddedLlmFactory;
  readonly promptsDir: string;
  /** Where the report page's scripts are bundled (a Lambda); the checkout's when absent. */
  readonly reportPageDir?: string;
  /** Where models are downloaded for the feedback steps (a Lambda's /tmp). */
  readonly scratchDir: string;
  /** Tests replace the feedback steps and the judge; runs use the real ones. */
  readonly feedback?: FeedbackSteps;
  readonly judge?: ModelJudge;
  /** Simulated users done of total, as each is done (a local run's progress display). */
  readonly onSimulatedUser?: (done: number, total: number) => void;
}

/**
 * The steps' services over a run registry, a store and the bucket, the same in a Lambda and in
 * the local runner. The LLM client, the prompt templates and the report page's scripts are read
 * at a step's first use, so steps that need none (most of them) read no key and no file; `close`
 * lets go of the LLM clients (connections, loaded models) when the runner is done.
 */
function createStepServices(options: StepServicesOptions): StepServices {
  const { objects, promptsDir } = options;
  const clients = createRunLlmClients(options.readApiKey, options.embeddedLlm);
  const llm = clients.clientFor;
  let templates: Promise<PromptTemplates> | undefined;
  let reportPageAssets: Promise<ReportPageAssets> | undefined;
  return {
    registry: options.registry,
    store: options.store,
    objects,
    llm,
    templates: () => {
      templates ??= readPromptTemplates(promptsDir);
      return templates;
    },
    reportPageAssets: () => {
      reportPageAssets ??= readReportPageAssets(reportPageAssetPaths(options.reportPageDir));
      return reportPageAssets;
    },
    feedback:
      options.feedback ??
      createObjectFeedbackSteps({
        objects,
        scratchDir: options.scratchDir,
        llm,
        promptsDir,
        sandbox: createQuickJsProbeSandbox,
        ...(options.onSimulatedUser === undefined
          ? {}
          : { onSimulatedUser: options.onSimulatedUser }),
      }),
    judge:
      options.judge ??
      createObjectJudge({ objects, scratchDir: options.scratchDir, runJudge: runJudgeProcess }),
    now: () => new Date(),
    close: clients.closeAll,
  };
}

export type { StepServicesOptions };
export { createStepServices };
