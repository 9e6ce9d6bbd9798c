import { fold, initialState, type CompiledFlow, type ExecutionState } from '@ordo/core';
import { compileFlowText } from '@ordo/fdl';
import { decodeExecutionEvent } from '../engine/event-codec';
import { RuntimeError } from '../errors';
import type { EventStore } from '../ports/event-store';
import type { FlowRegistry } from '../ports/flow-registry';
import { assertValidName, executionIdOf } from '../streams';
import { checkCompatibility, type ReplayCompatibility } from './compatibility';
import { recordedSegments } from './recorded-commands';
import { lastExecutionRevision, readExecutionEvents, toRecordedExecutionEvent } from './recorded-history';
import { snapshotAtOrBefore } from './snapshot-lookup';

/** The state of an execution after one of its events. */
export interface StateAtEvent {
  /** The event the state is taken after (1-based). */
  readonly eventId: number;
  /** Event id of the execution's newest event. */
  readonly lastEventId: number;
  readonly state: ExecutionState;
}

/**
 * Time travel and what-if replays over recorded executions, framework-free. `stateAt` starts
 * from the newest snapshot at or before the event and folds the rest, so its cost is bounded by
 * the snapshot interval, not the history length. `replayAgainst` re-decides the recorded commands
 * with another definition (decision 1250).
 */
export class ReplayService {
  constructor(private readonly store: EventStore, private readonly registry?: FlowRegistry) {}

  /** The state exactly as the reducer rebuilds it after `atEventId` (default: the newest event). */
  async stateAt(flowName: string, executionName: string, atEventId?: number): Promise<StateAtEvent> {
    const executionId = this.executionId(flowName, executionName);
    const last = await lastExecutionRevision(this.store, executionId);
    if (last < 0) throw notFound(flowName, executionName);
    const target = atEventId === undefined ? last : atEventId - 1;
    if (!Number.isInteger(target) || target < 0 || target > last) {
      throw new RuntimeError('RUNTIME.INVALID_ARGUMENT',
        `atEventId must be an event id from 1 to ${last + 1} of execution ${executionName} of flow ${flowName}, got ${atEventId}.`,
        { flowName, executionName, atEventId });
    }
    const snapshot = await snapshotAtOrBefore(this.store, executionId, target);
    const start = snapshot ?? initialState();
    const events = await readExecutionEvents(this.store, executionId, start.revision + 1, target);
    return { eventId: target + 1, lastEventId: last + 1, state: fold(events.map(decodeExecutionEvent), start) };
  }

  /** Replays the recorded history against an FDL text (`RUNTIME.INVALID_FLOW` when it does not compile). */
  async replayAgainstDefinition(flowName: string, executionName: string, definition: string): Promise<ReplayCompatibility> {
    return this.replayAgainst(flowName, executionName, compileOrThrow(flowName, definition));
  }

  /** Replays the recorded history against the flow version the execution was started with. */
  async replayAgainstRecordedVersion(flowName: string, executionName: string): Promise<ReplayCompatibility> {
    if (this.registry === undefined) throw new RuntimeError('RUNTIME.INVALID_ARGUMENT', 'The replay service has no flow registry to load recorded versions from.');
    const { state } = await this.stateAt(flowName, executionName, 1);
    return this.replayAgainst(flowName, executionName, await this.registry.compiled(flowName, state.flowVersion));
  }

  /** Re-decides every recorded command of the execution with `flow`; reports the first divergence. */
  async replayAgainst(flowName: string, executionName: string, flow: CompiledFlow): Promise<ReplayCompatibility> {
    const executionId = this.executionId(flowName, executionName);
    const recorded = await readExecutionEvents(this.store, executionId);
    if (recorded.length === 0) throw notFound(flowName, executionName);
    return checkCompatibility(flow, recordedSegments(recorded.map(toRecordedExecutionEvent)));
  }

  private executionId(flowName: string, executionName: string): string {
    assertValidName('flow', flowName);
    assertValidName('execution', executionName);
    return executionIdOf(flowName, executionName);
  }
}

function compileOrThrow(flowName: string, definition: string): CompiledFlow {
  const { flow, issues } = compileFlowText(definition);
  if (flow !== undefined) return flow;
  const first = issues[0];
  const where = first ? ` (first: ${first.line}:${first.column} ${first.code} ${first.message})` : '';
  throw new RuntimeError('RUNTIME.INVALID_FLOW', `The definition to replay ${flowName} against is not valid FDL: ${issues.length} issue(s)${where}.`,
    { flowName, issues });
}

function notFound(flowName: string, executionName: string): RuntimeError {
  return new RuntimeError('RUNTIME.EXECUTION_NOT_FOUND', `Execution ${executionName} of flow ${flowName} does not exist.`, { flowName, executionName });
}
