import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError, toApiError } from '../src';

/** An error shaped like the runtime's and FDL's (name + dotted code), without importing them. */
function engineError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name: 'RuntimeError', code, ...extra });
}

describe('toApiError', () => {
  const table: Array<[string, string, number]> = [
    ['RUNTIME.FLOW_NOT_FOUND', 'FLOW_NOT_FOUND', 404],
    ['RUNTIME.EXECUTION_NOT_FOUND', 'EXECUTION_NOT_FOUND', 404],
    ['RUNTIME.EXECUTION_ALREADY_EXISTS', 'EXECUTION_ALREADY_EXISTS', 409],
    ['RUNTIME.EXECUTION_NOT_RUNNING', 'EXECUTION_NOT_RUNNING', 409],
    ['RUNTIME.INVALID_INPUT', 'INVALID_INPUT', 400],
    ['RUNTIME.INVALID_OUTPUT', 'INVALID_INPUT', 400],
    ['RUNTIME.PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 413],
    ['RUNTIME.INVALID_TOKEN', 'INVALID_TASK_TOKEN', 400],
    ['RUNTIME.TOKEN_REJECTED', 'TASK_TOKEN_REJECTED', 409],
    ['RUNTIME.INVALID_NAME', 'INVALID_ARGUMENT', 400],
    ['RUNTIME.INVALID_NEXT_TOKEN', 'INVALID_ARGUMENT', 400],
    ['RUNTIME.ENGINE_STOPPED', 'UNAVAILABLE', 503],
    ['STORE.CLOSED', 'UNAVAILABLE', 503],
  ];
  for (const [ordoCode, apiCode, status] of table) {
    test(`${ordoCode} → ${apiCode} (HTTP ${status}), keeping the message and the engine code`, () => {
      const e = toApiError(engineError(ordoCode, `Something about ${ordoCode}.`));
      assert.equal(e.code, apiCode);
      assert.equal(e.httpStatus, status);
      assert.equal(e.message, `Something about ${ordoCode}.`);
      assert.deepEqual(e.toExtensions(), { code: apiCode, ordoCode });
    });
  }

  test('invalid flows carry their issues, normalised', () => {
    const issues = [{ code: 'FDL.UNKNOWN_GOTO_TARGET', message: 'no such step', path: 'steps[1].goto', line: 7, column: 9 }];
    const e = toApiError(engineError('RUNTIME.INVALID_FLOW', 'The flow is invalid.', { details: { issues } }));
    assert.equal(e.code, 'INVALID_FLOW');
    assert.deepEqual(e.toExtensions(), { code: 'INVALID_FLOW', ordoCode: 'RUNTIME.INVALID_FLOW', issues });
  });

  test('unclassified errors become INTERNAL without leaking their message', () => {
    const e = toApiError(new TypeError('Cannot read properties of undefined (reading "secret")'));
    assert.equal(e.code, 'INTERNAL');
    assert.doesNotMatch(e.message, /secret/);
    assert.equal(toApiError(engineError('RUNTIME.SOMETHING_NEW', 'x')).code, 'INTERNAL');
  });

  test('an ApiError passes through unchanged', () => {
    const original = new ApiError('MALFORMED_JSON', 'bad');
    assert.equal(toApiError(original), original);
  });
});
