import type { CommandResult } from '../engine/command-handler';
import type { ExecutionOwnership } from '../engine/engine-options';
import type { CommandBus } from './command-bus';
import { partitionOf } from './partition-of';

/**
 * The command-topic partitions one engine owns right now, and the ownership test the engine applies
 * to executions (`partitionOf(executionId)` among them). Appends to executions of other partitions
 * are followed by a resync to their owner.
 */
export class PartitionOwnership implements ExecutionOwnership {
  private readonly owned = new Set<number>();

  constructor(readonly partitionCount: number, private readonly commands: CommandBus) {
    if (!Number.isInteger(partitionCount) || partitionCount < 1) {
      throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}.`);
    }
  }

  owns(executionId: string): boolean {
    return this.owned.has(partitionOf(executionId, this.partitionCount));
  }

  appendedElsewhere(result: CommandResult): void {
    this.commands.resyncInBackground(result.executionId);
  }

  /** True when `partition` is owned. */
  ownsPartition(partition: number): boolean {
    return this.owned.has(partition);
  }

  /** The owned partitions, ascending. */
  partitions(): number[] {
    return [...this.owned].sort((a, b) => a - b);
  }

  /** A predicate selecting the executions of `partitions`. */
  inPartitions(partitions: ReadonlySet<number>): (executionId: string) => boolean {
    return (executionId) => partitions.has(partitionOf(executionId, this.partitionCount));
  }

  add(partitions: Iterable<number>): void {
    for (const p of partitions) this.owned.add(p);
  }

  remove(partitions: Iterable<number>): void {
    for (const p of partitions) this.owned.delete(p);
  }
}
