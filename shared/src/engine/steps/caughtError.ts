import type { CaughtError } from './stepPayloads.js';

/** Longest error kept in a failure reason. */
const MAX_ERROR_CHARS = 2_000;

/**
 * A Catch's error as one line for a failure reason: `Error: Cause`, with a Lambda's JSON cause
 * reduced to its message.
 */
function describeCaughtError(error: CaughtError | undefined): string {
  if (error === undefined) return 'no error was reported';
  const text =
    error.Cause === undefined ? error.Error : `${error.Error}: ${causeMessage(error.Cause)}`;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/** Lambda puts `{"errorType", "errorMessage", "trace"}` in Cause; people need the message. */
function causeMessage(cause: string): string {
  try {
    const parsed: unknown = JSON.parse(cause);
    const message = (parsed as { errorMessage?: unknown }).errorMessage;
    return typeof message === 'string' ? message : cause;
  } catch {
    return cause;
  }
}

export { describeCaughtError };
