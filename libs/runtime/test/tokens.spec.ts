import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TASK_TOKEN_PLACEHOLDER } from '@ordo/core';
import { HmacTokenService, isRuntimeError, substituteToken } from '@ordo/runtime';

describe('HmacTokenService', () => {
  const tokens = new HmacTokenService('s'.repeat(32));

  test('a token verifies to the task id it was issued for, and is stable for re-dispatch', () => {
    const token = tokens.issue('f.e:step:1');
    assert.equal(tokens.verify(token), 'f.e:step:1');
    assert.equal(tokens.issue('f.e:step:1'), token);
    assert.notEqual(tokens.issue('f.e:step:2'), token);
  });

  test('a token signed with another secret, a tampered task id or garbage does not verify', () => {
    const other = new HmacTokenService('t'.repeat(32));
    assert.equal(tokens.verify(other.issue('f.e:step:1')), undefined);
    const [, mac] = tokens.issue('f.e:step:1').split('.');
    assert.equal(tokens.verify(`${Buffer.from('f.e:step:2').toString('base64url')}.${mac}`), undefined);
    for (const bad of ['', 'abc', 'a.b.c', '.x', 'x.']) assert.equal(tokens.verify(bad), undefined);
  });

  test('a short secret is a configuration error', () => {
    assert.throws(() => new HmacTokenService('short'), (e) => isRuntimeError(e, 'RUNTIME.INVALID_CONFIG'));
  });
});

describe('substituteToken', () => {
  test('replaces the placeholder at any depth and leaves other strings alone', () => {
    const input = { a: TASK_TOKEN_PLACEHOLDER, b: [1, { c: TASK_TOKEN_PLACEHOLDER }], d: `x${TASK_TOKEN_PLACEHOLDER}` };
    assert.deepEqual(substituteToken(input, 'T'), { a: 'T', b: [1, { c: 'T' }], d: `x${TASK_TOKEN_PLACEHOLDER}` });
    assert.equal(input.a, TASK_TOKEN_PLACEHOLDER, 'the original is not mutated');
  });

  test('returns the same object when there is nothing to replace', () => {
    const input = { a: 1, b: { c: 'x' } };
    assert.equal(substituteToken(input, 'T'), input);
  });
});
