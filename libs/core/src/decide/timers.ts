import type { TimerPurpose } from '../events';
import { timerIdOf } from '../paths';
import type { Run } from './run';

/** The id the next timer of this execution will get. */
export function nextTimerId(run: Run, purpose: TimerPurpose, path: string): string {
  return timerIdOf(run.state.executionId, purpose, path, run.state.timerSeq + 1);
}

/** Emits `TimerStarted` for a new timer due at `dueAt` (ISO) and returns its id. */
export function startTimer(run: Run, purpose: TimerPurpose, path: string, dueAt: string): string {
  const timerId = nextTimerId(run, purpose, path);
  run.emit('TimerStarted', { timerId, dueAt, purpose, path });
  return timerId;
}
