import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DLQ_TOPIC, KafkaTaskRunner, TASK_RESULTS_TOPIC, TaskResultsConsumer,
  type DeadLetter, type KafkaTaskMessage, type MessageBus,
} from '@ordo/runtime';
import { collect, fdl, localBus, makeEngine, waitFor } from './triggers-support';

function taskFlow(resource: string, pattern?: string, outputMappings = true): string {
  return fdl('steps:', '  - type: task', '    name: work', `    resourceArn: ${resource}`,
    ...(pattern ? [`    pattern: ${pattern}`] : []),
    ...(outputMappings ? ['    outputMappings:', '      - target: result', '        source: $local'] : []));
}

async function setup() {
  const bus = localBus();
  const env = makeEngine({ runners: { kafka: new KafkaTaskRunner(bus) }, resources: { 'acs:mns:::/queues/jobs/messages': 'kafka:jobs' } });
  const results = new TaskResultsConsumer({ bus, reporter: env.engine, clock: env.clock });
  await results.start();
  const jobs = await collect(bus, 'jobs');
  const close = async () => { await jobs.stop(); await results.close(); await env.engine.close(); await bus.close(); };
  return { bus, ...env, results, jobs, close };
}

async function status(engine: { describeExecution(f: string, n: string): Promise<{ status: string }> }, flow: string, name: string, wanted: string) {
  return waitFor(async () => (await engine.describeExecution(flow, name)).status === wanted, `${flow}/${name} ${wanted}`);
}

function report(bus: MessageBus, value: unknown) {
  return bus.publish(TASK_RESULTS_TOPIC, { key: 'one-partition', value: typeof value === 'string' ? value : JSON.stringify(value) });
}

describe('kafka: task resources', () => {
  test('requestResponse publishes the task and continues once the broker acknowledged', async () => {
    const t = await setup();
    await t.engine.deployFlow('rr', taskFlow('kafka:jobs'));
    await t.engine.startExecution({ flowName: 'rr', executionName: 'e1', input: { n: 1 } });
    await status(t.engine, 'rr', 'e1', 'Succeeded');
    assert.deepEqual((await t.engine.describeExecution('rr', 'e1')).output, { result: { topic: 'jobs', partition: 0, offset: '0' } });
    const [message] = await waitFor(() => t.jobs.messages.length === 1 && t.jobs.messages, 'task message');
    assert.equal(message.key, 'rr.e1');
    assert.equal(message.headers['ordo-task-id'], 'rr.e1:work:1');
    const task = JSON.parse(message.value.toString()) as KafkaTaskMessage;
    assert.deepEqual({ ...task, taskToken: typeof task.taskToken }, {
      taskToken: 'string', taskId: 'rr.e1:work:1', input: { n: 1 }, flowName: 'rr', executionName: 'e1',
      stepName: 'work', path: 'work', attempt: 1, pattern: 'requestResponse',
    });
    await t.close();
  });

  test('waitForCallback records the submission and waits for the worker report on ordo.task-results.v1', async () => {
    const t = await setup();
    await t.engine.deployFlow('cb', taskFlow('acs:mns:::/queues/jobs/messages', 'waitForCallback'));
    await t.engine.startExecution({ flowName: 'cb', executionName: 'e1', input: { n: 2 } });
    await waitFor(() => t.jobs.messages.length === 1, 'task message');
    await waitFor(async () => (await t.engine.executionHistory('cb', 'e1', { limit: 100 })).events.some((e) => e.type === 'TaskSubmitted'), 'TaskSubmitted');
    assert.equal((await t.engine.describeExecution('cb', 'e1')).status, 'Running');
    const task = JSON.parse(t.jobs.messages[0].value.toString()) as KafkaTaskMessage;
    assert.equal(task.pattern, 'waitForCallback');
    await report(t.bus, { taskToken: task.taskToken, status: 'succeeded', output: { doubled: 4 } });
    await status(t.engine, 'cb', 'e1', 'Succeeded');
    assert.deepEqual((await t.engine.describeExecution('cb', 'e1')).output, { result: { doubled: 4 } });
    assert.equal(t.results.stats.applied, 1);
    await t.close();
  });

  test('sync tasks stay open until the worker reports; a failure report fails the step', async () => {
    const t = await setup();
    await t.engine.deployFlow('sy', taskFlow('kafka:jobs', 'sync'));
    await t.engine.startExecution({ flowName: 'sy', executionName: 'e1' });
    await waitFor(() => t.jobs.messages.length === 1, 'task message');
    assert.equal((await t.engine.describeExecution('sy', 'e1')).status, 'Running');
    const task = JSON.parse(t.jobs.messages[0].value.toString()) as KafkaTaskMessage;
    await report(t.bus, { taskToken: task.taskToken, status: 'failed', error: 'Worker.Boom', cause: 'disk full' });
    await status(t.engine, 'sy', 'e1', 'Failed');
    const d = await t.engine.describeExecution('sy', 'e1');
    assert.deepEqual([d.error, d.cause], ['Worker.Boom', 'disk full']);
    await t.close();
  });

  test('malformed reports, forged tokens and rejected reports go to the DLQ; a repeated report is dropped', async () => {
    const t = await setup();
    const twoSteps = taskFlow('kafka:jobs', 'waitForCallback', false) + '\n' + ['  - type: task', '    name: second', '    resourceArn: kafka:other', '    pattern: waitForCallback'].join('\n');
    await t.engine.deployFlow('cb', twoSteps);
    await t.engine.startExecution({ flowName: 'cb', executionName: 'e1' });
    await waitFor(() => t.jobs.messages.length === 1, 'task message');
    const { taskToken } = JSON.parse(t.jobs.messages[0].value.toString()) as KafkaTaskMessage;
    await report(t.bus, 'garbage');
    await report(t.bus, { taskToken: 'forged.token', status: 'succeeded', output: {} });
    await report(t.bus, { taskToken, status: 'succeeded', output: [1] });
    await report(t.bus, { taskToken, status: 'succeeded', output: { ok: true } });
    await report(t.bus, { taskToken, status: 'succeeded', output: { ok: true } });
    await waitFor(() => t.results.stats.applied + t.results.stats.duplicates + t.results.stats.deadLettered === 5, 'five reports handled');
    assert.deepEqual({ ...t.results.stats }, { applied: 1, duplicates: 1, deadLettered: 3 });
    const dlq = await collect(t.bus, DLQ_TOPIC);
    await waitFor(() => dlq.messages.length === 3, 'three dead letters');
    const letters = dlq.json() as unknown as DeadLetter[];
    assert.deepEqual(letters.map((l) => [l.code, l.consumer, l.offset]), [
      ['TASK_RESULT.MALFORMED', 'task-results', '0'],
      ['TASK_RESULT.INVALID_TOKEN', 'task-results', '1'],
      ['TASK_RESULT.INVALID_OUTPUT', 'task-results', '2'],
    ]);
    assert.match(letters[0].reason, /is malformed: the value is not JSON/);
    const events = (await t.engine.executionHistory('cb', 'e1', { limit: 100 })).events.map((e) => e.type);
    assert.equal(events.filter((type) => type === 'TaskSucceeded').length, 1, 'the repeated report recorded nothing');
    assert.equal((await t.engine.describeExecution('cb', 'e1')).status, 'Running', 'waiting for the second step');
    await dlq.stop();
    await t.close();
  });

  test('a report for a finished execution is rejected to the DLQ with the reason', async () => {
    const t = await setup();
    await t.engine.deployFlow('cb', taskFlow('kafka:jobs', 'waitForCallback'));
    await t.engine.startExecution({ flowName: 'cb', executionName: 'e1' });
    await waitFor(() => t.jobs.messages.length === 1, 'task message');
    const { taskToken } = JSON.parse(t.jobs.messages[0].value.toString()) as KafkaTaskMessage;
    await t.engine.stopExecution('cb', 'e1');
    await report(t.bus, { taskToken, status: 'succeeded', output: {} });
    await waitFor(() => t.results.stats.deadLettered === 1, 'dead letter');
    const dlq = await collect(t.bus, DLQ_TOPIC);
    await waitFor(() => dlq.messages.length === 1, 'DLQ message');
    assert.equal((dlq.json()[0] as unknown as DeadLetter).code, 'TASK_RESULT.REJECTED');
    await dlq.stop();
    await t.close();
  });
});
