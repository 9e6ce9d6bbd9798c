import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Kind, buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { assertPageSize, noIntrospectionRule, queryLimitsRule } from '@ordo/api';
import { measureSelection } from '../src/limits/operation-cost';

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

  test('cost multiplies by page sizes: literal, default; variables are priced later at their value', () => {
    assert.deepEqual(codes('{ nodes(first: 5) { id child { id } } }'), []);
    assert.deepEqual(codes('{ nodes(first: 50) { id child { id } } }'), ['QUERY_TOO_COMPLEX']);
    assert.deepEqual(codes('query($n: Int) { nodes(first: $n) { id child { id } } }'), []);
    assert.deepEqual(codes('{ nodes { id list { id } } }'), ['QUERY_TOO_COMPLEX']);
  });

  test('with variables known, a page-size variable counts at its value, the cap when unknown', () => {
    const doc = parse('query($n: Int) { nodes(first: $n) { id child { id } } }');
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const cost = (variables?: Record<string, unknown>) => measureSelection(schema, new Map(), limits, schema.getQueryType()!, op.selectionSet, variables).cost;
    assert.equal(cost({ n: 2 }), 1 + 2 * 3);
    assert.equal(cost({ n: 'x' }), 1 + 50 * 3);
    assert.equal(cost(undefined), 1 + 50 * 3);
    assert.equal(cost({}), 1 + 10 * 3);
  });

  test('a paged object (a page or connection) prices its lists by the page size once', () => {
    const paged = buildSchema(`
      type Event { id: String }  type Page { events: [Event!]!  next: String }
      type Query { history(limit: Int): Page }
    `);
    const doc = parse('{ history(limit: 20) { events { id } next } }');
    const op = doc.definitions[0] as OperationDefinitionNode;
    assert.equal(measureSelection(paged, new Map(), limits, paged.getQueryType()!, op.selectionSet).cost, 1 + 20 * (1 + 1 + 1));
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
