import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { fold, initialState } from '@ordo/core';
import { decodeExecutionEvent, executionStream } from '@ordo/runtime';
import { SqliteEventStore } from '@ordo/store-sqlite';
import { ORDO_GQL, ServerProcess, gqlData, gqlErrorCode, pollUntil, waitForExecutionEnd } from '@ordo/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A parallel whose first branch retries once (reserveStock fails its first attempt), then a pass. */
const FAN_FLOW = `version: v1
type: flow
timeoutSeconds: 600
steps:
  - type: parallel
    name: fan
    branches:
      - steps:
          - type: task
            name: reserve
            resourceArn: local:reserveStock
            retry:
              - errors: [StockServiceBusy]
                intervalSeconds: 1
                maxAttempts: 3
      - steps:
          - type: task
            name: charge
            resourceArn: local:chargePayment
  - type: pass
    name: done
`;

const WAIT_FLOW = `version: v1
type: flow
steps:
  - type: pass
    name: before
  - type: wait
    name: nap
    duration: 2
  - type: pass
    name: after
`;

interface AuditEvent { eventId: number; type: string; time: string; stepName: string; path: string; attempt: number | null; detail: Record<string, unknown> }
interface Page<T> { edges: Array<{ cursor: string; node: T }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount?: number | null }

/** The events query with a literal page size (the complexity rule prices a variable `first` at the page size cap). */
const eventsQuery = (first: number): string => `query($f:String!,$n:String!,$after:String,$types:[String!],$path:String){execution(flowName:$f,executionName:$n){
  events(first:${first},after:$after,types:$types,stepPath:$path){totalCount edges{cursor node{eventId type time stepName path attempt detail}} pageInfo{hasNextPage endCursor}}}}`;

/** The whole audit trail, 40 events per page. */
async function auditTrail(server: ServerProcess, f: string, n: string): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let after: string | null = null;
  do {
    const page: Page<AuditEvent> = gqlData(await server.graphql<{ execution: { events: Page<AuditEvent> } }>(eventsQuery(40), { f, n, after })).execution.events;
    out.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return out;
}

/** Waits until the read models hold the execution's terminal event. */
async function projected(server: ServerProcess, f: string, n: string): Promise<AuditEvent[]> {
  return pollUntil(20_000, `${f}/${n} in the read models`, async () => {
    const events = await auditTrail(server, f, n);
    return events.some((e) => e.type.startsWith('Execution') && e.type !== 'ExecutionStarted') ? events : undefined;
  });
}

async function run(server: ServerProcess, f: string, n: string, input: Record<string, unknown> = {}): Promise<void> {
  gqlData(await server.graphql(ORDO_GQL.start, { f, i: input, n }));
  await waitForExecutionEnd(server, f, n);
}

describe('server: GraphQL query side', () => {
  let server: ServerProcess;
  before(async () => {
    server = await ServerProcess.start();
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'fan', d: FAN_FLOW }));
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'napper', d: WAIT_FLOW }));
    await run(server, 'fan', 'a1', { orderId: 'A1', amount: 5 });
  });
  after(async () => { await server?.cleanup(); });

  test('audit trail, step attempts and timeline of an execution with a retry and a parallel', async () => {
    const events = await projected(server, 'fan', 'a1');
    assert.deepEqual(events.map((e) => e.eventId), events.map((_, i) => i + 1));
    const reserve = events.filter((e) => e.path === 'fan/branch[0]/reserve');
    const failed = reserve.find((e) => e.type === 'TaskFailed');
    assert.equal(failed?.attempt, 1);
    assert.equal(failed?.detail.error, 'StockServiceBusy');
    assert.equal(reserve.find((e) => e.type === 'TaskSucceeded')?.attempt, 2);
    assert.equal(events[events.length - 1].type, 'ExecutionSucceeded');

    const q = `query{execution(flowName:"fan",executionName:"a1"){executionId trigger
      steps{stepName path attempt status retries startedAt finishedAt durationMs error output}
      timeline{path stepName kind attempt start end status parentPath}}}`;
    const { execution } = gqlData(await server.graphql<{ execution: {
      executionId: string; trigger: string;
      steps: Array<{ stepName: string; path: string; attempt: number; status: string; retries: number; error: string | null; durationMs: number | null }>;
      timeline: Array<{ path: string; kind: string; attempt: number | null; status: string; parentPath: string | null; end: string | null }>;
    } }>(q));
    assert.equal(execution.executionId, 'fan.a1');
    assert.equal(execution.trigger, 'api');
    const attempts = execution.steps.filter((s) => s.stepName === 'reserve');
    assert.deepEqual(attempts.map((s) => [s.attempt, s.status, s.retries, s.error]), [[1, 'Failed', 0, 'StockServiceBusy'], [2, 'Succeeded', 1, null]]);
    const kinds = (kind: string) => execution.timeline.filter((t) => t.kind === kind);
    assert.deepEqual(kinds('Branch').map((b) => [b.path, b.parentPath, b.status]).sort(),
      [['fan/branch[0]', 'fan', 'Succeeded'], ['fan/branch[1]', 'fan', 'Succeeded']]);
    assert.deepEqual(kinds('TaskAttempt').filter((t) => t.path === 'fan/branch[0]/reserve').map((t) => [t.attempt, t.parentPath]),
      [[1, 'fan/branch[0]/reserve'], [2, 'fan/branch[0]/reserve']]);
    const reserveBar = kinds('Step').find((t) => t.path === 'fan/branch[0]/reserve');
    assert.equal(reserveBar?.parentPath, 'fan/branch[0]');
    assert.ok(execution.timeline.every((t) => t.end !== null));
  });

  test('pages the audit trail and filters it by type and step path', async () => {
    const all = await projected(server, 'fan', 'a1');
    const seen: AuditEvent[] = [];
    let cursor: string | null = null;
    let total: number | null | undefined;
    do {
      const page: Page<AuditEvent> = gqlData(await server.graphql<{ execution: { events: Page<AuditEvent> } }>(eventsQuery(4),
        { f: 'fan', n: 'a1', after: cursor })).execution.events;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node));
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor !== null);
    assert.deepEqual(seen, all);
    assert.equal(total, all.length);
    const typed = gqlData(await server.graphql<{ execution: { events: Page<AuditEvent> } }>(eventsQuery(10),
      { f: 'fan', n: 'a1', types: ['TaskFailed', 'TaskSucceeded'], path: 'fan/branch[0]/reserve' })).execution.events;
    assert.deepEqual(typed.edges.map((e) => [e.node.type, e.node.attempt]), [['TaskFailed', 1], ['TaskSucceeded', 2]]);
  });

  test('lists executions newest first with filters, paging, totalCount on demand and a page size cap', async () => {
    for (let i = 0; i < 5; i++) await run(server, 'napper', `p-${i}`);
    await run(server, 'napper', 'other');
    await pollUntil(20_000, 'six napper executions projected', async () => {
      const res = gqlData(await server.graphql<{ executions: Page<{ status: string }> }>(
        'query{executions(filter:{flowName:"napper",status:Succeeded},first:10){totalCount edges{node{status}}}}'));
      return res.executions.totalCount === 6 ? true : undefined;
    });
    const q = 'query($a:String){executions(filter:{flowName:"napper",namePrefix:"p-"},first:2,after:$a){edges{cursor node{executionName startedAt}} pageInfo{hasNextPage endCursor}}}';
    const names: string[] = [];
    const starts: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<{ executionName: string; startedAt: string }> = gqlData(await server.graphql<{ executions: Page<{ executionName: string; startedAt: string }> }>(q, { a: cursor })).executions;
      names.push(...page.edges.map((e) => e.node.executionName));
      starts.push(...page.edges.map((e) => e.node.startedAt));
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor !== null);
    assert.deepEqual(names, ['p-4', 'p-3', 'p-2', 'p-1', 'p-0']);
    assert.deepEqual([...starts].sort().reverse(), starts);
    const failed = gqlData(await server.graphql<{ executions: Page<unknown> }>('query{executions(filter:{flowName:"napper",status:Failed}){totalCount}}'));
    assert.equal(failed.executions.totalCount, 0);
    assert.equal(gqlErrorCode(await server.graphql('query{executions(first:100000){totalCount}}')), 'PAGE_SIZE_TOO_LARGE');
    assert.equal(gqlErrorCode(await server.graphql('query{executions(after:"garbage"){totalCount}}')), 'INVALID_ARGUMENT');
  });

  test('flows and flow(name) list versions with definitions and hashes', async () => {
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'napper', d: WAIT_FLOW.replace('duration: 2', 'duration: 1') }));
    const data = gqlData(await server.graphql<{ flows: Array<{ name: string }>; flow: { name: string; latest: { version: number }; versions: Array<{ version: number; hash: string; deployedAt: string; definition: string }> } }>(
      'query{flows{name} flow(name:"napper"){name latest{version} versions{version hash deployedAt definition}}}'));
    assert.ok(['fan', 'napper'].every((n) => data.flows.some((f) => f.name === n)));
    assert.deepEqual(data.flow.versions.map((v) => v.version), [1, 2]);
    assert.equal(data.flow.latest.version, 2);
    assert.equal(data.flow.versions[0].definition, WAIT_FLOW);
    assert.match(data.flow.versions[1].hash, /^[0-9a-f]{64}$/);
    assert.equal(gqlData(await server.graphql<{ flow: null }>('query{flow(name:"never"){name}}')).flow, null);
  });

  test('flow metrics after several runs', async () => {
    await run(server, 'fan', 'a2', { orderId: 'A2', amount: 7 });
    await projected(server, 'fan', 'a2');
    const m = gqlData(await server.graphql<{ flowMetrics: {
      started: number; succeeded: number; failed: number; running: number; retries: number; failureRate: number; overdue: number;
      duration: { p50: number | null; p99: number | null }; steps: Array<{ stepName: string; path: string; duration: { p95: number | null }; suggestedTimeoutSeconds: number | null }>;
    } }>('query{flowMetrics(flowName:"fan",window:"1h"){started succeeded failed running retries failureRate overdue duration{p50 p95 p99} steps{stepName path duration{p50 p95 p99} suggestedTimeoutSeconds}}}')).flowMetrics;
    assert.deepEqual([m.started, m.succeeded, m.failed, m.running, m.overdue, m.failureRate], [2, 2, 0, 0, 0, 0]);
    assert.equal(m.retries, 2);
    assert.ok(m.duration.p50 !== null && m.duration.p50 >= 1000, `p50 ${m.duration.p50} includes the 1 s retry delay`);
    const reserve = m.steps.find((s) => s.path === 'fan/branch[0]/reserve');
    assert.ok(reserve && reserve.suggestedTimeoutSeconds !== null && reserve.suggestedTimeoutSeconds >= 1);
    assert.equal(gqlErrorCode(await server.graphql('query{flowMetrics(flowName:"fan",window:"forever"){started}}')), 'INVALID_ARGUMENT');
  });

  test('replay at several event ids equals a fold of the recorded events', async () => {
    const store = new SqliteEventStore({ path: join(server.dataDir, 'ordo-events.sqlite') });
    try {
      const recorded = (await store.readStream(executionStream('fan.a1'))).map(decodeExecutionEvent);
      const ids = [1, 2, Math.floor(recorded.length / 2), recorded.length - 1, recorded.length];
      for (const at of ids) {
        const r = gqlData(await server.graphql<{ replayExecution: { eventId: number; lastEventId: number; state: unknown; compatible: boolean } }>(
          'query($at:Int){replayExecution(flowName:"fan",executionName:"a1",atEventId:$at){eventId lastEventId state compatible}}', { at })).replayExecution;
        assert.equal(r.eventId, at);
        assert.equal(r.lastEventId, recorded.length);
        assert.deepEqual(r.state, JSON.parse(JSON.stringify(fold(recorded.slice(0, at), initialState()))), `state after event ${at}`);
      }
    } finally {
      await store.close();
    }
    const bad = await server.graphql('query{replayExecution(flowName:"fan",executionName:"a1",atEventId:9999){eventId}}');
    assert.equal(gqlErrorCode(bad), 'INVALID_ARGUMENT');
    assert.equal(gqlErrorCode(await server.graphql('query{replayExecution(flowName:"fan",executionName:"nope",atEventId:1){eventId}}')), 'EXECUTION_NOT_FOUND');
  });

  test('replay against the recorded definition is compatible; against a changed one it names the divergence', async () => {
    const q = 'query($d:String!){replayExecution(flowName:"fan",executionName:"a1",flowDefinition:$d){compatible divergence{eventId reason}}}';
    const same = gqlData(await server.graphql<{ replayExecution: { compatible: boolean; divergence: null } }>(q, { d: FAN_FLOW })).replayExecution;
    assert.deepEqual(same, { compatible: true, divergence: null });
    const noRetry = FAN_FLOW.replace('maxAttempts: 3', 'maxAttempts: 0');
    const changed = gqlData(await server.graphql<{ replayExecution: { compatible: boolean; divergence: { eventId: number; reason: string } } }>(q, { d: noRetry })).replayExecution;
    assert.equal(changed.compatible, false);
    const events = await projected(server, 'fan', 'a1');
    const failure = events.find((e) => e.type === 'TaskFailed');
    assert.ok(failure !== undefined && changed.divergence.eventId > failure.eventId);
    assert.equal(events[changed.divergence.eventId - 1].type, 'RetryScheduled');
    assert.match(changed.divergence.reason, /RetryScheduled at fan\/branch\[0\]\/reserve/);
    assert.equal(gqlErrorCode(await server.graphql(q, { d: 'version: v1\ntype: flow\nsteps: 3' })), 'INVALID_FLOW');
  });

  test('ordo replay --at and --against through the server', async () => {
    const cli = resolve(__dirname, '..', '..', '..', 'bin', 'ordo.js');
    const ordo = (...args: string[]) => promisify(execFile)(process.execPath, [cli, ...args, '--server', server.url])
      .then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    const at = await ordo('replay', 'fan', 'a1', '--at', '3');
    assert.equal(at.code, 0);
    const parsed = JSON.parse(at.stdout) as { eventId: number; state: { revision: number } };
    assert.deepEqual([parsed.eventId, parsed.state.revision], [3, 2]);
    const file = join(server.dataDir, '..', 'no-retry.yaml');
    writeFileSync(file, FAN_FLOW.replace('maxAttempts: 3', 'maxAttempts: 0'));
    const against = await ordo('replay', 'fan', 'a1', '--against', file);
    assert.equal(against.code, 1);
    assert.match(against.stdout, /"compatible": false/);
  });

  test('executionEvents delivers live events in order and resumes after an event id; executionUpdated ends with the final state', async () => {
    const client = createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const collect = <T>(query: string, variables: Record<string, unknown>): Promise<T[]> => new Promise((resolve, reject) => {
      const out: T[] = [];
      client.subscribe<T>({ query, variables }, {
        next: (value) => { if (value.errors) reject(new Error(JSON.stringify(value.errors))); else out.push(value.data as T); },
        error: reject,
        complete: () => resolve(out),
      });
    });
    try {
      gqlData(await server.graphql(ORDO_GQL.start, { f: 'napper', i: {}, n: 'live' }));
      const eventsQ = 'subscription($a:Int){executionEvents(flowName:"napper",executionName:"live",afterEventId:$a){eventId type}}';
      const [live, updates] = await Promise.all([
        collect<{ executionEvents: { eventId: number; type: string } }>(eventsQ, { a: 0 }),
        collect<{ executionUpdated: { status: string } }>('subscription{executionUpdated(flowName:"napper",executionName:"live"){status}}', {}),
      ]);
      const ids = live.map((e) => e.executionEvents.eventId);
      assert.deepEqual(ids, ids.map((_, i) => i + 1));
      assert.equal(live[live.length - 1].executionEvents.type, 'ExecutionSucceeded');
      assert.ok(live.some((e) => e.executionEvents.type === 'TimerFired'));
      assert.equal(updates[updates.length - 1].executionUpdated.status, 'Succeeded');
      const resumed = await collect<{ executionEvents: { eventId: number } }>(eventsQ, { a: 3 });
      assert.deepEqual(resumed.map((e) => e.executionEvents.eventId), ids.slice(3));
    } finally {
      await client.dispose();
    }
  });
});
