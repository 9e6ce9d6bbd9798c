/** Errors raised by EventStore adapters, identified by a stable `code`. */
export class StoreError extends Error {
  constructor(
    readonly code: 'STORE.VERSION_CONFLICT' | 'STORE.UNAVAILABLE' | 'STORE.INVALID' | 'STORE.CLOSED',
    message: string,
    readonly details: { streamId?: string; expected?: unknown; actual?: unknown } = {},
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** True when `e` is a StoreError with the given code. */
export function isStoreError(e: unknown, code?: StoreError['code']): e is StoreError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'StoreError'
    && (code === undefined || (e as { code?: unknown }).code === code);
}

/**
 * The VERSION_CONFLICT every adapter raises, so messages read the same whatever the store:
 * it names the stream, the expected revision and the actual one (`no_stream` when missing).
 */
export function versionConflictError(
  streamId: string, expected: number | 'no_stream' | 'any', actual: number | 'no_stream', options?: { cause?: unknown },
): StoreError {
  const actualText = actual === 'no_stream' ? 'no_stream (the stream does not exist)' : `revision ${actual}`;
  return new StoreError(
    'STORE.VERSION_CONFLICT',
    `Append to stream "${streamId}" expected revision ${expected} but the stream is at ${actualText}.`,
    { streamId, expected, actual },
    true,
    options,
  );
}
