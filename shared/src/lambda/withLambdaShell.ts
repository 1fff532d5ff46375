import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { powertoolsFor } from './powertools.js';

/**
 * Wraps a function's core in the shell every Lambda of evolverec shares: an X-Ray segment, the
 * cold-start metric and the stored metrics flushed after each call, and the Lambda context in
 * every log line. The core stays a plain async function; the handlers are wiring only.
 */
function withLambdaShell<TEvent, TResult>(
  name: string,
  core: (event: TEvent, context: Context) => Promise<TResult>
): MiddyfiedHandler<TEvent, TResult> {
  const { logger, metrics, tracer } = powertoolsFor(name);
  return middy<TEvent, TResult>(core)
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

export { withLambdaShell };
