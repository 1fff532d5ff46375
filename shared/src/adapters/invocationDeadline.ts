import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time (epoch ms) by which the step running in this async context must be done: its
 * Lambda's limit less a margin to store what it did. The Lambda shell sets it for each
 * invocation; the LLM clients read it before each attempt, so that a step's calls and retries
 * fit its function's limit. The local runner's steps run concurrently in one process, so the
 * deadline is carried by the async context, never by a shared variable.
 */
const deadlines = new AsyncLocalStorage<number>();

function withInvocationDeadline<T>(deadlineMs: number, run: () => Promise<T>): Promise<T> {
  return deadlines.run(deadlineMs, run);
}

/** The current invocation's deadline, or undefined outside one (a CLI eval, a bench). */
function invocationDeadline(): number | undefined {
  return deadlines.getStore();
}

export { invocationDeadline, withInvocationDeadline };
