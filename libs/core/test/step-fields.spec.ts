import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DispatchTaskIntent } from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, tid } from './support/commands';
import { given } from './support/gwt';

describe('remaining step fields', () => {
  test('task serviceParams are read from the step input and reach the dispatch intent', () => {
    const flow = flowOf(`
steps:
  - type: task
    name: sub
    resourceArn: acs:fnf:::flow/child
    pattern: sync
    inputMappings: [{target: childName, source: $input.name}]
    serviceParams:
      Input: $
      ExecutionName: $.childName`);
    const then = given(flow).when(cmd.start({ name: 'c-7' }));
    then.endsWith({ type: 'TaskScheduled', data: { resource: { kind: 'flow', flowName: 'child' }, pattern: 'sync', serviceParams: { Input: { childName: 'c-7' }, ExecutionName: 'c-7' } } });
    const intent = then.intents[0] as DispatchTaskIntent;
    assert.deepEqual(intent.serviceParams, { Input: { childName: 'c-7' }, ExecutionName: 'c-7' });
    assert.equal(intent.stepName, 'sub');
  });

  test('end: true on a task, wait, parallel or foreach ends the enclosing list', () => {
    for (const step of [
      '{type: task, name: s, resourceArn: "local:x", end: true}',
      '{type: wait, name: s, duration: 0, end: true}',
      '{type: parallel, name: s, end: true, branches: [{steps: [{type: pass, name: p}]}]}',
      '{type: foreach, name: s, end: true, iterationMapping: {collection: $.items, item: i}, steps: [{type: pass, name: p}]}',
    ]) {
      const flow = flowOf(`steps:\n  - ${step}\n  - {type: pass, name: never}`);
      let then = given(flow).when(cmd.start({ items: [1] }));
      if (then.state.status === 'Running') then = given(flow, [cmd.start({ items: [1] })]).when(cmd.succeed(tid('s'), {}));
      assert.equal(then.state.status, 'Succeeded', step);
      assert.ok(!then.events.some((e) => (e.data as { path?: string }).path === 'never'), step);
    }
  });

  test('wait, choice and succeed steps apply their own input and output mappings', () => {
    const flow = flowOf(`
steps:
  - type: wait
    name: w
    inputMappings: [{target: secs, source: $input.delay}]
    duration: $.secs
    outputMappings: [{target: waited, source: $input.secs}]
  - type: choice
    name: c
    inputMappings: [{target: n, source: $local.waited}]
    choices:
      - condition: $.n == 0
        steps: [{type: pass, name: p, outputMappings: [{target: inner, source: yes}]}]
    outputMappings: [{target: chose, source: $local.inner}]
  - type: succeed
    name: s
    outputMappings: [{target: bye, source: $input.chose}]`);
    assert.deepEqual(given(flow).when(cmd.start({ delay: 0 })).state.output, { waited: 0, chose: 'yes', bye: 'yes' });
  });

  test('a fail step reads its input mappings but its error and cause are constants', () => {
    const flow = flowOf(`
steps:
  - type: fail
    name: f
    inputMappings: [{target: a, source: 1}]
    error: Custom
    cause: fixed`);
    given(flow).when(cmd.start()).then([
      'ExecutionStarted', 'StepEntered', { type: 'StepStarted', data: { input: { a: 1 } } },
      { type: 'StepFailed', data: { error: 'Custom', cause: 'fixed' } }, 'ExecutionFailed',
    ]);
  });
});
