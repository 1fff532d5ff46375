/** Every failure evolverec raises on purpose; callers branch on `code`, never on messages. */
type ErrorCode =
  | 'USAGE'
  | 'FILE_MISSING'
  | 'CONTRACT_VIOLATION'
  | 'MODEL_MISMATCH'
  | 'ITEM_OUT_OF_RANGE'
  | 'INVALID_ARGUMENT'
  | 'TRAINER_PROCESS'
  | 'EVOLVE_BLOCK'
  | 'SEARCH_SPACE'
  | 'SEED_FAILED'
  | 'LLM'
  | 'SIMULATION_FAILED'
  | 'STALE_STATE'
  | 'STATE_DIR_BUSY'
  | 'PREFLIGHT'
  | 'REMOTE_API';

class EvolverecError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A command line flag or argument is missing or malformed; the message names it. */
class UsageError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('USAGE', message, options);
  }
}

/** A file that a contract requires (model.onnx, model.json, metrics.json, …) is absent. */
class FileMissingError extends EvolverecError {
  readonly path: string;

  constructor(path: string, what: string, options?: ErrorOptions) {
    super('FILE_MISSING', `${what} not found: ${path}`, options);
    this.path = path;
  }
}

/** JSON crossing a boundary does not match its zod schema; `issues` is zod's list. */
class ContractViolationError extends EvolverecError {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];

  constructor(what: string, issues: ContractViolationError['issues'], options?: ErrorOptions) {
    const details = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super('CONTRACT_VIOLATION', `${what} is invalid: ${details.join('; ')}`, options);
    this.issues = issues;
  }
}

/** The ONNX graph disagrees with its manifest (a missing input, output or tap, a wrong shape). */
class ModelMismatchError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('MODEL_MISMATCH', message, options);
  }
}

/** A history holds an item id outside 1..numItems of the model. */
class ItemOutOfRangeError extends EvolverecError {
  constructor(item: number, user: number, numItems: number) {
    super(
      'ITEM_OUT_OF_RANGE',
      `item id ${item} of history ${user} is outside 1..${numItems} of the model`
    );
  }
}

/** A caller passed a value a function cannot use (k out of range, an unknown tap, …). */
class InvalidArgumentError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('INVALID_ARGUMENT', message, options);
  }
}

/** The trainer subprocess could not start, crashed, or left no result behind. */
class TrainerProcessError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('TRAINER_PROCESS', message, options);
  }
}

/**
 * Why an LLM call failed; the client retries only timeout, rate_limited, server and connection.
 * `deadline`: the step's time left (its Lambda's limit) could not hold another attempt.
 */
type LlmFailureKind =
  | 'timeout'
  | 'deadline'
  | 'rate_limited'
  | 'server'
  | 'auth'
  | 'bad_request'
  | 'connection'
  | 'empty_response';

/** What a failed LLM call cost all the same, so that its tokens reach the ledger. */
interface LlmSpending {
  readonly model: string;
  readonly usage: {
    readonly promptTokens: number;
    readonly completionTokens: number;
    /** True when counted by a tokenizer (or bounded by the token limit), not by the server. */
    readonly estimated: boolean;
  };
  readonly usd: number;
  /** ISO time the first attempt started. */
  readonly startedAt: string;
  readonly latencyMs: number;
  readonly maxTokens: number;
}

/**
 * An LLM call failed for good (retries exhausted or not retryable). The message never holds the
 * API key or an Authorization header; `status` is the last HTTP status when there was one;
 * `spent` is what its attempts cost.
 */
class LlmError extends EvolverecError {
  readonly kind: LlmFailureKind;
  readonly attempts: number;
  readonly status: number | undefined;
  readonly spent: LlmSpending | undefined;

  constructor(
    kind: LlmFailureKind,
    attempts: number,
    message: string,
    options?: ErrorOptions & { readonly status?: number; readonly spent?: LlmSpending }
  ) {
    super('LLM', message, options);
    this.kind = kind;
    this.attempts = attempts;
    this.status = options?.status;
    this.spent = options?.spent;
  }
}

/** A program file's EVOLVE-BLOCK markers are unbalanced, nested or name a block twice. */
class EvolveBlockError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('EVOLVE_BLOCK', message, options);
  }
}

/** A nas search space is inconsistent, or a program does not fit it (a missing HPARAMS line, …). */
class SearchSpaceError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('SEARCH_SPACE', message, options);
  }
}

/** The seed program failed in the harness: nothing can evolve from it, so the run cannot start. */
class SeedProgramFailedError extends EvolverecError {
  constructor(reason: string) {
    super('SEED_FAILED', `the seed program failed, so the run cannot start: ${reason}`);
  }
}

/**
 * Every simulated user of a candidate failed, so there are no figures to report, only reasons;
 * `exchanges` are the LLM calls they made, whose tokens count all the same.
 */
class SimulationFailedError extends EvolverecError {
  readonly exchanges: readonly unknown[];

  constructor(users: number, firstReason: string, exchanges: readonly unknown[] = []) {
    super('SIMULATION_FAILED', `all ${users} simulated users failed; the first: ${firstReason}`);
    this.exchanges = exchanges;
  }
}

/** A run state older than the stored one was saved (a replayed step): the newer one is kept. */
class StaleStateError extends EvolverecError {
  constructor(runId: string, generation: number, options?: ErrorOptions) {
    super(
      'STALE_STATE',
      `the state of run ${runId} at generation ${generation} is older than the stored one`,
      options
    );
  }
}

/**
 * The local state dir is in use: a run is going on there, or another command holds the embedded
 * store for a moment. The message says which and what to do.
 */
class StateDirBusyError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('STATE_DIR_BUSY', message, options);
  }
}

/**
 * A check before anything trains failed (a key, an endpoint, a dataset, a budget): nothing was
 * spent. The message names what failed and what to do next.
 */
class PreflightError extends EvolverecError {
  constructor(message: string, options?: ErrorOptions) {
    super('PREFLIGHT', message, options);
  }
}

/**
 * The deployed runs API (or CloudFormation, finding it) refused or failed a request. `status`
 * is the HTTP status when one came back; the message says what to do next.
 */
class RemoteApiError extends EvolverecError {
  readonly status?: number;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super('REMOTE_API', message, options);
    if (status !== undefined) this.status = status;
  }
}

/**
 * The names (Lambda's errorType) of errors that a retry of the same step cannot cure: every
 * failure evolverec raises on purpose (a bad input, a missing object, an LLM that gave up after
 * its own retries, a stale state) and a payload that fails its schema. The state machine does
 * not retry them; anything else (throttling, a timeout, a network fault) it retries.
 */
const PERMANENT_ERROR_NAMES = [
  ContractViolationError.name,
  EvolveBlockError.name,
  FileMissingError.name,
  InvalidArgumentError.name,
  ItemOutOfRangeError.name,
  LlmError.name,
  ModelMismatchError.name,
  SearchSpaceError.name,
  SeedProgramFailedError.name,
  SimulationFailedError.name,
  StaleStateError.name,
  TrainerProcessError.name,
  UsageError.name,
  'ZodError',
] as const;

export type { ErrorCode, LlmFailureKind, LlmSpending };
export {
  ContractViolationError,
  EvolveBlockError,
  EvolverecError,
  FileMissingError,
  InvalidArgumentError,
  ItemOutOfRangeError,
  LlmError,
  ModelMismatchError,
  PERMANENT_ERROR_NAMES,
  PreflightError,
  RemoteApiError,
  SearchSpaceError,
  SeedProgramFailedError,
  SimulationFailedError,
  StaleStateError,
  StateDirBusyError,
  TrainerProcessError,
  UsageError,
};
