import type { ExecutionEvent } from '@ordo/core';
import type { EventStore, FiredTimer, HandledCommand } from '@ordo/runtime';
import type { OrdoMetrics } from './ordo-metrics';

const FINISHED: Readonly<Record<string, string>> = {
  ExecutionSucceeded: 'Succeeded', ExecutionFailed: 'Failed', ExecutionTimedOut: 'TimedOut', ExecutionStopped: 'Stopped',
};
const STEP_TRANSITIONS = new Set(['StepEntered', 'StepSucceeded', 'StepFailed', 'StepExited', 'CatchMatched']);

/** Turns one handled command into metrics: its latency and the events it appended. */
export function recordHandledCommand(metrics: OrdoMetrics, handled: HandledCommand): void {
  const outcome = handled.error !== undefined ? 'error' : handled.result?.rejection !== undefined ? 'rejected' : 'ok';
  metrics.commandDuration.observe({ command: handled.commandType, outcome }, handled.durationMs / 1000);
  const result = handled.result;
  if (result === undefined) return;
  const flow = result.state.flowName;
  for (const { event } of result.appended) recordEvent(metrics, flow, event);
}

/** Records how late one timer fired behind its due time. */
export function recordFiredTimer(metrics: OrdoMetrics, fired: FiredTimer): void {
  metrics.timerLag.observe({ purpose: fired.purpose }, fired.lagMs / 1000);
}

function recordEvent(metrics: OrdoMetrics, flow: string, event: ExecutionEvent): void {
  const type: string = event.type;
  if (type === 'ExecutionStarted') metrics.executionsStarted.inc({ flow });
  else if (FINISHED[type] !== undefined) metrics.executionsFinished.inc({ flow, status: FINISHED[type] });
  else if (STEP_TRANSITIONS.has(type)) metrics.stepTransitions.inc({ flow, transition: type });
  else if (type === 'TaskScheduled') metrics.taskAttempts.inc({ flow });
  else if (type === 'TaskFailed') metrics.taskFailures.inc({ flow, reason: 'failed' });
  else if (type === 'TaskTimedOut') metrics.taskFailures.inc({ flow, reason: 'timed_out' });
  else if (type === 'RetryScheduled') metrics.taskRetries.inc({ flow });
}

/**
 * Times every append of `store` (the engine's and the flow registry's) by wrapping the method on
 * this instance; the EventStore port has no hook and the engine shares the instance.
 */
export function timeStoreAppends(metrics: OrdoMetrics, store: EventStore): void {
  const append = store.append.bind(store);
  store.append = async (...args: Parameters<EventStore['append']>) => {
    const end = metrics.storeAppendDuration.startTimer();
    try {
      const result = await append(...args);
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  };
}
