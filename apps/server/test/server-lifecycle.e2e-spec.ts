import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ORDO_GQL, ServerProcess, describeExecution, gqlData, type ExecutionResult, waitForExecutionEnd, waitForTaskToken } from '@ordo/testing';

const SUCCEEDED = 'mutation($t:String!,$o:JSON!){reportTaskSucceeded(taskToken:$t,output:$o)}';

describe('server: lifecycle', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => { for (const c of cleanups) await c(); });

  test('serves /health, persists a 0600 token secret, and exits 0 on SIGTERM', async () => {
    const server = await ServerProcess.start();
    cleanups.push(() => server.cleanup());
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'ok');
    assert.equal(statSync(join(server.dataDir, 'token-secret')).mode & 0o777, 0o600);
    const exit = await server.stop();
    assert.equal(exit.code, 0);
    assert.match(server.logs, /event store closed/);
  });

  test('a restart keeps flows, executions and waiting callbacks (SIGTERM, then SIGKILL)', async () => {
    let server = await ServerProcess.start();
    cleanups.push(() => server.cleanup());
    const flow = 'version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: only\n';
    const v1 = gqlData(await server.graphql<{ deployFlow: { version: number; hash: string } }>(ORDO_GQL.deploy, { n: 'kept', d: flow })).deployFlow;
    gqlData(await server.graphql(ORDO_GQL.start, { f: 'kept', n: 'done-before' }));
    assert.equal((await waitForExecutionEnd(server, 'kept', 'done-before')).status, 'Succeeded');
    gqlData(await server.graphql(ORDO_GQL.start, { f: 'approval', i: { orderId: 'R-1', amount: 1 }, n: 'across-restarts' }));
    const token = await waitForTaskToken(server, 'approval', 'across-restarts');

    server = await server.restart();
    const again = gqlData(await server.graphql<{ deployFlow: { version: number; hash: string } }>(ORDO_GQL.deploy, { n: 'kept', d: flow })).deployFlow;
    assert.deepEqual({ version: again.version, hash: again.hash }, { version: v1.version, hash: v1.hash }, 'the deployed version survived');
    assert.equal((await describeExecution(server, 'kept', 'done-before'))?.status, 'Succeeded');
    assert.equal((await describeExecution(server, 'approval', 'across-restarts'))?.status, 'Running');
    const started = gqlData(await server.graphql<{ startExecution: ExecutionResult }>(ORDO_GQL.start, { f: 'approval', i: { orderId: 'R-2', amount: 2 }, n: 'acked-before-crash' })).startExecution;
    assert.equal(started.status, 'Running');

    await server.kill('SIGKILL');
    server = await server.restart();
    assert.equal((await describeExecution(server, 'approval', 'acked-before-crash'))?.status, 'Running', 'an acknowledged start survived kill -9');
    assert.equal(gqlData(await server.graphql<{ reportTaskSucceeded: boolean }>(SUCCEEDED, { t: token, o: { approved: true } })).reportTaskSucceeded, true,
      'a token issued before two restarts still works (the secret is persisted)');
    const ended = await waitForExecutionEnd(server, 'approval', 'across-restarts');
    assert.equal(ended.status, 'Succeeded');
    assert.equal(ended.output?.status, 'approved');
  });

  test('refuses to start on bad configuration, naming the variable or the file, key and line', async () => {
    const badPort = await ServerProcess.startExpectingFailure({ env: { ORDO_PORT: 'eighty' } });
    assert.equal(badPort.code, 1);
    assert.match(badPort.output, /ORDO_PORT must be an integer from 0 to 65535, got "eighty"/);
    assert.doesNotMatch(badPort.output, /\n\s+at /, 'no stack trace');

    const badRoles = await ServerProcess.startExpectingFailure({ env: { ORDO_ROLES: 'api,scheduler' } });
    assert.equal(badRoles.code, 1);
    assert.match(badRoles.output, /ORDO_ROLES has unknown role "scheduler"/);

    const dir = mkdtempSync(join(tmpdir(), 'ordo-config-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'ordo.config.yaml');
    writeFileSync(file, 'server:\n  port: 3000\nlimits:\n  inputBytes: 64\n  colour: blue\n');
    const badFile = await ServerProcess.startExpectingFailure({ env: { ORDO_CONFIG: file } });
    assert.equal(badFile.code, 1);
    assert.ok(badFile.output.includes(`${file}:5:3: limits.colour is not a known key.`), badFile.output);
    assert.ok(badFile.output.includes(`${file}:4:15: limits.inputBytes must be >= 1024.`), badFile.output);
    assert.doesNotMatch(badFile.output, /\n\s+at /);

    const missing = await ServerProcess.startExpectingFailure({ env: { ORDO_CONFIG: join(dir, 'absent.yaml') } });
    assert.equal(missing.code, 1);
    assert.match(missing.output, /ORDO_CONFIG points to .*absent\.yaml, which does not exist/);
  });
});
