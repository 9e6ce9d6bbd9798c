import type { ExecutionCommand } from '../../commands';
import type { Rejection } from '../../decision';
import { FLOW_SCOPE } from '../../paths';
import type { Run } from '../run';
import { startTimer } from '../timers';
import { DECISION_VERSION } from '../../version';

type Start = Extract<ExecutionCommand, { type: 'StartExecution' }>;

/** Starts the execution: `ExecutionStarted`, the flow timeout timer, then the first step. */
export function startExecution(run: Run, command: Start): Rejection | undefined {
  if (run.state.status !== 'NotStarted') {
    return { code: 'CORE.ALREADY_STARTED', message: `Execution "${run.state.executionId}" was already started (status ${run.state.status}).` };
  }
  const d = command.data;
  const timeout = run.flow.timeoutSeconds;
  const deadlineAt = timeout !== undefined ? run.isoAfter(timeout) : undefined;
  run.emit('ExecutionStarted', {
    executionId: d.executionId, executionName: d.executionName, flowName: d.flowName, flowVersion: d.flowVersion,
    input: d.input, trigger: d.trigger, decisionVersion: DECISION_VERSION,
    ...(d.parent !== undefined ? { parent: d.parent } : {}),
    ...(deadlineAt !== undefined ? { deadlineAt } : {}),
  });
  if (deadlineAt !== undefined) startTimer(run, 'flowTimeout', FLOW_SCOPE, deadlineAt);
  if (run.flow.steps.length > 0) run.push({ kind: 'enter', scope: FLOW_SCOPE, index: 0 });
  else run.push({ kind: 'completeScope', scope: FLOW_SCOPE, viaSucceed: false });
  return undefined;
}
