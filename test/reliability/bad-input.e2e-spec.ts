import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ServerProcess } from '@ordo/testing';
import { DEPLOY, START, SUCCEEDED, codeOf, dataOf, waitForEnd } from './support/operations';
import { forEachPooled, ResilientClient } from './support/resilient-client';
import { WorkServer } from './support/work-server';

const BYSTANDERS = 40;

function taskFlow(resource: string, extra = ''): string {
  return `version: v1\ntype: flow\nsteps:\n  - type: task\n    name: work\n    resourceArn: ${resource}\n${extra}`;
}

describe('reliability: bad input through the server', () => {
  let work: WorkServer;
  let client: ResilientClient;
  before(async () => {
    work = await WorkServer.start();
    const server = await ServerProcess.start({
      env: { ORDO_HANDLERS: join(__dirname, 'support', 'handlers.js'), ORDO_DEPLOY_EXAMPLES: 'false', ORDO_HISTORY_SHOWS_TOKENS: 'true' },
    });
    client = new ResilientClient(server);
    const flows: Record<string, string> = {
      echo: taskFlow('local:echo'),
      notobject: taskFlow('local:notAnObject'),
      hang: taskFlow(`${work.url}/hang`, '    timeoutSeconds: 1\n'),
      garbage: taskFlow(`${work.url}/garbage`),
    };
    for (const [name, text] of Object.entries(flows)) dataOf(await client.graphql(DEPLOY, { n: name, d: text }));
  });
  after(async () => {
    await client?.server.cleanup();
    await work?.close();
  });

  test('each bad input gets a clear error while other executions run to completion', { timeout: 180_000 }, async () => {
    const bystanders = forEachPooled(BYSTANDERS, 8, async (i) => {
      dataOf(await client.graphql(START, { f: 'echo', i: { i }, n: `ok${i}` }));
    });
    const server = client.server;

    const malformed = await server.post('/graphql', '{"query": "mutation { startExecution(');
    assert.equal(malformed.status, 400, `malformed JSON body: ${JSON.stringify(malformed.body)}`);
    assert.match(JSON.stringify(malformed.body), /JSON/i);

    const badInputText = await client.graphql(START, { f: 'echo', i: '{"not": json', n: 'bad-json' });
    assert.equal(codeOf(badInputText), 'INVALID_INPUT', JSON.stringify(badInputText.errors));
    assert.match(badInputText.errors![0].message, /input/i);

    const arrayInput = await client.graphql(START, { f: 'echo', i: [1, 2], n: 'bad-array' });
    assert.equal(codeOf(arrayInput), 'INVALID_INPUT', JSON.stringify(arrayInput.errors));

    const oversized = await client.graphql(START, { f: 'echo', i: { blob: 'x'.repeat(64 * 1024) }, n: 'too-big' });
    assert.equal(codeOf(oversized), 'PAYLOAD_TOO_LARGE', JSON.stringify(oversized.errors));
    assert.match(oversized.errors![0].message, /bytes/);

    const hugeBody = await server.post('/graphql', JSON.stringify({ query: START, variables: { f: 'echo', i: { blob: 'y'.repeat(2 * 1024 * 1024) } } }));
    assert.equal(hugeBody.status, 413, `a body over the request limit: ${JSON.stringify(hugeBody.body).slice(0, 200)}`);

    const unknownFlow = await client.graphql(START, { f: 'no-such-flow', i: {}, n: 'x' });
    assert.equal(codeOf(unknownFlow), 'FLOW_NOT_FOUND', JSON.stringify(unknownFlow.errors));
    assert.match(unknownFlow.errors![0].message, /no-such-flow/);

    for (const token of ['', 'garbage', 'a.b.c', `${'A'.repeat(43)}.${'B'.repeat(43)}`]) {
      const bad = await client.graphql(SUCCEEDED, { t: token, o: {} });
      assert.ok(['INVALID_TASK_TOKEN', 'INVALID_ARGUMENT'].includes(codeOf(bad) ?? ''), `token ${JSON.stringify(token)}: ${JSON.stringify(bad.errors)}`);
    }

    const outcomes: Record<string, { error: string | null; cause: string | null }> = {};
    for (const flow of ['notobject', 'hang', 'garbage']) {
      dataOf(await client.graphql(START, { f: flow, i: { case: flow }, n: `${flow}1` }));
      const ended = await waitForEnd(client, flow, `${flow}1`, 60_000);
      assert.equal(ended.status, 'Failed', `${flow} must fail, got ${JSON.stringify(ended)}`);
      assert.ok(ended.error && ended.cause, `${flow} names an error and a cause: ${JSON.stringify(ended)}`);
      outcomes[flow] = { error: ended.error, cause: ended.cause };
    }
    assert.equal(outcomes.notobject.error, 'FnF.InvalidLocal', JSON.stringify(outcomes.notobject));
    assert.equal(outcomes.hang.error, 'FnF.TaskTimeout', JSON.stringify(outcomes.hang));
    assert.match(`${outcomes.garbage.error} ${outcomes.garbage.cause}`, /JSON|invalid|parse/i, JSON.stringify(outcomes.garbage));

    await bystanders;
    for (let i = 0; i < BYSTANDERS; i++) {
      const ended = await waitForEnd(client, 'echo', `ok${i}`, 60_000);
      assert.equal(ended.status, 'Succeeded', `bystander ok${i}: ${JSON.stringify(ended)}`);
      assert.deepEqual(ended.output, { i }, `bystander ok${i} output`);
    }
    for (const name of ['bad-json', 'bad-array', 'too-big']) {
      const res = await client.graphql<{ execution: unknown }>('query($f:String!,$n:String!){execution(flowName:$f,executionName:$n){status}}', { f: 'echo', n: name });
      assert.equal(dataOf(res).execution, null, `the rejected start ${name} left no execution behind`);
    }
  });
});
