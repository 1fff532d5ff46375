import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import pLimit from 'p-limit';
import { Agent, fetch as undiciFetch } from 'undici';
import type {
  LlmClient,
  LlmConfig,
  LlmReply,
  LlmRequest,
  LlmUsage,
  ResponseFormat,
} from '../../core/llm/index.js';
import { attemptTimeoutMs, costUsd, planRetry, priceOfRole } from '../../core/llm/index.js';
import { InvalidArgumentError, type LlmError } from '../../errors.js';
import type { CompletionReading } from './chatCompletion.js';
import { readChatCompletion } from './chatCompletion.js';
import type { DescribedFailure } from './describeFailure.js';
import { describeFailure } from './describeFailure.js';
import { llmCallError } from './llmCallError.js';
import { countMessageTokens, countTextTokens } from './tokenCounter.js';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** undici's timers sit past the attempt's own, so that ours fires first and says so. */
const HTTP_TIMER_MARGIN_MS = 5_000;

interface OpenAiLlmClientOptions {
  /** The key itself, read by the caller from the variable or secret the config names. */
  readonly apiKey: string;
  /** Replaces the HTTP client (a proxy-aware fetch, for instance). */
  readonly fetch?: typeof fetch;
  /** The current step's deadline (epoch ms), read before each attempt. */
  readonly deadline?: () => number | undefined;
}

type Attempt = { readonly ok: true; readonly body: unknown } | DescribedFailure;

/**
 * The LLM port over the `openai` SDK, against any OpenAI-compatible endpoint.
 *
 * Retries are our own loop around an SDK client built with `maxRetries: 0`: the SDK's loop
 * honours Retry-After too, but does not tell how many attempts a call took, has its own fixed
 * backoff (0.5–8 s), retries 408/409 and bodies that fail to parse differently, and would wait
 * out any Retry-After however long. Our loop counts attempts, uses the config's backoff, caps a
 * server's requested wait at `retryAfterMaxMs`, retries a timeout `timeoutRetries` times at most,
 * and cuts every attempt to the step's deadline (its Lambda's limit).
 *
 * Requests go through undici with its headers and body timeouts set past `timeoutMs`: Node's
 * fetch would give up on a silent server after 300 s whatever the config says, and a model that
 * thinks for minutes before its first byte is normal.
 *
 * A JSON request sends its schema (`response_format: json_schema`, strict). An endpoint that
 * answers 400 to that gets `json_object` instead, from then on for the life of the client (one
 * run), and the reply's note says so, which the ledger keeps.
 *
 * All calls of one client share one concurrency limit; a call holds its slot through its retries
 * so that a rate-limited endpoint is not hit harder by the calls queued behind it.
 */
function createOpenAiLlmClient(config: LlmConfig, options: OpenAiLlmClientOptions): LlmClient {
  const { apiKey } = options;
  if (apiKey.trim() === '') {
    throw new InvalidArgumentError(`no API key: ${config.apiKeyName} is empty or unset`);
  }
  const agent = new Agent({
    headersTimeout: config.timeoutMs + HTTP_TIMER_MARGIN_MS,
    bodyTimeout: config.timeoutMs + HTTP_TIMER_MARGIN_MS,
  });
  const agentFetch = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent })) as typeof fetch;
  // Everything explicit, so the SDK reads nothing from the environment behind the config's back,
  // and silent, so that no log of a request can carry the Authorization header.
  const openai = new OpenAI({
    apiKey,
    baseURL: config.baseUrl ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    timeout: config.timeoutMs + HTTP_TIMER_MARGIN_MS,
    logLevel: 'off',
    fetch: options.fetch ?? agentFetch,
  });
  const limit = pLimit(config.concurrency);
  const deadline = options.deadline ?? (() => undefined);
  /** Why the endpoint refused a JSON schema, once it has: the rest of the run asks for JSON. */
  let schemaRefusal: string | undefined;

  /** One HTTP request, bounded by `timeoutMs` from sending to the last byte of the body. */
  async function attempt(
    body: ChatCompletionCreateParamsNonStreaming,
    timeoutMs: number
  ): Promise<Attempt> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return { ok: true, body: await openai.chat.completions.create(body, { signal }) };
    } catch (error) {
      return describeFailure(error, {
        apiKey,
        timeoutMs,
        configuredTimeoutMs: config.timeoutMs,
        timedOut: signal.aborted,
      });
    }
  }

  async function completeWithRetries(request: LlmRequest): Promise<LlmReply> {
    const { role } = request;
    const model = config.models[role];
    const price = priceOfRole(config, role);
    const temperature = request.temperature ?? config.temperatures[role];
    const maxTokens = request.maxTokens ?? config.maxTokens[role];
    const promptTokens = countMessageTokens(request.messages);
    const bodyFor = (format: ResponseFormat): ChatCompletionCreateParamsNonStreaming => ({
      model,
      messages: request.messages.map((message) => ({ ...message })),
      ...(temperature === undefined ? {} : { temperature }),
      [config.tokenLimitField]: maxTokens,
      ...responseFormatField(format, request),
    });
    let format: ResponseFormat = request.responseSchema
      ? schemaRefusal === undefined
        ? 'json_schema'
        : 'json_object'
      : 'text';
    let note = format === 'json_object' ? schemaRefusal : undefined;
    const startedAt = new Date();
    let spent: LlmUsage = { promptTokens: 0, completionTokens: 0, estimated: false };
    let timeouts = 0;
    const call = { role, model, price, maxTokens, startedAt };
    const fail = (kind: LlmError['kind'], attempts: number, detail: string, status?: number) =>
      llmCallError(call, {
        kind,
        attempts,
        detail,
        spent,
        ...(status === undefined ? {} : { status }),
      });
    for (let attempts = 1; ; attempts += 1) {
      const timeoutMs = attemptTimeoutMs(config.timeoutMs, deadline(), Date.now());
      if (timeoutMs === undefined) {
        throw fail('deadline', attempts - 1, "the step's time left cannot hold another attempt");
      }
      const outcome = await attempt(bodyFor(format), timeoutMs);
      const reading: CompletionReading = outcome.ok ? readChatCompletion(outcome.body) : outcome;
      if (reading.ok) {
        const usage = reading.usage
          ? { ...reading.usage, estimated: false }
          : {
              promptTokens,
              completionTokens: countTextTokens(reading.text),
              estimated: true,
            };
        spent = addUsage(spent, usage);
        return {
          text: reading.text,
          model,
          finishReason: reading.finishReason,
          maxTokens,
          responseFormat: format,
          ...(note === undefined ? {} : { note }),
          usage: spent,
          usd: costUsd(spent, price),
          startedAt: startedAt.toISOString(),
          latencyMs: Date.now() - startedAt.getTime(),
          attempts,
        };
      }
      spent = addUsage(spent, failedAttemptUsage(reading, promptTokens, maxTokens));
      if (format === 'json_schema' && reading.status === 400) {
        schemaRefusal = `the endpoint refused response_format json_schema (HTTP 400: ${reading.detail}); asked for json_object instead for the rest of the run`;
        note = schemaRefusal;
        format = 'json_object';
        continue;
      }
      if (reading.kind === 'timeout') timeouts += 1;
      const decision = planRetry(reading, attempts, config, Math.random, timeouts);
      if (!decision.retry) {
        throw fail(reading.kind, attempts, `${decision.reason}: ${reading.detail}`, reading.status);
      }
      if (
        attemptTimeoutMs(config.timeoutMs, deadline(), Date.now(), decision.delayMs) === undefined
      ) {
        throw fail(
          'deadline',
          attempts,
          `the step's time left cannot hold a retry after: ${reading.detail}`,
          reading.status
        );
      }
      await sleep(decision.delayMs);
    }
  }

  return {
    complete: (request) => limit(() => completeWithRetries(request)),
    countTokens: async (_role, text) => countTextTokens(text),
    close: () => agent.destroy(),
  };
}

/** The request's `response_format` for the way it asks for JSON. */
function responseFormatField(
  format: ResponseFormat,
  request: LlmRequest
): Pick<ChatCompletionCreateParamsNonStreaming, 'response_format'> {
  const schema = request.responseSchema;
  if (format === 'json_schema' && schema !== undefined) {
    return {
      response_format: {
        type: 'json_schema',
        json_schema: { name: schema.name, strict: true, schema: { ...schema.schema } },
      },
    };
  }
  return format === 'json_object' ? { response_format: { type: 'json_object' } } : {};
}

/**
 * What a failed attempt cost: the server's usage where it gave one; for a timeout the prompt and
 * the whole token limit, counted here, since the server may have generated that much before the
 * client hung up; nothing for an attempt the server refused or never received.
 */
function failedAttemptUsage(
  failure: DescribedFailure,
  promptTokens: number,
  maxTokens: number
): LlmUsage {
  if (failure.usage !== undefined) return { ...failure.usage, estimated: false };
  if (failure.kind === 'timeout') {
    return { promptTokens, completionTokens: maxTokens, estimated: true };
  }
  return { promptTokens: 0, completionTokens: 0, estimated: false };
}

function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimated: a.estimated || b.estimated,
  };
}

export type { OpenAiLlmClientOptions };
export { createOpenAiLlmClient };
