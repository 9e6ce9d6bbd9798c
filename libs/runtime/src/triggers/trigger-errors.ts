/**
 * Stable codes of trigger, schedule and Kafka-task errors. `TRIGGER.INVALID_CONFIG` is thrown at
 * start-up; the message codes (`TRIGGER.NOT_JSON`, …) name why a consumed message went to the DLQ.
 */
export type TriggerErrorCode =
  | 'TRIGGER.INVALID_CONFIG'
  | 'TRIGGER.NOT_JSON'
  | 'TRIGGER.NOT_AN_OBJECT'
  | 'TRIGGER.CONDITION_FAILED'
  | 'TRIGGER.MAPPING_FAILED'
  | 'TRIGGER.INVALID_EXECUTION_NAME'
  | 'TRIGGER.FLOW_NOT_FOUND'
  | 'TRIGGER.INVALID_INPUT'
  | 'TRIGGER.EXECUTION_NAME_TAKEN'
  | 'TASK_RESULT.MALFORMED'
  | 'TASK_RESULT.INVALID_TOKEN'
  | 'TASK_RESULT.REJECTED'
  | 'TASK_RESULT.INVALID_OUTPUT'
  | 'WORKER.MALFORMED_TASK';

/** An error of the triggers layer: a stable dotted `code`, a one-sentence message, details. */
export class TriggerError extends Error {
  constructor(
    readonly code: TriggerErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TriggerError';
  }
}

/** True when `e` is a TriggerError, optionally with the given code (no cross-package `instanceof`). */
export function isTriggerError(e: unknown, code?: TriggerErrorCode): e is TriggerError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'TriggerError'
    && (code === undefined || (e as { code?: unknown }).code === code);
}
