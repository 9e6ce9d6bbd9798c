import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSchema, parse, validate } from 'graphql';
import { assertPageSize, noIntrospectionRule, queryLimitsRule } from '@ordo/api';

const schema = buildSchema(`
  type Node { id: String  child: Node  list(first: Int): [Node!]! }
  type Query { root: Node  nodes(first: Int): [Node!]! }
`);
const limits = { maxDepth: 3, maxComplexity: 100, maxPageSize: 50, defaultPageSize: 10 };
const codes = (query: string) => validate(schema, parse(query), [queryLimitsRule(limits), noIntrospectionRule]).map((e) => e.extensions.code);

describe('limits: depth, complexity, introspection, page size', () => {
  test('depth over the limit is QUERY_TOO_DEEP, fragments included; introspection fields do not count', () => {
    assert.deepEqual(codes('{ root { child { id } } }'), []);
    assert.deepEqual(codes('{ root { child { child { id } } } }'), ['QUERY_TOO_DEEP']);
    assert.deepEqual(codes('{ root { ...F } } fragment F on Node { child { child { id } } }'), ['QUERY_TOO_DEEP']);
  });

  test('cost multiplies by page sizes: literal, default, and the cap for variables', () => {
    assert.deepEqual(codes('{ nodes(first: 5) { id child { id } } }'), []);
    assert.deepEqual(codes('{ nodes(first: 50) { id child { id } } }'), ['QUERY_TOO_COMPLEX']);
    assert.deepEqual(codes('query($n: Int) { nodes(first: $n) { id child { id } } }'), ['QUERY_TOO_COMPLEX']);
    assert.deepEqual(codes('{ nodes { id list { id } } }'), ['QUERY_TOO_COMPLEX']);
  });

  test('__schema and __type are INTROSPECTION_DISABLED; __typename is fine', () => {
    assert.deepEqual(codes('{ __schema { queryType { name } } }'), ['INTROSPECTION_DISABLED']);
    assert.deepEqual(codes('{ __typename }'), []);
  });

  test('assertPageSize: default when absent, the value within the cap, stable codes outside it', () => {
    assert.equal(assertPageSize(undefined, limits), 10);
    assert.equal(assertPageSize(50, limits), 50);
    assert.throws(() => assertPageSize(51, limits), { code: 'PAGE_SIZE_TOO_LARGE' });
    assert.throws(() => assertPageSize(0, limits), { code: 'INVALID_ARGUMENT' });
  });
});
