import type { ApiResponse } from './apiRequest.js';

/** What a client may branch on; the message says the rest. */
type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'INTERNAL';

/** A request the API answers with an error status; the message is shown to the caller as is. */
class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;

  constructor(statusCode: number, code: ApiErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.code = code;
  }

  /** `{ error: { code, message } }`, the body of every error response. */
  toResponse(): ApiResponse {
    return {
      statusCode: this.statusCode,
      body: { error: { code: this.code, message: this.message } },
    };
  }
}

/**
 * What the caller sees of a failure the API did not expect: nothing of it, since its message may
 * name tables, keys or worse. The shell logs the error itself.
 */
function internalErrorResponse(): ApiResponse {
  return new ApiError(500, 'INTERNAL', 'internal error; it has been logged').toResponse();
}

export type { ApiErrorCode };
export { ApiError, internalErrorResponse };
