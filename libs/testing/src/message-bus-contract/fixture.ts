import { randomBytes } from 'node:crypto';
import type { BatchHandler, BusConsumer, BusMessage, ConsumeOptions, MessageBus } from '@ordo/runtime';

/** Opens a new client on the broker under test; every call must reach the same broker. */
export type OpenMessageBus = () => Promise<MessageBus>;

/** A unique topic or group name: contract tests never share names. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens buses for one test and closes every one of them afterwards. */
export class BusFixture {
  private readonly buses: MessageBus[] = [];

  constructor(private readonly openBus: OpenMessageBus) {}

  async open(): Promise<MessageBus> {
    const bus = await this.openBus();
    this.buses.push(bus);
    return bus;
  }

  async close(): Promise<void> {
    await Promise.all(this.buses.map((b) => b.close().catch(() => undefined)));
  }
}

/** Records what a consumer receives; `handler` commits each batch unless told otherwise. */
export class Received {
  readonly messages: BusMessage[] = [];

  constructor(private readonly commit = true) {}

  readonly handler: BatchHandler = async (batch, consumer) => {
    this.messages.push(...batch.messages);
    if (this.commit) {
      const last = batch.messages[batch.messages.length - 1];
      await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: last.offset }]);
    }
  };

  values(): string[] {
    return this.messages.map((m) => m.value.toString('utf8'));
  }

  waitForCount(count: number, what = `${count} messages`): Promise<void> {
    return waitUntil(() => this.messages.length >= count, `${what} (got ${this.messages.length})`);
  }
}

/** Starts a consumer that records and commits everything it gets. */
export async function recordingConsumer(
  bus: MessageBus,
  options: ConsumeOptions,
  commit = true,
): Promise<{ consumer: BusConsumer; received: Received }> {
  const received = new Received(commit);
  const consumer = await bus.consume(options, received.handler);
  return { consumer, received };
}
