import type { Run } from './run';
import { MAX_EVENTS_PER_DECISION } from './run';
import { enterStep } from './enter-step';
import { failStep, succeedStep } from './finish-step';
import { completeScope, failScope } from './scope-end';
import { FNF_RUNTIME_ERROR } from './step-data';

/** Processes queued jobs until the execution waits for the outside world or ends. */
export function drive(run: Run): void {
  for (let job = run.pop(); job !== undefined; job = run.pop()) {
    if (run.events.length > MAX_EVENTS_PER_DECISION) {
      run.emit('ExecutionFailed', {
        error: FNF_RUNTIME_ERROR,
        cause: `One decision produced more than ${MAX_EVENTS_PER_DECISION} events without a task or wait (a goto loop of control steps?).`,
      });
      run.clearJobs();
      return;
    }
    switch (job.kind) {
      case 'enter': enterStep(run, job.scope, job.index); break;
      case 'succeed': succeedStep(run, job); break;
      case 'fail': failStep(run, job); break;
      case 'completeScope': completeScope(run, job); break;
      case 'failScope': failScope(run, job); break;
    }
  }
}
