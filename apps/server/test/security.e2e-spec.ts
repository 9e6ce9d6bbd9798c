import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { ServerProcess } from '@ordo/testing';

const KEYS = { reader: 'e2e-reader-key-000001', operator: 'e2e-operator-key-0002', worker: 'e2e-worker-key-000003' };
const JWT_SECRET = 'e2e-jwt-secret-that-is-at-least-32-bytes';
const METRICS_TOKEN = 'e2e-metrics-token-0004';

async function post(server: ServerProcess, path: string, body: unknown, bearer?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('server: security', () => {
  let server: ServerProcess;
  before(async () => {
    server = await ServerProcess.start({
      env: {
        ORDO_API_KEYS: Object.entries(KEYS).map(([role, key]) => `${key}:${role}`).join(','),
        ORDO_JWT_SECRET: JWT_SECRET, ORDO_JWT_AUDIENCE: 'ordo', ORDO_METRICS_TOKEN: METRICS_TOKEN, ORDO_DEPLOY_EXAMPLES: 'false',
      },
    });
  });
  after(() => server?.cleanup());

  test('refuses to start on a non-loopback address without keys or JWT', async () => {
    const run = await ServerProcess.startExpectingFailure({ env: { ORDO_HOST: '0.0.0.0' } });
    assert.equal(run.code, 1);
    assert.match(run.output, /without authentication: set ORDO_API_KEYS/);
  });

  test('GraphQL: 401 without a key, 403 for the wrong role, allowed for the right one', async () => {
    const deploy = { query: 'mutation { deployFlow(name: "sec", definition: "version: v1\\ntype: flow\\nsteps: []\\n") { version } }' };
    const anonymous = await post(server, '/graphql', deploy);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.errors[0].extensions.code, 'UNAUTHENTICATED');
    const reader = await post(server, '/graphql', deploy, KEYS.reader);
    assert.equal(reader.body.errors[0].extensions.code, 'FORBIDDEN');
    const operator = await post(server, '/graphql', deploy, KEYS.operator);
    assert.equal(operator.body.errors, undefined);
    assert.equal(operator.body.data.deployFlow.version, 1);
  });

  test('JWT: HS256 with the audience and roles claim is accepted; a wrong audience is 401', async () => {
    const sign = (aud: string, roles: string[]) => new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice')
      .setAudience(aud).setExpirationTime('5m').sign(new TextEncoder().encode(JWT_SECRET));
    const query = { query: '{ execution(flowName: "sec", executionName: "none") { status } }' };
    const good = await post(server, '/graphql', query, await sign('ordo', ['reader']));
    assert.equal(good.body.errors, undefined);
    const badAudience = await post(server, '/graphql', query, await sign('other', ['reader']));
    assert.equal(badAudience.status, 401);
    assert.equal(badAudience.body.errors[0].extensions.code, 'UNAUTHENTICATED');
  });

  test('webhooks need worker or operator; /health stays open; /metrics takes a reader key or the metrics token', async () => {
    assert.equal((await post(server, '/tasks/heartbeat', { taskToken: 'x' })).status, 401);
    assert.equal((await post(server, '/tasks/heartbeat', { taskToken: 'x' }, KEYS.reader)).body.code, 'FORBIDDEN');
    assert.equal((await post(server, '/tasks/heartbeat', { taskToken: 'x' }, KEYS.worker)).body.code, 'INVALID_TASK_TOKEN');
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
    const scrape = (bearer: string) => fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${bearer}` } });
    assert.equal((await scrape(KEYS.worker)).status, 403);
    assert.equal((await scrape(KEYS.reader)).status, 200);
    assert.equal((await scrape(METRICS_TOKEN)).status, 200);
    const metricsTokenOnGraphql = await post(server, '/graphql', { query: '{ execution(flowName: "a", executionName: "b") { status } }' }, METRICS_TOKEN);
    assert.equal(metricsTokenOnGraphql.body.errors[0].extensions.code, 'FORBIDDEN');
  });

  test('introspection is on by default on loopback (for authenticated callers)', async () => {
    const deep = await post(server, '/graphql', { query: '{ __typename a: execution(flowName: "a", executionName: "b") { __typename } }' }, KEYS.reader);
    assert.equal(deep.body.errors, undefined);
    const introspect = await post(server, '/graphql', { query: '{ __schema { queryType { name } } }' }, KEYS.reader);
    assert.equal(introspect.body.data.__schema.queryType.name, 'Query');
  });
});
