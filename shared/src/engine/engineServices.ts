import type { LlmClient } from '../core/llm/index.js';
import type { NasSearchSpace } from '../core/nas/index.js';
import type { PromptTemplates } from '../core/proposal/index.js';
import type { CandidateTrainer, FeedbackSource, RunStore } from './ports.js';

/**
 * What the engine's steps run on. The LLM, its prompt templates and the search space are asked
 * for only by the strategies that use them, so a `nas` run needs no key and an LLM run no
 * search space; a missing one throws a clear error where it is first needed.
 */
interface EngineServices {
  readonly store: RunStore;
  readonly trainer: CandidateTrainer;
  readonly llm: () => LlmClient;
  readonly templates: () => PromptTemplates;
  readonly nasSearchSpace: () => NasSearchSpace;
  /** Simulate + diagnose; without it, programs carry metrics only. */
  readonly feedback?: FeedbackSource;
  readonly now: () => Date;
  /** One line of progress for the operator. */
  readonly report: (line: string) => void;
}

export type { EngineServices };
