import type { JsonObject, JsonValue } from '@ordo/core';
import type { FlowVersionView } from '../engine.port';

/** Injection token of the views (`ReadModelStore` from `@ordo/read-models`) the query resolvers read. */
export const ORDO_READ_MODELS = Symbol('ORDO_READ_MODELS');
/** Injection token of the `OrdoQueryEngine` (flow registry, replay, live feed). */
export const ORDO_QUERY_ENGINE = Symbol('ORDO_QUERY_ENGINE');
/** One audit-trail event as the API shows it (the `execution_events` view's row shape). */
export interface AuditEventView {
  readonly eventId: number;
  readonly type: string;
  readonly time: string;
  readonly stepName: string;
  readonly path: string;
  readonly attempt: number | null;
  readonly detail: JsonObject;
}

/** The state of an execution after one event. */
export interface ReplayStateView {
  readonly eventId: number;
  readonly lastEventId: number;
  readonly state: JsonValue;
}

/** Whether a recorded history stays compatible with a definition, and where it stops. */
export interface ReplayCompatibilityView {
  readonly compatible: boolean;
  readonly divergence?: { readonly eventId: number; readonly reason: string };
  readonly commandsChecked: number;
}

/**
 * What the query side needs from the write side, read from the event store: flow versions, the
 * recorded events of an execution (for live subscriptions), replays, and a wake-up signal after
 * appends. The server binds it to `@ordo/runtime`; failures carry dotted `RUNTIME.*` codes.
 */
export interface OrdoQueryEngine {
  /** Names of every deployed flow, sorted. */
  flowNames(): Promise<string[]>;
  /** Every version of a flow, oldest first (`[]` when never deployed). */
  flowVersions(name: string): Promise<FlowVersionView[]>;
  /** Up to `limit` recorded events after `afterEventId`, in order (`[]` for unknown executions). */
  eventsAfter(flowName: string, executionName: string, afterEventId: number, limit: number): Promise<AuditEventView[]>;
  /** Event id of the execution's newest event, 0 when it has none. */
  lastEventId(flowName: string, executionName: string): Promise<number>;
  stateAt(flowName: string, executionName: string, atEventId?: number): Promise<ReplayStateView>;
  replayAgainst(flowName: string, executionName: string, definition: string): Promise<ReplayCompatibilityView>;
  /** Calls `listener` with the execution id after appends this process made; returns the unsubscribe function. */
  onAppended(listener: (executionId: string) => void): () => void;
}
