import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TASK_TOKEN_PLACEHOLDER, type DispatchTaskIntent } from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, tid } from './support/commands';
import { given } from './support/gwt';

describe('data flow (SPEC Part B §3, Part A §3, §4, §11, §17)', () => {
  test('without mappings a step sees the parent input merged with the parent local (local wins)', () => {
    const flow = flowOf(`
steps:
  - type: pass
    name: a
    outputMappings:
      - target: k
        source: from-a
  - type: task
    name: t
    resourceArn: local:x`);
    given(flow).when(cmd.start({ k: 'input', other: 1 }))
      .endsWith({ type: 'TaskScheduled', data: { input: { k: 'from-a', other: 1 } } });
  });

  test('inputMappings build a new object from the parent input and local; the merge is shallow', () => {
    const flow = flowOf(`
steps:
  - type: pass
    name: a
    outputMappings:
      - target: nested
        source: {b: 2}
  - type: pass
    name: b
    outputMappings:
      - target: nested
        source: {c: 3}
  - type: task
    name: t
    resourceArn: local:x
    inputMappings:
      - target: fromInput
        source: $input.x
      - target: fromLocal
        source: $local.nested
      - target: missing
        source: $input.nothing
      - target: constant
        source: 7`);
    given(flow).when(cmd.start({ x: 'X', y: 'dropped' }))
      .endsWith({ type: 'TaskScheduled', data: { input: { fromInput: 'X', fromLocal: { c: 3 }, missing: null, constant: 7 } } });
  });

  test('task outputMappings read the step input and the task result; the output merges into the parent local', () => {
    const flow = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x
    outputMappings:
      - target: sum
        source: $local.value
      - target: echoed
        source: $input.q`);
    given(flow, [cmd.start({ q: 'Q' })]).when(cmd.succeed(tid('t'), { value: 5, ignored: true })).then([
      'TaskSucceeded',
      { type: 'StepSucceeded', data: { output: { sum: 5, echoed: 'Q' } } },
      { type: 'StepExited', data: { local: { sum: 5, echoed: 'Q' } } },
      { type: 'ExecutionSucceeded', data: { output: { sum: 5, echoed: 'Q' } } },
    ]);
  });

  test('flow inputMappings shape the flow input and outputMappings the execution output', () => {
    const flow = flowOf(`
inputMappings:
  - target: who
    source: $input.name
outputMappings:
  - target: greeting
    source: $local.greeting
  - target: who
    source: $input.who
steps:
  - type: pass
    name: p
    outputMappings:
      - target: greeting
        source: hello`);
    const then = given(flow).when(cmd.start({ name: 'ann', extra: 1 }));
    then.then([
      'ExecutionStarted',
      { type: 'StepEntered', data: { input: { who: 'ann' } } },
      'StepStarted', 'StepSucceeded', 'StepExited',
      { type: 'ExecutionSucceeded', data: { output: { greeting: 'hello', who: 'ann' } } },
    ]);
  });

  test('a flow without steps succeeds at once with an empty output', () => {
    given(flowOf('steps: []')).when(cmd.start({ a: 1 })).then(['ExecutionStarted', { type: 'ExecutionSucceeded', data: { output: {} } }]);
  });

  test('$context exposes execution, flow, step and the task token placeholder', () => {
    const flow = flowOf(`
steps:
  - type: task
    name: cb
    resourceArn: local:x
    pattern: waitForCallback
    inputMappings:
      - target: token
        source: $context.task.token
      - target: exec
        source: $context.execution.name
      - target: flow
        source: $context.flow.name
      - target: step
        source: $context.step.path`);
    assert.equal(flow.usesContext, true);
    const then = given(flow).when(cmd.start());
    const task = then.intents[0] as DispatchTaskIntent;
    assert.deepEqual(task.input, { token: TASK_TOKEN_PLACEHOLDER, exec: 'run-1', flow: 'f', step: 'cb' });
  });

  test('a task result that is not a JSON object fails the task with FnF.InvalidLocal', () => {
    const flow = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x`);
    given(flow, [cmd.start()]).when(cmd.succeed(tid('t'), [1, 2])).then([
      { type: 'TaskFailed', data: { error: 'FnF.InvalidLocal' } },
      { type: 'StepFailed', data: { path: 't', error: 'FnF.InvalidLocal' } },
      { type: 'ExecutionFailed', data: { error: 'FnF.InvalidLocal' } },
    ]);
  });

  test('a step payload over maxStepPayloadBytes fails with FnF.RuntimeError naming the sizes', () => {
    const flow = flowOf(`
steps:
  - type: task
    name: t
    resourceArn: local:x
    catch:
      - errors: [FnF.RuntimeError]
        goto: after
  - type: pass
    name: after`, { limits: { maxStepPayloadBytes: 100 } });
    const then = given(flow, [cmd.start({ small: 1 })]).when(cmd.succeed(tid('t'), { big: 'é'.repeat(60) }));
    then.then(['TaskSucceeded', { type: 'CatchMatched', data: { error: 'FnF.RuntimeError', goto: 'after' } },
      'StepSucceeded', 'StepExited', 'StepEntered', 'StepStarted', 'StepSucceeded', 'StepExited', 'ExecutionSucceeded']);
    const tooBig = given(flowOf(`
steps:
  - type: pass
    name: p`, { limits: { maxStepPayloadBytes: 10 } })).when(cmd.start({ text: 'more than ten bytes' }));
    tooBig.endsWith({ type: 'ExecutionFailed', data: { error: 'FnF.RuntimeError' } });
    assert.match((tooBig.events.at(-1)!.data as { cause: string }).cause, /Step "p" payload is \d+ bytes, over the limit of 10 bytes/);
  });
});
