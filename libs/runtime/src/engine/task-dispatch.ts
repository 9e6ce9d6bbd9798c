import type { DispatchTaskIntent, ExecutionCommand } from '@ordo/core';
import type { Clock } from '../ports/clock';
import type { TaskOutcome, TaskReporter, TaskRequest } from '../ports/task-runner';
import type { TokenService } from '../ports/token-service';
import { RuntimeError } from '../errors';
import { runnerKindOf, type ResourceResolver } from '../flows/resource-map';
import type { TaskRunnerRegistry } from '../runners/runner-registry';
import { substituteToken } from '../tokens/substitute-token';
import type { LazyAbort } from './lazy-abort';

/** What running one task attempt needs. */
export interface TaskDispatchDeps {
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly resources: ResourceResolver;
  readonly runners: TaskRunnerRegistry;
  readonly reporter: TaskReporter;
}

/** Names of the execution a task belongs to (from its state). */
export interface ExecutionNames {
  readonly flowName: string;
  readonly executionName: string;
}

/**
 * Runs one task attempt on the runner its resolved target needs and returns the command that
 * records the outcome (undefined when there is nothing to record). Throws `RuntimeError` when the
 * task cannot be run at all (unmapped resource, no runner, no handler).
 */
export async function runTaskAttempt(
  intent: DispatchTaskIntent, names: ExecutionNames, deps: TaskDispatchDeps, abort: LazyAbort,
): Promise<ExecutionCommand | undefined> {
  const request = buildRequest(intent, names, deps);
  const kind = runnerKindOf(request.target);
  const runner = kind === undefined ? undefined : deps.runners.get(kind);
  if (runner === undefined) {
    throw new RuntimeError('RUNTIME.NO_RUNNER',
      `No task runner handles target ${request.target} of step ${intent.path} (resource ${intent.resource.ref}).`,
      { path: intent.path, resource: intent.resource.ref, target: request.target });
  }
  const reporter = deps.reporter;
  const outcome = await runner.run(request, { get signal() { return abort.signal; }, reporter });
  if (abort.aborted) return undefined;
  return commandFor(intent, outcome, deps.clock.now());
}

function buildRequest(intent: DispatchTaskIntent, names: ExecutionNames, deps: TaskDispatchDeps): TaskRequest {
  const target = deps.resources.resolve(intent.resource);
  if (target === undefined) {
    throw new RuntimeError('RUNTIME.UNMAPPED_RESOURCE',
      `Step ${intent.path} uses ${intent.resource.kind === 'action' ? 'action' : 'resource'} ${intent.resource.ref}, which the resource map does not map.`,
      { path: intent.path, resource: intent.resource.ref });
  }
  let token: string | undefined;
  const tokenOf = (): string => (token ??= deps.tokens.issue(intent.taskId));
  return {
    taskId: intent.taskId, executionId: intent.executionId, executionName: names.executionName, flowName: names.flowName,
    stepName: intent.stepName, path: intent.path, attempt: intent.attempt, resource: intent.resource, target,
    pattern: intent.pattern, get token() { return tokenOf(); }, input: substituteToken(intent.input, tokenOf),
    serviceParams: substituteToken(intent.serviceParams, tokenOf), timeoutAt: intent.timeoutAt,
  };
}

/** The command recording a runner's outcome for this attempt's pattern. */
export function commandFor(intent: DispatchTaskIntent, outcome: TaskOutcome, now: number): ExecutionCommand | undefined {
  const taskId = intent.taskId;
  if (intent.pattern === 'waitForCallback') {
    if (outcome.kind === 'succeeded' || outcome.kind === 'submitted') return { type: 'RecordTaskSubmitted', now, data: { taskId } };
    if (outcome.kind === 'failed') return { type: 'RecordTaskSubmitFailed', now, data: { taskId, error: outcome.error, cause: outcome.cause } };
    return undefined;
  }
  if (outcome.kind === 'succeeded') return { type: 'ReportTaskSucceeded', now, data: { taskId, output: outcome.output } };
  if (outcome.kind === 'failed') return { type: 'ReportTaskFailed', now, data: { taskId, error: outcome.error, cause: outcome.cause } };
  return undefined;
}

/** The command recording that a task could not be run at all (the runtime's own failure). */
export function dispatchFailureCommand(intent: DispatchTaskIntent, error: unknown, now: number): ExecutionCommand {
  const cause = error instanceof Error ? error.message : String(error);
  return commandFor(intent, { kind: 'failed', error: 'FnF.RuntimeError', cause }, now)!;
}
