import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flowOf } from './support/flows';
import { cmd } from './support/commands';
import { given } from './support/gwt';

describe('succeed and fail scoping (SPEC Part A §5)', () => {
  test('a top-level succeed ends the flow with the flow local as output', () => {
    const flow = flowOf(`
steps:
  - type: pass
    name: a
    outputMappings: [{target: a, source: 1}]
  - type: succeed
    name: stop
  - type: pass
    name: never`);
    const then = given(flow).when(cmd.start());
    assert.ok(!then.events.some((e) => (e.data as { path?: string }).path === 'never'));
    assert.deepEqual(then.state.output, { a: 1 });
  });

  test('succeed inside a choice branch at top level ends the whole flow (choice branches are inline)', () => {
    const flow = flowOf(`
steps:
  - type: choice
    name: c
    choices:
      - condition: $.x == 1
        steps:
          - type: pass
            name: p
            outputMappings: [{target: p, source: 1}]
          - type: succeed
            name: s
  - type: pass
    name: never`);
    const then = given(flow).when(cmd.start({ x: 1 }));
    assert.ok(!then.events.some((e) => (e.data as { path?: string }).path === 'never'));
    assert.deepEqual(then.state.output, { p: 1 });
  });

  test('succeed inside a choice inside a parallel branch completes only that branch', () => {
    const flow = flowOf(`
steps:
  - type: parallel
    name: par
    outputMappings: [{target: r, source: $local}]
    branches:
      - steps:
          - type: choice
            name: c
            choices:
              - condition: $.x == 1
                steps:
                  - type: succeed
                    name: s
          - type: pass
            name: skipped
      - steps:
          - type: pass
            name: other
            outputMappings: [{target: o, source: 2}]
  - type: pass
    name: after`);
    const then = given(flow).when(cmd.start({ x: 1 }));
    const paths = then.events.map((e) => (e.data as { path?: string }).path);
    assert.ok(!paths.includes('par/branch[0]/skipped'));
    assert.ok(paths.includes('after'));
    assert.deepEqual(then.state.output, { r: [{}, { o: 2 }] });
  });

  test('fail fails its step, then every owner upward, and the execution with the same error and cause', () => {
    const flow = flowOf(`
steps:
  - type: choice
    name: c
    choices:
      - condition: $.x == 1
        steps:
          - type: fail
            name: boom
            error: MyError
            cause: it broke`);
    given(flow).when(cmd.start({ x: 1 })).then([
      'ExecutionStarted', 'StepEntered', 'StepStarted', 'ChoiceEvaluated', 'StepEntered', 'StepStarted',
      { type: 'StepFailed', data: { path: 'c/choices[0]/boom', error: 'MyError', cause: 'it broke' } },
      { type: 'StepFailed', data: { path: 'c', error: 'MyError', cause: 'it broke' } },
      { type: 'ExecutionFailed', data: { error: 'MyError', cause: 'it broke' } },
    ]);
  });

  test('a fail step without error and cause fails with FnF.Failed and an empty cause', () => {
    given(flowOf('steps: [{type: fail, name: f}]')).when(cmd.start())
      .endsWith({ type: 'ExecutionFailed', data: { error: 'FnF.Failed', cause: '' } });
  });
});
