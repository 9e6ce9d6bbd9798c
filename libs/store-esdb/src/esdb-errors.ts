import { isCommandError, ErrorType, type WrongExpectedVersionError } from '@eventstore/db-client';
import { StoreError, type ExpectedRevision } from '@ordo/runtime';

/** The actual revision a wrong-expected-version error reports, in the port's terms. */
function actualRevisionOf(error: WrongExpectedVersionError): number | 'no_stream' {
  return typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
}

/** A STORE.VERSION_CONFLICT naming the stream and both revisions. */
export function versionConflict(streamId: string, expected: ExpectedRevision, actual: number | 'no_stream', cause?: unknown): StoreError {
  return new StoreError(
    'STORE.VERSION_CONFLICT',
    `Append to stream "${streamId}" expected revision ${String(expected)} but the stream is at revision ${String(actual)}.`,
    { streamId, expected, actual },
    false,
    { cause },
  );
}

/** Translates a client error at the adapter edge; `context` names the operation and stream. */
export function translateEsdbError(error: unknown, context: { operation: string; streamId?: string; expected?: ExpectedRevision }): StoreError {
  if (error instanceof StoreError) return error;
  const where = context.streamId ? `${context.operation} on stream "${context.streamId}"` : context.operation;
  if (!(error instanceof Error) || !isCommandError(error)) {
    return new StoreError('STORE.UNAVAILABLE', `EventStoreDB ${where} failed: ${String(error)}.`, { streamId: context.streamId }, true, { cause: error });
  }
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return versionConflict(context.streamId ?? error.streamName, context.expected ?? 'any', actualRevisionOf(error), error);
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
    case ErrorType.MISSING_REQUIRED_METADATA_PROPERTY:
    case ErrorType.INVALID_ARGUMENT:
    case ErrorType.STREAM_DELETED:
    case ErrorType.ACCESS_DENIED:
      return new StoreError('STORE.INVALID', `EventStoreDB rejected ${where} (${error.type}): ${error.message}.`, { streamId: context.streamId }, false, { cause: error });
    default:
      return new StoreError('STORE.UNAVAILABLE', `EventStoreDB ${where} failed (${error.type}): ${error.message}.`, { streamId: context.streamId }, true, { cause: error });
  }
}
