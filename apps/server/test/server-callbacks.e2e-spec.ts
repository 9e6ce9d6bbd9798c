import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ORDO_GQL, ServerProcess, executionHistory, gqlData, gqlErrorCode, type ExecutionResult, waitForExecutionEnd, waitForTaskToken } from '@ordo/testing';

const SUCCEEDED = 'mutation($t:String!,$o:JSON!){reportTaskSucceeded(taskToken:$t,output:$o)}';
const SEND_SUCCESS = 'mutation($t:String!,$o:JSON!){sendTaskSuccess(taskToken:$t,output:$o)}';
const FAILED = 'mutation($t:String!,$e:String!,$c:String){reportTaskFailed(taskToken:$t,error:$e,cause:$c)}';
const SEND_FAILURE = 'mutation($t:String!,$e:String!,$c:String){sendTaskFailure(taskToken:$t,error:$e,cause:$c)}';
const HEARTBEAT = 'mutation($t:String!){reportTaskHeartbeat(taskToken:$t)}';
const SEND_HEARTBEAT = 'mutation($t:String!){sendTaskHeartbeat(taskToken:$t)}';

/** The approval example with heartbeats required every 10 minutes (so heartbeats are meaningful). */
const BEATING_APPROVAL = `version: v1
type: flow
steps:
  - type: task
    name: request-approval
    resourceArn: local:requestApproval
    pattern: waitForCallback
    heartbeatSeconds: 600
    inputMappings:
      - target: taskToken
        source: $context.task.token
      - target: executionName
        source: $context.execution.name
`;

describe('server: task callbacks', () => {
  let server: ServerProcess;
  before(async () => {
    server = await ServerProcess.start();
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'beating', d: BEATING_APPROVAL }));
  });
  after(async () => { await server?.cleanup(); });

  async function startApproval(name: string, flow = 'approval'): Promise<string> {
    const started = gqlData(await server.graphql<{ startExecution: ExecutionResult }>(ORDO_GQL.start, { f: flow, i: { orderId: name, amount: 10 }, n: name }));
    assert.equal(started.startExecution.status, 'Running');
    return waitForTaskToken(server, flow, name);
  }

  test('completes a waitForCallback task over GraphQL; the token then is rejected', async () => {
    const token = await startApproval('gql-ok');
    const res = gqlData(await server.graphql<{ reportTaskSucceeded: boolean }>(SUCCEEDED, { t: token, o: { approved: true, approver: 'bob' } }));
    assert.equal(res.reportTaskSucceeded, true);
    const ended = await waitForExecutionEnd(server, 'approval', 'gql-ok');
    assert.equal(ended.status, 'Succeeded');
    assert.deepEqual(ended.output, { approved: true, approver: 'bob', status: 'approved' });
    const again = await server.graphql(SUCCEEDED, { t: token, o: { approved: false } });
    assert.equal(gqlErrorCode(again), 'TASK_TOKEN_REJECTED');
    const history = await executionHistory(server, 'approval', 'gql-ok');
    assert.equal(history.filter((e) => e.type === 'TaskSucceeded').length, 1, 'the second report recorded nothing');
  });

  test('the Alibaba aliases report success, failure and heartbeats', async () => {
    const t1 = await startApproval('alias-ok', 'beating');
    assert.equal(gqlData(await server.graphql<{ reportTaskHeartbeat: boolean }>(HEARTBEAT, { t: t1 })).reportTaskHeartbeat, true);
    assert.equal(gqlData(await server.graphql<{ sendTaskHeartbeat: boolean }>(SEND_HEARTBEAT, { t: t1 })).sendTaskHeartbeat, true);
    assert.equal(gqlData(await server.graphql<{ sendTaskSuccess: boolean }>(SEND_SUCCESS, { t: t1, o: { done: true } })).sendTaskSuccess, true);
    const ok = await waitForExecutionEnd(server, 'beating', 'alias-ok');
    assert.equal(ok.status, 'Succeeded');
    assert.deepEqual(ok.output, { done: true });
    assert.equal((await executionHistory(server, 'beating', 'alias-ok')).filter((e) => e.type === 'TaskHeartbeat').length, 2);

    const t2 = await startApproval('alias-fail');
    assert.equal(gqlData(await server.graphql<{ sendTaskFailure: boolean }>(SEND_FAILURE, { t: t2, e: 'ApprovalRejected', c: 'too pricey' })).sendTaskFailure, true);
    const failed = await waitForExecutionEnd(server, 'approval', 'alias-fail');
    assert.equal(failed.status, 'Failed');
    assert.equal(failed.error, 'ApprovalRejected');
    assert.equal(failed.cause, 'too pricey');
  });

  test('reports over GraphQL with bad arguments fail clearly and change nothing', async () => {
    const token = await startApproval('gql-bad');
    assert.equal(gqlErrorCode(await server.graphql(SUCCEEDED, { t: 'not-a-token', o: {} })), 'INVALID_TASK_TOKEN');
    assert.equal(gqlErrorCode(await server.graphql(SUCCEEDED, { t: `${token.slice(0, -4)}AAAA`, o: {} })), 'INVALID_TASK_TOKEN');
    assert.equal(gqlErrorCode(await server.graphql(SUCCEEDED, { t: token, o: [1] })), 'INVALID_INPUT');
    assert.equal(gqlErrorCode(await server.graphql(SUCCEEDED, { t: token, o: { blob: 'z'.repeat(40 * 1024) } })), 'PAYLOAD_TOO_LARGE');
    assert.equal(gqlErrorCode(await server.graphql(FAILED, { t: token, e: '' })), 'INVALID_ARGUMENT');
    assert.equal(gqlErrorCode(await server.graphql(FAILED, { t: token, e: 'E'.repeat(129) })), 'INVALID_ARGUMENT');
    assert.equal(gqlErrorCode(await server.graphql(HEARTBEAT, { t: token })), 'TASK_TOKEN_REJECTED', 'the step has no heartbeatSeconds');
    const state = gqlData(await server.graphql<{ execution: ExecutionResult }>(
      'query{execution(flowName:"approval",executionName:"gql-bad"){status}}')).execution;
    assert.equal(state.status, 'Running');
    const history = await executionHistory(server, 'approval', 'gql-bad');
    assert.ok(!history.some((e) => e.type === 'TaskSucceeded' || e.type === 'TaskFailed'));
  });

  test('webhooks report heartbeats, failures and successes with the recorded event id', async () => {
    const t1 = await startApproval('hook-fail', 'beating');
    const beat = await server.post('/tasks/heartbeat', { taskToken: t1 });
    assert.equal(beat.status, 200);
    assert.equal((beat.body as { ok: boolean }).ok, true);
    const beatEvent = (beat.body as { eventId: number }).eventId;
    assert.equal((await executionHistory(server, 'beating', 'hook-fail')).find((e) => e.eventId === beatEvent)?.type, 'TaskHeartbeat');
    const failed = await server.post('/tasks/failed', { taskToken: t1, error: 'ApprovalRejected', cause: 'nope' });
    assert.equal(failed.status, 200);
    const { ok, eventId } = failed.body as { ok: boolean; eventId: number };
    assert.equal(ok, true);
    const history = await executionHistory(server, 'beating', 'hook-fail');
    assert.equal(history.find((e) => e.eventId === eventId)?.type, 'TaskFailed');
    assert.equal((await waitForExecutionEnd(server, 'beating', 'hook-fail')).error, 'ApprovalRejected');

    const t2 = await startApproval('hook-ok');
    const ok2 = await server.post('/tasks/succeeded', { taskToken: t2, output: { approved: true } });
    assert.equal(ok2.status, 200);
    const okEvent = (ok2.body as { eventId: number }).eventId;
    assert.equal((await executionHistory(server, 'approval', 'hook-ok')).find((e) => e.eventId === okEvent)?.type, 'TaskSucceeded');
    assert.equal((await waitForExecutionEnd(server, 'approval', 'hook-ok')).status, 'Succeeded');
    const replay = await server.post('/tasks/succeeded', { taskToken: t2, output: { approved: true } });
    assert.equal(replay.status, 409);
    assert.equal((replay.body as { code: string }).code, 'TASK_TOKEN_REJECTED');
  });

  test('webhooks refuse bad bodies with 4xx {code, message}', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['/tasks/succeeded', { taskToken: 'forged', output: {} }, 400, 'INVALID_TASK_TOKEN'],
      ['/tasks/succeeded', { output: {} }, 400, 'INVALID_ARGUMENT'],
      ['/tasks/succeeded', { taskToken: 'x', output: 'text' }, 400, 'INVALID_INPUT'],
      ['/tasks/failed', { taskToken: 'x' }, 400, 'INVALID_ARGUMENT'],
      ['/tasks/heartbeat', [1, 2], 400, 'INVALID_ARGUMENT'],
      ['/tasks/heartbeat', '{"taskToken":', 400, 'MALFORMED_JSON'],
      ['/tasks/succeeded', { taskToken: 'x', output: { blob: 'q'.repeat(1100 * 1024) } }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await server.post(path, body);
      assert.equal(res.status, status, `${path} ${JSON.stringify(body).slice(0, 60)}`);
      const answer = res.body as { code: string; message: string };
      assert.equal(answer.code, code, `${path} ${JSON.stringify(body).slice(0, 60)}`);
      assert.ok(answer.message.length > 10);
    }
  });
});
