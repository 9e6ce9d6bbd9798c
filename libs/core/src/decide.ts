import type { ExecutionCommand } from './commands';
import type { Decision, Rejection } from './decision';
import type { ExecutionState } from './execution-state';
import type { CompiledFlow } from './flow';
import { Run } from './decide/run';
import { drive } from './decide/drive';
import { startExecution } from './decide/commands/start-execution';
import { reportTaskFailed, reportTaskHeartbeat, reportTaskSucceeded } from './decide/commands/task-reports';
import { recordChildStarted, recordTaskSubmitFailed, recordTaskSubmitted } from './decide/commands/task-records';
import { fireTimer } from './decide/commands/fire-timer';
import { stopExecution } from './decide/commands/stop-execution';

/**
 * Decides the events a command causes. Pure and deterministic: time comes from `command.now`.
 * Control steps run inside one call; only tasks, waits and timers stop it. A duplicate or stale
 * command decides no events and says why in `rejection`.
 */
export function decide(command: ExecutionCommand, state: ExecutionState, flow: CompiledFlow): Decision {
  const run = new Run(flow, state, command.now);
  const rejection = handle(run, command);
  if (rejection !== undefined) return { events: [], rejection };
  drive(run);
  return { events: run.events };
}

function handle(run: Run, command: ExecutionCommand): Rejection | undefined {
  switch (command.type) {
    case 'StartExecution': return startExecution(run, command);
    case 'ReportTaskSucceeded': return reportTaskSucceeded(run, command);
    case 'ReportTaskFailed': return reportTaskFailed(run, command);
    case 'ReportTaskHeartbeat': return reportTaskHeartbeat(run, command);
    case 'RecordTaskSubmitted': return recordTaskSubmitted(run, command);
    case 'RecordTaskSubmitFailed': return recordTaskSubmitFailed(run, command);
    case 'RecordChildStarted': return recordChildStarted(run, command);
    case 'FireTimer': return fireTimer(run, command);
    case 'StopExecution': return stopExecution(run, command);
    default: return unknownCommand(command);
  }
}

function unknownCommand(command: never): Rejection {
  const type = (command as { type?: unknown }).type;
  return { code: 'CORE.UNKNOWN_COMMAND', message: `Command type "${String(type)}" is not an execution command.` };
}
