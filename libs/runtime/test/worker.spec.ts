import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DLQ_TOPIC, KafkaTaskRunner, runKafkaWorker, TaskFailure, TaskResultsConsumer, type DeadLetter } from '@ordo/runtime';
import { collect, fdl, localBus, makeEngine, waitFor } from './triggers-support';

const FLOW = fdl(
  'steps:',
  '  - type: task',
  '    name: shout',
  '    resourceArn: kafka:words',
  '    pattern: waitForCallback',
  '    outputMappings:',
  '      - target: text',
  '        source: $local.text',
  '  - type: task',
  '    name: count',
  '    resourceArn: acs:mns:::/topics/words/messages',
  '    pattern: sync',
  '    outputMappings:',
  '      - target: length',
  '        source: $local.length',
);

async function setup() {
  const bus = localBus();
  const env = makeEngine({ runners: { kafka: new KafkaTaskRunner(bus) }, resources: { 'acs:mns:::/topics/words/messages': 'kafka:words' } });
  const results = new TaskResultsConsumer({ bus, reporter: env.engine, clock: env.clock });
  await results.start();
  await env.engine.deployFlow('words', FLOW);
  return { bus, ...env, results, close: async () => { await results.close(); await env.engine.close(); await bus.close(); } };
}

describe('runKafkaWorker', () => {
  test('round trip: tasks go to the worker, its reports come back through ordo.task-results.v1', async () => {
    const t = await setup();
    const seen: string[] = [];
    const worker = await runKafkaWorker({
      bus: t.bus, topic: 'words', groupId: 'word-workers',
      handler: async (task) => {
        seen.push(`${task.stepName}#${task.attempt}`);
        const text = String(task.input.text);
        return task.stepName === 'shout' ? { text: text.toUpperCase() } : { length: text.length };
      },
    });
    await t.engine.startExecution({ flowName: 'words', executionName: 'e1', input: { text: 'hello' } });
    await waitFor(async () => (await t.engine.describeExecution('words', 'e1')).status === 'Succeeded', 'execution succeeded');
    assert.deepEqual((await t.engine.describeExecution('words', 'e1')).output, { text: 'HELLO', length: 5 });
    assert.deepEqual(seen, ['shout#1', 'count#1']);
    assert.deepEqual(worker.stats, { handled: 2, succeeded: 2, failed: 0, deadLettered: 0 });
    await worker.close();
    await t.close();
  });

  test('a handler that throws fails the step with the error it names', async () => {
    const t = await setup();
    const worker = await runKafkaWorker({
      bus: t.bus, topic: 'words', groupId: 'word-workers',
      handler: () => { throw new TaskFailure('Words.Rude', 'that word is not allowed'); },
    });
    await t.engine.startExecution({ flowName: 'words', executionName: 'e1', input: { text: 'x' } });
    await waitFor(async () => (await t.engine.describeExecution('words', 'e1')).status === 'Failed', 'execution failed');
    const d = await t.engine.describeExecution('words', 'e1');
    assert.deepEqual([d.error, d.cause], ['Words.Rude', 'that word is not allowed']);
    assert.equal(worker.stats.failed, 1);
    await worker.close();
    await t.close();
  });

  test('plain errors report their name and message; malformed task messages go to the DLQ', async () => {
    const t = await setup();
    const worker = await runKafkaWorker({
      bus: t.bus, topic: 'words', groupId: 'word-workers',
      handler: () => { throw new RangeError('too long'); },
    });
    await t.bus.publish('words', { value: '{"no":"token"}' });
    await t.engine.startExecution({ flowName: 'words', executionName: 'e1', input: { text: 'x' } });
    await waitFor(async () => (await t.engine.describeExecution('words', 'e1')).status === 'Failed', 'execution failed');
    assert.deepEqual([(await t.engine.describeExecution('words', 'e1')).error], ['RangeError']);
    const dlq = await collect(t.bus, DLQ_TOPIC);
    await waitFor(() => dlq.messages.length === 1, 'dead letter');
    const letter = dlq.json()[0] as unknown as DeadLetter;
    assert.deepEqual([letter.code, letter.consumer], ['WORKER.MALFORMED_TASK', 'worker:word-workers']);
    assert.equal(worker.stats.deadLettered, 1);
    await dlq.stop();
    await worker.close();
    await t.close();
  });
});
