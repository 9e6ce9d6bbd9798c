import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { compileFlowText } from '@ordo/fdl';
import { compileJsonPath, isPathError } from '../src/jsonpath';

describe('the JSONPath wrapper', () => {
  const doc = { a: [{ parts: [1, 2], n: 'x' }, { parts: [3], n: 'y' }], 'x,y': { '*': 5 }, o: { k: { id: 1 }, l: [{ id: 2 }] } };
  const read = (path: string) => {
    const compiled = compileJsonPath(path, ['$']);
    assert.ok(!isPathError(compiled), JSON.stringify(compiled));
    return { multi: compiled.multi, value: compiled.read(doc) };
  };

  test('simple paths are single reads; multi-match paths always give arrays', () => {
    assert.deepEqual(read('$.a[1].n'), { multi: false, value: 'y' });
    assert.deepEqual(read('$.a[-2].n'), { multi: false, value: 'x' });
    assert.deepEqual(read("$['x,y']['*']"), { multi: false, value: 5 });
    assert.deepEqual(read('$.a[*].n'), { multi: true, value: ['x', 'y'] });
    assert.deepEqual(read('$.a.*.n'), { multi: true, value: ['x', 'y'] });
    assert.deepEqual(read('$.o..id'), { multi: true, value: [1, 2] });
    assert.deepEqual(read('$.a[0,1].n'), { multi: true, value: ['x', 'y'] });
    assert.deepEqual(read('$.a[1:].n'), { multi: true, value: ['y'] });
    assert.deepEqual(read('$.a[-1].parts[*]'), { multi: true, value: [3] });
    assert.deepEqual(read('$.nothing[*]'), { multi: true, value: [] });
  });

  test('names are literal for jsonpath-plus: "*" and "," inside quoted names do not act as operators', () => {
    assert.deepEqual(read("$['x,y'][*]"), { multi: true, value: [5] });
  });

  test('inherited properties are never read', () => {
    assert.deepEqual(read('$.constructor'), { multi: false, value: null });
    assert.deepEqual(read('$.a.length'), { multi: false, value: null });
  });

  test('script, filter and @ forms are rejected as scripts; other junk as syntax', () => {
    for (const path of ['$.a[?(@.n)]', '$.a[(@.length-1)]', '$.a.@path', '$..[?(@)]']) {
      const compiled = compileJsonPath(path, ['$']);
      assert.ok(isPathError(compiled) && compiled.kind === 'script', `${path}: ${JSON.stringify(compiled)}`);
    }
    for (const path of ['$.a[', '$.a[1', '$.a[x]', '$..', '$a', '$.a b', "$['a]", '$[1:2:3:4]']) {
      const compiled = compileJsonPath(path, ['$']);
      assert.ok(isPathError(compiled) && compiled.kind === 'syntax', `${path}: ${JSON.stringify(compiled)}`);
    }
  });
});

describe('robustness', () => {
  test('compileFlowText never throws, whatever the document holds', () => {
    const step = fc.record({
      type: fc.constantFrom('task', 'pass', 'wait', 'choice', 'parallel', 'foreach', 'succeed', 'fail', 'loop', 7),
      name: fc.oneof(fc.string(), fc.constant(null)),
      resourceArn: fc.oneof(fc.constant('local:x'), fc.string(), fc.integer()),
      choices: fc.oneof(fc.constant([{ condition: '$.a', goto: 'x' }]), fc.anything()),
      branches: fc.anything(),
      steps: fc.anything(),
      duration: fc.oneof(fc.integer(), fc.string()),
      catch: fc.oneof(fc.constant([{ errors: [], goto: 1 }]), fc.anything()),
      inputMappings: fc.oneof(fc.constant([{ target: 'a', source: '$.x' }]), fc.anything()),
      iterationMapping: fc.anything(),
    }, { requiredKeys: ['type'] });
    const flow = fc.record({
      version: fc.constantFrom('v1', 'v1beta1', 'v2'),
      type: fc.constantFrom('flow', 'x'),
      steps: fc.oneof(fc.array(step, { maxLength: 4 }), fc.anything()),
      outputMappings: fc.anything(),
    }, { requiredKeys: ['version', 'type'] });
    fc.assert(fc.property(flow, (doc) => {
      const result = compileFlowText(stringify(doc));
      assert.equal(result.flow === undefined, result.issues.length > 0);
    }), { numRuns: 300 });
  });
});
