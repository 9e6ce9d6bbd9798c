import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFlowText, listTaskResources } from '@ordo/fdl';
import { DEFAULT_LIMITS, type CompiledFlow, type CompiledStep } from '@ordo/core';

function compile(yaml: string, limits?: { maxWaitSeconds: number }): CompiledFlow {
  const result = compileFlowText(yaml, limits ? { limits } : {});
  assert.deepEqual(result.issues, []);
  assert.ok(result.flow);
  return result.flow;
}

function as<T extends CompiledStep['type']>(step: CompiledStep, type: T): Extract<CompiledStep, { type: T }> {
  assert.equal(step.type, type);
  return step as Extract<CompiledStep, { type: T }>;
}

const FLOW = `version: v1beta1
type: flow
name: ignored
timeoutSeconds: 60
x-owner: team-a
inputMappings:
  - target: id
    source: $input.orderId
outputMappings:
  - target: result
    source: $local
onTimeout:
  steps:
    - type: task
      name: cleanup
      resourceArn: local:cleanup
steps:
  - type: task
    name: charge
    resourceArn: kafka:payments
    pattern: waitForCallback
    timeoutSeconds: 30
    heartbeatSeconds: 10
    serviceParams:
      Body: $
      Id: $.id
      Fixed: {a: 1}
    retry:
      - errors: [FC.*]
      - errors: [FnF.TaskTimeout]
        intervalSeconds: 10
        maxIntervalSeconds: 300
        maxAttempts: 5
        multiplier: 1.5
    catch:
      - errors: [FnF.ALL]
        goto: failed
  - type: choice
    name: route
    choices:
      - condition: $.amount > 100
        steps:
          - type: wait
            name: pause
            duration: $.delay
        goto: done
    default:
      goto: route
  - type: foreach
    name: items
    maxConcurrency: 1
    iterationMapping:
      collection: $.items
      item: item
      index: i
    steps:
      - type: wait
        name: until
        timestamp: "2030-01-01T00:00:00Z"
  - type: parallel
    name: both
    end: true
    branches:
      - steps:
          - type: pass
            name: p
      - steps:
          - type: task
            name: act
            action: ocr:RecognizeIdentityCard
  - type: fail
    name: failed
    error: Boom
    cause: it broke
  - type: succeed
    name: done
`;

describe('compileFlowText produces the CompiledFlow contract', () => {
  const flow = compile(FLOW);

  test('flow-level fields, limits and positions', () => {
    assert.equal(flow.timeoutSeconds, 60);
    assert.deepEqual(flow.limits, DEFAULT_LIMITS);
    assert.deepEqual(flow.inputMappings!({ input: { orderId: 3 }, local: {}, context: {} }), { id: 3 });
    assert.deepEqual(flow.steps.map((s) => [s.name, s.position, s.line, s.column]), [
      ['charge', 0, 18, 5], ['route', 1, 38, 5], ['items', 2, 49, 5], ['both', 3, 60, 5], ['failed', 4, 71, 5], ['done', 5, 75, 5],
    ]);
    assert.deepEqual(flow.onTimeout!.map((s) => s.name), ['cleanup']);
    assert.equal(flow.usesContext, false);
  });

  test('task: resource, pattern, timeouts, serviceParams, retriers with defaults, catch goto index', () => {
    const task = as(flow.steps[0], 'task');
    assert.deepEqual(task.resource, { kind: 'kafka', ref: 'kafka:payments' });
    assert.equal(task.pattern, 'waitForCallback');
    assert.equal(task.timeoutSeconds, 30);
    assert.equal(task.heartbeatSeconds, 10);
    assert.deepEqual(task.serviceParams!({ id: 9, x: 1 }), { Body: { id: 9, x: 1 }, Id: 9, Fixed: { a: 1 } });
    assert.deepEqual(task.retry, [
      { errors: ['FC.*'], intervalSeconds: 1, maxIntervalSeconds: 86400, maxAttempts: 3, multiplier: 2 },
      { errors: ['FnF.TaskTimeout'], intervalSeconds: 10, maxIntervalSeconds: 300, maxAttempts: 5, multiplier: 1.5 },
    ]);
    assert.deepEqual(task.catch, [{ errors: ['FnF.ALL'], goto: 4, gotoName: 'failed' }]);
    assert.equal(task.end, false);
  });

  test('choice: compiled conditions, nested steps, gotos as sibling indices', () => {
    const choice = as(flow.steps[1], 'choice');
    assert.equal(choice.choices[0].conditionText, '$.amount > 100');
    assert.equal(choice.choices[0].condition({ amount: 101 }), true);
    assert.equal(choice.choices[0].condition({ amount: '101' }), false);
    assert.equal(choice.choices[0].goto, 5);
    assert.equal(choice.default!.goto, 1);
    const wait = as(choice.choices[0].steps[0], 'wait');
    assert.equal(typeof wait.duration, 'function');
    assert.equal((wait.duration as (i: unknown) => unknown)({ delay: 3 }), 3);
  });

  test('foreach, wait timestamp constant, parallel with end, action, fail', () => {
    const foreach = as(flow.steps[2], 'foreach');
    assert.deepEqual([foreach.item, foreach.index, foreach.maxConcurrency], ['item', 'i', 1]);
    assert.deepEqual(foreach.collection({ items: [1, 2] }), [1, 2]);
    assert.equal(as(foreach.steps[0], 'wait').timestamp, '2030-01-01T00:00:00Z');
    const parallel = as(flow.steps[3], 'parallel');
    assert.equal(parallel.end, true);
    assert.deepEqual(parallel.branches.map((b) => b.map((s) => s.name)), [['p'], ['act']]);
    assert.deepEqual(as(parallel.branches[1][0], 'task').resource, { kind: 'action', ref: 'ocr:RecognizeIdentityCard' });
    const fail = as(flow.steps[4], 'fail');
    assert.deepEqual([fail.error, fail.cause], ['Boom', 'it broke']);
  });

  test('foreach defaults: maxConcurrency 100, no index key', () => {
    const f = compile('version: v1\ntype: flow\nsteps:\n  - type: foreach\n    name: f\n    iterationMapping: {collection: $, item: x}\n    steps: []\n');
    const foreach = as(f.steps[0], 'foreach');
    assert.equal(foreach.maxConcurrency, 100);
    assert.equal(foreach.index, undefined);
  });

  test('limits from options override DEFAULT_LIMITS', () => {
    const f = compile('version: v1\ntype: flow\nsteps: []\n', { maxWaitSeconds: 10 });
    assert.deepEqual(f.limits, { ...DEFAULT_LIMITS, maxWaitSeconds: 10 });
  });

  test('listTaskResources walks every scope with step paths', () => {
    assert.deepEqual(listTaskResources(flow).map((r) => [r.path, r.resource.kind]), [
      ['charge', 'kafka'],
      ['both/branch[1]/act', 'action'],
      ['onTimeout/cleanup', 'local'],
    ]);
  });
});
