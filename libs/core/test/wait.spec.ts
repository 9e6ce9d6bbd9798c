import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StartTimerIntent } from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, T0 } from './support/commands';
import { given } from './support/gwt';

const waitFor = (field: string) => flowOf(`
steps:
  - type: wait
    name: w
    ${field}
  - type: pass
    name: after`);

describe('wait (SPEC Part B §4.3)', () => {
  test('a constant duration starts a wait timer; firing it continues the flow', () => {
    const flow = waitFor('duration: 10');
    const then = given(flow).when(cmd.start());
    then.endsWith({ type: 'TimerStarted', data: { purpose: 'wait', path: 'w', dueAt: new Date(T0 + 10_000).toISOString() } });
    const timer = then.intents[0] as StartTimerIntent;
    assert.equal(timer.dueAt, T0 + 10_000);
    given(flow, [cmd.start()]).when(cmd.fire(timer.timerId, T0 + 10_000)).then([
      { type: 'TimerFired', data: { timerId: timer.timerId, purpose: 'wait' } },
      { type: 'StepSucceeded', data: { output: {} } }, 'StepExited', 'StepEntered', 'StepStarted', 'StepSucceeded', 'StepExited', 'ExecutionSucceeded',
    ]);
    given(flow, [cmd.start(), cmd.fire(timer.timerId, T0 + 10_000)]).when(cmd.fire(timer.timerId, T0 + 10_001))
      .rejected('CORE.EXECUTION_NOT_RUNNING');
  });

  test('a timer fired before it is due is rejected', () => {
    const flow = waitFor('duration: 10');
    const timer = given(flow).when(cmd.start()).intents[0] as StartTimerIntent;
    given(flow, [cmd.start()]).when(cmd.fire(timer.timerId, T0 + 5)).rejected('CORE.TIMER_NOT_DUE', timer.timerId);
  });

  test('duration and timestamp can come from the input; a past timestamp ends the wait at once', () => {
    given(waitFor('duration: $.sleep')).when(cmd.start({ sleep: 3 }))
      .endsWith({ type: 'TimerStarted', data: { dueAt: new Date(T0 + 3000).toISOString() } });
    given(waitFor('timestamp: $.at')).when(cmd.start({ at: '2026-01-01T01:00:00+01:00' }))
      .endsWith({ type: 'ExecutionSucceeded' });
    given(waitFor('timestamp: "2026-01-01T00:01:00Z"')).when(cmd.start())
      .endsWith({ type: 'TimerStarted', data: { dueAt: '2026-01-01T00:01:00.000Z' } });
  });

  test('a bad wait value or one over maxWaitSeconds fails with FnF.RuntimeError', () => {
    given(waitFor('duration: $.sleep')).when(cmd.start({ sleep: 'soon' })).endsWith({ type: 'ExecutionFailed', data: { error: 'FnF.RuntimeError' } });
    given(waitFor('timestamp: $.at')).when(cmd.start({ at: 'tomorrow' })).endsWith({ type: 'ExecutionFailed', data: { error: 'FnF.RuntimeError' } });
    given(waitFor('duration: $.sleep')).when(cmd.start({ sleep: 3 * 24 * 3600 })).endsWith({ type: 'ExecutionFailed', data: { error: 'FnF.RuntimeError' } });
  });
});
