import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertValidName, executionIdOf, executionIdOfTask, executionStream, flowStream, isRuntimeError,
  parseExecutionId, parseExecutionStream, parseFlowStream,
} from '@ordo/runtime';

describe('stream names', () => {
  test('execution ids and streams round-trip', () => {
    const id = executionIdOf('order-flow', 'run_1');
    assert.equal(executionStream(id), 'ordoExecution-order-flow.run_1');
    assert.equal(parseExecutionStream(executionStream(id)), id);
    assert.deepEqual(parseExecutionId(id), { flowName: 'order-flow', executionName: 'run_1' });
    assert.equal(parseFlowStream(flowStream('order-flow')), 'order-flow');
    assert.equal(parseExecutionStream('ordoFlow-x'), undefined);
  });

  test('the execution id is the prefix of a task id', () => {
    assert.equal(executionIdOfTask('f.e:a/branch[1]/b:3'), 'f.e');
    assert.equal(executionIdOfTask('nocolon'), undefined);
    assert.equal(executionIdOfTask('bad id:x:1'), undefined);
  });

  test('names follow SPEC Part B §9', () => {
    assertValidName('flow', 'a');
    assertValidName('execution', `_${'x'.repeat(127)}`);
    for (const bad of ['', '1abc', 'a.b', 'a b', 'x'.repeat(129), 'é', 42]) {
      assert.throws(() => assertValidName('execution', bad), (e) => isRuntimeError(e, 'RUNTIME.INVALID_NAME'), String(bad));
    }
  });
});
