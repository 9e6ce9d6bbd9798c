/** Base error of the core: a stable dotted `code`, a one-sentence message, retryable or not. */
export class CoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CoreError';
  }
}

/** True when `e` is a CoreError with the given code (no cross-package `instanceof` needed). */
export function isCoreError(e: unknown, code?: string): e is CoreError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'CoreError'
    && (code === undefined || (e as { code?: unknown }).code === code);
}
