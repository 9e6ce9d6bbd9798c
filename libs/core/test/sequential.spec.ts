import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flowOf } from './support/flows';
import { cmd, tid, EXEC } from './support/commands';
import { given } from './support/gwt';

const passes = flowOf(`
steps:
  - type: pass
    name: a
    outputMappings:
      - target: x
        source: 1
  - type: pass
    name: b
    outputMappings:
      - target: y
        source: $input.x
`);

const tasks = flowOf(`
steps:
  - type: task
    name: t1
    resourceArn: local:one
  - type: task
    name: t2
    resourceArn: local:two
`);

describe('sequential pass and task steps', () => {
  test('a run of pass steps is one decision that ends the execution', () => {
    given(passes).when(cmd.start({ k: 'v' })).then([
      { type: 'ExecutionStarted', data: { executionId: EXEC, input: { k: 'v' }, decisionVersion: 1 } },
      { type: 'StepEntered', data: { path: 'a', name: 'a', stepType: 'pass', input: { k: 'v' }, local: {} } },
      { type: 'StepStarted', data: { path: 'a', input: { k: 'v' } } },
      { type: 'StepSucceeded', data: { path: 'a', output: { x: 1 } } },
      { type: 'StepExited', data: { path: 'a', local: { x: 1 } } },
      { type: 'StepEntered', data: { path: 'b', input: { k: 'v' }, local: { x: 1 } } },
      { type: 'StepStarted', data: { path: 'b', input: { k: 'v', x: 1 } } },
      { type: 'StepSucceeded', data: { path: 'b', output: { y: 1 } } },
      { type: 'StepExited', data: { path: 'b', local: { x: 1, y: 1 } } },
      { type: 'ExecutionSucceeded', data: { output: { x: 1, y: 1 } } },
    ]);
  });

  test('a task step schedules a task and waits; its result continues the flow', () => {
    const started = given(tasks).when(cmd.start({ n: 1 })).then([
      'ExecutionStarted', 'StepEntered', 'StepStarted',
      { type: 'TaskScheduled', data: { path: 't1', taskId: tid('t1'), attempt: 1, input: { n: 1 }, pattern: 'requestResponse' } },
    ]);
    assert.deepEqual(started.intents.map((i) => i.id), [tid('t1')]);
    given(tasks, [cmd.start({ n: 1 })]).when(cmd.succeed(tid('t1'), { m: 2 })).then([
      { type: 'TaskSucceeded', data: { taskId: tid('t1'), output: { m: 2 } } },
      { type: 'StepSucceeded', data: { output: { m: 2 } } },
      { type: 'StepExited', data: { local: { m: 2 } } },
      { type: 'StepEntered', data: { path: 't2' } },
      { type: 'StepStarted', data: { input: { n: 1, m: 2 } } },
      { type: 'TaskScheduled', data: { taskId: tid('t2') } },
    ]);
  });

  test('the last task result succeeds the execution with the flow local', () => {
    const then = given(tasks, [cmd.start({ n: 1 }), cmd.succeed(tid('t1'), { m: 2 })])
      .when(cmd.succeed(tid('t2'), { o: 3 }))
      .endsWith({ type: 'ExecutionSucceeded', data: { output: { m: 2, o: 3 } } });
    assert.equal(then.state.status, 'Succeeded');
    assert.deepEqual(then.intents, []);
  });
});
