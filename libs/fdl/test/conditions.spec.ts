import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCondition } from '@ordo/fdl';
import type { JsonValue } from '@ordo/core';

function evaluate(condition: string, input: JsonValue): boolean {
  const compiled = compileCondition(condition);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.fn(input);
}

const INPUT: JsonValue = {
  n: 5, zero: 0, neg: -1.5, s: 'ready', empty: '', t: true, f: false, nil: null,
  obj: { a: 1, b: [1, 2] }, emptyObj: {}, arr: [1, 'x'], emptyArr: [], one: '1',
  'x y': 'spaced', nested: { list: [{ id: 7 }] },
};

/** Each row of docs/conditions.md: [condition, expected]. */
const TABLE: Array<[string, boolean]> = [
  // == and != compare JSON type and value
  ['$.n == 5', true],
  ['$.n == 5.0', true],
  ['$.one == 1', false],
  ['$.one == "1"', true],
  ['$.n != "5"', true],
  ['$.t == true', true],
  ['$.f == false', true],
  ['$.nil == null', true],
  ['$.missing == null', true],
  ['$.zero == null', false],
  ['$.empty == null', false],
  ['$.f == null', false],
  ['$.obj == $.obj', true],
  ['$.arr == $.arr', true],
  ['$.emptyObj == $.emptyArr', false],
  ['$.obj.b == $.nested.list', false],
  // ordering: number/number or string/string only
  ['$.n > 4', true],
  ['$.n >= 5', true],
  ['$.n < 5', false],
  ['$.n <= 5', true],
  ['$.neg < -1', true],
  ['$.s > "a"', true],
  ['$.s < "b"', false],
  ['$.one < 2', false],
  ['$.one >= 2', false],
  ['$.missing < 1', false],
  ['$.missing >= 0', false],
  ['$.t > false', false],
  ['$.obj > 0', false],
  // bare path truthiness
  ['$.t', true],
  ['$.f', false],
  ['$.nil', false],
  ['$.missing', false],
  ['$.zero', false],
  ['$.n', true],
  ['$.neg', true],
  ['$.empty', false],
  ['$.s', true],
  ['$.obj', true],
  ['$.emptyObj', true],
  ['$.arr', true],
  ['$.emptyArr', true],
  ['$', true],
  // negation
  ['!$.f', true],
  ['!$.missing', true],
  ['!$.s', false],
  ['!!$.s', true],
  ['!($.n == 5)', false],
  // logic and precedence: ! binds tightest, then comparisons, then &&, then ||
  ['$.t && $.f', false],
  ['$.t || $.f', true],
  ['$.f || $.f && $.t', false],
  ['$.t || $.f && $.f', true],
  ['($.t || $.f) && $.f', false],
  ['!$.f && $.t', true],
  ['$.n > 1 && $.n < 10', true],
  ['$.missing.deep.path == null && $.s == "ready"', true],
  // paths
  ['$.obj.b[1] == 2', true],
  ['$.obj.b[-1] == 2', true],
  ['$.obj.b[9] == null', true],
  ['$.nested.list[0].id == 7', true],
  ['$["x y"] == "spaced"', true],
  ["$.obj['a'] == 1", true],
  ['$.n == $.obj.a', false],
  ['$.obj.a < $.n', true],
  // literals
  ['`ready` == $.s', true],
  ['"say \\"hi\\"" == "say \\"hi\\""', true],
  ['1.5e1 == 15', true],
  ['true', true],
  ['null', false],
  // spacing is optional
  ['$.s=="ready"', true],
  ['$.neg!=-1.5', false],
];

describe('condition semantics (SPEC Part A §16, docs/conditions.md)', () => {
  for (const [condition, expected] of TABLE) {
    test(`${condition} → ${expected}`, () => assert.equal(evaluate(condition, INPUT), expected));
  }

  test('a non-object input reads every path as null', () => {
    assert.equal(evaluate('$.a == null', 5), true);
    assert.equal(evaluate('$ == 5', 5), true);
  });

  test('evaluation never mutates the input', () => {
    const input = { a: { b: [1] } };
    const before = JSON.stringify(input);
    evaluate('$.a.b[0] == 1 && $.a.c == null', input);
    assert.equal(JSON.stringify(input), before);
  });
});

describe('condition syntax errors carry the offset and name the condition', () => {
  const ERRORS: Array<[string, number, RegExp]> = [
    ['', 0, /empty/],
    ['$.a = 1', 4, /"=" where "==" was expected/],
    ['$.a & $.b', 4, /"&&"/],
    ['$.a | $.b', 4, /"\|\|"/],
    ["$.a == 'x'", 7, /single-quoted/],
    ['$.a == "x', 7, /unterminated string/],
    ['$.a ==', 6, /expected a path, a literal/],
    ['($.a', 4, /expected "\)"/],
    ['$.a)', 3, /unexpected "\)"/],
    ['1 < 2 < 3', 6, /cannot be chained/],
    ['ready', 0, /unknown word "ready"/],
    ['$input.a', 1, /a path is "\$"/],
    ['$.a[', 4, /unterminated "\["/],
    ['$.a[x]', 4, /expected an index/],
    ['$.a[?(@.b)]', 4, /disabled/],
    ['$.a.', 4, /property name/],
    ['1.2.3 == 1', 0, /bad number/],
    ['$.a # 1', 4, /unexpected character "#"/],
  ];
  for (const [condition, offset, pattern] of ERRORS) {
    test(JSON.stringify(condition), () => {
      const compiled = compileCondition(condition);
      assert.equal(compiled.ok, false);
      if (compiled.ok) return;
      assert.equal(compiled.offset, offset);
      assert.match(compiled.message, pattern);
      assert.ok(compiled.message.includes(`condition "${condition}"`), compiled.message);
    });
  }

  test('only filter/script forms are flagged as scripts', () => {
    const script = compileCondition('$.a[?(@.b)]');
    const plain = compileCondition('$.a = 1');
    assert.equal(!script.ok && script.script, true);
    assert.equal(!plain.ok && plain.script, undefined);
  });
});
