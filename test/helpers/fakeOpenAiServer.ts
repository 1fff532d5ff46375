import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LlmConfig, LlmConfigInput } from '../../shared/src/core/llm/index.js';
import { llmConfigSchema } from '../../shared/src/core/llm/index.js';

/**
 * A real OpenAI-compatible chat completions endpoint on 127.0.0.1, scripted by the test:
 *
 *   const server = await startFakeOpenAiServer(scriptedReplies(
 *     { status: 429, headers: { 'retry-after': '1' } },
 *     { content: '{"idea": "…"}' },
 *   ));
 *   const client = createOpenAiLlmClient(fakeServerLlmConfig(server), { apiKey: 'sk-test-…' });
 *   …
 *   expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
 *   await server.close();
 */

/** The JSON a client posts to /v1/chat/completions, as far as tests look at it. */
interface ChatCompletionRequestBody {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly temperature?: number;
  readonly max_completion_tokens?: number;
  readonly response_format?: {
    readonly type: string;
    readonly json_schema?: {
      readonly name: string;
      readonly strict?: boolean;
      readonly schema: unknown;
    };
  };
  readonly [field: string]: unknown;
}

interface FakeRequest {
  readonly method: string;
  readonly path: string;
  /** Node's lower-cased headers: `authorization`, `content-type`, … */
  readonly headers: IncomingHttpHeaders;
  readonly body: ChatCompletionRequestBody;
}

/** Every reply may first wait, to trigger the client's timeout. */
interface Delayed {
  readonly delayMs?: number;
}

/** A normal completion; usage defaults to about four characters a token of the text. */
interface CompletionReply extends Delayed {
  readonly content: string | null;
  /** The model the response names; the requested one by default. */
  readonly model?: string;
  readonly finishReason?: string;
  /** `null` leaves usage out of the response, as some compatible servers do. */
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number } | null;
}

/** An HTTP error; the body defaults to OpenAI's `{ error: { message, type, code } }`. */
interface StatusReply extends Delayed {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Exactly these bytes, for malformed bodies. */
interface RawReply extends Delayed {
  readonly raw: string;
  readonly status?: number;
  readonly contentType?: string;
  /** Leave the body unfinished after the bytes, as a server that stalls mid-response. */
  readonly stall?: boolean;
}

type FakeReply = CompletionReply | StatusReply | RawReply;
type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

interface FakeOpenAiServer {
  /** `http://127.0.0.1:<port>/v1`, the base URL an OpenAI client takes. */
  readonly baseUrl: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly FakeRequest[];
  /** The most requests the server was answering at the same time. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

const COMPLETIONS_PATH = '/v1/chat/completions';
const CHARS_PER_TOKEN = 4;

const ERROR_TYPES: Readonly<Record<number, { readonly type: string; readonly message: string }>> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'invalid_request_error', message: 'Incorrect API key provided.' },
  403: { type: 'permission_denied', message: 'You are not allowed to use this model.' },
  404: { type: 'invalid_request_error', message: 'The model does not exist.' },
  429: { type: 'requests', message: 'Rate limit reached for requests.' },
};

function errorBody(status: number): unknown {
  const known = ERROR_TYPES[status] ?? {
    type: 'server_error',
    message: 'The server had an error.',
  };
  return { error: { ...known, param: null, code: null } };
}

const tokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

function completionBody(reply: CompletionReply, request: FakeRequest, id: number): unknown {
  const content = reply.content ?? '';
  const usage =
    reply.usage === undefined
      ? {
          promptTokens: tokens(request.body.messages.map((message) => message.content).join('')),
          completionTokens: tokens(content),
        }
      : reply.usage;
  return {
    id: `chatcmpl-fake${id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? request.body.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content, refusal: null },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    ...(usage === null
      ? {}
      : {
          usage: {
            prompt_tokens: usage.promptTokens,
            completion_tokens: usage.completionTokens,
            total_tokens: usage.promptTokens + usage.completionTokens,
          },
        }),
  };
}

function send(response: ServerResponse, status: number, body: string, headers = {}): void {
  // A client that timed out has hung up; there is no one left to answer.
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
}

function answer(response: ServerResponse, reply: FakeReply, request: FakeRequest, id: number) {
  if ('raw' in reply && reply.stall) {
    response
      .writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
      .write(reply.raw);
  } else if ('raw' in reply) {
    const contentType = reply.contentType ?? 'application/json';
    send(response, reply.status ?? 200, reply.raw, { 'content-type': contentType });
  } else if ('status' in reply) {
    const body = JSON.stringify(reply.body ?? errorBody(reply.status));
    send(response, reply.status, body, reply.headers);
  } else {
    send(response, 200, JSON.stringify(completionBody(reply, request, id)));
  }
}

async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function startFakeOpenAiServer(handler: FakeHandler): Promise<FakeOpenAiServer> {
  const requests: FakeRequest[] = [];
  const closing = new AbortController();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer(async (message, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });
    const text = await readBody(message);
    const request: FakeRequest = {
      method: message.method ?? '',
      path: message.url ?? '',
      headers: message.headers,
      // The client under test is trusted to send JSON; a test asserting on it will notice if not.
      body: (text === '' ? {} : JSON.parse(text)) as ChatCompletionRequestBody,
    };
    requests.push(request);
    if (request.method !== 'POST' || request.path !== COMPLETIONS_PATH) {
      send(response, 404, JSON.stringify(errorBody(404)));
      return;
    }
    try {
      const reply = await handler(request);
      if (reply.delayMs) await sleep(reply.delayMs, undefined, { signal: closing.signal });
      answer(response, reply, request, requests.length);
    } catch (error) {
      if (closing.signal.aborted) return;
      // A handler that throws (a script run dry) answers 500, naming why, so the test sees it.
      const body = { error: { message: `fake server: ${(error as Error).message}`, type: 'test' } };
      send(response, 500, JSON.stringify(body));
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A config for a client of this server: free test models, retries in milliseconds. */
function fakeServerLlmConfig(
  server: Pick<FakeOpenAiServer, 'baseUrl'>,
  overrides: Partial<LlmConfigInput> = {}
): LlmConfig {
  return llmConfigSchema.parse({
    baseUrl: server.baseUrl,
    models: {
      proposer: 'test-large',
      coder: 'test-large',
      simulator: 'test-small',
      judge: 'test-small',
    },
    prices: {
      'test-large': { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 },
      'test-small': { inputUsdPerMillionTokens: 0.5, outputUsdPerMillionTokens: 1 },
    },
    contextTokens: { 'test-large': 128_000, 'test-small': 32_000 },
    timeoutMs: 2_000,
    maxRetries: 2,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    ...overrides,
  });
}

/** Answers each request with the next reply; a request past the last gets a 500 saying so. */
function scriptedReplies(...replies: readonly FakeReply[]): FakeHandler {
  let next = 0;
  return () => {
    const reply = replies[next];
    next += 1;
    if (reply === undefined) {
      throw new Error(`no scripted reply left for request ${next} (${replies.length} scripted)`);
    }
    return reply;
  };
}

export type {
  ChatCompletionRequestBody,
  CompletionReply,
  FakeHandler,
  FakeOpenAiServer,
  FakeReply,
  FakeRequest,
  RawReply,
  StatusReply,
};
export { fakeServerLlmConfig, scriptedReplies, startFakeOpenAiServer };
