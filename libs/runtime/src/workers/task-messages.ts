import { isJsonObject, type JsonObject, type TaskPattern } from '@ordo/core';

/**
 * The JSON value Ordo publishes to a `kafka:TOPIC` task topic (key = execution id). `taskToken`
 * is the attempt's secret for reporting back; `taskId` (`<executionId>:<path>:<attempt>`) is
 * stable across re-dispatches, so workers can de-duplicate on it.
 */
export interface KafkaTaskMessage {
  readonly taskToken: string;
  readonly taskId: string;
  readonly input: JsonObject;
  readonly flowName: string;
  readonly executionName: string;
  readonly stepName: string;
  readonly path: string;
  readonly attempt: number;
  readonly pattern: TaskPattern;
  /** ISO time after which Ordo times the attempt out. */
  readonly timeoutAt?: string;
}

/** A worker's report on `ordo.task-results.v1` (key = the task's execution id, when known). */
export type TaskResultMessage =
  | { readonly taskToken: string; readonly status: 'succeeded'; readonly output?: unknown }
  | { readonly taskToken: string; readonly status: 'failed'; readonly error: string; readonly cause?: string }
  | { readonly taskToken: string; readonly status: 'heartbeat' };

/** Header names on task and result messages. */
export const TASK_HEADERS = {
  taskId: 'ordo-task-id',
  attempt: 'ordo-attempt',
  pattern: 'ordo-pattern',
  replyTo: 'ordo-reply-to',
} as const;

/** Parses a result message, or explains in one sentence why it is malformed. */
export function parseTaskResult(text: string): { ok: true; result: TaskResultMessage } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `the value is not JSON (${(e as Error).message})` };
  }
  if (!isJsonObject(value)) return { ok: false, problem: 'the value is not a JSON object' };
  const { taskToken, status } = value;
  if (typeof taskToken !== 'string' || taskToken === '') return { ok: false, problem: 'taskToken must be a non-empty string' };
  if (status === 'succeeded') return { ok: true, result: { taskToken, status, output: value.output } };
  if (status === 'heartbeat') return { ok: true, result: { taskToken, status } };
  if (status !== 'failed') return { ok: false, problem: `status must be succeeded, failed or heartbeat, got ${JSON.stringify(status)}` };
  if (typeof value.error !== 'string' || value.error === '') return { ok: false, problem: 'a failed result needs a non-empty string "error"' };
  if (value.cause !== undefined && value.cause !== null && typeof value.cause !== 'string') return { ok: false, problem: '"cause" must be a string' };
  return { ok: true, result: { taskToken, status, error: value.error, ...(typeof value.cause === 'string' ? { cause: value.cause } : {}) } };
}

/** Parses a task message as a worker receives it, or explains why it is not one. */
export function parseTaskMessage(text: string): { ok: true; task: KafkaTaskMessage } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `the value is not JSON (${(e as Error).message})` };
  }
  if (!isJsonObject(value)) return { ok: false, problem: 'the value is not a JSON object' };
  if (typeof value.taskToken !== 'string' || value.taskToken === '') return { ok: false, problem: 'taskToken must be a non-empty string' };
  if (!isJsonObject(value.input)) return { ok: false, problem: 'input must be a JSON object' };
  return { ok: true, task: value as unknown as KafkaTaskMessage };
}
