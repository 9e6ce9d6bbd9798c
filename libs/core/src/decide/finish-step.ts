import type { CompiledStep } from '../flow';
import type { JsonObject } from '../json';
import type { StepFrame } from '../execution-state';
import type { Job } from './jobs';
import type { Run } from './run';
import { checkedPayload, stepOutput } from './step-data';
import { handleTaskError } from './task-errors';
import { merged } from '../records';

type SucceedJob = Extract<Job, { kind: 'succeed' }>;
type FailJob = Extract<Job, { kind: 'fail' }>;

/**
 * A step's own work is done: compute its output, record `StepSucceeded` and `StepExited` (the
 * parent's local after the shallow merge) and continue with the next step of its scope.
 */
export function succeedStep(run: Run, job: SucceedJob): void {
  const frame = run.state.steps[job.path];
  if (frame === undefined) return;
  const { step, index } = run.stepOf(frame);
  const input = frame.input ?? {};
  const output = job.output !== undefined
    ? checkedPayload(run, frame.path, input, job.output, job.local)
    : stepOutput(run, step, frame.path, input, job.local);
  if (!output.ok) {
    if (step.type === 'task' && job.output === undefined) handleTaskError(run, frame.path, output.error, output.cause);
    else run.push({ kind: 'fail', path: frame.path, error: output.error, cause: output.cause });
    return;
  }
  run.emit('StepSucceeded', { path: frame.path, output: output.value });
  const merged = mergeInto(run.state.scopes[frame.scope].local, output.value);
  run.emit('StepExited', { path: frame.path, local: merged });
  run.push(nextJob(run, frame, step, index, job));
}

function mergeInto(local: JsonObject, output: JsonObject): JsonObject {
  for (const _ in output) return merged(local, output);
  return local;
}

/** What follows a finished step: succeed propagation, a goto, `end`, the next sibling or scope end. */
function nextJob(run: Run, frame: StepFrame, step: CompiledStep, index: number, job: SucceedJob): Job {
  const scope = frame.scope;
  if (step.type === 'succeed' || job.viaSucceed === true) return { kind: 'completeScope', scope, viaSucceed: true };
  const goto = job.goto ?? choiceGoto(step, frame);
  if (goto !== undefined) return { kind: 'enter', scope, index: goto };
  if (step.end || index + 1 >= run.stepsOf(scope).length) return { kind: 'completeScope', scope, viaSucceed: false };
  return { kind: 'enter', scope, index: index + 1 };
}

function choiceGoto(step: CompiledStep, frame: StepFrame): number | undefined {
  if (step.type !== 'choice' || frame.type !== 'choice') return undefined;
  if (frame.branch === 'default') return step.default?.goto;
  if (typeof frame.branch === 'number') return step.choices[frame.branch].goto;
  return undefined;
}

/** The step failed and nothing caught it: record `StepFailed` and fail the scope it runs in. */
export function failStep(run: Run, job: FailJob): void {
  const frame = run.state.steps[job.path];
  if (frame === undefined) return;
  run.emit('StepFailed', { path: frame.path, error: job.error, cause: job.cause });
  run.push({ kind: 'failScope', scope: frame.scope, error: job.error, cause: job.cause });
}
