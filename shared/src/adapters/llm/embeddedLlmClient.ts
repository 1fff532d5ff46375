import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type {
  ChatHistoryItem,
  Llama,
  LlamaChat,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
} from 'node-llama-cpp';
import pLimit from 'p-limit';
import type {
  LlmClient,
  LlmConfig,
  LlmMessage,
  LlmReply,
  LlmRequest,
  LlmRole,
  LlmUsage,
} from '../../core/llm/index.js';
import { attemptTimeoutMs, costUsd, priceOfRole } from '../../core/llm/index.js';
import type { LlmError } from '../../errors.js';
import { FileMissingError, InvalidArgumentError } from '../../errors.js';
import { llmCallError } from './llmCallError.js';

/** One loaded GGUF model with the single context every role that uses it shares. */
interface LoadedModel {
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly sequence: LlamaContextSequence;
  readonly chat: LlamaChat;
}

/** How a generation ended, in node-llama-cpp's words; `abort` is our deadline. */
type StopReason = string;

/**
 * The LLM port over a GGUF model run in-process by node-llama-cpp (llama.cpp, the linux-x64 CPU
 * build): no endpoint, no key, nothing leaves the machine. Each role's model is the config's
 * `embedded.modelFiles[model]`, loaded at its first call with a context of `contextTokens[model]`
 * tokens. A request's JSON Schema becomes the model's grammar, so every answer is JSON of that
 * shape (unless cut off at the token limit). Tokens are the model's own: the context's meter
 * counts what was evaluated and generated, and prompts are measured with the model's tokenizer.
 *
 * Generations run one at a time (a CPU has no room for two); a generation is stopped at the
 * configured timeout, or the step's deadline if nearer, and then reported as a timeout with the
 * tokens it had used. A timeout is tried again `timeoutRetries` times at most.
 */
function createEmbeddedLlmClient(
  config: LlmConfig,
  options: { readonly deadline?: () => number | undefined } = {}
): LlmClient {
  const files = config.embedded?.modelFiles ?? {};
  const threads = config.embedded?.threads ?? Math.max(1, availableParallelism() - 1);
  const deadline = options.deadline ?? (() => undefined);
  const oneAtATime = pLimit(1);
  let llama: Promise<Llama> | undefined;
  const models = new Map<string, Promise<LoadedModel>>();

  /** llama.cpp itself, loaded once: the CPU build only, never built or downloaded here. */
  const runtime = (): Promise<Llama> => {
    llama ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error })
    );
    return llama;
  };

  const load = (model: string): Promise<LoadedModel> => {
    let loaded = models.get(model);
    if (loaded === undefined) {
      loaded = (async () => {
        const modelPath = files[model];
        if (modelPath === undefined) {
          throw new InvalidArgumentError(`model '${model}' has no file in embedded.modelFiles`);
        }
        if (!existsSync(modelPath)) {
          throw new FileMissingError(modelPath, `GGUF file of model '${model}'`);
        }
        const ready = await runtime();
        const { LlamaChat: Chat } = await import('node-llama-cpp');
        const gguf = await ready.loadModel({ modelPath });
        const context = await gguf.createContext({
          contextSize: config.contextTokens[model] ?? 4_096,
          threads,
        });
        const sequence = context.getSequence();
        return { model: gguf, context, sequence, chat: new Chat({ contextSequence: sequence }) };
      })();
      loaded.catch(() => models.delete(model));
      models.set(model, loaded);
    }
    return loaded;
  };

  async function generate(request: LlmRequest): Promise<LlmReply> {
    const { role } = request;
    const model = config.models[role];
    const price = priceOfRole(config, role);
    const maxTokens = request.maxTokens ?? config.maxTokens[role];
    const temperature = request.temperature ?? config.temperatures[role] ?? 0;
    const loaded = await load(model);
    const grammar =
      request.responseSchema === undefined
        ? undefined
        : await (await runtime()).createGrammarForJsonSchema(
            request.responseSchema.schema as never
          );
    const startedAt = new Date();
    const call = { role, model, price, maxTokens, startedAt };
    let spent: LlmUsage = { promptTokens: 0, completionTokens: 0, estimated: false };
    let timeouts = 0;
    for (let attempts = 1; ; attempts += 1) {
      const timeoutMs = attemptTimeoutMs(config.timeoutMs, deadline(), Date.now());
      const fail = (kind: LlmError['kind'], detail: string) =>
        llmCallError(call, { kind, attempts, detail, spent });
      if (timeoutMs === undefined) {
        throw fail('deadline', "the step's time left cannot hold another attempt");
      }
      const attempt = await generateOnce(loaded, request.messages, {
        maxTokens,
        temperature,
        repeatPenalty: config.embedded?.repeatPenalty ?? 1,
        timeoutMs,
        ...(grammar === undefined ? {} : { grammar }),
      }).catch((error: unknown) => {
        throw fail(
          'bad_request',
          `the model could not run the prompt: ${(error as Error).message}`
        );
      });
      spent = {
        promptTokens: spent.promptTokens + attempt.promptTokens,
        completionTokens: spent.completionTokens + attempt.completionTokens,
        estimated: false,
      };
      if (attempt.stopReason === 'abort') {
        timeouts += 1;
        const limit = `no complete answer within ${timeoutMs} ms${timeoutMs < config.timeoutMs ? ", all the step's time left" : ''} (timeoutMs ${config.timeoutMs}), ${attempt.completionTokens} tokens generated`;
        if (timeouts > config.timeoutRetries) {
          throw fail('timeout', `gave up after ${timeouts} timeouts: ${limit}`);
        }
        continue;
      }
      if (attempt.text.trim() === '') {
        throw fail('empty_response', `no text (stop reason ${attempt.stopReason})`);
      }
      return {
        text: attempt.text,
        model,
        finishReason: attempt.stopReason === 'maxTokens' ? 'length' : 'stop',
        maxTokens,
        responseFormat: grammar === undefined ? 'text' : 'json_schema',
        usage: spent,
        usd: costUsd(spent, price),
        startedAt: startedAt.toISOString(),
        latencyMs: Date.now() - startedAt.getTime(),
        attempts,
      };
    }
  }

  return {
    complete: (request) => oneAtATime(() => generate(request)),
    countTokens: async (role: LlmRole, text: string) =>
      (await load(config.models[role])).model.tokenize(text).length,
    close: async () => {
      const loaded = await Promise.allSettled(models.values());
      models.clear();
      for (const result of loaded) {
        if (result.status === 'fulfilled') await result.value.model.dispose();
      }
      if (llama !== undefined) await (await llama).dispose();
      llama = undefined;
    },
  };
}

/**
 * One generation from a fresh history: the messages as a chat in the model's own template, the
 * grammar (if any) constraining every token. The sequence's meter says what it cost.
 */
async function generateOnce(
  loaded: LoadedModel,
  messages: readonly LlmMessage[],
  options: {
    readonly maxTokens: number;
    readonly temperature: number;
    readonly repeatPenalty: number;
    readonly timeoutMs: number;
    readonly grammar?: LlamaGrammar;
  }
): Promise<{
  readonly text: string;
  readonly stopReason: StopReason;
  readonly promptTokens: number;
  readonly completionTokens: number;
}> {
  await loaded.sequence.clearHistory();
  const before = loaded.sequence.tokenMeter.getState();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const used = () => {
    const after = loaded.sequence.tokenMeter.getState();
    return {
      promptTokens: after.usedInputTokens - before.usedInputTokens,
      completionTokens: after.usedOutputTokens - before.usedOutputTokens,
    };
  };
  try {
    const result = await loaded.chat.generateResponse(chatHistory(messages), {
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      repeatPenalty: { penalty: options.repeatPenalty, lastTokens: 64 },
      signal,
      stopOnAbortSignal: true,
      ...(options.grammar === undefined ? {} : { grammar: options.grammar }),
    });
    return { text: result.response, stopReason: result.metadata.stopReason, ...used() };
  } catch (error) {
    // A deadline that fires while the prompt is still being read throws instead of stopping.
    if (signal.aborted) return { text: '', stopReason: 'abort', ...used() };
    throw error;
  }
}

/** The conversation as node-llama-cpp's chat history; the last message must be the user's. */
function chatHistory(messages: readonly LlmMessage[]): ChatHistoryItem[] {
  return messages.map((message): ChatHistoryItem => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
}

export { createEmbeddedLlmClient };
