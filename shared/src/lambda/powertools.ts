import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * A function's logger, metrics and tracer. Powertools reads its environment when these are
 * constructed, i.e. when a handler module is imported; set it before that. Outside Lambda (the
 * local runner and the tests call the handlers in-process) these keep stdout quiet:
 *
 *     POWERTOOLS_LOG_LEVEL=SILENT        no log lines (and, see below, no metrics notices)
 *     POWERTOOLS_METRICS_DISABLED=true   no EMF metric lines
 *     POWERTOOLS_TRACE_ENABLED=false     no X-Ray segments (off anyway without AWS_EXECUTION_ENV)
 *
 * POWERTOOLS_DEV=true instead prints pretty logs through the global console and disables the
 * metrics: for looking at a local run, not for keeping it quiet.
 */
interface Powertools {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

const DEFAULT_METRICS_NAMESPACE = 'evolverec';

const byFunctionName = new Map<string, Powertools>();

/** One set per function name, so the local runner's handlers in one process keep theirs apart. */
function powertoolsFor(functionName: string): Powertools {
  const existing = byFunctionName.get(functionName);
  if (existing !== undefined) return existing;
  const logger = new Logger({ serviceName: functionName });
  const created: Powertools = {
    logger,
    metrics: new Metrics({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE,
      serviceName: functionName,
      // Its notices ("No application metrics to publish") follow the log level, not stderr.
      logger,
    }),
    tracer: new Tracer({ serviceName: functionName }),
  };
  byFunctionName.set(functionName, created);
  return created;
}

export type { Powertools };
export { powertoolsFor };
