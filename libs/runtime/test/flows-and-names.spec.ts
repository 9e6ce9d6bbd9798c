import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRuntimeError } from '@ordo/runtime';
import { fdl, Harness, waitFor } from './support/harness';

const PASS_V1 = fdl('steps:', '  - type: pass', '    name: p', '    outputMappings:', '      - target: v', '        source: one');
const PASS_V2 = fdl('steps:', '  - type: pass', '    name: p', '    outputMappings:', '      - target: v', '        source: two');
const PARKED = fdl('steps:', '  - type: task', '    name: wait', '    resourceArn: local:park', '    pattern: waitForCallback');

describe('flow registry', () => {
  test('an identical definition keeps its version; a changed one adds a version', async () => {
    const h = new Harness();
    const v1 = await h.engine.deployFlow('f', PASS_V1);
    assert.deepEqual([v1.version, v1.created], [1, true]);
    assert.match(v1.hash, /^[0-9a-f]{64}$/);
    const again = await h.engine.deployFlow('f', PASS_V1);
    assert.deepEqual([again.version, again.created], [1, false]);
    const v2 = await h.engine.deployFlow('f', PASS_V2);
    assert.deepEqual([v2.version, v2.created], [2, true]);
    assert.deepEqual((await h.engine.registry.versions('f')).map((v) => v.version), [1, 2]);
    await h.close();
  });

  test('executions pin the version they started with', async () => {
    const tokens: string[] = [];
    const h = new Harness({ handlers: { park: async (_i, ctx) => { tokens.push(ctx.token); return {}; } } });
    await h.engine.deployFlow('pin', PARKED);
    await h.engine.startExecution({ flowName: 'pin', executionName: 'old' });
    await waitFor(() => tokens.length === 1, 'the parked task');
    await h.engine.deployFlow('pin', PASS_V2);
    const fresh = await h.engine.startExecution({ flowName: 'pin', executionName: 'new' });
    assert.equal(fresh.flowVersion, 2);
    assert.equal((await h.runToEnd('pin', 'new')).status, 'Succeeded');
    await h.engine.reportTaskSucceeded(tokens[0], { from: 'v1' });
    const old = await h.runToEnd('pin', 'old');
    assert.equal(old.flowVersion, 1);
    assert.deepEqual(old.output, { from: 'v1' });
    await h.close();
  });

  test('an invalid flow is rejected with its FDL issues; bad names and unmapped resources too', async () => {
    const h = new Harness();
    await assert.rejects(h.engine.deployFlow('bad', fdl('steps:', '  - type: nope', '    name: x')), (e) => {
      assert.ok(isRuntimeError(e, 'RUNTIME.INVALID_FLOW'));
      assert.ok(e.issues.length > 0);
      return true;
    });
    await assert.rejects(h.engine.deployFlow('9bad', PASS_V1), (e) => isRuntimeError(e, 'RUNTIME.INVALID_NAME'));
    const action = fdl('steps:', '  - type: task', '    name: ocr', '    action: ocr:RecognizeIdentityCard');
    await assert.rejects(h.engine.deployFlow('act', action), (e) => {
      assert.ok(isRuntimeError(e, 'RUNTIME.UNMAPPED_RESOURCE'));
      assert.match(e.message, /ocr:RecognizeIdentityCard/);
      assert.match(e.message, /step ocr/);
      return true;
    });
    assert.equal(await h.engine.registry.latest('act'), undefined, 'nothing was stored');
    await h.close();
  });

  test('a resource map sends actions and FC functions to handlers', async () => {
    const h = new Harness({
      resources: { 'ocr:RecognizeIdentityCard': 'local:ocr', 'acs:fc:::services/s/functions/*': 'local:fc' },
      handlers: { ocr: async () => ({ name: 'Ann' }), fc: async (input) => ({ ...input, fc: true }) },
    });
    await h.engine.deployFlow('mapped', fdl(
      'steps:',
      '  - type: task',
      '    name: ocr',
      '    action: ocr:RecognizeIdentityCard',
      '  - type: task',
      '    name: fn',
      '    resourceArn: acs:fc:::services/s/functions/f',
    ));
    await h.engine.startExecution({ flowName: 'mapped', executionName: 'm' });
    const done = await h.runToEnd('mapped', 'm');
    assert.equal(done.status, 'Succeeded');
    assert.deepEqual(done.output, { name: 'Ann', fc: true });
    await h.close();
  });
});

describe('execution names and inputs', () => {
  test('a running name returns the running execution; a finished one fails ExecutionAlreadyExists', async () => {
    const tokens: string[] = [];
    const h = new Harness({ handlers: { park: async (_i, ctx) => { tokens.push(ctx.token); return {}; } } });
    await h.engine.deployFlow('names', PARKED);
    const first = await h.engine.startExecution({ flowName: 'names', executionName: 'n1', input: { a: 1 } });
    const again = await h.engine.startExecution({ flowName: 'names', executionName: 'n1', input: { a: 2 } });
    assert.deepEqual(again, first);
    await waitFor(() => tokens.length === 1, 'the parked task');
    await h.engine.reportTaskSucceeded(tokens[0], {});
    await h.runToEnd('names', 'n1');
    await assert.rejects(h.engine.startExecution({ flowName: 'names', executionName: 'n1' }), (e) => isRuntimeError(e, 'RUNTIME.EXECUTION_ALREADY_EXISTS'));
    const generated = await h.engine.startExecution({ flowName: 'names' });
    assert.match(generated.executionName, /^[A-Za-z_][A-Za-z0-9_-]*$/);
    assert.notEqual(generated.executionName, 'n1');
    await h.close();
  });

  test('bad inputs get clear errors and start nothing', async () => {
    const h = new Harness({ maxPayloadBytes: 1024 });
    await h.engine.deployFlow('inputs', PASS_V1);
    const cases: Array<[unknown, string]> = [
      ['{not json', 'RUNTIME.INVALID_INPUT'],
      ['[1,2]', 'RUNTIME.INVALID_INPUT'],
      [[1], 'RUNTIME.INVALID_INPUT'],
      [42, 'RUNTIME.INVALID_INPUT'],
      [{ big: 'x'.repeat(2000) }, 'RUNTIME.PAYLOAD_TOO_LARGE'],
    ];
    for (const [input, code] of cases) {
      await assert.rejects(h.engine.startExecution({ flowName: 'inputs', executionName: 'i', input }), (e) => isRuntimeError(e, code as never), code);
    }
    await assert.rejects(h.engine.describeExecution('inputs', 'i'), (e) => isRuntimeError(e, 'RUNTIME.EXECUTION_NOT_FOUND'));
    await assert.rejects(h.engine.startExecution({ flowName: 'unknown', input: {} }), (e) => isRuntimeError(e, 'RUNTIME.FLOW_NOT_FOUND'));
    await assert.rejects(h.engine.startExecution({ flowName: 'inputs', executionName: 'has space' }), (e) => isRuntimeError(e, 'RUNTIME.INVALID_NAME'));
    const ok = await h.engine.startExecution({ flowName: 'inputs', executionName: 'i', input: '{"a":1}' });
    assert.deepEqual(ok.input, { a: 1 });
    await h.close();
  });
});
