import type { BusConsumer, BusMessage, MessageBatch } from '../ports/message-bus';

/**
 * Handles a batch's messages one after another and commits the last one handled, also when a later
 * one throws (that one and the rest are then redelivered): the consumers' at-least-once loop.
 */
export async function processInOrder(
  batch: MessageBatch, consumer: BusConsumer, handle: (message: BusMessage) => Promise<void>,
): Promise<void> {
  let done: BusMessage | undefined;
  try {
    for (const message of batch.messages) {
      await handle(message);
      done = message;
    }
  } finally {
    if (done) await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: done.offset }]);
  }
}
