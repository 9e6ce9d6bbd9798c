import { ApiError, isApiError, type ApiErrorCode, type ApiIssue } from './api-error';

/**
 * Engine error codes (dotted, from `@ordo/runtime`, `@ordo/fdl`, the store) and the API code each
 * becomes. Codes not listed become `INTERNAL` with a generic message (the original is logged).
 */
const API_CODE_OF: Readonly<Record<string, ApiErrorCode>> = {
  'FDL.INVALID_FLOW': 'INVALID_FLOW',
  'RUNTIME.INVALID_FLOW': 'INVALID_FLOW',
  'RUNTIME.INVALID_FLOW_NAME': 'INVALID_ARGUMENT',
  'RUNTIME.UNMAPPED_RESOURCE': 'INVALID_FLOW',
  'RUNTIME.FLOW_NOT_FOUND': 'FLOW_NOT_FOUND',
  'RUNTIME.UNKNOWN_FLOW': 'FLOW_NOT_FOUND',
  'RUNTIME.EXECUTION_NOT_FOUND': 'EXECUTION_NOT_FOUND',
  'RUNTIME.UNKNOWN_EXECUTION': 'EXECUTION_NOT_FOUND',
  'RUNTIME.EXECUTION_ALREADY_EXISTS': 'EXECUTION_ALREADY_EXISTS',
  'RUNTIME.EXECUTION_NOT_RUNNING': 'EXECUTION_NOT_RUNNING',
  'RUNTIME.INVALID_EXECUTION_NAME': 'INVALID_ARGUMENT',
  'RUNTIME.INVALID_NEXT_TOKEN': 'INVALID_ARGUMENT',
  'RUNTIME.INVALID_ARGUMENT': 'INVALID_ARGUMENT',
  'RUNTIME.INVALID_INPUT': 'INVALID_INPUT',
  'RUNTIME.INVALID_OUTPUT': 'INVALID_INPUT',
  'RUNTIME.PAYLOAD_TOO_LARGE': 'PAYLOAD_TOO_LARGE',
  'RUNTIME.INPUT_TOO_LARGE': 'PAYLOAD_TOO_LARGE',
  'RUNTIME.OUTPUT_TOO_LARGE': 'PAYLOAD_TOO_LARGE',
  'RUNTIME.DEFINITION_TOO_LARGE': 'PAYLOAD_TOO_LARGE',
  'RUNTIME.INVALID_TOKEN': 'INVALID_TASK_TOKEN',
  'RUNTIME.TOKEN_REJECTED': 'TASK_TOKEN_REJECTED',
  'RUNTIME.INVALID_NAME': 'INVALID_ARGUMENT',
  'RUNTIME.NO_RUNNER': 'INVALID_FLOW',
  'RUNTIME.ENGINE_STOPPED': 'UNAVAILABLE',
  'RUNTIME.CONCURRENCY_RETRIES_EXHAUSTED': 'UNAVAILABLE',
  'RUNTIME.TIMEOUT': 'UNAVAILABLE',
  'STORE.CLOSED': 'UNAVAILABLE',
  'STORE.UNAVAILABLE': 'UNAVAILABLE',
};

/** Translates any error thrown by the engine into an ApiError with a stable code. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  const ordoCode = codeOf(e);
  const apiCode = ordoCode === undefined ? undefined : API_CODE_OF[ordoCode];
  if (apiCode === undefined || ordoCode === undefined) {
    return new ApiError('INTERNAL', 'The server failed to handle the request; the server log has the details.');
  }
  const issues = apiCode === 'INVALID_FLOW' ? issuesOf(e) : undefined;
  return new ApiError(apiCode, (e as Error).message, issues === undefined ? { ordoCode } : { ordoCode, issues });
}

function codeOf(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function issuesOf(e: unknown): ApiIssue[] | undefined {
  const raw = (e as { issues?: unknown; details?: { issues?: unknown } }).issues ?? (e as { details?: { issues?: unknown } }).details?.issues;
  if (!Array.isArray(raw)) return undefined;
  return raw.map((i: Partial<ApiIssue>) => ({
    code: String(i.code ?? 'FDL.INVALID'),
    message: String(i.message ?? ''),
    path: String(i.path ?? ''),
    line: Number(i.line ?? 1),
    column: Number(i.column ?? 1),
  }));
}
