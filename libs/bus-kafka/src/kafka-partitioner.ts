import { Partitioners, type PartitionMetadata } from 'kafkajs';
import type { OutgoingMessage } from '@ordo/runtime';

/** Where the adapter learns a topic's partitions (and creates a missing topic). */
export interface PartitionSource {
  partitionMetadata(topic: string): Promise<PartitionMetadata[]>;
}

const METADATA_TTL_MS = 30_000;

/**
 * Chooses each message's partition up front with kafkajs's default (Java-compatible murmur2)
 * partitioner, so publishBatch can answer with one receipt per message. Topic metadata is cached
 * for 30 s and dropped on any publish failure.
 */
export class KafkaPartitioner {
  private readonly choose = Partitioners.DefaultPartitioner();
  private readonly cache = new Map<string, { partitions: PartitionMetadata[]; until: number }>();

  constructor(private readonly source: PartitionSource) {}

  async partitionsFor(topic: string, messages: readonly OutgoingMessage[]): Promise<number[]> {
    const partitionMetadata = await this.metadata(topic);
    return messages.map((m) => this.choose({
      topic,
      partitionMetadata,
      message: { key: m.key ?? null, value: null },
    }));
  }

  forget(topic: string): void {
    this.cache.delete(topic);
  }

  private async metadata(topic: string): Promise<PartitionMetadata[]> {
    const cached = this.cache.get(topic);
    if (cached && cached.until > Date.now()) return cached.partitions;
    const partitions = await this.source.partitionMetadata(topic);
    this.cache.set(topic, { partitions, until: Date.now() + METADATA_TTL_MS });
    return partitions;
  }
}

/** One receipt per message: its partition, and base offset of that partition's run plus its index in it. */
export function receiptsFor(
  topic: string,
  partitions: readonly number[],
  baseOffsets: ReadonlyMap<number, string>,
): { topic: string; partition: number; baseOffset: string }[] {
  const seen = new Map<number, bigint>();
  return partitions.map((partition) => {
    const index = seen.get(partition) ?? 0n;
    seen.set(partition, index + 1n);
    const base = baseOffsets.get(partition);
    return { topic, partition, baseOffset: base === undefined ? '-1' : (BigInt(base) + index).toString() };
  });
}
