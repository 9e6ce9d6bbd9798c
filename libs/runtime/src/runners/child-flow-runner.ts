import { createHash } from 'node:crypto';
import { isJsonObject, type CompiledResource, type JsonObject, type JsonValue, type ParentLink } from '@ordo/core';
import type { TaskOutcome, TaskRequest, TaskRunContext, TaskRunner } from '../ports/task-runner';
import { isRuntimeError } from '../errors';
import { NAME_PATTERN } from '../streams';

/** A child execution to start for a parent task. */
export interface ChildStartRequest {
  readonly flowName: string;
  readonly executionName: string;
  readonly input: JsonObject;
  readonly parent: ParentLink;
}

/** The started (or already running) child, in the shape of Alibaba's StartExecution response. */
export interface ChildStartResult {
  readonly flowName: string;
  readonly executionName: string;
  readonly status: string;
  readonly startedAt?: string;
}

/**
 * What the child runner needs from the engine: start a child execution linked to its parent and
 * record `ChildExecutionStarted` on the parent before the child's own intents are dispatched (so
 * the parent's history shows the start before the child's result).
 */
export interface ChildExecutions {
  startChild(request: ChildStartRequest): Promise<ChildStartResult>;
}

/**
 * Runs `acs:fnf:::flow/NAME` tasks (SPEC Part B §5.4). `serviceParams.Input` (default: the task
 * input) is the child's input and `serviceParams.ExecutionName` its name (default: derived from the
 * task id, so a re-dispatch finds the same child). The engine records `ChildExecutionStarted` on the
 * parent before the child's own intents run; the core then completes a `requestResponse` task at
 * once, while `sync` and `waitForCallback` wait for the child's end (`NotifyParent`).
 */
export class ChildFlowRunner implements TaskRunner {
  constructor(private readonly children: ChildExecutions) {}

  async run(request: TaskRequest, _context: TaskRunContext): Promise<TaskOutcome> {
    const { flowName, executionName } = childNamesOf(request.taskId, request.resource, request.target, request.serviceParams);
    const params = request.serviceParams ?? {};
    const input = isJsonObject(params.Input) ? params.Input : request.input;
    if (typeof executionName !== 'string' || !NAME_PATTERN.test(executionName)) {
      return { kind: 'failed', error: 'FnF.RuntimeError', cause: `Child execution name ${JSON.stringify(executionName)} of step ${request.path} is invalid: use 1-128 characters from [A-Za-z0-9_-], starting with a letter or "_".` };
    }
    const parent: ParentLink = {
      executionId: request.executionId, flowName: request.flowName, executionName: request.executionName,
      taskId: request.taskId, pattern: request.pattern,
    };
    try {
      await this.children.startChild({ flowName, executionName, input, parent });
      // The core decides what `ChildExecutionStarted` means for the pattern: requestResponse
      // succeeds with the child's names, sync and waitForCallback wait for `NotifyParent`.
      return { kind: 'none' };
    } catch (e) {
      if (isRuntimeError(e, 'RUNTIME.EXECUTION_ALREADY_EXISTS')) return { kind: 'failed', error: 'fnf.ExecutionAlreadyExists', cause: e.message };
      if (isRuntimeError(e, 'RUNTIME.FLOW_NOT_FOUND')) return { kind: 'failed', error: 'fnf.FlowNotExists', cause: e.message };
      if (isRuntimeError(e) && !e.retryable) return { kind: 'failed', error: 'FnF.RuntimeError', cause: e.message };
      throw e;
    }
  }
}

/** A valid execution name derived from a task id: the same task always names the same child. */
export function childNameOf(taskId: string): string {
  return `child_${createHash('sha256').update(taskId, 'utf8').digest('base64url').slice(0, 32)}`;
}

/**
 * The child a flow task starts: the flow from the resource (else the resolved target's last
 * segment) and `serviceParams.ExecutionName` (else the name derived from the task id). The
 * execution name is returned as found; the caller checks that it is a valid name.
 */
export function childNamesOf(
  taskId: string, resource: CompiledResource, target: string, serviceParams: JsonObject | undefined,
): { flowName: string; executionName: JsonValue } {
  const flowName = resource.flowName ?? target.slice(target.lastIndexOf('/') + 1);
  return { flowName, executionName: serviceParams?.ExecutionName ?? childNameOf(taskId) };
}
