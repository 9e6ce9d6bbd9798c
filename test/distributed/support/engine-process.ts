/**
 * One engine-role process of the distributed suite (framework level: runtime + adapters, no Nest):
 * EventStoreDB protocol server as the store, real Kafka as the bus, a member of the run's engine group.
 * Prints `ready` once it joined, then one line per ownership change; runs until killed. Logs JSON
 * lines to stderr at `ORDO_DISTRIBUTED_LOG_LEVEL` (default `warn`).
 *   node -r @swc-node/register engine-process.ts <esdbUrl> <brokers> <partitions> <topic> <groupId>
 */
import { KafkaMessageBus, parseBrokers } from '@ordo/bus-kafka';
import { JsonLineLogger } from '@ordo/runtime';
import { EsdbEventStore } from '@ordo/store-esdb';
import { startEngineMember } from './local-cluster';

type Level = 'debug' | 'info' | 'warn' | 'error';

async function main(): Promise<void> {
  const [esdbUrl, brokers, partitions, topic, groupId] = process.argv.slice(2);
  const level = (process.env.ORDO_DISTRIBUTED_LOG_LEVEL ?? 'warn') as Level;
  const logger = new JsonLineLogger((line) => process.stderr.write(`[engine ${process.pid}] ${line}\n`), level);
  const store = new EsdbEventStore({ connectionString: esdbUrl });
  const bus = new KafkaMessageBus({ brokers: parseBrokers(brokers), clientId: `engine-${process.pid}`, sessionTimeoutMs: 6000 });
  const member = await startEngineMember(store, bus, Number(partitions), {
    flaky: (input: unknown, ctx: { attempt: number }) => {
      if ((input as { flaky?: boolean }).flaky === true && ctx.attempt === 1) throw Object.assign(new Error('first attempt fails'), { name: 'Flaky' });
      return { ...(input as object), prepared: true };
    },
    park: () => ({}),
    // bench/distributed.ts (W1): the input with `counter` incremented.
    increment: (input: unknown) => ({ ...(input as object), counter: (((input as { counter?: number }).counter) ?? 0) + 1 }),
  }, { topic, groupId, logger });
  let last = '';
  setInterval(() => {
    const now = member.ownership.partitions().join(',');
    if (now !== last) process.stdout.write(`owns ${now}\n`);
    last = now;
  }, 100);
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => { void member.close().then(() => process.exit(0)); });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
