import type { JsonObject } from '@ordo/core';
import type { TaskOutcome, TaskRequest, TaskRunContext, TaskRunner } from '../ports/task-runner';
import { RuntimeError } from '../errors';
import { invokeHandler, type TaskHandler, type TaskHandlerContext } from '../runners/local-task-runner';

/** One canned response of a mock: an output, or an error with its cause. */
export type MockResponse = { readonly output: unknown } | { readonly error: string; readonly cause?: string };

/** Why an execution is stopped (the operator's `StopExecution` error and cause). */
export interface StopReason {
  readonly error?: string;
  readonly cause?: string;
}

/** Stops an execution of the one-shot engine by flow and execution name. */
export type ExecutionStopper = (flowName: string, executionName: string, reason?: StopReason) => Promise<unknown>;

/**
 * The context a one-shot handler gets: the engine's handler context plus `stopExecution`, which
 * plays the operator's `StopExecution` (e.g. a child flow stopped with a custom error).
 */
export interface OneShotHandlerContext extends TaskHandlerContext {
  stopExecution: ExecutionStopper;
}

/** Handlers and mocks of a one-shot run, keyed as the CLI contract says. */
export interface OneShotHandlers {
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  readonly mocks?: Readonly<Record<string, readonly MockResponse[]>>;
  /** Backs `ctx.stopExecution` in handlers. */
  readonly stopExecution?: ExecutionStopper;
}

/**
 * The task runner of `runFlowOnce`: finds a handler or mock for a task by its resource (after
 * `!Ref`) or action string, then (for `local:NAME`) the bare `NAME` as the server keys it, then its
 * step name, then its step path; handlers win over mocks under the same key. Mock responses are
 * consumed one per call, the last one repeating.
 */
export class OneShotTaskRunner implements TaskRunner {
  private readonly mockCalls = new Map<string, number>();

  constructor(private readonly options: OneShotHandlers) {}

  /** True when a handler or mock exists for the request. */
  canRun(request: TaskRequest): boolean {
    return this.keyOf(request) !== undefined;
  }

  async run(request: TaskRequest, context: TaskRunContext): Promise<TaskOutcome> {
    const key = this.keyOf(request);
    if (key === undefined) {
      throw new RuntimeError('RUNTIME.NO_HANDLER',
        `No handler or mock for step ${request.path} (resource ${request.resource.ref}); key it by ${lookupKeys(request).map((k) => `"${k}"`).join(', ')}.`,
        { path: request.path, resource: request.resource.ref });
    }
    const handler = this.options.handlers?.[key];
    if (handler !== undefined) return invokeHandler(this.withStop(handler), request, context);
    return this.nextMock(key);
  }

  private keyOf(request: TaskRequest): string | undefined {
    return lookupKeys(request).find((key) => hasOwn(this.options.handlers, key) || hasOwn(this.options.mocks, key));
  }

  private withStop(handler: TaskHandler): TaskHandler {
    const stop = this.options.stopExecution;
    if (stop === undefined) return handler;
    // The prototype keeps the engine context's lazy getters (token, signal) lazy.
    return (input, ctx) => handler(input, Object.assign(Object.create(ctx) as TaskHandlerContext, { stopExecution: stop }));
  }

  private nextMock(key: string): TaskOutcome {
    const responses = this.options.mocks?.[key] ?? [];
    const call = this.mockCalls.get(key) ?? 0;
    this.mockCalls.set(key, call + 1);
    const response = responses[Math.min(call, responses.length - 1)];
    if (response === undefined) return { kind: 'failed', error: 'FnF.RuntimeError', cause: `The mock list for "${key}" is empty.` };
    if ('error' in response) return { kind: 'failed', error: response.error, cause: response.cause ?? '' };
    return { kind: 'succeeded', output: response.output as JsonObject };
  }
}

/** The keys a task's handler or mock may be filed under, in lookup order (the CLI contract). */
export function lookupKeys(request: Pick<TaskRequest, 'resource' | 'stepName' | 'path'>): string[] {
  const { ref, kind } = request.resource;
  const bare = kind === 'local' && ref.startsWith(LOCAL_PREFIX) ? [ref.slice(LOCAL_PREFIX.length)] : [];
  return [...new Set([ref, ...bare, request.stepName, request.path])];
}

const LOCAL_PREFIX = 'local:';

function hasOwn(map: Readonly<Record<string, unknown>> | undefined, key: string): boolean {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key);
}
