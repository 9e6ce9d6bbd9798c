import { decide, fold, initialState, jsonEqual, type CompiledFlow, type ExecutionEvent, type ExecutionState } from '@ordo/core';
import type { RecordedSegment } from './recorded-commands';

/** Where a recorded history stops matching a definition, and why. */
export interface ReplayDivergence {
  /** Event id (1-based) of the first recorded event the definition does not reproduce. */
  readonly eventId: number;
  readonly reason: string;
}

/** The outcome of replaying a recorded history against a flow definition. */
export interface ReplayCompatibility {
  readonly compatible: boolean;
  readonly divergence?: ReplayDivergence;
  /** Commands re-decided before the divergence (or all of them). */
  readonly commandsChecked: number;
}

/**
 * Re-decides every recorded command with `flow` against the state folded from the recorded events
 * so far, and reports the first event the definition decides differently (decision 1250).
 */
export function checkCompatibility(flow: CompiledFlow, segments: readonly RecordedSegment[]): ReplayCompatibility {
  let state: ExecutionState = initialState();
  let checked = 0;
  for (const segment of segments) {
    const divergence = divergenceOf(flow, state, segment);
    if (divergence !== undefined) return { compatible: false, divergence, commandsChecked: checked };
    state = fold(segment.events, state);
    checked += 1;
  }
  return { compatible: true, commandsChecked: checked };
}

function divergenceOf(flow: CompiledFlow, state: ExecutionState, segment: RecordedSegment): ReplayDivergence | undefined {
  const { command, events, firstEventId } = segment;
  if (command === undefined) return { eventId: firstEventId, reason: `Cannot rebuild the command: ${segment.reason ?? 'unknown'}.` };
  let decided: readonly ExecutionEvent[];
  try {
    decided = decide(command, state, flow).events;
  } catch (e) {
    return { eventId: firstEventId, reason: `${command.type} fails under this definition: ${e instanceof Error ? e.message : String(e)}` };
  }
  const count = Math.max(decided.length, events.length);
  for (let i = 0; i < count; i++) {
    if (!jsonEqual(decided[i], events[i])) {
      return { eventId: firstEventId + Math.min(i, events.length - 1), reason: describeMismatch(command.type, events[i], decided[i]) };
    }
  }
  return undefined;
}

function describeEvent(event: ExecutionEvent | undefined): string {
  if (event === undefined) return 'no event';
  const path = (event.data as { path?: unknown }).path;
  return typeof path === 'string' && path !== '' ? `${event.type} at ${path}` : event.type;
}

function describeMismatch(command: string, recorded: ExecutionEvent | undefined, decided: ExecutionEvent | undefined): string {
  const was = describeEvent(recorded);
  const now = describeEvent(decided);
  if (was !== now) return `After ${command} the history recorded ${was}, but this definition decides ${now}.`;
  const field = firstDifferentField(recorded?.data, decided?.data);
  return `After ${command} the history recorded ${was}, and this definition decides it with a different ${field}.`;
}

function firstDifferentField(a: unknown, b: unknown): string {
  const left = (a ?? {}) as Record<string, unknown>;
  const right = (b ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const key = keys.find((k) => !jsonEqual(left[k], right[k]));
  return key === undefined ? 'time' : `"${key}"`;
}
