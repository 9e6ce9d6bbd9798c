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

const WAITING_FLOW = `version: v1
type: flow
steps:
  - type: wait
    name: nap
    duration: 1
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

  test('a flow with a 1 s wait feeds the timer-lag histogram ordo_timer_lag_seconds', async () => {
    const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
    assert.equal(sample(await scrape(), 'ordo_timer_lag_seconds_count', 'purpose="wait"'), undefined, 'no wait timer fired yet');
    gqlData(await server.graphql(ORDO_GQL.deploy, { n: 'napping', d: WAITING_FLOW }));
    gqlData(await server.graphql(ORDO_GQL.start, { f: 'napping', i: {}, n: 'n1' }));
    assert.equal((await waitForExecutionEnd(server, 'napping', 'n1')).status, 'Succeeded');
    const text = await pollUntil(10_000, 'a timer-lag sample in /metrics', async () => {
      const body = await scrape();
      return (sample(body, 'ordo_timer_lag_seconds_count', 'purpose="wait"') ?? 0) >= 1 ? body : undefined;
    });
    const count = sample(text, 'ordo_timer_lag_seconds_count', 'purpose="wait"') ?? 0;
    assert.equal(sample(text, 'ordo_timer_lag_seconds_bucket', 'le="+Inf",purpose="wait"'), count);
    const lagSum = sample(text, 'ordo_timer_lag_seconds_sum', 'purpose="wait"') ?? -1;
    assert.ok(lagSum >= 0 && lagSum < 60 * count, `timer lag sum ${lagSum} s for ${count} timer(s)`);
  });
});
