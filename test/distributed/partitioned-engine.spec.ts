import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalBroker, LocalMessageBus } from '@ordo/bus-local';
import {
  COMMANDS_TOPIC, CommandBus, HmacTokenService, InMemoryEventStore, decodeCommandMessage, encodeCommandMessage, executionIdOf, isRuntimeError, partitionOf,
  type BusMessage,
} from '@ordo/runtime';
import { SECRET, apiEngine, startEngineMember, waitUntil } from './support/local-cluster';

const PARTITIONS = 6;
const WAIT_FLOW = `version: v1
type: flow
steps:
  - type: task
    name: work
    resourceArn: local:work
  - type: wait
    name: pause
    duration: 1
`;

const CALLBACK_FLOW = `version: v1
type: flow
steps:
  - type: task
    name: work
    resourceArn: local:work
  - type: task
    name: approve
    resourceArn: local:park
    pattern: waitForCallback
`;

function asConsumed(partition: number, offset: string, out: ReturnType<typeof encodeCommandMessage>): BusMessage {
  return { topic: COMMANDS_TOPIC, partition, offset, key: out.key ?? null, value: Buffer.from(out.value as string), headers: out.headers ?? {}, timestamp: 0 };
}

describe('distributed: partitions and command messages', () => {
  test('partitionOf matches the partition the bus puts a key in', async () => {
    const bus = new LocalMessageBus();
    await bus.admin.createTopics([{ name: 'keys', partitions: 7 }]);
    for (let i = 0; i < 200; i++) {
      const key = executionIdOf('flow', `e${i}`);
      const receipt = await bus.publish('keys', { key, value: 'x' });
      assert.equal(partitionOf(key, 7), receipt.partition, key);
    }
    await bus.close();
  });

  test('command messages round-trip and malformed ones are refused with a code', () => {
    const command = { type: 'FireTimer' as const, now: 5, data: { timerId: 't1' } };
    const encoded = encodeCommandMessage({ kind: 'command', executionId: 'f:e', command });
    assert.equal(encoded.key, 'f:e');
    assert.deepEqual(decodeCommandMessage(asConsumed(0, '1', encoded)), { kind: 'command', executionId: 'f:e', command });
    assert.deepEqual(decodeCommandMessage(asConsumed(0, '2', encodeCommandMessage({ kind: 'resync', executionId: 'f:e' }))), { kind: 'resync', executionId: 'f:e' });
    const wrongKey = { ...asConsumed(3, '9', encoded), key: 'other' };
    assert.throws(() => decodeCommandMessage(wrongKey), (e: unknown) => isRuntimeError(e, 'RUNTIME.INVALID_COMMAND_MESSAGE') && /partition 3 offset 9/.test((e as Error).message));
    assert.throws(() => decodeCommandMessage({ ...wrongKey, value: Buffer.from('{') }), /not JSON/);
  });
});

describe('distributed: PartitionedEngineHost on the local bus', () => {
  test('two members split the partitions; the api starts, owners run; a member leaving hands its executions over', async () => {
    const store = new InMemoryEventStore();
    const broker = new LocalBroker();
    const bus = () => new LocalMessageBus({ broker, retryBackoffMs: 20 });
    await bus().admin.createTopics([{ name: COMMANDS_TOPIC, partitions: PARTITIONS }]);
    const ranOn = new Map<string, Set<string>>();
    const handlers = (member: string) => ({
      work: (_input: unknown, ctx: { executionName: string }) => {
        ranOn.set(ctx.executionName, (ranOn.get(ctx.executionName) ?? new Set()).add(member));
        return { by: member };
      },
    });
    const a = await startEngineMember(store, bus(), PARTITIONS, handlers('a'));
    const b = await startEngineMember(store, bus(), PARTITIONS, handlers('b'));
    await waitUntil(() => a.ownership.partitions().length + b.ownership.partitions().length === PARTITIONS
      && a.ownership.partitions().length > 0 && b.ownership.partitions().length > 0, 'both members to own partitions');
    const api = apiEngine(store, bus());
    await api.deployFlow('waits', WAIT_FLOW);
    const names = Array.from({ length: 30 }, (_, i) => `x${i}`);
    for (const name of names) await api.startExecution({ flowName: 'waits', executionName: name });
    await waitUntil(() => names.every((n) => ranOn.has(n)), 'every first task to run');
    for (const name of names) {
      const owner = a.ownership.owns(executionIdOf('waits', name)) ? 'a' : 'b';
      assert.deepEqual([...(ranOn.get(name) ?? [])], [owner], `${name} ran on its owner only`);
    }
    await a.close();
    await waitUntil(() => b.ownership.partitions().length === PARTITIONS, 'b to own every partition');
    await waitUntil(async () => {
      for (const name of names) if ((await api.describeExecution('waits', name)).status !== 'Succeeded') return false;
      return true;
    }, 'every execution to finish');
    await b.close();
    await api.close();
  });

  test('a command published on the bus is handled by the owner and committed', async () => {
    const store = new InMemoryEventStore();
    const broker = new LocalBroker();
    const bus = new LocalMessageBus({ broker });
    await bus.admin.createTopics([{ name: COMMANDS_TOPIC, partitions: 2 }]);
    const member = await startEngineMember(store, new LocalMessageBus({ broker }), 2, { work: () => new Promise(() => {}) });
    const api = apiEngine(store, bus);
    await api.deployFlow('waits', WAIT_FLOW);
    await api.startExecution({ flowName: 'waits', executionName: 'stopme' });
    await new CommandBus({ bus }).submit(executionIdOf('waits', 'stopme'), { type: 'StopExecution', now: Date.now(), data: {} });
    await waitUntil(async () => (await api.describeExecution('waits', 'stopme')).status === 'Stopped', 'the stop to be applied');
    await member.close();
    await api.close();
  });

  test('a report the api refused too early is accepted once the owner parked the task (the api keeps no stale state)', async () => {
    const store = new InMemoryEventStore();
    const broker = new LocalBroker();
    const bus = new LocalMessageBus({ broker });
    await bus.admin.createTopics([{ name: COMMANDS_TOPIC, partitions: 2 }]);
    let finishWork: () => void = () => {};
    const work = new Promise<object>((resolve) => { finishWork = () => resolve({}); });
    const member = await startEngineMember(store, new LocalMessageBus({ broker }), 2, { work: () => work, park: () => ({}) });
    const api = apiEngine(store, bus);
    await api.deployFlow('approval', CALLBACK_FLOW);
    await api.startExecution({ flowName: 'approval', executionName: 'early' });
    const token = new HmacTokenService(SECRET).issue(`${executionIdOf('approval', 'early')}:approve:1`);
    await assert.rejects(api.reportTaskSucceeded(token, { ok: true }), (e: unknown) => isRuntimeError(e, 'RUNTIME.TOKEN_REJECTED'));
    finishWork();
    await waitUntil(async () => {
      try {
        await api.reportTaskSucceeded(token, { ok: true });
        return true;
      } catch (error) {
        if (!isRuntimeError(error, 'RUNTIME.TOKEN_REJECTED')) throw error;
        return false;
      }
    }, 'the api to accept the report once the task is parked');
    await waitUntil(async () => (await api.describeExecution('approval', 'early')).status === 'Succeeded', 'the execution to succeed');
    await member.close();
    await api.close();
  });
});
