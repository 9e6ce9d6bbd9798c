import type { ExecutionCommand, ExecutionEvent, EventOfType, ExecutionEventType, JsonValue } from '@ordo/core';
import type { RecordedExecutionEvent } from './recorded-history';

/** The events one recorded command produced, with the command rebuilt from them. */
export interface RecordedSegment {
  /** Undefined when the command cannot be rebuilt from the recorded events (`reason` says why). */
  readonly command?: ExecutionCommand;
  readonly reason?: string;
  readonly events: readonly ExecutionEvent[];
  /** Event id of the segment's first event. */
  readonly firstEventId: number;
}

/**
 * Splits recorded events into the segments each command produced and rebuilds the commands.
 * A segment starts where the recorded command type or causation id changes, or where the first
 * event type of the current segment repeats (two heartbeats of one task). Commands that were
 * rejected produced no event and so are absent (decision 1250).
 */
export function recordedSegments(events: readonly RecordedExecutionEvent[]): RecordedSegment[] {
  const groups: RecordedExecutionEvent[][] = [];
  for (const recorded of events) {
    const current = groups[groups.length - 1];
    const head = current?.[0];
    const sameCommand = head !== undefined && head.command === recorded.command && head.causationId === recorded.causationId;
    if (current !== undefined && sameCommand && head.event.type !== recorded.event.type) current.push(recorded);
    else groups.push([recorded]);
  }
  return groups.map(toSegment);
}

function toSegment(group: readonly RecordedExecutionEvent[]): RecordedSegment {
  const head = group[0];
  const events = group.map((g) => g.event);
  const rebuilt = rebuildCommand(head.command, head.causationId, events);
  const base = { events, firstEventId: head.eventId };
  return typeof rebuilt === 'string' ? { ...base, reason: rebuilt } : { ...base, command: rebuilt };
}

function find<T extends ExecutionEventType>(events: readonly ExecutionEvent[], type: T): EventOfType<T> | undefined {
  return events.find((e) => e.type === type) as EventOfType<T> | undefined;
}

/** The command, or a sentence saying why it cannot be rebuilt. */
function rebuildCommand(type: string | undefined, causationId: string | undefined, events: readonly ExecutionEvent[]): ExecutionCommand | string {
  const now = Date.parse(events[0].at);
  const id = causationId ?? '';
  switch (type) {
    case 'StartExecution': {
      const started = find(events, 'ExecutionStarted');
      if (started === undefined) return 'the StartExecution command recorded no ExecutionStarted event';
      const { executionId, executionName, flowName, flowVersion, input, trigger, parent } = started.data;
      return { type, now, data: { executionId, executionName, flowName, flowVersion, input, trigger, ...(parent ? { parent } : {}) } };
    }
    case 'ReportTaskSucceeded': return { type, now, data: { taskId: id, output: reportedOutput(events) } };
    case 'ReportTaskFailed': {
      const failed = find(events, 'TaskFailed');
      if (failed === undefined) return `the ReportTaskFailed command for task ${id} recorded no TaskFailed event`;
      return { type, now, data: { taskId: id, error: failed.data.error, cause: failed.data.cause } };
    }
    case 'ReportTaskHeartbeat': return { type, now, data: { taskId: id } };
    case 'RecordTaskSubmitted': return { type, now, data: { taskId: id } };
    case 'RecordTaskSubmitFailed': {
      const failed = find(events, 'TaskSubmitFailed');
      if (failed === undefined) return `the RecordTaskSubmitFailed command for task ${id} recorded no TaskSubmitFailed event`;
      return { type, now, data: { taskId: id, error: failed.data.error, cause: failed.data.cause } };
    }
    case 'RecordChildStarted': {
      const child = find(events, 'ChildExecutionStarted');
      if (child === undefined) return `the RecordChildStarted command for task ${id} recorded no ChildExecutionStarted event`;
      return { type, now, data: { taskId: id, flowName: child.data.flowName, executionName: child.data.executionName } };
    }
    case 'FireTimer': return { type, now, data: { timerId: id } };
    case 'StopExecution': {
      const stopped = find(events, 'ExecutionStopped');
      return { type, now, data: stopped ? { error: stopped.data.error, cause: stopped.data.cause } : {} };
    }
    default: return `event metadata names no known command (${JSON.stringify(type ?? null)})`;
  }
}

/**
 * The output a success report carried: the TaskSucceeded output, or, when the core turned a
 * non-object output into `FnF.InvalidLocal`, a value of the kind the failure's cause names.
 */
function reportedOutput(events: readonly ExecutionEvent[]): JsonValue {
  const succeeded = find(events, 'TaskSucceeded');
  if (succeeded !== undefined) return succeeded.data.output;
  const cause = find(events, 'TaskFailed')?.data.cause ?? '';
  const kind = / returned (null|an array|string|number|boolean);/.exec(cause)?.[1];
  const samples: Record<string, JsonValue> = { null: null, 'an array': [], string: '', number: 0, boolean: false };
  return kind === undefined ? null : samples[kind];
}
