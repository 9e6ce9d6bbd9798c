/** Stable error codes of Ordo's API (GraphQL `extensions.code`, webhook `code`). */
export type ApiErrorCode =
  | 'INVALID_FLOW'
  | 'FLOW_NOT_FOUND'
  | 'EXECUTION_NOT_FOUND'
  | 'EXECUTION_ALREADY_EXISTS'
  | 'EXECUTION_NOT_RUNNING'
  | 'INVALID_ARGUMENT'
  | 'INVALID_INPUT'
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'INVALID_TASK_TOKEN'
  | 'TASK_TOKEN_REJECTED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'PAGE_SIZE_TOO_LARGE'
  | 'INTROSPECTION_DISABLED';

/** HTTP status each code maps to on the plain-HTTP endpoints (webhooks, body parsing). */
export const HTTP_STATUS_OF: Readonly<Record<ApiErrorCode, number>> = {
  INVALID_FLOW: 400,
  FLOW_NOT_FOUND: 404,
  EXECUTION_NOT_FOUND: 404,
  EXECUTION_ALREADY_EXISTS: 409,
  EXECUTION_NOT_RUNNING: 409,
  INVALID_ARGUMENT: 400,
  INVALID_INPUT: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_TASK_TOKEN: 400,
  TASK_TOKEN_REJECTED: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COMPLEX: 400,
  PAGE_SIZE_TOO_LARGE: 400,
  INTROSPECTION_DISABLED: 400,
};

/** One FDL validation problem as the API reports it. */
export interface ApiIssue {
  readonly code: string;
  readonly message: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/**
 * An error the API reports to its caller: a stable `code`, a one-sentence message, and for
 * invalid flows the list of `issues`. `ordoCode` keeps the engine's dotted code for operators.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: { ordoCode?: string; issues?: readonly ApiIssue[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The HTTP status for plain-HTTP endpoints. */
  get httpStatus(): number {
    return HTTP_STATUS_OF[this.code];
  }

  /** The fields GraphQL puts under `extensions` and webhooks put in the body. */
  toExtensions(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code };
    if (this.details.ordoCode !== undefined) out.ordoCode = this.details.ordoCode;
    if (this.details.issues !== undefined) out.issues = this.details.issues;
    return out;
  }
}

/** True when `e` is an ApiError (no cross-package `instanceof` needed). */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError';
}
