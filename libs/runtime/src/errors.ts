/** Stable codes of the errors the runtime raises (one sentence each, naming the field, token or name). */
export type RuntimeErrorCode =
  | 'RUNTIME.INVALID_FLOW'
  | 'RUNTIME.INVALID_NAME'
  | 'RUNTIME.FLOW_NOT_FOUND'
  | 'RUNTIME.EXECUTION_NOT_FOUND'
  | 'RUNTIME.EXECUTION_ALREADY_EXISTS'
  | 'RUNTIME.EXECUTION_NOT_RUNNING'
  | 'RUNTIME.INVALID_INPUT'
  | 'RUNTIME.PAYLOAD_TOO_LARGE'
  | 'RUNTIME.INVALID_OUTPUT'
  | 'RUNTIME.INVALID_ARGUMENT'
  | 'RUNTIME.INVALID_TOKEN'
  | 'RUNTIME.TOKEN_REJECTED'
  | 'RUNTIME.INVALID_NEXT_TOKEN'
  | 'RUNTIME.UNMAPPED_RESOURCE'
  | 'RUNTIME.NO_RUNNER'
  | 'RUNTIME.NO_HANDLER'
  | 'RUNTIME.INVALID_CONFIG'
  | 'RUNTIME.CONCURRENCY_RETRIES_EXHAUSTED'
  | 'RUNTIME.ENGINE_STOPPED'
  | 'RUNTIME.TIMEOUT'
  | 'RUNTIME.INVALID_COMMAND_MESSAGE';

/** The runtime's error: a stable dotted `code`, a one-sentence message, optional details. */
export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RuntimeError';
  }

  /** FDL issues for `RUNTIME.INVALID_FLOW` (empty otherwise), for callers that print them. */
  get issues(): unknown[] {
    return Array.isArray(this.details.issues) ? this.details.issues : [];
  }
}

/** True when `e` is a RuntimeError, optionally with the given code (no cross-package `instanceof`). */
export function isRuntimeError(e: unknown, code?: RuntimeErrorCode): e is RuntimeError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'RuntimeError'
    && (code === undefined || (e as { code?: unknown }).code === code);
}
