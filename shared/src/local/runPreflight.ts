import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunConfig } from '../core/evolution/index.js';
import { budgetProblem, llmUsesOf } from '../core/preflight/index.js';
import { PreflightError } from '../errors.js';
import { resolveDatasetSource } from './datasetSource.js';
import type { LocalEnv } from './paths.js';

/** The OpenAI API, where a config names no baseUrl (the client's own default). */
const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** A reachable endpoint answers its model list at once; a slow one would fail the run later. */
const PROBE_TIMEOUT_MS = 5_000;

interface RunPreflightRequest {
  readonly config: RunConfig;
  readonly dataDir: string;
  /** The seed folder, whose model.py every LLM prompt quotes. */
  readonly seedDir: string;
  readonly env: LocalEnv;
  /** A resumed run's views are in the bucket already: its dataset is not looked for again. */
  readonly checkDataset: boolean;
  readonly probeTimeoutMs?: number;
}

/**
 * Everything about a run that can be found wrong before anything is prepared or trained: the
 * dataset is there; the LLM key is set, and its endpoint answers and takes it, wherever the run
 * calls an LLM; the USD budget pays for one candidate at least. Every problem found is named,
 * with what to do, in one PreflightError.
 */
async function preflightRun(request: RunPreflightRequest): Promise<void> {
  const { config } = request;
  const problems: string[] = [];
  if (request.checkDataset) {
    await resolveDatasetSource(config.dataset, request.dataDir).catch((error: unknown) => {
      if (!(error instanceof PreflightError)) throw error;
      problems.push(error.message);
    });
  }
  const seed = await readFile(join(request.seedDir, 'model.py'), 'utf8').catch(() => undefined);
  if (seed === undefined) {
    problems.push(`the seed program ${request.seedDir} has no model.py: check seedProgram`);
  }
  const uses = llmUsesOf(config);
  if (uses.length > 0 && config.llm?.provider === 'embedded') {
    problems.push(...missingModelFiles(config.llm));
  } else if (uses.length > 0 && config.llm !== undefined) {
    const { apiKeyName } = config.llm;
    const key = request.env[apiKeyName];
    if (key === undefined || key === '') {
      problems.push(
        `${uses.join(' and ')} call(s) the LLM, and ${apiKeyName} (llm.apiKeyName) is not set: export ${apiKeyName}=<your key>, or use the nas strategy with offline feedback`
      );
    } else {
      const baseUrl = config.llm.baseUrl ?? OPENAI_BASE_URL;
      const problem = await probeLlmEndpoint(baseUrl, key, apiKeyName, request.probeTimeoutMs);
      if (problem !== undefined) problems.push(problem);
    }
  }
  const budget = seed === undefined ? undefined : budgetProblem(config, seed.length);
  if (budget !== undefined) problems.push(budget);
  if (problems.length > 0) {
    throw new PreflightError(
      `the run was not started, nothing was spent:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`
    );
  }
}

/**
 * The embedded provider needs no key or endpoint, only the GGUF file of each model a role names
 * (the config's schema has made sure each has one; a relative path is the working directory's,
 * as the client reads it).
 */
function missingModelFiles(llm: NonNullable<RunConfig['llm']>): string[] {
  const files = llm.embedded?.modelFiles ?? {};
  return [...new Set(Object.values(llm.models))].flatMap((model) => {
    const file = files[model] ?? '';
    return existsSync(file)
      ? []
      : [
          `the GGUF file of model '${model}' is missing (${file}): run scripts/setup.sh, or name another in llm.embedded.modelFiles`,
        ];
  });
}

/**
 * A cheap request (`GET <baseUrl>/models`) that any OpenAI-compatible server answers. Any
 * answer but a refusal of the key means the endpoint is there; the key itself is never printed.
 */
async function probeLlmEndpoint(
  baseUrl: string,
  key: string,
  apiKeyName: string,
  timeoutMs = PROBE_TIMEOUT_MS
): Promise<string | undefined> {
  const url = `${baseUrl.replace(/\/+$/, '')}/models`;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) {
      return `the LLM endpoint ${baseUrl} refused the key in ${apiKeyName} (GET ${url} answered ${response.status}): check the key, and that it is for this endpoint`;
    }
    return undefined;
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : describeFetchFailure(error);
    return `the LLM endpoint ${baseUrl} cannot be reached (GET ${url}: ${reason}): check llm.baseUrl, that the server is up, and your network`;
  }
}

/** fetch's own message is "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause. */
function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export type { RunPreflightRequest };
export { preflightRun };
