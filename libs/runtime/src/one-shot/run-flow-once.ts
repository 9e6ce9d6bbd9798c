import type { ExecutionStatus, JsonObject } from '@ordo/core';
import { InMemoryEventStore } from '../adapters/in-memory-event-store';
import { SystemClock } from '../clock/system-clock';
import { VirtualClock } from '../clock/virtual-clock';
import { Engine } from '../engine/engine';
import type { ExecutionDescription } from '../engine/execution-description';
import { toHistoryEvent } from '../engine/history';
import { EventStoreFlowRegistry } from '../flows/event-store-flow-registry';
import type { ResourceResolver } from '../flows/resource-map';
import { HttpTaskRunner } from '../runners/http-task-runner';
import type { TaskRequest, TaskRunContext, TaskRunner } from '../ports/task-runner';
import { executionStream } from '../streams';
import { ChildFlowRunner } from '../runners/child-flow-runner';
import type { TaskHandler } from '../runners/local-task-runner';
import { childFlowText, LazyChildFlowRegistry, type ChildFlowSource } from './child-flow-source';
import { OneShotTaskRunner, type MockResponse } from './one-shot-task-runner';

export type { MockResponse, OneShotHandlerContext, StopReason } from './one-shot-task-runner';
import { OneShotWaiter } from './one-shot-waiter';

/** Options of a one-shot run (the `ordo run` contract). */
export interface RunOnceOptions {
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  readonly mocks?: Readonly<Record<string, readonly MockResponse[]>>;
  /** Child flows for `acs:fnf:::flow/NAME`: name → FDL text, or a lookup function. */
  readonly childFlows?: ChildFlowSource;
  /** Waits, retry delays and timeouts elapse instantly on a virtual clock. */
  readonly virtualTime?: boolean;
  /** Overall wall-clock guard: give up (`RUNTIME.TIMEOUT`) after this many seconds. */
  readonly timeoutSeconds?: number;
  /** Include the execution's events in the result. */
  readonly history?: boolean;
  /** Name of the flow (default `flow`) and of the execution (default `run`). */
  readonly flowName?: string;
  readonly executionName?: string;
}

/** One event of a one-shot run's history. */
export interface RunOnceEvent {
  readonly eventId: number;
  readonly type: string;
  readonly stepName: string;
  readonly path: string;
  readonly time: string;
  readonly detail: JsonObject;
}

/** The outcome of a one-shot run. */
export interface RunOnceResult {
  readonly status: Exclude<ExecutionStatus, 'NotStarted' | 'Running'>;
  readonly output?: JsonObject;
  readonly error?: string;
  readonly cause?: string;
  readonly events?: RunOnceEvent[];
}

/**
 * Runs one execution in memory on the same engine code path as the server (in-memory store,
 * virtual or real clock) and returns its end. Throws `RUNTIME.INVALID_FLOW` for a bad flow,
 * `RUNTIME.INVALID_INPUT` for a bad input, `RUNTIME.NO_HANDLER` when a task has neither handler
 * nor mock, and `RUNTIME.TIMEOUT` when `timeoutSeconds` pass first.
 */
export async function runFlowOnce(definitionText: string, input: unknown, options: RunOnceOptions = {}): Promise<RunOnceResult> {
  const store = new InMemoryEventStore();
  const clock = options.virtualTime ? new VirtualClock() : new SystemClock();
  const handlers = new OneShotTaskRunner({
    handlers: options.handlers, mocks: options.mocks,
    stopExecution: (flowName, executionName, reason) => engine.stopExecution(flowName, executionName, reason),
  });
  const waiter = new OneShotWaiter(clock instanceof VirtualClock ? clock : undefined, options.timeoutSeconds);
  const registry = new LazyChildFlowRegistry(new EventStoreFlowRegistry(store, { resources: oneShotResolver, clock }), options.childFlows);
  const http = new HttpTaskRunner();
  const engine: Engine = new Engine({
    store, clock, registry, resources: oneShotResolver, checkpointIntervalMs: 0,
    runners: {
      local: handlers, kafka: handlers, flow: { run: (r, c) => runFlowTask(r, c) },
      http: { run: (r, c) => (handlers.canRun(r) ? handlers.run(r, c) : http.run(r, c)) },
    },
    onDispatchError: (error) => waiter.fail(error),
  });
  const children = new ChildFlowRunner(engine);
  const runFlowTask = (request: TaskRequest, context: TaskRunContext): ReturnType<TaskRunner['run']> => {
    const name = request.resource.flowName ?? '';
    if (handlers.canRun(request) || childFlowText(options.childFlows, name) === undefined) return handlers.run(request, context);
    return children.run(request, context);
  };
  try {
    const flowName = options.flowName ?? 'flow';
    await engine.deployFlow(flowName, definitionText);
    const started = await engine.startExecution({ flowName, executionName: options.executionName ?? 'run', input, trigger: { kind: 'cli' } });
    const ended = await waiter.waitForEnd(engine, started);
    return await resultOf(ended, options.history === true ? store : undefined);
  } finally {
    await engine.close();
  }
}

async function resultOf(state: ExecutionDescription, store: InMemoryEventStore | undefined): Promise<RunOnceResult> {
  const result: RunOnceResult = {
    status: state.status as RunOnceResult['status'],
    ...(state.output !== undefined ? { output: state.output } : {}),
    ...(state.error !== undefined ? { error: state.error } : {}),
    ...(state.cause !== undefined ? { cause: state.cause } : {}),
  };
  if (store === undefined) return result;
  const recorded = await store.readStream(executionStream(state.executionId));
  const events = recorded.map(toHistoryEvent).map(({ eventId, type, stepName, path, time, detail }) => ({ eventId, type, stepName, path, time, detail }));
  return { ...result, events };
}

/**
 * One-shot resource resolution: child flows and `http(s)`/`local`/`kafka` targets stay as they are;
 * `acs:fc`, `acs:mns` and `action:` resources go to the handler runner (handlers are keyed by the
 * resource itself, so no resource map is needed).
 */
const oneShotResolver: ResourceResolver = {
  resolve: (resource) => (['flow', 'http', 'local', 'kafka'].includes(resource.kind) ? resource.ref : `local:${resource.ref}`),
};
