import type { TopicPartition } from '@ordo/runtime';
import type { LocalTopics } from './local-topics';

/** What the group needs from a member during a rebalance. */
export interface GroupMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** Resolves once the member has no handler call in flight. */
  idle(): Promise<void>;
  /** Installs the member's new partitions (and tells its rebalance listener). */
  applyAssignment(partitions: readonly TopicPartition[]): Promise<void>;
  wake(): void;
}

/** Key of one topic-partition in maps. */
export const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * A consumer group on the local bus: members, committed offsets, and stop-the-world rebalances
 * (every member finishes its in-flight batch before partitions move, as with Kafka's classic protocol).
 */
export class LocalGroup {
  /** Next offset to consume per partition (Kafka's committed offset). */
  readonly committed = new Map<string, number>();
  private members: GroupMember[] = [];
  private chain: Promise<void> = Promise.resolve();
  private rebalancingNow = false;

  constructor(readonly groupId: string, private readonly topics: LocalTopics) {}

  get rebalancing(): boolean {
    return this.rebalancingNow;
  }

  join(member: GroupMember): Promise<void> {
    this.members.push(member);
    return this.rebalance();
  }

  leave(member: GroupMember): Promise<void> {
    this.members = this.members.filter((m) => m !== member);
    return this.rebalance();
  }

  /** Queues a rebalance after any running one; resolves when it is done. */
  rebalance(): Promise<void> {
    this.chain = this.chain.then(() => this.runRebalance());
    return this.chain;
  }

  private async runRebalance(): Promise<void> {
    this.rebalancingNow = true;
    try {
      await Promise.all(this.members.map((m) => m.idle()));
      const plan = this.assign();
      for (const member of this.members) await member.applyAssignment(plan.get(member) ?? []);
    } finally {
      this.rebalancingNow = false;
    }
    for (const member of this.members) member.wake();
  }

  /** Round-robin per topic over the members subscribed to it, in join order. */
  private assign(): Map<GroupMember, TopicPartition[]> {
    const plan = new Map<GroupMember, TopicPartition[]>(this.members.map((m) => [m, []]));
    const topics = [...new Set(this.members.flatMap((m) => m.topics))].sort();
    for (const topic of topics) {
      const subscribers = this.members.filter((m) => m.topics.includes(topic));
      const count = this.topics.partitionCount(topic) ?? 0;
      for (let partition = 0; partition < count; partition++) {
        plan.get(subscribers[partition % subscribers.length])?.push({ topic, partition });
      }
    }
    return plan;
  }
}
