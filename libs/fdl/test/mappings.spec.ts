import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFlowText, compileMappingList, isFdlError, resolveInputPath } from '@ordo/fdl';
import type { JsonObject, JsonValue, MappingScope } from '@ordo/core';

const scope = (input: JsonValue, local: JsonValue = {}, context: JsonObject = {}): MappingScope => ({ input, local, context });

describe('compileMappingList', () => {
  test('constants of every JSON type, including empty and null sources', () => {
    const fn = compileMappingList([
      { target: 's', source: 'http://httpbin.org/post' },
      { target: 'n', source: -1 },
      { target: 'b', source: false },
      { target: 'o', source: { a: 'b', c: 1 } },
      { target: 'a', source: ['A', 'B'] },
      { target: 'e', source: '' },
      { target: 'nil', source: null },
      { target: 'absent' },
    ]);
    assert.deepEqual(fn(scope({})), { s: 'http://httpbin.org/post', n: -1, b: false, o: { a: 'b', c: 1 }, a: ['A', 'B'], e: '', nil: null, absent: null });
  });

  test('constants are frozen: a caller cannot change them for the next execution', () => {
    const fn = compileMappingList([{ target: 'o', source: { list: [1] } }]);
    const first = fn(scope({}));
    assert.throws(() => ((first.o as { list: number[] }).list.push(2)), TypeError);
    assert.deepEqual(fn(scope({})), { o: { list: [1] } });
  });

  test('the source list passed in can be changed afterwards without changing the mapping', () => {
    const list = [{ target: 'a', source: 'x' }];
    const fn = compileMappingList(list);
    list[0].source = 'y';
    assert.deepEqual(fn(scope({})), { a: 'x' });
  });

  test('paths over $input, $local and $context; a missing path yields null', () => {
    const fn = compileMappingList([
      { target: 'whole', source: '$input' },
      { target: 'deep', source: '$input.a.b[0]' },
      { target: 'spaced', source: '$input["x y"]' },
      { target: 'fromLocal', source: '$local.k' },
      { target: 'token', source: '$context.task.token' },
      { target: 'missing', source: '$input.nope.deeper' },
      { target: 'indexOnObject', source: '$input.a[0]' },
    ]);
    const input = { a: { b: [10] }, 'x y': 1 };
    assert.deepEqual(fn(scope(input, { k: 'v' }, { task: { token: 'tok' } })), {
      whole: input, deep: 10, spaced: 1, fromLocal: 'v', token: 'tok', missing: null, indexOnObject: null,
    });
  });

  test('a wildcard always yields an array, possibly empty; nested wildcards flatten', () => {
    const fn = compileMappingList([
      { target: 'results', source: '$local[*].result' },
      { target: 'parts', source: '$local[*].parts[*]' },
      { target: 'none', source: '$input.nothing[*]' },
      { target: 'deepIds', source: '$input..id' },
      { target: 'firstTwo', source: '$local[0:2].result' },
    ]);
    const local: JsonValue[] = [{ result: 'pass1', parts: [1, 2] }, { result: 'pass2', parts: [3] }, { result: 'pass3' }];
    assert.deepEqual(fn(scope({ a: { id: 1 }, b: [{ id: 2 }] }, local)), {
      results: ['pass1', 'pass2', 'pass3'], parts: [1, 2, 3], none: [], deepIds: [1, 2], firstTwo: ['pass1', 'pass2'],
    });
    assert.deepEqual(fn(scope({}, null)).results, []);
  });

  test('targets are literal top-level keys, including dotted ones', () => {
    const fn = compileMappingList([{ target: 'a.b', source: 1 }, { target: '__proto__', source: 2 }]);
    const out = fn(scope({}));
    assert.equal(out['a.b'], 1);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['a.b', '__proto__']);
  });

  test('mapping never mutates its input', () => {
    const input = { a: [{ b: 1 }] };
    const before = JSON.stringify(input);
    compileMappingList([{ target: 'x', source: '$input.a[*].b' }, { target: 'y', source: '$input' }])(scope(input));
    assert.equal(JSON.stringify(input), before);
  });

  test('rejects "$." sources with a suggestion, scripts and bad shapes', () => {
    const codes = (list: unknown) => {
      try {
        compileMappingList(list);
        return [];
      } catch (e) {
        assert.ok(isFdlError(e));
        return e.issues.map((i) => [i.code, i.path]);
      }
    };
    assert.deepEqual(codes([{ target: 'a', source: '$.a' }]), [['FDL.DOLLAR_DOT_MAPPING_SOURCE', '[0].source']]);
    assert.deepEqual(codes([{ target: 'a', source: '$input[?(@.x)]' }]), [['FDL.JSONPATH_SCRIPT', '[0].source']]);
    assert.deepEqual(codes([{ target: 'a', source: '$local.' }]), [['FDL.BAD_JSONPATH', '[0].source']]);
    assert.deepEqual(codes({}), [['FDL.SCHEMA', '']]);
    assert.deepEqual(codes([{ source: 1 }, { target: 'a', extra: 1 }]), [['FDL.SCHEMA', '[0].target'], ['FDL.UNKNOWN_FIELD', '[1].extra']]);
    try {
      compileMappingList([{ target: 'a', source: '$.order' }]);
    } catch (e) {
      assert.match((e as Error).message, /write "\$input\.order"/);
    }
  });
});

describe('resolveInputPath', () => {
  test('reads relative to an input', () => {
    assert.deepEqual(resolveInputPath('$')({ a: 1 }), { a: 1 });
    assert.equal(resolveInputPath('$.a.b[1]')({ a: { b: [0, 9] } }), 9);
    assert.equal(resolveInputPath('$.a.b')({}), null);
    assert.deepEqual(resolveInputPath('$.xs[*].id')({ xs: [{ id: 1 }, { id: 2 }] }), [1, 2]);
  });

  test('throws FdlError for $input roots, scripts and syntax errors', () => {
    for (const [path, code] of [['$input.a', 'FDL.BAD_JSONPATH'], ['$.a[(@.length)]', 'FDL.JSONPATH_SCRIPT'], ['a.b', 'FDL.BAD_JSONPATH']]) {
      assert.throws(() => resolveInputPath(path), (e: unknown) => isFdlError(e) && e.issues[0].code === code);
    }
  });
});

describe('errorMappings in a compiled task', () => {
  test('$local.error, $local.cause and the $local.code alias', () => {
    const yaml = `version: v1
type: flow
steps:
  - type: task
    name: t
    resourceArn: local:x
    errorMappings:
      - target: errCode
        source: $local.error
      - target: errMsg
        source: $local.cause
      - target: code
        source: $local.code
      - target: orderId
        source: $input.orderId
    catch:
      - errors: [FnF.ALL]
        goto: t
`;
    const step = compileFlowText(yaml).flow!.steps[0];
    assert.equal(step.type, 'task');
    if (step.type !== 'task') return;
    const out = step.errorMappings!(scope({ orderId: 7 }, { error: 'BookFlightError', cause: 'no seats' }));
    assert.deepEqual(out, { errCode: 'BookFlightError', errMsg: 'no seats', code: 'BookFlightError', orderId: 7 });
  });
});

describe('usesContext', () => {
  test('is true only when a mapping reads $context', () => {
    const base = 'version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: p\n    outputMappings:\n      - target: a\n        source: ';
    assert.equal(compileFlowText(`${base}$input.a\n`).flow!.usesContext, false);
    assert.equal(compileFlowText(`${base}$context.execution.name\n`).flow!.usesContext, true);
    assert.equal(compileFlowText(`${base}"the $context text"\n`).flow!.usesContext, false);
  });
});
