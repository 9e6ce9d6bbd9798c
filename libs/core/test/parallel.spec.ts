import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flowOf } from './support/flows';
import { cmd, tid } from './support/commands';
import { given } from './support/gwt';

const flow = flowOf(`
steps:
  - type: parallel
    name: par
    outputMappings:
      - target: results
        source: $local[*].r
    branches:
      - steps:
          - type: task
            name: slow
            resourceArn: local:slow
      - steps:
          - type: task
            name: fast
            resourceArn: local:fast
  - type: pass
    name: after`);

describe('parallel (SPEC Part B §4.5, Part A §6)', () => {
  test('every branch is entered with the step input before any branch runs', () => {
    const then = given(flow).when(cmd.start({ in: 1 }));
    assert.deepEqual(then.events.slice(3).map((e) => e.type), [
      'BranchEntered', 'BranchEntered', 'StepEntered', 'StepStarted', 'TaskScheduled', 'StepEntered', 'StepStarted', 'TaskScheduled',
    ]);
    assert.deepEqual(then.events[3].data, { path: 'par', index: 0, input: { in: 1 } });
    assert.deepEqual(then.intents.map((i) => i.id).sort(), [tid('par/branch[0]/slow'), tid('par/branch[1]/fast')]);
  });

  test('results are in branch order whatever the finishing order; default output is empty', () => {
    const then = given(flow, [cmd.start(), cmd.succeed(tid('par/branch[1]/fast'), { r: 'fast' })])
      .when(cmd.succeed(tid('par/branch[0]/slow'), { r: 'slow' }));
    assert.deepEqual(then.state.output, { results: ['slow', 'fast'] });
    const noMappings = flowOf(`
steps:
  - type: parallel
    name: par
    branches:
      - steps: [{type: pass, name: a, outputMappings: [{target: a, source: 1}]}]`);
    assert.deepEqual(given(noMappings).when(cmd.start()).state.output, {});
  });

  test('a failing branch cancels the running siblings and fails the step with the same error', () => {
    const then = given(flow, [cmd.start()]).when(cmd.fail(tid('par/branch[1]/fast'), 'Broken', 'because'));
    then.then([
      'TaskFailed',
      { type: 'StepFailed', data: { path: 'par/branch[1]/fast' } },
      { type: 'BranchCancelled', data: { path: 'par', index: 0, error: 'Broken' } },
      { type: 'StepFailed', data: { path: 'par', error: 'Broken', cause: 'because' } },
      { type: 'ExecutionFailed', data: { error: 'Broken', cause: 'because' } },
    ]);
    assert.deepEqual(then.intents, []);
  });

  test('late results of a cancelled branch are rejected', () => {
    const flowWithCatch = flowOf(`
steps:
  - type: parallel
    name: par
    branches:
      - steps: [{type: task, name: slow, resourceArn: 'local:slow'}]
      - steps: [{type: task, name: fast, resourceArn: 'local:fast'}]`);
    const history = [cmd.start(), cmd.fail(tid('par/branch[1]/fast'), 'Broken')];
    given(flowWithCatch, history).when(cmd.succeed(tid('par/branch[0]/slow'), {}))
      .rejected('CORE.EXECUTION_NOT_RUNNING', tid('par/branch[0]/slow'));
  });
});
