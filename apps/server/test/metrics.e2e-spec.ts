import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ORDO_GQL, ServerProcess, gqlData, pollUntil, waitForExecutionEnd } from '@ordo/testing';

const RETRYING_FLOW = `version: v1
type: flow
steps:
  - type: pass
    name: first
  - type: fail
    name: boom
    error: Boom
    cause: on purpose
`;

/** The value of one sample line (`name{labels} value`) or undefined when absent. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('server: Prometheus metrics', () => {
  let server: ServerProcess;
  before(async () => { server = await ServerProcess.start({ env: { ORDO_DEPLOY_EXAMPLES: 'false' } }); });
  after(() => server?.cleanup());

  test('GET /metrics reports executions, steps, commands, appends, HTTP and GraphQL requests', async () => {
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'metered', d: RETRYING_FLOW }));
    gqlData(await server.graphql(ORDO_GQL.start, { f: 'metered', i: {}, n: 'm1' }));
    assert.equal((await waitForExecutionEnd(server, 'metered', 'm1')).status, 'Failed');
    const text = await pollUntil(10_000, 'the finished execution in /metrics', async () => {
      const res = await fetch(`${server.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      const body = await res.text();
      return sample(body, 'ordo_executions_finished_total', 'flow="metered",status="Failed"') === 1 ? body : undefined;
    });
    assert.equal(sample(text, 'ordo_executions_started_total', 'flow="metered"'), 1);
    assert.ok((sample(text, 'ordo_step_transitions_total', 'flow="metered",transition="StepEntered"') ?? 0) >= 2);
    assert.ok((sample(text, 'ordo_command_duration_seconds_count', 'command="StartExecution",outcome="ok"') ?? 0) >= 1);
    assert.ok((sample(text, 'ordo_store_append_duration_seconds_count', 'outcome="ok"') ?? 0) >= 1);
    assert.ok((sample(text, 'ordo_http_requests_total', 'route="/graphql",status="200"') ?? 0) >= 3);
    assert.ok((sample(text, 'ordo_graphql_fields_total', 'type="Mutation",field="startExecution",outcome="ok"') ?? 0) >= 1);
    assert.match(text, /^ordo_process_cpu_user_seconds_total /m);
    assert.match(text, /^ordo_projector_lag_events /m);
  });
});
