import { isJsonObject } from '@ordo/core';
import type { TaskOutcome, TaskRequest, TaskRunContext, TaskRunner } from '../ports/task-runner';
import { truncate } from './error-of';

/** Options of the HTTP runner. */
export interface HttpTaskRunnerOptions {
  /** Largest response body read, in bytes (default 1 MiB); a bigger one fails with `HTTP.ResponseTooLarge`. */
  readonly maxResponseBytes?: number;
  /** Extra headers sent with every request (e.g. an authorization header from configuration). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Runs `http://` / `https://` targets: POSTs the task input as JSON and maps the answer (SPEC Part A
 * §9). 2xx: the parsed body is the output (an empty body is `{}`; anything that is not JSON is
 * passed on as text, so the core fails the task with `FnF.InvalidLocal`). Non-2xx: `error`/`errorType`
 * and `cause`/`errorMessage` of a JSON body, else `HTTP.<status>`. No answer: `HTTP.NetworkError`.
 * The attempt's signal aborts the request when the step times out.
 */
export class HttpTaskRunner implements TaskRunner {
  constructor(private readonly options: HttpTaskRunnerOptions = {}) {}

  async run(request: TaskRequest, context: TaskRunContext): Promise<TaskOutcome> {
    let response: Response;
    try {
      response = await fetch(request.target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json', accept: 'application/json',
          'idempotency-key': request.taskId, 'x-ordo-attempt': String(request.attempt), ...this.options.headers,
        },
        body: JSON.stringify(request.input),
        signal: context.signal,
      });
    } catch (e) {
      if (context.signal.aborted) return { kind: 'none' };
      return { kind: 'failed', error: 'HTTP.NetworkError', cause: truncate(describeNetworkError(e)) };
    }
    let body: string;
    try {
      body = await readBody(response, this.options.maxResponseBytes ?? 1024 * 1024);
    } catch (e) {
      if (context.signal.aborted) return { kind: 'none' };
      if (e instanceof ResponseTooLarge) return { kind: 'failed', error: 'HTTP.ResponseTooLarge', cause: e.message };
      return { kind: 'failed', error: 'HTTP.NetworkError', cause: truncate(describeNetworkError(e)) };
    }
    return response.ok ? success(body) : failure(response.status, body);
  }
}

function success(body: string): TaskOutcome {
  if (body.trim() === '') return { kind: 'succeeded', output: {} };
  const parsed = tryParse(body);
  return { kind: 'succeeded', output: parsed.ok ? parsed.value : body };
}

function failure(status: number, body: string): TaskOutcome {
  const parsed = tryParse(body);
  if (parsed.ok && isJsonObject(parsed.value)) {
    const v = parsed.value;
    const error = firstString(v.error, v.errorType);
    if (error !== undefined) {
      return { kind: 'failed', error, cause: truncate(textOf(v.cause ?? v.errorMessage ?? '')) };
    }
  }
  return { kind: 'failed', error: `HTTP.${status}`, cause: truncate(body) };
}

class ResponseTooLarge extends Error {}

async function readBody(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > max) {
    await response.body?.cancel();
    throw new ResponseTooLarge(`The response declared ${declared} bytes, over the ${max}-byte limit.`);
  }
  const text = await response.text();
  if (Buffer.byteLength(text, 'utf8') > max) throw new ResponseTooLarge(`The response body exceeds the ${max}-byte limit.`);
  return text;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const detail = err.cause?.code ?? err.cause?.message;
  return detail ? `${err.message ?? String(e)} (${detail})` : err.message ?? String(e);
}
