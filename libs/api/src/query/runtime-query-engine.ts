import type { JsonObject } from '@ordo/core';
import {
  FLOW_STREAM_PREFIX, ReplayService, executionIdOf, lastExecutionRevision, parseFlowStream, readExecutionEvents, type Engine, type EventStore, type RecordedEvent,
} from '@ordo/runtime';
import type { FlowVersionView } from '../engine.port';
import type { AuditEventView, OrdoQueryEngine, ReplayCompatibilityView, ReplayStateView } from './query.port';

const FEED_PAGE = 1000;
const COLUMN_FIELDS = new Set(['path', 'name', 'attempt']);

/** The query side's engine port over `@ordo/runtime`: the event store, the flow registry and the engine's append listener. */
export class RuntimeQueryEngine implements OrdoQueryEngine {
  private readonly replay: ReplayService;

  constructor(private readonly engine: Engine, private readonly store: EventStore) {
    this.replay = new ReplayService(store, engine.registry);
  }

  async flowNames(): Promise<string[]> {
    const names = new Set<string>();
    let start: { after: number } | 'start' = 'start';
    for (;;) {
      const page = await this.store.readAll(start, { limit: FEED_PAGE, streamPrefix: FLOW_STREAM_PREFIX });
      for (const event of page) {
        const name = parseFlowStream(event.streamId);
        if (name !== undefined) names.add(name);
      }
      if (page.length < FEED_PAGE) return [...names].sort();
      start = { after: page[page.length - 1].position };
    }
  }

  async flowVersions(name: string): Promise<FlowVersionView[]> {
    return (await this.engine.registry.versions(name)).map((v) => ({ ...v }));
  }

  async eventsAfter(flowName: string, executionName: string, afterEventId: number, limit: number): Promise<AuditEventView[]> {
    const recorded = await readExecutionEvents(this.store, executionIdOf(flowName, executionName), afterEventId, afterEventId + limit - 1);
    return recorded.map(toAuditEvent);
  }

  async lastEventId(flowName: string, executionName: string): Promise<number> {
    return (await lastExecutionRevision(this.store, executionIdOf(flowName, executionName))) + 1;
  }

  async stateAt(flowName: string, executionName: string, atEventId?: number): Promise<ReplayStateView> {
    const { eventId, lastEventId, state } = await this.replay.stateAt(flowName, executionName, atEventId);
    return { eventId, lastEventId, state: JSON.parse(JSON.stringify(state)) };
  }

  replayAgainst(flowName: string, executionName: string, definition: string): Promise<ReplayCompatibilityView> {
    return this.replay.replayAgainstDefinition(flowName, executionName, definition);
  }

  onAppended(listener: (executionId: string) => void): () => void {
    return this.engine.onExecutionUpdated((executionId) => listener(executionId));
  }
}

/** The audit-trail shape of a stored event (the same fields the `execution_events` view keeps). */
export function toAuditEvent(recorded: RecordedEvent): AuditEventView {
  const data = (recorded.data ?? {}) as Record<string, unknown>;
  const path = typeof data.path === 'string' ? data.path : '';
  const detail: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (!COLUMN_FIELDS.has(key) && value !== undefined) detail[key] = value as JsonObject[string];
  }
  const at = recorded.metadata.at;
  const stepName = recorded.type === 'StepEntered' && typeof data.name === 'string' ? data.name : path.slice(path.lastIndexOf('/') + 1);
  return {
    eventId: recorded.revision + 1,
    type: recorded.type,
    time: typeof at === 'string' ? new Date(at).toISOString() : recorded.recordedAt,
    stepName,
    path,
    attempt: typeof data.attempt === 'number' ? data.attempt : null,
    detail,
  };
}
