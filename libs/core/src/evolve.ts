import type { ExecutionEvent, EventOfType } from './events';
import { draftOf, type ExecutionState, type ScopeFrame, type StateDraft } from './execution-state';
import type { ExecutionStatus } from './state';
import { FLOW_SCOPE } from './paths';
import { CoreError } from './errors';
import { pruneAll } from './evolve-prune';
import {
  onBranchCancelled, onBranchEntered, onBranchExited, onChoiceEvaluated, onIterationEntered,
  onIterationExited, onStepEntered, onStepExited, onStepFailed, onStepStarted, onStepSucceeded,
} from './evolve-steps';
import { endTask, onRetryScheduled, onTaskScheduled, onTaskSubmitted, onTimerFired, onTimerStarted } from './evolve-tasks';

/**
 * Applies one event to the state and returns the new state. The input is never mutated: the
 * handlers edit a fresh shallow copy and replace only the records the event touches. Needs no
 * flow: events carry everything the state keeps.
 */
export function evolve(state: ExecutionState, event: ExecutionEvent): ExecutionState {
  const draft = draftOf(state);
  draft.revision = state.revision + 1;
  apply(draft, event);
  return draft;
}

function apply(d: StateDraft, e: ExecutionEvent): void {
  switch (e.type) {
    case 'ExecutionStarted': return onExecutionStarted(d, e);
    case 'StepEntered': return onStepEntered(d, e);
    case 'StepStarted': return onStepStarted(d, e);
    case 'TaskScheduled': return onTaskScheduled(d, e);
    case 'TaskSubmitted': return onTaskSubmitted(d, e.data.path, e.data.taskId);
    case 'ChildExecutionStarted': return onTaskSubmitted(d, e.data.path, e.data.taskId);
    case 'TaskSucceeded': case 'TaskFailed': case 'TaskSubmitFailed':
      return endTask(d, e.data.path, e.data.taskId, 'reported');
    case 'TaskTimedOut': return endTask(d, e.data.path, e.data.taskId, 'timedOut');
    case 'RetryScheduled': return onRetryScheduled(d, e);
    case 'TimerStarted': return onTimerStarted(d, e);
    case 'TimerFired': return onTimerFired(d, e);
    case 'ChoiceEvaluated': return onChoiceEvaluated(d, e);
    case 'BranchEntered': return onBranchEntered(d, e);
    case 'BranchExited': return onBranchExited(d, e);
    case 'BranchCancelled': return onBranchCancelled(d, e);
    case 'IterationEntered': return onIterationEntered(d, e);
    case 'IterationExited': return onIterationExited(d, e);
    case 'StepSucceeded': return onStepSucceeded(d, e);
    case 'StepFailed': return onStepFailed(d, e);
    case 'StepExited': return onStepExited(d, e);
    case 'ExecutionSucceeded': return finish(d, 'Succeeded', e.at, e.data.output, undefined, undefined);
    case 'ExecutionFailed': return finish(d, 'Failed', e.at, undefined, e.data.error, e.data.cause);
    case 'ExecutionTimedOut': return finish(d, 'TimedOut', e.at, undefined, e.data.error, e.data.cause);
    case 'ExecutionStopped': return finish(d, 'Stopped', e.at, undefined, e.data.error, e.data.cause);
    case 'TaskTokenIssued': case 'TaskStarted': case 'TaskHeartbeat': case 'CatchMatched':
    case 'ChildExecutionFinished': case 'ExecutionRedriven':
      return;
    default: return assertNever(e);
  }
}

const FLOW_ROOT: ScopeFrame = { kind: 'flow', owner: '', index: -1, route: ['steps'], input: null, local: {} };

function onExecutionStarted(d: StateDraft, e: EventOfType<'ExecutionStarted'>): void {
  const data = e.data;
  d.status = 'Running';
  d.executionId = data.executionId;
  d.executionName = data.executionName;
  d.flowName = data.flowName;
  d.flowVersion = data.flowVersion;
  d.decisionVersion = data.decisionVersion;
  d.input = data.input;
  d.trigger = data.trigger;
  d.parent = data.parent;
  d.deadlineAt = data.deadlineAt;
  d.startedAt = e.at;
  d.scopes = { [FLOW_SCOPE]: FLOW_ROOT };
}

function finish(
  d: StateDraft, status: ExecutionStatus, at: string,
  output: StateDraft['output'], error: string | undefined, cause: string | undefined,
): void {
  pruneAll(d);
  d.status = status;
  d.stoppedAt = at;
  d.cleanup = false;
  d.output = output;
  d.error = error;
  d.cause = cause;
}

function assertNever(e: never): never {
  throw new CoreError('CORE.UNKNOWN_EVENT', `Event type "${(e as { type?: unknown }).type}" is not an Ordo execution event.`);
}
