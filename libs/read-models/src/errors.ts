/** Codes raised by the read-model lib; stable, dotted, never reworded. */
export type ReadModelErrorCode =
  | 'READ.REVISION_GAP'
  | 'READ.INVALID_EVENT'
  | 'READ.INVALID_CURSOR'
  | 'READ.INVALID_WINDOW'
  | 'READ.INVALID_ARGUMENT'
  | 'READ.UNAVAILABLE'
  | 'READ.CLOSED';

/** Base error of the read models: a stable dotted `code`, a one-sentence message, retryable or not. */
export class ReadModelError extends Error {
  constructor(
    readonly code: ReadModelErrorCode,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReadModelError';
  }
}

/** True when `e` is a ReadModelError (optionally with the given code), without `instanceof`. */
export function isReadModelError(e: unknown, code?: ReadModelErrorCode): e is ReadModelError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ReadModelError'
    && (code === undefined || (e as { code?: unknown }).code === code);
}
