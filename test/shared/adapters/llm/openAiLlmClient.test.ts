import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAiLlmClient } from '../../../../shared/src/adapters/index.js';
import type { LlmConfigInput, LlmRequest } from '../../../../shared/src/core/llm/index.js';
import { responseSchemaOf } from '../../../../shared/src/core/llm/index.js';
import { InvalidArgumentError, LlmError } from '../../../../shared/src/errors.js';
import type { FakeHandler, FakeOpenAiServer } from '../../../helpers/fakeOpenAiServer.js';
import {
  fakeServerLlmConfig,
  scriptedReplies,
  startFakeOpenAiServer,
} from '../../../helpers/fakeOpenAiServer.js';

const apiKey = 'sk-test-0123456789abcdefSECRET';

const request: LlmRequest = {
  role: 'proposer',
  messages: [
    { role: 'system', content: 'You improve sequential recommenders.' },
    { role: 'user', content: 'Propose one change to the model.' },
  ],
};

let server: FakeOpenAiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientOf(handler: FakeHandler, overrides: Partial<LlmConfigInput> = {}) {
  server = await startFakeOpenAiServer(handler);
  return {
    server,
    client: createOpenAiLlmClient(fakeServerLlmConfig(server, overrides), { apiKey }),
  };
}

/** The LlmError a call rejects with. */
async function failureOf(call: Promise<unknown>): Promise<LlmError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('OpenAI LLM client', () => {
  it('returns the text, usage and price of a completion and sends the role’s model and key', async () => {
    // Prepare
    const { client, server } = await clientOf(
      scriptedReplies({
        content: 'Use sampled softmax.',
        usage: { promptTokens: 1_000, completionTokens: 500 },
      })
    );

    // Act
    const reply = await client.complete(request);

    // Assess
    expect(reply).toMatchObject({
      text: 'Use sampled softmax.',
      model: 'test-large',
      finishReason: 'stop',
      usage: { promptTokens: 1_000, completionTokens: 500, estimated: false },
      attempts: 1,
    });
    expect(reply.usd).toBeCloseTo((1_000 * 2 + 500 * 8) / 1_000_000, 12);
    expect(new Date(reply.startedAt).toISOString()).toBe(reply.startedAt);
    expect(reply.latencyMs).toBeGreaterThanOrEqual(0);
    const [sent] = server.requests;
    expect(sent?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(sent?.body.model).toBe('test-large');
    expect(sent?.body.messages).toEqual(request.messages);
    expect(sent?.body.response_format).toBeUndefined();
  });

  it('sends the role’s model, temperature and token limit with every request', async () => {
    // Prepare
    const { client, server } = await clientOf(
      scriptedReplies({ content: 'ok' }, { content: 'ok' }),
      {
        temperatures: { judge: 0.2 },
        maxTokens: { judge: 300 },
      }
    );

    // Act
    await client.complete({ ...request, role: 'judge' });
    await client.complete({ ...request, role: 'judge', maxTokens: 120 });

    // Assess
    expect(server.requests[0]?.body).toMatchObject({
      model: 'test-small',
      temperature: 0.2,
      max_completion_tokens: 300,
    });
    expect(server.requests[1]?.body.max_completion_tokens).toBe(120);
  });

  it('sends the token limit as max_tokens to a server that reads that field', async () => {
    // Prepare
    const { client, server } = await clientOf(scriptedReplies({ content: 'ok' }), {
      tokenLimitField: 'max_tokens',
      maxTokens: { proposer: 700 },
    });

    // Act
    await client.complete(request);

    // Assess
    expect(server.requests[0]?.body.max_tokens).toBe(700);
    expect(server.requests[0]?.body.max_completion_tokens).toBeUndefined();
  });

  it('counts the tokens with a tokenizer, and so the price, when the server reports no usage', async () => {
    // Prepare
    const { client } = await clientOf(
      scriptedReplies({ content: 'the quick brown fox jumps over the lazy dog', usage: null })
    );

    // Act
    const reply = await client.complete(request);

    // Assess: o200k counts 6 + 8 tokens in the messages; each message adds four
    expect(reply.usage).toEqual({ promptTokens: 22, completionTokens: 9, estimated: true });
    expect(reply.usd).toBeGreaterThan(0);
  });

  it('waits as long as Retry-After says (seconds) after a 429, then succeeds', async () => {
    // Prepare
    const { client, server } = await clientOf(
      scriptedReplies({ status: 429, headers: { 'retry-after': '1' } }, { content: 'ok' })
    );
    const started = Date.now();

    // Act
    const reply = await client.complete(request);

    // Assess: the backoff of the test config is milliseconds, so the second is the header's
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(reply.attempts).toBe(2);
    expect(reply.latencyMs).toBeGreaterThanOrEqual(990);
    expect(server.requests).toHaveLength(2);
  });

  it('waits as long as retry-after-ms says before the next attempt', async () => {
    // Prepare
    const { client } = await clientOf(
      scriptedReplies({ status: 429, headers: { 'retry-after-ms': '300' } }, { content: 'ok' })
    );
    const started = Date.now();

    // Act
    const reply = await client.complete(request);

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(reply.attempts).toBe(2);
  });

  it('gives up at once, rate limited, when Retry-After is longer than retryAfterMaxMs', async () => {
    // Prepare
    const { client, server } = await clientOf(
      scriptedReplies({ status: 429, headers: { 'retry-after': '120' } }),
      { retryAfterMaxMs: 1_000 }
    );

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'rate_limited', attempts: 1, status: 429 });
    expect(error.message).toContain('more than retryAfterMaxMs');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 and succeeds with the next attempt', async () => {
    // Prepare
    const { client } = await clientOf(scriptedReplies({ status: 500 }, { content: 'ok' }));

    // Act
    const reply = await client.complete(request);

    // Assess
    expect(reply).toMatchObject({ text: 'ok', attempts: 2 });
  });

  it('throws a server LlmError naming the attempts when every attempt gets a 503', async () => {
    // Prepare
    const { client, server } = await clientOf(() => ({ status: 503 }), { maxRetries: 2 });

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ code: 'LLM', kind: 'server', attempts: 3, status: 503 });
    expect(error.message).toContain('gave up after 3 attempts');
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 401, and keeps the key out of the error even when the server echoes it', async () => {
    // Prepare
    const echo = { error: { message: `Incorrect API key provided: ${apiKey}`, type: 'auth' } };
    const { client, server } = await clientOf(() => ({ status: 401, body: echo }));

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'auth', attempts: 1, status: 401 });
    expect(server.requests).toHaveLength(1);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain('0123456789abcdef');
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
  });

  it.each([
    [400, 'bad_request'],
    [403, 'auth'],
    [404, 'bad_request'],
  ] as const)('does not retry a %i (%s)', async (status, kind) => {
    // Prepare
    const { client, server } = await clientOf(() => ({ status }));

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind, attempts: 1, status });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a slow server on every attempt and reports a timeout', async () => {
    // Prepare
    const { client, server } = await clientOf(() => ({ content: 'late', delayMs: 1_000 }), {
      timeoutMs: 100,
      maxRetries: 4,
    });
    const started = Date.now();

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(error.message).toContain('no complete response within timeoutMs (100)');
    expect(error.message).toContain('gave up after 2 timeouts (timeoutRetries 1)');
    expect(Date.now() - started).toBeLessThan(900);
    expect(server.requests).toHaveLength(2);
  });

  it('times out a server that sends the headers and then stalls in the body', async () => {
    // Prepare
    const { client } = await clientOf(() => ({ raw: '{"choices": [', stall: true }), {
      timeoutMs: 100,
      maxRetries: 0,
    });

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
  });

  it('retries a body that is not JSON as a server fault', async () => {
    // Prepare
    const { client } = await clientOf(scriptedReplies({ raw: '{"choices": [' }, { content: 'ok' }));

    // Act
    const reply = await client.complete(request);

    // Assess
    expect(reply).toMatchObject({ text: 'ok', attempts: 2 });
  });

  it('reports a server LlmError when every body is malformed', async () => {
    // Prepare
    const { client } = await clientOf(() => ({ raw: '<html>bad gateway</html>' }), {
      maxRetries: 1,
    });

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'server', attempts: 2 });
    expect(error.message).toContain('not JSON');
  });

  it('reports an empty response without retrying when the completion has no content', async () => {
    // Prepare
    const { client, server } = await clientOf(() => ({
      content: null,
      finishReason: 'content_filter',
    }));

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'empty_response', attempts: 1 });
    expect(error.message).toContain('finish_reason content_filter');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a connection LlmError after its retries when nothing listens', async () => {
    // Prepare
    const closed = await startFakeOpenAiServer(() => ({ content: 'never' }));
    await closed.close();
    const client = createOpenAiLlmClient(fakeServerLlmConfig(closed, { maxRetries: 1 }), {
      apiKey,
    });

    // Act
    const error = await failureOf(client.complete(request));

    // Assess
    expect(error).toMatchObject({ kind: 'connection', attempts: 2 });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('keeps at most `concurrency` requests in flight across all calls of one client', async () => {
    // Prepare
    const { client, server } = await clientOf(() => ({ content: 'ok', delayMs: 40 }), {
      concurrency: 2,
    });

    // Act
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        client.complete({ ...request, role: index % 2 === 0 ? 'coder' : 'simulator' })
      )
    );

    // Assess
    expect(replies).toHaveLength(6);
    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight).toBe(2);
  });

  it('sends its requests through an injected fetch', async () => {
    // Prepare
    server = await startFakeOpenAiServer(scriptedReplies({ content: 'ok' }));
    const urls: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const client = createOpenAiLlmClient(fakeServerLlmConfig(server), {
      apiKey,
      fetch: countingFetch,
    });

    // Act
    await client.complete(request);

    // Assess
    expect(urls).toEqual([`${server.baseUrl}/chat/completions`]);
  });

  it('refuses to start without a key, naming the variable and not a value', async () => {
    // Prepare
    const config = fakeServerLlmConfig({ baseUrl: 'http://127.0.0.1:9/v1' });

    // Act
    const act = () => createOpenAiLlmClient(config, { apiKey: ' ' });

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow('no API key: OPENAI_API_KEY is empty or unset');
  });

  it('sends the answer’s JSON Schema, strict, as the response format', async () => {
    // Prepare
    const schema = responseSchemaOf('verdict', z.object({ score: z.int().min(1).max(5) }));
    const { client, server } = await clientOf(scriptedReplies({ content: '{"score": 4}' }));

    // Act
    const reply = await client.complete({ ...request, responseSchema: schema });

    // Assess
    expect(server.requests[0]?.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'verdict',
        strict: true,
        schema: {
          type: 'object',
          properties: { score: { type: 'integer', minimum: 1, maximum: 5 } },
          required: ['score'],
          additionalProperties: false,
        },
      },
    });
    expect(reply.responseFormat).toBe('json_schema');
    expect(reply.note).toBeUndefined();
  });

  it('falls back to json_object once an endpoint refuses a schema, for the rest of the run, and says so', async () => {
    // Prepare
    const refusal = { error: { message: "Unknown response_format type 'json_schema'", type: 'x' } };
    const schema = responseSchemaOf('verdict', z.object({ score: z.int() }));
    const { client, server } = await clientOf(
      scriptedReplies(
        { status: 400, body: refusal },
        { content: '{"score": 4}' },
        { content: '{"score": 5}' }
      )
    );

    // Act
    const first = await client.complete({ ...request, responseSchema: schema });
    const second = await client.complete({ ...request, responseSchema: schema });

    // Assess: the refused request is not counted against the retries, nor asked again
    expect(server.requests.map((sent) => sent.body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    expect(first).toMatchObject({
      text: '{"score": 4}',
      responseFormat: 'json_object',
      attempts: 2,
    });
    expect(first.note).toContain(
      "the endpoint refused response_format json_schema (HTTP 400: 400 Unknown response_format type 'json_schema')"
    );
    expect(second).toMatchObject({ responseFormat: 'json_object', attempts: 1 });
    expect(second.note).toBe(first.note);
  });

  it('counts the prompt and the token limit of a timed-out attempt in what a failed call spent', async () => {
    // Prepare
    const { client } = await clientOf(() => ({ content: 'late', delayMs: 1_000 }), {
      timeoutMs: 100,
      timeoutRetries: 0,
      maxTokens: { proposer: 500 },
    });

    // Act
    const error = await failureOf(client.complete(request));

    // Assess: 22 prompt tokens by the tokenizer, the whole limit for the answer it may have written
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect(error.spent).toMatchObject({
      model: 'test-large',
      maxTokens: 500,
      usage: { promptTokens: 22, completionTokens: 500, estimated: true },
    });
    expect(error.spent?.usd).toBeCloseTo((22 * 2 + 500 * 8) / 1_000_000, 12);
  });

  it('adds the tokens of failed attempts to those of the attempt that succeeded', async () => {
    // Prepare
    const { client } = await clientOf(
      scriptedReplies(
        { content: 'late', delayMs: 1_000 },
        { content: 'ok', usage: { promptTokens: 30, completionTokens: 2 } }
      ),
      { timeoutMs: 300, maxTokens: { proposer: 100 } }
    );

    // Act
    const reply = await client.complete(request);

    // Assess
    expect(reply.attempts).toBe(2);
    expect(reply.usage).toEqual({
      promptTokens: 22 + 30,
      completionTokens: 100 + 2,
      estimated: true,
    });
  });

  it('reports an answer cut off at the token limit as such', async () => {
    // Prepare
    const { client } = await clientOf(() => ({
      content: '{"idea": "raise',
      finishReason: 'length',
    }));

    // Act
    const reply = await client.complete(request);

    // Assess
    expect(reply.finishReason).toBe('length');
  });

  it('cuts its attempts to the step’s deadline and stops when too little time is left', async () => {
    // Prepare: a 10 s timeout, but the step must be done in 6 s; the server never answers in time
    server = await startFakeOpenAiServer(() => ({ content: 'late', delayMs: 20_000 }));
    const deadline = Date.now() + 6_000;
    const client = createOpenAiLlmClient(
      fakeServerLlmConfig(server, { timeoutMs: 10_000, timeoutRetries: 3, maxRetries: 3 }),
      { apiKey, deadline: () => deadline }
    );
    const started = Date.now();

    // Act
    const error = await failureOf(client.complete(request));

    // Assess: one attempt of the time left, then no room for another
    expect(Date.now() - started).toBeLessThan(7_500);
    expect(error).toMatchObject({ kind: 'deadline', attempts: 1 });
    expect(error.message).toContain("the step's time left cannot hold a retry");
    expect(error.message).toContain("all the step's time left (timeoutMs is 10000)");
    expect(server.requests).toHaveLength(1);
  }, 15_000);

  it('lets go of its connections when closed', async () => {
    // Prepare
    const { client } = await clientOf(scriptedReplies({ content: 'ok' }));
    await client.complete(request);

    // Act
    await client.close();

    // Assess: a closed client makes no more requests
    await expect(client.complete(request)).rejects.toThrow();
  });
});
