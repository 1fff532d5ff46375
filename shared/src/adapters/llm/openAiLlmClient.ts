import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import pLimit from 'p-limit';
import type { LlmClient, LlmConfig, LlmReply, LlmRequest } from '../../core/llm/index.js';
import { costUsd, estimateUsage, planRetry, priceOfRole } from '../../core/llm/index.js';
import { InvalidArgumentError, LlmError } from '../../errors.js';
import type { CompletionReading } from './chatCompletion.js';
import { readChatCompletion } from './chatCompletion.js';
import type { DescribedFailure } from './describeFailure.js';
import { describeFailure } from './describeFailure.js';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

interface OpenAiLlmClientOptions {
  /** The key itself, read by the caller from the variable or secret the config names. */
  readonly apiKey: string;
  /** Replaces the global fetch (a proxy-aware fetch, for instance). */
  readonly fetch?: typeof fetch;
}

type Attempt = { readonly ok: true; readonly body: unknown } | DescribedFailure;

/**
 * The LLM port over the `openai` SDK, against any OpenAI-compatible endpoint.
 *
 * Retries are our own loop around an SDK client built with `maxRetries: 0`: the SDK's loop
 * honours Retry-After too, but does not tell how many attempts a call took, has its own fixed
 * backoff (0.5–8 s), retries 408/409 and bodies that fail to parse differently, and would wait
 * out any Retry-After however long. Our loop counts attempts, uses the config's backoff, caps a
 * server's requested wait at `retryAfterMaxMs` and retries a malformed 200 body as a server fault.
 *
 * All calls of one client share one concurrency limit; a call holds its slot through its retries
 * so that a rate-limited endpoint is not hit harder by the calls queued behind it.
 */
function createOpenAiLlmClient(config: LlmConfig, options: OpenAiLlmClientOptions): LlmClient {
  const { apiKey } = options;
  if (apiKey.trim() === '') {
    throw new InvalidArgumentError(`no API key: ${config.apiKeyName} is empty or unset`);
  }
  // Everything explicit, so the SDK reads nothing from the environment behind the config's back,
  // and silent, so that no log of a request can carry the Authorization header.
  const openai = new OpenAI({
    apiKey,
    baseURL: config.baseUrl ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    timeout: config.timeoutMs,
    logLevel: 'off',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const limit = pLimit(config.concurrency);

  /** One HTTP request. The SDK's own timer stops at the headers; the signal also bounds the body. */
  async function attempt(body: ChatCompletionCreateParamsNonStreaming): Promise<Attempt> {
    const deadline = AbortSignal.timeout(config.timeoutMs);
    try {
      return { ok: true, body: await openai.chat.completions.create(body, { signal: deadline }) };
    } catch (error) {
      return describeFailure(error, {
        apiKey,
        timeoutMs: config.timeoutMs,
        timedOut: deadline.aborted,
      });
    }
  }

  async function completeWithRetries(request: LlmRequest): Promise<LlmReply> {
    const model = config.models[request.role];
    const temperature = request.temperature ?? config.temperatures[request.role];
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages: request.messages.map((message) => ({ ...message })),
      ...(temperature === undefined ? {} : { temperature }),
      ...(request.maxTokens === undefined ? {} : { max_completion_tokens: request.maxTokens }),
      ...(request.json ? { response_format: { type: 'json_object' } } : {}),
    };
    const startedAt = new Date();
    for (let attempts = 1; ; attempts += 1) {
      const outcome = await attempt(body);
      const reading: CompletionReading = outcome.ok ? readChatCompletion(outcome.body) : outcome;
      if (reading.ok) {
        const usage = reading.usage
          ? { ...reading.usage, estimated: false }
          : estimateUsage(request.messages, reading.text);
        return {
          text: reading.text,
          model,
          finishReason: reading.finishReason,
          usage,
          usd: costUsd(usage, priceOfRole(config, request.role)),
          startedAt: startedAt.toISOString(),
          latencyMs: Date.now() - startedAt.getTime(),
          attempts,
        };
      }
      const decision = planRetry(reading, attempts, config, Math.random);
      if (!decision.retry) {
        const { status } = reading;
        const http = status === undefined ? '' : `, HTTP ${status}`;
        throw new LlmError(
          reading.kind,
          attempts,
          `LLM call of ${request.role} to ${model} failed (${reading.kind}${http}), ${decision.reason}: ${reading.detail}`,
          status === undefined ? undefined : { status }
        );
      }
      await sleep(decision.delayMs);
    }
  }

  return { complete: (request) => limit(() => completeWithRetries(request)) };
}

export type { OpenAiLlmClientOptions };
export { createOpenAiLlmClient };
