import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlowText } from '@ordo/fdl';
import type { CompiledFlow, JsonValue } from '@ordo/core';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'fdl-examples');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const HEADER = 'version: v1\ntype: flow\n';
const codes = (text: string) => compileFlowText(text).issues.map((i) => [i.code, i.path]);

function compiled(text: string): CompiledFlow {
  const result = compileFlowText(text);
  assert.deepEqual(result.issues, []);
  return result.flow!;
}

/** The parallel's own outputMappings come last in file 58; its branches use the same source strings. */
function replaceLast(text: string, from: string, to: string): string {
  const at = text.lastIndexOf(from);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('FRAGMENT examples', () => {
  test('13 (retry FnF.ALL): rejected raw for the missing header; wrapped, compiles with the documented retrier', () => {
    const text = read('13-doc-retry-fnf-all-FRAGMENT.yaml');
    assert.deepEqual(codes(text), [['FDL.UNSUPPORTED_VERSION', 'version'], ['FDL.NOT_A_FLOW', 'type']]);
    const task = compiled(HEADER + text).steps[0];
    assert.ok(task.type === 'task');
    assert.deepEqual(task.retry, [{ errors: ['FnF.ALL'], intervalSeconds: 10, maxIntervalSeconds: 300, maxAttempts: 3, multiplier: 2 }]);
  });

  test('14 (errorMappings + catch): wrapped, the undefined goto target "final" is reported; with it, compiles', () => {
    const text = HEADER + read('14-doc-catch-error-mappings-FRAGMENT.yaml');
    assert.deepEqual(codes(text), [['FDL.UNKNOWN_GOTO_TARGET', 'steps[0].catch[0].goto']]);
    const flow = compiled(`${text}  - type: pass\n    name: final\n`);
    const task = flow.steps[0];
    assert.ok(task.type === 'task');
    assert.deepEqual(task.errorMappings!({ input: {}, local: { error: 'E', cause: 'C' }, context: {} }), { errMsg: 'C', errCode: 'E' });
    assert.equal(task.catch[0].goto, 1);
  });

  test('15 (waitForCallback): a lone step is not a flow; wrapped under steps, compiles and reads $context', () => {
    const text = read('15-doc-callback-waitforcallback-FRAGMENT.yaml');
    assert.deepEqual(codes(text), [['FDL.NOT_A_FLOW', '']]);
    const indented = text.split('\n').map((l) => (l.startsWith('#') || l === '' ? l : `  ${l}`)).join('\n');
    const flow = compiled(`${HEADER}steps:\n${indented}`);
    const task = flow.steps[0];
    assert.ok(task.type === 'task');
    assert.equal(task.pattern, 'waitForCallback');
    assert.equal(flow.usesContext, true);
    assert.deepEqual(task.inputMappings!({ input: {}, local: {}, context: { task: { token: 'tok' } } }), { taskToken: 'tok' });
    assert.deepEqual(task.outputMappings!({ input: {}, local: { key: 'value' }, context: {} }), { k: 'value' });
  });

  test('58 (parallel $local.key): statically valid; at run time $local.envKey reads null because a parallel local is an array', () => {
    const flow = compiled(HEADER + read('58-rst-parallel-local-misuse-FRAGMENT.yaml'));
    const parallel = flow.steps[0];
    assert.ok(parallel.type === 'parallel');
    const branchLocals: JsonValue[] = [{ content: 'secret text' }, { envKey: 'password' }];
    const scope = { input: {}, local: branchLocals, context: {} };
    assert.deepEqual(parallel.outputMappings!(scope), { envKey: null, message: null });
    const fixed = compiled(replaceLast(replaceLast(HEADER + read('58-rst-parallel-local-misuse-FRAGMENT.yaml'),
      'source: $local.envKey', 'source: $local[*].envKey'), 'source: $local.content', 'source: $local[*].content'));
    const fixedParallel = fixed.steps[0];
    assert.ok(fixedParallel.type === 'parallel');
    assert.deepEqual(fixedParallel.outputMappings!(scope), { envKey: ['password'], message: ['secret text'] });
  });
});
