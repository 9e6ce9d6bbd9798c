import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DispatchTaskIntent, NotifyParentIntent } from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, tid, T0, EXEC } from './support/commands';
import { given } from './support/gwt';
import { timerOf } from './support/timers';

describe('task timeouts and heartbeats (SPEC Part A §8, §10)', () => {
  const flow = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x
    timeoutSeconds: 30
    heartbeatSeconds: 10
    retry: [{errors: [FnF.TaskTimeout], maxAttempts: 1, intervalSeconds: 1}]`);

  test('a task attempt gets timeoutAt and its timeout and heartbeat timers', () => {
    const then = given(flow).when(cmd.start());
    then.then(['ExecutionStarted', 'StepEntered', 'StepStarted',
      { type: 'TaskScheduled', data: { timeoutAt: new Date(T0 + 30_000).toISOString(), heartbeatSeconds: 10 } },
      { type: 'TimerStarted', data: { purpose: 'taskTimeout' } }, { type: 'TimerStarted', data: { purpose: 'heartbeat' } }]);
    assert.equal((then.intents[0] as DispatchTaskIntent).timeoutAt, T0 + 30_000);
  });

  test('the timeout timer times the attempt out with FnF.TaskTimeout, then retry applies', () => {
    const started = given(flow).when(cmd.start());
    const timeout = timerOf(started.intents, 'taskTimeout');
    given(flow, [cmd.start()]).when(cmd.fire(timeout.timerId, T0 + 30_000)).then([
      'TimerFired', { type: 'TaskTimedOut', data: { taskId: tid('t'), error: 'FnF.TaskTimeout' } },
      { type: 'RetryScheduled', data: { error: 'FnF.TaskTimeout' } }, 'TimerStarted',
    ]);
    given(flow, [cmd.start(), cmd.fire(timeout.timerId, T0 + 30_000)]).when(cmd.succeed(tid('t'), {}))
      .rejected('CORE.TASK_SUPERSEDED', 'timed out');
  });

  test('a heartbeat moves the deadline: the old heartbeat timer becomes stale', () => {
    const started = given(flow).when(cmd.start());
    const first = timerOf(started.intents, 'heartbeat');
    const beat = given(flow, [cmd.start()]).when(cmd.heartbeat(tid('t'), T0 + 5_000));
    beat.then([{ type: 'TaskHeartbeat', data: { deadlineAt: new Date(T0 + 15_000).toISOString() } }, { type: 'TimerStarted', data: { purpose: 'heartbeat' } }]);
    const second = timerOf(beat.intents, 'heartbeat');
    assert.notEqual(second.timerId, first.timerId);
    const history = [cmd.start(), cmd.heartbeat(tid('t'), T0 + 5_000)];
    given(flow, history).when(cmd.fire(first.timerId, T0 + 10_000)).rejected('CORE.STALE_TIMER', first.timerId);
    given(flow, history).when(cmd.fire(second.timerId, T0 + 15_000))
      .then(['TimerFired', { type: 'TaskTimedOut', data: { error: 'FnF.TaskTimeout' } }, 'RetryScheduled', 'TimerStarted']);
  });

  test('a heartbeat for a task without heartbeatSeconds is rejected', () => {
    const plain = flowOf('steps: [{type: task, name: t, resourceArn: "local:x"}]');
    given(plain, [cmd.start()]).when(cmd.heartbeat(tid('t'))).rejected('CORE.HEARTBEAT_NOT_CONFIGURED', tid('t'));
  });
});

describe('waitForCallback (SPEC Part A §10, Part B §5.3)', () => {
  const flow = flowOf(`
steps:
  - type: task
    name: cb
    resourceArn: kafka:jobs
    pattern: waitForCallback
    retry: [{errors: [SubmitError], maxAttempts: 1, intervalSeconds: 1}]`);

  test('a token is issued per attempt; TaskSubmitted marks the intent submitted; a report completes it', () => {
    given(flow).when(cmd.start()).endsWith({ type: 'TaskTokenIssued', data: { taskId: tid('cb'), attempt: 1 } });
    const submitted = given(flow, [cmd.start()]).when(cmd.submitted(tid('cb')));
    submitted.then([{ type: 'TaskSubmitted', data: { taskId: tid('cb') } }]);
    assert.equal((submitted.intents[0] as DispatchTaskIntent).submitted, true);
    given(flow, [cmd.start(), cmd.submitted(tid('cb'))]).when(cmd.submitted(tid('cb'))).rejected('CORE.TASK_ALREADY_SUBMITTED', tid('cb'));
    given(flow, [cmd.start(), cmd.submitted(tid('cb'))]).when(cmd.succeed(tid('cb'), { ok: 1 }))
      .endsWith({ type: 'ExecutionSucceeded', data: { output: { ok: 1 } } });
  });

  test('a failed submission fails the attempt; retry schedules a new attempt with a new token', () => {
    const failed = given(flow, [cmd.start()]).when(cmd.submitFailed(tid('cb'), 'SubmitError', 'queue down'));
    failed.then([{ type: 'TaskSubmitFailed', data: { error: 'SubmitError', cause: 'queue down' } }, 'RetryScheduled', 'TimerStarted']);
    const retry = timerOf(failed.intents, 'retry');
    given(flow, [cmd.start(), cmd.submitFailed(tid('cb'), 'SubmitError', 'queue down')]).when(cmd.fire(retry.timerId, retry.dueAt))
      .then(['TimerFired', { type: 'TaskScheduled', data: { taskId: tid('cb', 2), attempt: 2 } }, { type: 'TaskTokenIssued', data: { taskId: tid('cb', 2) } }]);
  });
});

describe('child flows (SPEC Part B §5.4)', () => {
  const child = (pattern: string) => flowOf(`
steps:
  - type: task
    name: sub
    resourceArn: acs:fnf:::flow/child
    pattern: ${pattern}`);

  test('requestResponse completes when the child is started, with {flowName, executionName}', () => {
    given(child('requestResponse'), [cmd.start()]).when(cmd.childStarted(tid('sub'), 'child', 'c-1')).then([
      { type: 'ChildExecutionStarted', data: { flowName: 'child', executionName: 'c-1' } },
      { type: 'TaskSucceeded', data: { output: { flowName: 'child', executionName: 'c-1' } } },
      'StepSucceeded', 'StepExited', 'ExecutionSucceeded',
    ]);
  });

  test('sync waits for the child result reported back to the parent', () => {
    const flow = child('sync');
    const started = given(flow, [cmd.start()]).when(cmd.childStarted(tid('sub'), 'child', 'c-1'));
    started.then(['ChildExecutionStarted']);
    assert.equal((started.intents[0] as DispatchTaskIntent).submitted, true);
    given(flow, [cmd.start(), cmd.childStarted(tid('sub'), 'child', 'c-1')]).when(cmd.fail(tid('sub'), 'ChildError', 'child failed'))
      .then([{ type: 'ChildExecutionFinished', data: { status: 'Failed' } }, 'TaskFailed', 'StepFailed', { type: 'ExecutionFailed', data: { error: 'ChildError' } }]);
    given(flowOf('steps: [{type: task, name: t, resourceArn: "local:x"}]'), [cmd.start()])
      .when(cmd.childStarted(tid('t'), 'child', 'c')).rejected('CORE.NOT_A_FLOW_TASK');
  });

  test('a child started with a parent link notifies the parent once terminal', () => {
    const parent = { executionId: 'p-1', flowName: 'parent', executionName: 'p', taskId: 'p-1:sub:1', pattern: 'sync' as const };
    const flow = flowOf('steps: [{type: pass, name: p, outputMappings: [{target: r, source: 1}]}]');
    const then = given(flow).when(cmd.start({}, T0, parent));
    const notify = then.intents[0] as NotifyParentIntent;
    assert.deepEqual(notify, { kind: 'NotifyParent', id: `${EXEC}:notify-parent`, parent, status: 'Succeeded', output: { r: 1 } });
  });
});

describe('execution lifecycle (SPEC Part A §14, Part B §8, §10)', () => {
  const flow = flowOf(`
timeoutSeconds: 60
onTimeout:
  steps:
    - type: task
      name: cleanup
      resourceArn: local:cleanup
steps:
  - type: pass
    name: p
    outputMappings: [{target: made, source: 1}]
  - type: task
    name: t
    resourceArn: local:x`);

  test('the flow timeout cancels everything, runs onTimeout with the flow local, then ends TimedOut', () => {
    const started = given(flow).when(cmd.start({ in: 1 }));
    assert.equal(started.events[0].data.hasOwnProperty('deadlineAt'), true);
    const deadline = timerOf(started.intents, 'flowTimeout', '');
    const fired = given(flow, [cmd.start({ in: 1 })]).when(cmd.fire(deadline.timerId, T0 + 60_000));
    fired.then(['TimerFired', { type: 'StepEntered', data: { path: 'onTimeout/cleanup', input: { in: 1 }, local: { made: 1 } } },
      'StepStarted', { type: 'TaskScheduled', data: { taskId: tid('onTimeout/cleanup') } }]);
    assert.deepEqual(fired.intents.map((i) => i.id), [tid('onTimeout/cleanup')]);
    const history = [cmd.start({ in: 1 }), cmd.fire(deadline.timerId, T0 + 60_000)];
    given(flow, history).when(cmd.succeed(tid('t'), {})).rejected('CORE.TASK_SUPERSEDED', 'cancelled');
    given(flow, history).when(cmd.succeed(tid('onTimeout/cleanup'), {}))
      .endsWith({ type: 'ExecutionTimedOut', data: { error: 'FnF.Timeout' } });
  });

  test('StopExecution stops a running execution; later commands are rejected', () => {
    given(flow, [cmd.start()]).when(cmd.stop('Manual', 'operator')).then([{ type: 'ExecutionStopped', data: { error: 'Manual', cause: 'operator' } }]);
    given(flow, [cmd.start(), cmd.stop()]).when(cmd.succeed(tid('t'), {})).rejected('CORE.EXECUTION_NOT_RUNNING', 'Stopped');
    given(flow, [cmd.start(), cmd.stop()]).when(cmd.stop()).rejected('CORE.EXECUTION_NOT_RUNNING');
    assert.deepEqual(given(flow, [cmd.start()]).when(cmd.stop()).intents, []);
  });

  test('a second StartExecution is rejected; commands before the start are rejected', () => {
    given(flow, [cmd.start()]).when(cmd.start()).rejected('CORE.ALREADY_STARTED', EXEC);
    given(flow).when(cmd.succeed(tid('t'), {})).rejected('CORE.EXECUTION_NOT_RUNNING', 'NotStarted');
  });
});
