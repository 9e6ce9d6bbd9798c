import type { JsonObject } from '@ordo/core';
import type { TaskOutcome, TaskReporter, TaskRequest, TaskRunContext, TaskRunner } from '../ports/task-runner';
import { RuntimeError } from '../errors';
import { errorOf } from './error-of';

/** What an in-process handler receives besides the input. */
export interface TaskHandlerContext extends TaskReporter {
  /** The attempt's task token (pass it to whoever reports back). */
  readonly token: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly executionName: string;
  readonly flowName: string;
  readonly stepName: string;
  readonly stepPath: string;
  /** Aborts when the attempt is no longer wanted. */
  readonly signal: AbortSignal;
}

/**
 * An in-process task handler. Its return value is the task's output (for `waitForCallback` it is
 * discarded); throwing an Error whose `name` is the error name and `message` the cause fails it.
 */
export type TaskHandler = (input: JsonObject, ctx: TaskHandlerContext) => unknown;

/** The handler context for one request. */
export function handlerContext(request: TaskRequest, context: TaskRunContext): TaskHandlerContext {
  const { reporter } = context;
  // The token (an HMAC) and the signal are costly and most handlers never read them: both are lazy.
  return {
    get token() { return request.token; }, taskId: request.taskId, attempt: request.attempt, executionName: request.executionName,
    flowName: request.flowName, stepName: request.stepName, stepPath: request.path, get signal() { return context.signal; },
    reportTaskSucceeded: (token, output) => reporter.reportTaskSucceeded(token, output),
    reportTaskFailed: (token, error, cause) => reporter.reportTaskFailed(token, error, cause),
    reportTaskHeartbeat: (token) => reporter.reportTaskHeartbeat(token),
  };
}

/** Calls a handler and turns its result or thrown error into an outcome. */
export async function invokeHandler(handler: TaskHandler, request: TaskRequest, context: TaskRunContext): Promise<TaskOutcome> {
  try {
    const output = await handler(request.input, handlerContext(request, context));
    return { kind: 'succeeded', output };
  } catch (thrown) {
    return { kind: 'failed', ...errorOf(thrown) };
  }
}

/** Runs `local:NAME` targets with handlers registered by name (a TS API or a handlers module). */
export class LocalTaskRunner implements TaskRunner {
  private readonly handlers = new Map<string, TaskHandler>();

  constructor(handlers: Readonly<Record<string, TaskHandler>> = {}) {
    for (const [name, handler] of Object.entries(handlers)) this.register(name, handler);
  }

  /** Registers (or replaces) the handler for `local:<name>`. */
  register(name: string, handler: TaskHandler): this {
    if (typeof handler !== 'function') {
      throw new RuntimeError('RUNTIME.INVALID_CONFIG', `The local handler "${name}" must be a function.`, { name });
    }
    this.handlers.set(name.startsWith('local:') ? name.slice('local:'.length) : name, handler);
    return this;
  }

  async run(request: TaskRequest, context: TaskRunContext): Promise<TaskOutcome> {
    const name = request.target.slice('local:'.length);
    const handler = this.handlers.get(name);
    if (handler === undefined) {
      throw new RuntimeError('RUNTIME.NO_HANDLER',
        `No local handler "${name}" is registered for step ${request.path} (resource ${request.resource.ref}).`,
        { path: request.path, resource: request.resource.ref });
    }
    return invokeHandler(handler, request, context);
  }
}
