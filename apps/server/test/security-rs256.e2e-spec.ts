import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { ORDO_GQL, ServerProcess, gqlData } from '@ordo/testing';

const KEYS = { reader: 'rs256-e2e-reader-key-01', operator: 'rs256-e2e-operator-key-2', worker: 'rs256-e2e-worker-key-003' };
const NAP_FLOW = 'version: v1\ntype: flow\nsteps:\n  - type: wait\n    name: nap\n    duration: 1\n';
const DEPLOY = { query: 'mutation { deployFlow(name: "rs", definition: "version: v1\\ntype: flow\\nsteps: []\\n") { version } }' };
const READ = { query: '{ execution(flowName: "rs", executionName: "none") { status } }' };

/** A 2048-bit RSA key pair made for this run. */
function rsaKeyPair(): { privateKey: KeyObject; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** An RS256 JWT for `roles`, expiring `expiresAt` (a jose time span or epoch seconds). */
function rs256(key: KeyObject, roles: string[], expiresAt: string | number = '5m'): Promise<string> {
  return new SignJWT({ roles }).setProtectedHeader({ alg: 'RS256' }).setSubject('rita')
    .setIssuedAt().setExpirationTime(expiresAt).sign(key);
}

async function post(server: ServerProcess, body: unknown, bearer?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** One graphql-ws subscription run to its end: the data it delivered, or how it failed. */
async function subscribeOnce<T>(server: ServerProcess, query: string, bearer?: string): Promise<{ data: T[]; error?: unknown }> {
  const client = createClient({
    url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0,
    connectionParams: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` },
  });
  try {
    return await new Promise((resolve) => {
      const data: T[] = [];
      client.subscribe<T>({ query }, {
        next: (value) => { if (value.errors) resolve({ data, error: value.errors }); else data.push(value.data as T); },
        error: (error) => resolve({ data, error }),
        complete: () => resolve({ data }),
      });
    });
  } finally {
    await client.dispose();
  }
}

/** The close code of a graphql-ws failure (a CloseEvent from the `ws` socket). */
function closeCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: number }).code : undefined;
}

describe('server: RS256 JWTs, subscription credentials and a non-loopback listener', () => {
  const trusted = rsaKeyPair();
  const stranger = rsaKeyPair();
  let server: ServerProcess;
  before(async () => {
    server = await ServerProcess.start({
      env: {
        ORDO_HOST: '0.0.0.0', ORDO_DEPLOY_EXAMPLES: 'false', ORDO_JWT_PUBLIC_KEY: trusted.publicPem,
        ORDO_API_KEYS: Object.entries(KEYS).map(([role, key]) => `${key}:${role}`).join(','),
      },
    });
  });
  after(() => server?.cleanup());

  test('starts on 0.0.0.0 with keys configured and still refuses anonymous requests', async () => {
    assert.match(server.logs, /"host":"0\.0\.0\.0"[^\n]*Ordo listening on http:\/\/0\.0\.0\.0:/);
    const anonymous = await post(server, READ);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.errors[0].extensions.code, 'UNAUTHENTICATED');
  });

  test('an RS256 JWT signed by the configured key is accepted with its roles', async () => {
    const operator = await post(server, DEPLOY, await rs256(trusted.privateKey, ['operator']));
    assert.equal(operator.body.errors, undefined);
    assert.equal(operator.body.data.deployFlow.version, 1);
    const readerToken = await rs256(trusted.privateKey, ['reader']);
    assert.equal((await post(server, READ, readerToken)).body.errors, undefined);
    const readerDeploy = await post(server, DEPLOY, readerToken);
    assert.equal(readerDeploy.body.errors[0].extensions.code, 'FORBIDDEN');
  });

  test('an RS256 JWT signed by another key, expired, or HS256 when only RS256 is configured is 401', async () => {
    const rejected = [
      await rs256(stranger.privateKey, ['admin']),
      await rs256(trusted.privateKey, ['admin'], Math.floor(Date.now() / 1000) - 120),
      await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m')
        .sign(new TextEncoder().encode('a-secret-this-server-never-configured-000')),
    ];
    for (const token of rejected) {
      const res = await post(server, READ, token);
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.equal(res.body.errors[0].extensions.code, 'UNAUTHENTICATED');
    }
  });

  test('graphql-ws: a missing or unknown credential closes the connection with 4401; a worker key is FORBIDDEN', async () => {
    const subscription = 'subscription { executionUpdated(flowName: "rs", executionName: "none") { status } }';
    const unknown = await subscribeOnce(server, subscription, 'not-a-configured-key-000000');
    assert.equal(closeCode(unknown.error), 4401);
    const forged = await subscribeOnce(server, subscription, await rs256(stranger.privateKey, ['reader']));
    assert.equal(closeCode(forged.error), 4401);
    const missing = await subscribeOnce(server, subscription);
    assert.equal(closeCode(missing.error), 4401);
    const worker = await subscribeOnce(server, subscription, KEYS.worker);
    assert.equal((worker.error as Array<{ extensions?: { code?: string } }>)[0].extensions?.code, 'FORBIDDEN');
  });

  test('graphql-ws: a reader key (or reader RS256 JWT) follows an execution to its end', async () => {
    const operator = (query: string, variables: Record<string, unknown>) =>
      post(server, { query, variables }, KEYS.operator).then((r) => ({ status: r.status, ...r.body }));
    gqlData(await operator(ORDO_GQL.deploy, { n: 'rs-nap', d: NAP_FLOW }));
    for (const [name, credential] of [['by-key', KEYS.reader], ['by-jwt', await rs256(trusted.privateKey, ['reader'])]]) {
      gqlData(await operator(ORDO_GQL.start, { f: 'rs-nap', i: {}, n: name }));
      const query = `subscription { executionUpdated(flowName: "rs-nap", executionName: "${name}") { status } }`;
      const updates = await subscribeOnce<{ executionUpdated: { status: string } }>(server, query, credential);
      assert.equal(updates.error, undefined, JSON.stringify(updates.error));
      assert.equal(updates.data.at(-1)?.executionUpdated.status, 'Succeeded');
    }
  });
});

describe('server: non-loopback listener with only a JWT public key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-rs256-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('starts with ORDO_JWT_PUBLIC_KEY as a file path and accepts a JWT signed by its key; refuses to start without any credential', async () => {
    const pair = rsaKeyPair();
    const keyFile = join(dir, 'jwt.pub.pem');
    writeFileSync(keyFile, pair.publicPem);
    const server = await ServerProcess.start({ env: { ORDO_HOST: '0.0.0.0', ORDO_DEPLOY_EXAMPLES: 'false', ORDO_JWT_PUBLIC_KEY: keyFile } });
    try {
      assert.equal((await post(server, READ)).status, 401);
      assert.equal((await post(server, READ, await rs256(pair.privateKey, ['reader']))).body.errors, undefined);
    } finally {
      await server.cleanup();
    }
    const refused = await ServerProcess.startExpectingFailure({ env: { ORDO_HOST: '0.0.0.0', ORDO_API_KEYS: '', ORDO_JWT_PUBLIC_KEY: '' } });
    assert.equal(refused.code, 1);
    assert.match(refused.output, /without authentication: set ORDO_API_KEYS/);
  });
});
