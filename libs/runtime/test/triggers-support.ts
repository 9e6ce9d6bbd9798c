// Shared helpers of the triggers, schedules, kafka-task and worker specs.
import { randomBytes } from 'node:crypto';
import { LocalMessageBus } from '@ordo/bus-local';
import { Engine, InMemoryEventStore, VirtualClock, type BusConsumer, type BusMessage, type EngineOptions, type EventStore, type MessageBus } from '@ordo/runtime';

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const START = Date.parse('2026-01-01T00:00:00.000Z');

/** An engine on an in-memory store and a virtual clock. */
export function makeEngine(options: Partial<EngineOptions> = {}, store: EventStore = new InMemoryEventStore(), clock = new VirtualClock(START)): { engine: Engine; store: EventStore; clock: VirtualClock } {
  const engine = new Engine({ store, clock, checkpointIntervalMs: 0, tokenSecret: 'k'.repeat(32), ...options });
  return { engine, store, clock };
}

/** A flow text from lines. */
export function fdl(...lines: string[]): string {
  return ['version: v1', 'type: flow', ...lines].join('\n');
}

/** A one-pass-step flow (echoes its input). */
export const ECHO_FLOW = fdl('steps:', '  - type: pass', '    name: echo');

/** A unique name for topics and groups. */
export function unique(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}

/** Every message of `topic`, collected by a consumer of its own group. */
export async function collect(bus: MessageBus, topic: string): Promise<{ messages: BusMessage[]; json: () => Record<string, unknown>[]; stop: () => Promise<void> }> {
  const messages: BusMessage[] = [];
  const consumer: BusConsumer = await bus.consume({ groupId: unique('collector'), topics: [topic], fromBeginning: true }, async (batch, c) => {
    messages.push(...batch.messages);
    await c.commit([{ topic: batch.topic, partition: batch.partition, offset: batch.messages.at(-1)!.offset }]);
  });
  return { messages, json: () => messages.map((m) => JSON.parse(m.value.toString('utf8'))), stop: () => consumer.close() };
}

/** A fresh in-process bus. */
export function localBus(): LocalMessageBus {
  return new LocalMessageBus({ retryBackoffMs: 5 });
}

/** Event types of a stream in order. */
export async function streamTypes(store: EventStore, streamId: string): Promise<string[]> {
  return (await store.readStream(streamId)).map((e) => e.type);
}
