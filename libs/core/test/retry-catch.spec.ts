import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecutionCommand } from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, tid, T0 } from './support/commands';
import { given } from './support/gwt';
import { timerOf } from './support/timers';

const flow = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x
    inputMappings: [{target: v, source: $input.v}]
    retry:
      - errors: [Flaky]
        intervalSeconds: 10
        maxIntervalSeconds: 25
        maxAttempts: 3
        multiplier: 2
      - errors: [HTTP.5*]
        intervalSeconds: 1
        maxAttempts: 1
    catch:
      - errors: [Fatal]
        goto: recover
      - errors: [FnF.ALL]
        goto: final
    errorMappings:
      - target: msg
        source: $local.cause
      - target: code
        source: $local.code
  - type: pass
    name: recover
    outputMappings: [{target: recovered, source: true}]
  - type: pass
    name: final`);

/** Fails attempt after attempt with `errors`, firing each retry timer; returns the history. */
function failTimes(errors: string[]): { history: ExecutionCommand[]; now: number } {
  const history: ExecutionCommand[] = [cmd.start({ v: 1 })];
  let now = T0;
  errors.forEach((error, i) => {
    history.push(cmd.fail(tid('t', i + 1), error, `cause ${i}`, now));
    const timer = given(flow, history).when(cmd.stop()).before;
    const retry = Object.values(timer.timers).find((x) => x.purpose === 'retry');
    if (retry !== undefined) {
      now = retry.dueAt;
      history.push(cmd.fire(retry.timerId, now));
    }
  });
  return { history, now };
}

describe('retry and catch (SPEC Part A §8, Part B §6)', () => {
  test('retry k waits min(interval × multiplier^(k−1), maxInterval) and reuses the step input', () => {
    const delays: number[] = [];
    const history: ExecutionCommand[] = [cmd.start({ v: 1 })];
    let now = T0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const then = given(flow, history).when(cmd.fail(tid('t', attempt), 'Flaky', 'x', now));
      then.then(['TaskFailed', { type: 'RetryScheduled', data: { attempt, retrier: 0, error: 'Flaky' } }, { type: 'TimerStarted', data: { purpose: 'retry' } }]);
      const timer = timerOf(then.intents, 'retry');
      delays.push(timer.dueAt - now);
      history.push(cmd.fail(tid('t', attempt), 'Flaky', 'x', now));
      now = timer.dueAt;
      given(flow, history).when(cmd.fire(timer.timerId, now))
        .then([{ type: 'TimerFired' }, { type: 'TaskScheduled', data: { taskId: tid('t', attempt + 1), attempt: attempt + 1, input: { v: 1 } } }]);
      history.push(cmd.fire(timer.timerId, now));
    }
    assert.deepEqual(delays, [10_000, 20_000, 25_000]);
  });

  test('each retrier counts its own retries; exhausted retries fall through to catch', () => {
    const { history, now } = failTimes(['Flaky', 'HTTP.503', 'Flaky']);
    given(flow, history).when(cmd.fail(tid('t', 4), 'HTTP.502', 'again', now)).then([
      'TaskFailed',
      { type: 'CatchMatched', data: { path: 't', error: 'HTTP.502', catcher: 1, goto: 'final' } },
      { type: 'StepSucceeded', data: { output: { msg: 'again', code: 'HTTP.502' } } },
      { type: 'StepExited', data: { local: { msg: 'again', code: 'HTTP.502' } } },
      { type: 'StepEntered', data: { path: 'final' } }, 'StepStarted', 'StepSucceeded', 'StepExited', 'ExecutionSucceeded',
    ]);
  });

  test('the first matching catcher wins and its goto runs next', () => {
    const then = given(flow, [cmd.start({ v: 1 })]).when(cmd.fail(tid('t'), 'Fatal', 'bad'));
    assert.equal(then.events[1].type, 'CatchMatched');
    assert.deepEqual(then.state.output, { msg: 'bad', code: 'Fatal', recovered: true });
  });

  test('an uncaught error fails the step and the execution', () => {
    const bare = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x
    retry: [{errors: [Other], maxAttempts: 1}]`);
    given(bare, [cmd.start()]).when(cmd.fail(tid('t'), 'Nope', 'why')).then([
      'TaskFailed', { type: 'StepFailed', data: { error: 'Nope', cause: 'why' } }, { type: 'ExecutionFailed', data: { error: 'Nope', cause: 'why' } },
    ]);
  });

  test('a catch without errorMappings gives the step an empty output', () => {
    const flow2 = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x
    catch: [{errors: [FnF.ALL], goto: next}]
  - type: pass
    name: next`);
    assert.deepEqual(given(flow2, [cmd.start({ a: 1 })]).when(cmd.fail(tid('t'), 'E')).state.output, {});
  });

  test('reports for an old attempt are rejected as superseded; a second report as already reported', () => {
    const history = [cmd.start({ v: 1 }), cmd.fail(tid('t'), 'Flaky')];
    given(flow, history).when(cmd.succeed(tid('t'), {})).rejected('CORE.TASK_ALREADY_REPORTED', tid('t'));
    const { history: retried } = failTimes(['Flaky']);
    given(flow, retried).when(cmd.succeed(tid('t', 1), {})).rejected('CORE.TASK_SUPERSEDED', tid('t', 1));
    given(flow, retried).when(cmd.succeed(tid('t', 9), {})).rejected('CORE.UNKNOWN_TASK', tid('t', 9));
    given(flow, retried).when(cmd.succeed('someone-else:t:1', {})).rejected('CORE.UNKNOWN_TASK');
  });

  test('a retry timer that already fired is stale', () => {
    const { history, now } = failTimes(['Flaky']);
    const fired = history[history.length - 1] as Extract<ExecutionCommand, { type: 'FireTimer' }>;
    given(flow, history).when(cmd.fire(fired.data.timerId, now + 1)).rejected('CORE.STALE_TIMER', fired.data.timerId);
  });
});
