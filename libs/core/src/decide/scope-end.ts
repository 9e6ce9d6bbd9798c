import type { CompiledForeachStep } from '../flow';
import type { JsonValue } from '../json';
import type { FanOutFrame, ScopeFrame } from '../execution-state';
import { branchScope, iterationScope } from '../paths';
import type { Job } from './jobs';
import type { Run } from './run';
import { flowOutput } from './flow-data';
import { advanceForeach, foreachItems } from './start-fan-out';
import { FNF_TIMEOUT } from './step-data';

type CompleteJob = Extract<Job, { kind: 'completeScope' }>;
type FailScopeJob = Extract<Job, { kind: 'failScope' }>;

/** Cause recorded in `ExecutionTimedOut`. */
export function flowTimeoutCause(run: Run): string {
  return `Execution "${run.state.executionName}" exceeded the flow timeoutSeconds of ${run.flow.timeoutSeconds ?? 0} s.`;
}

/** A step list ran to its end (or to a succeed step): finish whatever owns it. */
export function completeScope(run: Run, job: CompleteJob): void {
  const scope = run.state.scopes[job.scope];
  if (scope === undefined) return;
  switch (scope.kind) {
    case 'flow': return finishFlow(run);
    case 'cleanup':
      run.emit('ExecutionTimedOut', { error: FNF_TIMEOUT, cause: flowTimeoutCause(run) });
      run.clearJobs();
      return;
    case 'choice':
      run.push({ kind: 'succeed', path: scope.owner, local: scope.local, viaSucceed: job.viaSucceed });
      return;
    case 'branch': return exitBranch(run, scope);
    case 'iteration': return exitIteration(run, scope);
  }
}

function finishFlow(run: Run): void {
  const output = flowOutput(run);
  if (output.ok) run.emit('ExecutionSucceeded', { output: output.value });
  else run.emit('ExecutionFailed', { error: output.error, cause: output.cause });
  run.clearJobs();
}

function exitBranch(run: Run, scope: ScopeFrame): void {
  run.emit('BranchExited', { path: scope.owner, index: scope.index, local: scope.local });
  const frame = run.state.steps[scope.owner] as FanOutFrame;
  if (frame.running === 0) run.push({ kind: 'succeed', path: frame.path, local: frame.results as JsonValue[] });
}

function exitIteration(run: Run, scope: ScopeFrame): void {
  run.emit('IterationExited', { path: scope.owner, index: scope.index, local: scope.local });
  const frame = run.state.steps[scope.owner] as FanOutFrame;
  const step = run.stepOf(frame).step as CompiledForeachStep;
  const items = foreachItems(step, frame.input ?? {}, frame.path);
  if (items.ok) advanceForeach(run, step, frame.path, items.value);
}

/**
 * A step of the scope failed uncaught: the owner fails with the same error and cause; for a
 * branch or iteration the running siblings are cancelled first (SPEC Part A §5, §6).
 */
export function failScope(run: Run, job: FailScopeJob): void {
  const scope = run.state.scopes[job.scope];
  if (scope === undefined) return;
  switch (scope.kind) {
    case 'flow':
      run.emit('ExecutionFailed', { error: job.error, cause: job.cause });
      run.clearJobs();
      return;
    case 'cleanup':
      run.emit('ExecutionTimedOut', { error: FNF_TIMEOUT, cause: `${flowTimeoutCause(run)} The onTimeout steps then failed with ${job.error}: ${job.cause}` });
      run.clearJobs();
      return;
    case 'choice': break;
    case 'branch': case 'iteration': cancelSiblings(run, scope, job.error); break;
  }
  run.push({ kind: 'fail', path: scope.owner, error: job.error, cause: job.cause });
}

function cancelSiblings(run: Run, failed: ScopeFrame, error: string): void {
  const frame = run.state.steps[failed.owner] as FanOutFrame;
  const scopeOf = failed.kind === 'branch' ? branchScope : iterationScope;
  for (let index = 0; index < frame.results.length; index++) {
    if (index !== failed.index && run.state.scopes[scopeOf(frame.path, index)] !== undefined) {
      run.emit('BranchCancelled', { path: frame.path, index, error });
    }
  }
}
