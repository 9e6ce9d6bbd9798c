import type { ExecutionEvent, EventOfType } from './events';
import type { ExecutionState, ScopeFrame } from './execution-state';
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
 * Applies one event to the state and returns the new state (the input is never mutated; only the
 * records the event touches are copied). Needs no flow: events carry what the state keeps.
 */
export function evolve(state: ExecutionState, event: ExecutionEvent): ExecutionState {
  const next = apply(state, event);
  return { ...next, revision: state.revision + 1 };
}

function apply(state: ExecutionState, e: ExecutionEvent): ExecutionState {
  switch (e.type) {
    case 'ExecutionStarted': return onExecutionStarted(state, e);
    case 'StepEntered': return onStepEntered(state, e);
    case 'StepStarted': return onStepStarted(state, e);
    case 'TaskScheduled': return onTaskScheduled(state, e);
    case 'TaskSubmitted': return onTaskSubmitted(state, e.data.taskId);
    case 'ChildExecutionStarted': return state.tasks[e.data.taskId] ? onTaskSubmitted(state, e.data.taskId) : state;
    case 'TaskSucceeded': case 'TaskFailed': case 'TaskSubmitFailed':
      return endTask(state, e.data.path, e.data.taskId, 'reported');
    case 'TaskTimedOut': return endTask(state, e.data.path, e.data.taskId, 'timedOut');
    case 'RetryScheduled': return onRetryScheduled(state, e);
    case 'TimerStarted': return onTimerStarted(state, e);
    case 'TimerFired': return onTimerFired(state, e);
    case 'ChoiceEvaluated': return onChoiceEvaluated(state, e);
    case 'BranchEntered': return onBranchEntered(state, e);
    case 'BranchExited': return onBranchExited(state, e);
    case 'BranchCancelled': return onBranchCancelled(state, e);
    case 'IterationEntered': return onIterationEntered(state, e);
    case 'IterationExited': return onIterationExited(state, e);
    case 'StepSucceeded': return onStepSucceeded(state, e);
    case 'StepFailed': return onStepFailed(state, e);
    case 'StepExited': return onStepExited(state, e);
    case 'ExecutionSucceeded': return finish(state, 'Succeeded', e.at, { output: e.data.output });
    case 'ExecutionFailed': return finish(state, 'Failed', e.at, { error: e.data.error, cause: e.data.cause });
    case 'ExecutionTimedOut': return finish(state, 'TimedOut', e.at, { error: e.data.error, cause: e.data.cause });
    case 'ExecutionStopped': return finish(state, 'Stopped', e.at, { error: e.data.error, cause: e.data.cause });
    case 'TaskTokenIssued': case 'TaskStarted': case 'TaskHeartbeat': case 'CatchMatched':
    case 'ChildExecutionFinished': case 'ExecutionRedriven':
      return state;
    default: return assertNever(e);
  }
}

const FLOW_ROOT: ScopeFrame = { kind: 'flow', owner: '', index: -1, route: ['steps'], input: null, local: {} };

function onExecutionStarted(state: ExecutionState, e: EventOfType<'ExecutionStarted'>): ExecutionState {
  const d = e.data;
  return {
    ...state,
    status: 'Running', executionId: d.executionId, executionName: d.executionName, flowName: d.flowName,
    flowVersion: d.flowVersion, decisionVersion: d.decisionVersion, input: d.input, trigger: d.trigger,
    startedAt: e.at,
    ...(d.parent !== undefined ? { parent: d.parent } : {}),
    ...(d.deadlineAt !== undefined ? { deadlineAt: d.deadlineAt } : {}),
    scopes: { [FLOW_SCOPE]: FLOW_ROOT },
  };
}

function finish(
  state: ExecutionState, status: ExecutionStatus, at: string,
  result: { output?: ExecutionState['output']; error?: string; cause?: string },
): ExecutionState {
  return { ...pruneAll(state), status, stoppedAt: at, cleanup: false, ...result };
}

function assertNever(e: never): never {
  throw new CoreError('CORE.UNKNOWN_EVENT', `Event type "${(e as { type?: unknown }).type}" is not an Ordo execution event.`);
}
