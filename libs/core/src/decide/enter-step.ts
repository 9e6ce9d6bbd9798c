import type { CompiledStep } from '../flow';
import type { JsonObject } from '../json';
import type { TaskFrame } from '../execution-state';
import { stepPath } from '../paths';
import type { Run } from './run';
import { flowInput } from './flow-data';
import { stepInput } from './step-data';
import { scheduleAttempt } from './start-task';
import { startWait } from './start-wait';
import { startChoice } from './start-choice';
import { startForeach, startParallel } from './start-fan-out';
import { handleTaskError } from './task-errors';

/**
 * Enters step `index` of a scope: `StepEntered` (with the parent's input and local), the step
 * input, `StepStarted`, then the step's own work (which may finish it at once).
 */
export function enterStep(run: Run, scopePath: string, index: number): void {
  const scope = run.state.scopes[scopePath];
  if (scope === undefined) return;
  const step = run.stepsOf(scopePath)[index];
  const path = stepPath(scopePath, step.name);
  let parentInput = scope.input;
  if (parentInput === null) {
    const computed = flowInput(run);
    if (!computed.ok) {
      run.emit('ExecutionFailed', { error: computed.error, cause: computed.cause });
      run.clearJobs();
      return;
    }
    parentInput = computed.value;
  }
  run.emit('StepEntered', { path, name: step.name, stepType: step.type, input: parentInput, local: scope.local });
  const input = stepInput(run, step, run.state.scopes[scopePath], path);
  if (!input.ok) {
    if (step.type === 'task') handleTaskError(run, path, input.error, input.cause, false);
    else run.push({ kind: 'fail', path, error: input.error, cause: input.cause });
    return;
  }
  run.emit('StepStarted', { path, input: input.value });
  startWork(run, step, path, input.value);
}

function startWork(run: Run, step: CompiledStep, path: string, input: JsonObject): void {
  switch (step.type) {
    case 'pass': case 'succeed':
      run.push({ kind: 'succeed', path, local: {} });
      return;
    case 'fail':
      run.push({ kind: 'fail', path, error: step.error ?? 'FnF.Failed', cause: step.cause ?? '' });
      return;
    case 'task': scheduleAttempt(run, run.state.steps[path] as TaskFrame, step, 1); return;
    case 'wait': startWait(run, step, path, input); return;
    case 'choice': startChoice(run, step, path, input); return;
    case 'parallel': startParallel(run, step, path, input); return;
    case 'foreach': startForeach(run, step, path, input); return;
    default: assertNever(step);
  }
}

function assertNever(step: never): never {
  throw new Error(`unknown step type in ${JSON.stringify(step)}`);
}
