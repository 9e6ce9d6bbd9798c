/** The local bus partitions keys exactly as Kafka does: the runtime's murmur2 partitioner. */
export { murmur2, partitionOf as partitionForKey } from '@ordo/runtime';
