import { ApiError, type ApiErrorCode } from '../../errors/api-error';
import { callEngine, type InternalErrorSink } from '../../errors/graphql-error';

/** Read-model error codes (`READ.*`) and the API code each becomes. */
const API_CODE_OF_READ: Readonly<Record<string, ApiErrorCode>> = {
  'READ.INVALID_CURSOR': 'INVALID_ARGUMENT',
  'READ.INVALID_ARGUMENT': 'INVALID_ARGUMENT',
  'READ.INVALID_WINDOW': 'INVALID_ARGUMENT',
  'READ.UNAVAILABLE': 'UNAVAILABLE',
  'READ.CLOSED': 'UNAVAILABLE',
};

/** Runs one query; read-model and engine failures become GraphQL errors with stable codes. */
export function callQuery<T>(operation: string, sink: InternalErrorSink, call: () => Promise<T>): Promise<T> {
  return callEngine(operation, sink, async () => {
    try {
      return await call();
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      const apiCode = typeof code === 'string' ? API_CODE_OF_READ[code] : undefined;
      if (apiCode === undefined) throw e;
      throw new ApiError(apiCode, (e as Error).message, { ordoCode: code as string });
    }
  });
}
