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
