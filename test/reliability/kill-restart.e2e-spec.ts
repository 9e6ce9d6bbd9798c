import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ServerProcess } from '@ordo/testing';
import { mixedFlow, planFor, type Plan } from './support/mixed-flow';
import {
  DEPLOY, FAILED, START, SUCCEEDED, assertHistoryIntegrity, codeOf, dataOf, fullHistory, waitForEnd, waitForToken,
} from './support/operations';
import { eventually, forEachPooled, ResilientClient } from './support/resilient-client';
import { WorkServer } from './support/work-server';

const EXECUTIONS = Number(process.env.ORDO_RELIABILITY_EXECUTIONS ?? 240);
const KILLS = 4;
const FLOW = 'mixed';

/** Server settings shared by every (re)start: same data dir, same token secret, test handlers. */
function serverEnv(): Record<string, string> {
  return {
    ORDO_HANDLERS: join(__dirname, 'support', 'handlers.js'), ORDO_DEPLOY_EXAMPLES: 'false',
    ORDO_HISTORY_SHOWS_TOKENS: 'true', ORDO_TOKEN_SECRET: 'reliability-suite-secret-'.padEnd(48, 'k'),
  };
}

/** Kill points: random counts of acknowledged operations, so crashes land mid-flight. */
function killPoints(totalOperations: number): number[] {
  return Array.from({ length: KILLS }, () => Math.floor(totalOperations * (0.1 + Math.random() * 0.8))).sort((a, b) => a - b);
}

describe('reliability: kill -9 and restart the server', () => {
  let work: WorkServer;
  let client: ResilientClient;
  before(async () => {
    work = await WorkServer.start();
    client = new ResilientClient(await ServerProcess.start({ env: serverEnv() }));
  });
  after(async () => {
    await client?.server.cleanup();
    await work?.close();
  });

  test('every execution ends as it would have without crashes; nothing acknowledged is lost or recorded twice', { timeout: 600_000 }, async () => {
    const runId = Date.now().toString(36);
    const plans = Array.from({ length: EXECUTIONS }, (_, i) => planFor(i, runId));
    const deployed = dataOf(await client.graphql<{ deployFlow: { version: number; hash: string } }>(DEPLOY, { n: FLOW, d: mixedFlow(work.url) })).deployFlow;
    const totalOperations = plans.length + plans.filter((p) => p.input.callback).length;
    const kills = killPoints(totalOperations);
    let acknowledged = 0;
    const killed: number[] = [];
    const chaos = (async () => {
      for (const point of kills) {
        await eventually(300_000, `${point} acknowledged operations`, async () => (acknowledged >= point ? true : undefined));
        await client.server.kill('SIGKILL');
        killed.push(acknowledged);
        client.server = await client.server.restart();
      }
    })();
    const ack = (): void => { acknowledged++; };
    await forEachPooled(plans.length, 24, async (i) => runClient(client, plans[i], ack));
    await chaos;
    assert.equal(killed.length, KILLS, 'the server was killed mid-run each time');

    for (const plan of plans) {
      const ended = await waitForEnd(client, FLOW, plan.name, 180_000);
      assert.equal(ended.status, plan.expected.status, `${plan.name} (${JSON.stringify(plan.input)}) ended ${ended.status} ${ended.error ?? ''}`);
      if (plan.expected.error !== undefined) assert.equal(ended.error, plan.expected.error, `${plan.name} error`);
      if (plan.expected.output !== undefined) assert.deepEqual(ended.output, plan.expected.output, `${plan.name} output`);
      assertHistoryIntegrity(plan.name, await fullHistory(client, FLOW, plan.name));
    }
    const again = dataOf(await client.graphql<{ deployFlow: { version: number; hash: string } }>(DEPLOY, { n: FLOW, d: mixedFlow(work.url) })).deployFlow;
    assert.deepEqual(again, deployed, 'the acknowledged deploy survived the crashes (redeploying dedupes to it)');
  });
});

/** What a real client does for one execution: start it (idempotent on its name), report its callback. */
async function runClient(client: ResilientClient, plan: Plan, ack: () => void): Promise<void> {
  const started = await client.send<{ startExecution: { status: string } }>(START, { f: FLOW, i: plan.input, n: plan.name });
  const startCode = codeOf(started.response);
  assert.ok(startCode === undefined || (startCode === 'EXECUTION_ALREADY_EXISTS' && started.attempts > 1),
    `start of ${plan.name} failed: ${JSON.stringify(started.response.errors)}`);
  ack();
  if (!plan.input.callback) return;
  const token = await waitForToken(client, FLOW, plan.name);
  const report = plan.input.deny
    ? await client.send(FAILED, { t: token, e: 'Denied', c: `execution ${plan.input.i} is denied` })
    : await client.send(SUCCEEDED, { t: token, o: { approved: true, i: plan.input.i } });
  const reportCode = codeOf(report.response);
  assert.ok(reportCode === undefined || (reportCode === 'TASK_TOKEN_REJECTED' && report.attempts > 1),
    `the report for ${plan.name} failed: ${JSON.stringify(report.response.errors)}`);
  ack();
}
