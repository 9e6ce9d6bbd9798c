// An example Kafka worker for `kafka:` task resources.
//
//   export ORDO_KAFKA_BROKERS=127.0.0.1:19092        # npm run kafka -- start
//   node -r @swc-node/register examples/workers/uppercase-worker.ts [topic] [--once]
//
// It consumes task messages from `topic` (default `ordo.tasks.uppercase.v1`), upper-cases
// `input.text` and reports `{text}` on `ordo.task-results.v1`, where Ordo's triggers role applies it.
// A flow step that uses it:
//
//   - type: task
//     name: shout
//     resourceArn: kafka:ordo.tasks.uppercase.v1
//     pattern: waitForCallback            # or sync; requestResponse continues without the answer
//
// `--once` exits after the first task (used by the smoke test); otherwise Ctrl-C stops it.
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { runKafkaWorker, taskTopic, TaskFailure, type KafkaTaskMessage } from '@ordo/runtime';

async function uppercase(task: KafkaTaskMessage): Promise<{ text: string }> {
  const { text } = task.input;
  if (typeof text !== 'string') throw new TaskFailure('Uppercase.NoText', `Task ${task.taskId} has no string input.text.`);
  return { text: text.toUpperCase() };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const once = args.includes('--once');
  const topic = args.find((a) => !a.startsWith('--')) ?? taskTopic('uppercase');
  const brokers = process.env.ORDO_KAFKA_BROKERS;
  if (!brokers) throw new Error('Set ORDO_KAFKA_BROKERS (e.g. 127.0.0.1:19092; `npm run kafka -- start` runs a local broker).');
  const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers), clientId: 'uppercase-worker' });
  await bus.admin.createTopics([{ name: topic, partitions: 3 }]);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { finish = resolve; });
  const worker = await runKafkaWorker({
    bus, topic, groupId: 'example.uppercase-worker',
    handler: async (task) => {
      const output = await uppercase(task);
      console.log(JSON.stringify({ task: task.taskId, attempt: task.attempt, output }));
      if (once) setImmediate(finish);
      return output;
    },
  });
  console.log(JSON.stringify({ listening: topic, brokers }));
  process.once('SIGINT', finish);
  process.once('SIGTERM', finish);
  await finished;
  await worker.close();
  await bus.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
