import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DispatchTaskIntent } from '@ordo/core';
import { flowOf } from './support/flows';
import { cmd, tid } from './support/commands';
import { given } from './support/gwt';

const flow = flowOf(`
steps:
  - type: foreach
    name: each
    maxConcurrency: 2
    iterationMapping:
      collection: $.items
      item: item
      index: i
    outputMappings:
      - target: out
        source: $local[*].v
    steps:
      - type: task
        name: work
        resourceArn: local:work`);

const task = (i: number): string => tid(`each/iteration[${i}]/work`);

describe('foreach (SPEC Part B §4.6, Part A §6, §7)', () => {
  test('iteration inputs carry the item and the 0-based index; at most maxConcurrency run', () => {
    const then = given(flow).when(cmd.start({ items: ['a', 'b', 'c'] }));
    const inputs = then.intents.map((i) => (i as DispatchTaskIntent).input);
    assert.deepEqual(inputs, [{ items: ['a', 'b', 'c'], item: 'a', i: 0 }, { items: ['a', 'b', 'c'], item: 'b', i: 1 }]);
  });

  test('a finished iteration starts the next one; results keep collection order', () => {
    const after1 = given(flow, [cmd.start({ items: ['a', 'b', 'c'] })]).when(cmd.succeed(task(1), { v: 'B' }));
    after1.then(['TaskSucceeded', 'StepSucceeded', 'StepExited', { type: 'IterationExited', data: { index: 1, local: { v: 'B' } } },
      { type: 'IterationEntered', data: { index: 2 } }, 'StepEntered', 'StepStarted', 'TaskScheduled']);
    const done = given(flow, [cmd.start({ items: ['a', 'b', 'c'] }), cmd.succeed(task(1), { v: 'B' }), cmd.succeed(task(2), { v: 'C' })])
      .when(cmd.succeed(task(0), { v: 'A' }));
    assert.deepEqual(done.state.output, { out: ['A', 'B', 'C'] });
  });

  test('an empty collection completes at once with local []', () => {
    const then = given(flowOf(`
steps:
  - type: foreach
    name: each
    iterationMapping: {collection: $.items, item: x}
    outputMappings: [{target: all, source: $local}]
    steps: [{type: pass, name: p}]`)).when(cmd.start({ items: [] }));
    assert.deepEqual(then.state.output, { all: [] });
  });

  test('a collection that is not an array fails the step with FnF.RuntimeError', () => {
    given(flow).when(cmd.start({ items: 'nope' })).then([
      'ExecutionStarted', 'StepEntered', 'StepStarted',
      { type: 'StepFailed', data: { path: 'each', error: 'FnF.RuntimeError' } },
      { type: 'ExecutionFailed', data: { error: 'FnF.RuntimeError' } },
    ]);
  });

  test('a failing iteration cancels the running ones (BranchCancelled carries the iteration index)', () => {
    given(flow, [cmd.start({ items: [1, 2, 3] })]).when(cmd.fail(task(0), 'Bad')).then([
      'TaskFailed', 'StepFailed',
      { type: 'BranchCancelled', data: { path: 'each', index: 1, error: 'Bad' } },
      { type: 'StepFailed', data: { path: 'each', error: 'Bad' } },
      'ExecutionFailed',
    ]);
  });

  test('foreach nests: inner paths name both iterations', () => {
    const nested = flowOf(`
steps:
  - type: foreach
    name: outer
    iterationMapping: {collection: $.rows, item: row}
    outputMappings: [{target: cells, source: '$local[*].inner[*].c'}]
    steps:
      - type: foreach
        name: inner
        iterationMapping: {collection: $.row, item: cell}
        outputMappings: [{target: inner, source: $local}]
        steps:
          - type: pass
            name: p
            outputMappings: [{target: c, source: $input.cell}]`);
    const then = given(nested).when(cmd.start({ rows: [[1, 2], [3]] }));
    assert.ok(then.events.some((e) => (e.data as { path?: string }).path === 'outer/iteration[0]/inner/iteration[1]/p'));
    assert.deepEqual(then.state.output, { cells: [1, 2, 3] });
  });
});
