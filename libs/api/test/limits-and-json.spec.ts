import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseValue, valueFromASTUntyped } from 'graphql';
import { JsonScalar, checkErrorAndCause, checkTextSize, requireJsonObject } from '../src';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('JSON scalar', () => {
  test('parses object, list and scalar literals', () => {
    const literal = parseValue('{a: 1, b: [true, null, "x", 2.5], c: {d: -3}}');
    assert.deepEqual(JsonScalar.parseLiteral(literal, {}), { a: 1, b: [true, null, 'x', 2.5], c: { d: -3 } });
    assert.deepEqual(JsonScalar.parseLiteral(literal, {}), JSON.parse(JSON.stringify(valueFromASTUntyped(literal))));
  });

  test('reads variables inside literals', () => {
    assert.deepEqual(JsonScalar.parseLiteral(parseValue('{a: $v}'), { v: [1, 2] }), { a: [1, 2] });
  });

  test('passes values through unchanged', () => {
    const value = { nested: { list: [1, 'two'] } };
    assert.equal(JsonScalar.parseValue(value), value);
    assert.equal(JsonScalar.serialize(value), value);
  });
});

describe('limits', () => {
  test('requireJsonObject accepts objects and absent optional values', () => {
    assert.deepEqual(requireJsonObject({ a: 1 }, 100, 'input'), { a: 1 });
    assert.deepEqual(requireJsonObject(undefined, 100, 'input', true), {});
    assert.deepEqual(requireJsonObject(null, 100, 'input', true), {});
  });

  test('requireJsonObject rejects non-objects and oversized objects', () => {
    assert.equal(codeOf(() => requireJsonObject([1], 100, 'input')), 'INVALID_INPUT');
    assert.equal(codeOf(() => requireJsonObject('x', 100, 'input')), 'INVALID_INPUT');
    assert.equal(codeOf(() => requireJsonObject(null, 100, 'output')), 'INVALID_INPUT');
    assert.equal(codeOf(() => requireJsonObject({ s: 'é'.repeat(60) }, 100, 'input')), 'PAYLOAD_TOO_LARGE', 'bytes, not characters');
  });

  test('checkTextSize counts UTF-8 bytes', () => {
    assert.equal(codeOf(() => checkTextSize('a'.repeat(10), 10, 'definition')), undefined);
    assert.equal(codeOf(() => checkTextSize('€'.repeat(4), 10, 'definition')), 'PAYLOAD_TOO_LARGE');
  });

  test('checkErrorAndCause applies Alibaba bounds', () => {
    assert.equal(codeOf(() => checkErrorAndCause('E', 'c')), undefined);
    assert.equal(codeOf(() => checkErrorAndCause('', undefined)), 'INVALID_ARGUMENT');
    assert.equal(codeOf(() => checkErrorAndCause('E'.repeat(129), undefined)), 'INVALID_ARGUMENT');
    assert.equal(codeOf(() => checkErrorAndCause('E', 'c'.repeat(4097))), 'INVALID_ARGUMENT');
  });
});
