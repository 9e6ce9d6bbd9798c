import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flowOf } from './support/flows';
import { cmd, tid } from './support/commands';
import { given } from './support/gwt';

const flow = flowOf(`
steps:
  - type: choice
    name: check
    choices:
      - condition: $.kind == "a"
        steps:
          - type: pass
            name: inA
            outputMappings:
              - target: via
                source: a
        goto: last
      - condition: $.kind == "b"
        steps:
          - type: pass
            name: inB
            outputMappings:
              - target: via
                source: b
    default:
      goto: last
  - type: pass
    name: middle
    outputMappings:
      - target: middle
        source: true
  - type: pass
    name: last`);

function types(events: readonly { type: string; data: unknown }[]): string[] {
  return events.map((e) => `${e.type}:${(e.data as { path?: string }).path ?? ''}`);
}

describe('choice (SPEC Part B §4.4)', () => {
  test('the first true condition runs its steps inline (paths check/choices[i]/x) then its goto', () => {
    const then = given(flow).when(cmd.start({ kind: 'a' }));
    assert.deepEqual(types(then.events), [
      'ExecutionStarted:', 'StepEntered:check', 'StepStarted:check', 'ChoiceEvaluated:check',
      'StepEntered:check/choices[0]/inA', 'StepStarted:check/choices[0]/inA', 'StepSucceeded:check/choices[0]/inA', 'StepExited:check/choices[0]/inA',
      'StepSucceeded:check', 'StepExited:check',
      'StepEntered:last', 'StepStarted:last', 'StepSucceeded:last', 'StepExited:last', 'ExecutionSucceeded:',
    ]);
    assert.deepEqual(then.events[3].data, { path: 'check', branch: 0, condition: '$.kind == "a"' });
    assert.deepEqual(then.state.output, { via: 'a' });
  });

  test('a branch without goto falls through to the next sibling', () => {
    const then = given(flow).when(cmd.start({ kind: 'b' }));
    assert.ok(types(then.events).includes('StepEntered:middle'));
    assert.deepEqual(then.state.output, { via: 'b', middle: true });
  });

  test('the default branch runs when nothing matches; no default and no match just finishes', () => {
    const then = given(flow).when(cmd.start({ kind: 'z' }));
    assert.deepEqual(then.events[3].data, { path: 'check', branch: 'default' });
    assert.ok(!types(then.events).includes('StepEntered:middle'));
    const noDefault = flowOf(`
steps:
  - type: choice
    name: c
    choices:
      - condition: $.x > 1
        steps: [{type: pass, name: p}]
  - type: pass
    name: next`);
    const none = given(noDefault).when(cmd.start({ x: 0 }));
    assert.deepEqual(none.events[3].data, { path: 'c', branch: 'none' });
    assert.ok(types(none.events).includes('StepEntered:next'));
  });

  test('end: true on a step ends its list; on a choice it ends the enclosing scope', () => {
    const ended = flowOf(`
steps:
  - type: choice
    name: c
    end: true
    choices:
      - condition: $.x == 1
        steps:
          - type: pass
            name: first
            end: true
          - type: pass
            name: skipped
  - type: pass
    name: never`);
    const paths = types(given(ended).when(cmd.start({ x: 1 })).events);
    assert.ok(paths.includes('StepExited:c/choices[0]/first'));
    assert.ok(!paths.some((p) => p.includes('skipped') || p.includes('never')));
  });

  test('a backward goto loops; a task re-entered gets a fresh task id and attempt 1', () => {
    const loop = flowOf(`
steps:
  - type: task
    name: poll
    resourceArn: local:poll
  - type: choice
    name: done
    choices:
      - condition: $.ready == false
        goto: poll`);
    const first = given(loop, [cmd.start()]).when(cmd.succeed(tid('poll'), { ready: false }));
    first.endsWith({ type: 'TaskScheduled', data: { taskId: tid('poll', 2), attempt: 1, input: { ready: false } } });
    given(loop, [cmd.start(), cmd.succeed(tid('poll'), { ready: false })])
      .when(cmd.succeed(tid('poll', 2), { ready: true }))
      .endsWith({ type: 'ExecutionSucceeded', data: { output: { ready: true } } });
  });

  test('a goto loop of control steps only is stopped with FnF.RuntimeError instead of running forever', () => {
    const spin = flowOf(`
steps:
  - type: pass
    name: a
  - type: choice
    name: c
    choices:
      - condition: $.x == 1
        goto: a`);
    given(spin).when(cmd.start({ x: 1 })).endsWith({ type: 'ExecutionFailed', data: { error: 'FnF.RuntimeError' } });
  });
});
