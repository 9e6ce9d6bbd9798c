import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ORDO_GQL, ServerProcess, executionHistory, gqlData, gqlErrorCode, type ExecutionResult, waitForExecutionEnd } from '@ordo/testing';

const WAITING_FLOW = `version: v1
type: flow
steps:
  - type: pass
    name: prepare
    outputMappings:
      - target: prepared
        source: true
  - type: wait
    name: sleep
    duration: 3600
`;

const BAD_FLOW = `version: v1
type: flow
steps:
  - type: pass
    name: a
  - type: choice
    name: c
    choices:
      - condition: $.x == 1
        goto: nowhere
`;

/** Alibaba resources mapped by the test configuration to the example handlers. */
const MAPPED_FLOW = `version: v1
type: flow
steps:
  - type: task
    name: charge
    resourceArn: acs:fc:::services/shop/functions/charge
  - type: task
    name: release
    action: stock:Release
`;

describe('server: GraphQL commands', () => {
  let server: ServerProcess;
  let configDir: string;
  before(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'ordo-e2e-config-'));
    writeFileSync(join(configDir, 'ordo.config.yaml'), [
      'resources:',
      '  "acs:fc:::services/shop/*": "local:chargePayment"',
      '  "action:stock:Release": "local:releaseStock"',
    ].join('\n'));
    server = await ServerProcess.start({ env: { ORDO_CONFIG: join(configDir, 'ordo.config.yaml') } });
  });
  after(async () => {
    await server?.cleanup();
    rmSync(configDir, { recursive: true, force: true });
  });

  test('runs acs:fc ARNs and actions through the configured resource map; refuses unmapped ones', async () => {
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'mapped', d: MAPPED_FLOW }));
    gqlData(await server.graphql(ORDO_GQL.start, { f: 'mapped', i: { orderId: 'M-1', amount: 7 }, n: 'm1' }));
    const ended = await waitForExecutionEnd(server, 'mapped', 'm1');
    assert.equal(ended.status, 'Succeeded');
    assert.deepEqual(ended.output, { paymentId: 'P-M-1', charged: 7, released: true, reservationId: null });
    const unmapped = await server.graphql(ORDO_GQL.deploy, { n: 'unmapped', d: MAPPED_FLOW.replace('services/shop', 'services/other') });
    assert.equal(gqlErrorCode(unmapped), 'INVALID_FLOW');
    assert.match(unmapped.errors![0].message, /acs:fc:::services\/other\/functions\/charge/);
  });

  test('deploys a flow, dedupes an identical definition and versions a changed one', async () => {
    type Deployed = { deployFlow: { name: string; version: number; hash: string; deployedAt: string; definition: string } };
    const first = gqlData(await server.graphql<Deployed>(ORDO_GQL.deploy, { n: 'sleeper', d: WAITING_FLOW })).deployFlow;
    assert.equal(first.name, 'sleeper');
    assert.equal(first.version, 1);
    assert.match(first.hash, /^[0-9a-f]{64}$/);
    assert.equal(first.definition, WAITING_FLOW);
    assert.ok(!Number.isNaN(Date.parse(first.deployedAt)));
    const again = gqlData(await server.graphql<Deployed>(ORDO_GQL.deploy, { n: 'sleeper', d: WAITING_FLOW })).deployFlow;
    assert.deepEqual(again, first);
    const changed = gqlData(await server.graphql<Deployed>(ORDO_GQL.deploy, { n: 'sleeper', d: `${WAITING_FLOW}# v2\n` })).deployFlow;
    assert.equal(changed.version, 2);
    assert.notEqual(changed.hash, first.hash);
  });

  test('rejects an invalid flow with issues carrying code, path, line and column', async () => {
    const res = await server.graphql(ORDO_GQL.deploy, { n: 'broken', d: BAD_FLOW });
    assert.equal(gqlErrorCode(res), 'INVALID_FLOW');
    const issues = res.errors![0].extensions!.issues as Array<{ code: string; path: string; line: number; column: number; message: string }>;
    assert.deepEqual(issues.map(({ code, path, line, column }) => ({ code, path, line, column })),
      [{ code: 'FDL.UNKNOWN_GOTO_TARGET', path: 'steps[1].choices[0].goto', line: 10, column: 9 }]);
    assert.match(issues[0].message, /nowhere/);
    const yamlRes = await server.graphql(ORDO_GQL.deploy, { n: 'broken', d: 'version: v1\ntype: flow\nsteps: [\n' });
    assert.equal(gqlErrorCode(yamlRes), 'INVALID_FLOW');
    assert.equal((yamlRes.errors![0].extensions!.issues as Array<{ code: string }>)[0].code, 'FDL.YAML_SYNTAX');
  });

  test('runs the hello example to completion', async () => {
    const started = gqlData(await server.graphql<{ startExecution: ExecutionResult }>(ORDO_GQL.start, { f: 'hello', i: { name: 'Ada' } })).startExecution;
    assert.match(started.executionName, /^[A-Za-z_][\w-]*$/);
    const ended = await waitForExecutionEnd(server, 'hello', started.executionName);
    assert.equal(ended.status, 'Succeeded');
    assert.deepEqual(ended.output, { name: 'Ada', greeting: 'Hello from Ordo' });
    assert.ok(ended.stoppedAt !== null);
  });

  test('starts, describes, pages the history of and stops an execution', async () => {
    await server.graphql(ORDO_GQL.deploy, { n: 'sleeper', d: WAITING_FLOW });
    const started = gqlData(await server.graphql<{ startExecution: ExecutionResult }>(ORDO_GQL.start, { f: 'sleeper', i: { a: 1 }, n: 'nap-1' })).startExecution;
    assert.equal(started.status, 'Running');
    assert.deepEqual(started.input, { a: 1 });
    const rerun = gqlData(await server.graphql<{ startExecution: ExecutionResult }>(ORDO_GQL.start, { f: 'sleeper', i: { a: 2 }, n: 'nap-1' })).startExecution;
    assert.deepEqual(rerun.input, { a: 1 }, 'starting a running name returns the running execution');

    const described = gqlData(await server.graphql<{ execution: ExecutionResult }>(ORDO_GQL.describe, { f: 'sleeper', n: 'nap-1' })).execution;
    assert.equal(described.status, 'Running');
    assert.equal(described.stoppedAt, null);

    const all = await executionHistory(server, 'sleeper', 'nap-1');
    assert.equal(all[0].type, 'ExecutionStarted');
    assert.equal(all[0].eventId, 1);
    assert.equal(all[0].scheduleEventId, 0);
    assert.equal(all[0].stepName, '');
    assert.deepEqual(all.map((e) => e.eventId), all.map((_, i) => i + 1));
    const entered = all.find((e) => e.type === 'StepEntered' && e.stepName === 'sleep');
    assert.equal(entered?.path, 'sleep');

    type Page = { executionHistory: { events: Array<{ eventId: number }>; nextToken: string | null } };
    const page1 = gqlData(await server.graphql<Page>(ORDO_GQL.history, { f: 'sleeper', n: 'nap-1', l: 2 })).executionHistory;
    assert.deepEqual(page1.events.map((e) => e.eventId), [1, 2]);
    assert.ok(page1.nextToken);
    const page2 = gqlData(await server.graphql<Page>(ORDO_GQL.history, { f: 'sleeper', n: 'nap-1', l: 2, t: page1.nextToken })).executionHistory;
    assert.deepEqual(page2.events.map((e) => e.eventId), [3, 4]);
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.history, { f: 'sleeper', n: 'nap-1', t: 'garbage' })), 'INVALID_ARGUMENT');

    const stopped = gqlData(await server.graphql<{ stopExecution: ExecutionResult }>(ORDO_GQL.stop, { f: 'sleeper', n: 'nap-1', e: 'Operator', c: 'no longer needed' })).stopExecution;
    assert.equal(stopped.status, 'Stopped');
    assert.equal(stopped.error, 'Operator');
    assert.equal(stopped.cause, 'no longer needed');
    const after = await executionHistory(server, 'sleeper', 'nap-1');
    assert.equal(after.at(-1)?.type, 'ExecutionStopped');
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.stop, { f: 'sleeper', n: 'nap-1' })), 'EXECUTION_NOT_RUNNING');
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.start, { f: 'sleeper', n: 'nap-1' })), 'EXECUTION_ALREADY_EXISTS');
  });

  test('answers unknown flows and executions clearly', async () => {
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.start, { f: 'no-such-flow', i: {} })), 'FLOW_NOT_FOUND');
    const missing = gqlData(await server.graphql<{ execution: unknown }>(ORDO_GQL.describe, { f: 'hello', n: 'never-started' }));
    assert.equal(missing.execution, null);
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.stop, { f: 'hello', n: 'never-started' })), 'EXECUTION_NOT_FOUND');
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.history, { f: 'hello', n: 'never-started' })), 'EXECUTION_NOT_FOUND');
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.start, { f: 'hello', n: 'bad name!' })), 'INVALID_ARGUMENT');
  });

  test('rejects inputs that are not objects or are too large', async () => {
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.start, { f: 'hello', i: [1, 2] })), 'INVALID_INPUT');
    assert.equal(gqlErrorCode(await server.graphql(ORDO_GQL.start, { f: 'hello', i: 'text' })), 'INVALID_INPUT');
    const big = { blob: 'x'.repeat(40 * 1024) };
    const res = await server.graphql(ORDO_GQL.start, { f: 'hello', i: big });
    assert.equal(gqlErrorCode(res), 'PAYLOAD_TOO_LARGE');
    assert.match(res.errors![0].message, /input/);
    const inline = await server.graphql(`mutation{startExecution(flowName:"hello",input:{name:"Lit",tags:[1,true,null]}){${'status input'}}}`);
    assert.deepEqual((gqlData(inline) as { startExecution: { input: unknown } }).startExecution.input, { name: 'Lit', tags: [1, true, null] });
  });

  test('refuses malformed JSON (400) and oversized bodies (413) with clear codes', async () => {
    const malformed = await server.post('/graphql', '{"query": "mutation', 'application/json');
    assert.equal(malformed.status, 400);
    assert.equal((malformed.body as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code, 'MALFORMED_JSON');
    const huge = JSON.stringify({ query: ORDO_GQL.start, variables: { f: 'hello', i: { blob: 'y'.repeat(1100 * 1024) } } });
    const tooLarge = await server.post('/graphql', huge);
    assert.equal(tooLarge.status, 413);
    const error = (tooLarge.body as { errors: Array<{ message: string; extensions: { code: string } }> }).errors[0];
    assert.equal(error.extensions.code, 'PAYLOAD_TOO_LARGE');
    assert.match(error.message, /1048576 bytes/);
  });
});
