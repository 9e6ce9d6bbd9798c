import { GraphQLError } from 'graphql';
import type { ApiError } from './api-error';
import { toApiError } from './to-api-error';

/** Receives errors the API could not classify (they reach callers only as `INTERNAL`). */
export type InternalErrorSink = (error: unknown, operation: string) => void;

/** Injection token of the InternalErrorSink (the server binds it to its logger). */
export const API_INTERNAL_ERROR_SINK = Symbol('API_INTERNAL_ERROR_SINK');

/** An ApiError as a GraphQL error whose `extensions` carry `code` (and `issues` for flows). */
export function toGraphqlError(error: ApiError, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.toExtensions(), ...extra } });
}

/** Runs one engine call; any failure becomes a GraphQL error with a stable code. */
export async function callEngine<T>(operation: string, sink: InternalErrorSink, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const apiError = toApiError(e);
    if (apiError.code === 'INTERNAL') sink(e, operation);
    throw toGraphqlError(apiError);
  }
}
