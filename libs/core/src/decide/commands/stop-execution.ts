import type { ExecutionCommand } from '../../commands';
import type { Rejection } from '../../decision';
import type { Run } from '../run';
import { notRunning } from './rejections';

type Stop = Extract<ExecutionCommand, { type: 'StopExecution' }>;

/** Error recorded when StopExecution gives none. */
export const DEFAULT_STOP_ERROR = 'FnF.Stopped';

/** Stops a running execution; everything pending is cancelled and later reports are rejected. */
export function stopExecution(run: Run, command: Stop): Rejection | undefined {
  const stopped = notRunning(run.state, 'StopExecution');
  if (stopped !== undefined) return stopped;
  run.emit('ExecutionStopped', { error: command.data.error ?? DEFAULT_STOP_ERROR, cause: command.data.cause ?? '' });
  return undefined;
}
