import type { Admin, PartitionMetadata } from 'kafkajs';
import { assertTopicName, type TopicAdmin, type TopicSpec } from '@ordo/runtime';
import { toBusError } from './kafka-errors';

/** Topic administration on kafkajs's admin client (connected lazily, once). */
export class KafkaTopicAdmin implements TopicAdmin {
  private connected: Promise<void> | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly replicationFactor: number,
    private readonly assertOpen: (action: string) => void,
  ) {}

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) assertTopicName(spec.name);
    const admin = await this.ready('create topics');
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.name));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({ topic: s.name, numPartitions: s.partitions ?? 1, replicationFactor: this.replicationFactor })),
      });
    } catch (e) {
      const stillMissing = await this.missing(missing.map((s) => s.name));
      if (stillMissing.length > 0) throw toBusError(e, `create topics ${stillMissing.join(', ')}`, { topic: stillMissing[0] });
    }
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    const admin = await this.ready(`describe topic "${topic}"`);
    try {
      if (!(await admin.listTopics()).includes(topic)) return undefined;
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0]?.partitions.length;
    } catch (e) {
      throw toBusError(e, `describe topic "${topic}"`, { topic });
    }
  }

  async listTopics(): Promise<string[]> {
    const admin = await this.ready('list topics');
    try {
      return (await admin.listTopics()).sort();
    } catch (e) {
      throw toBusError(e, 'list topics');
    }
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    const admin = await this.ready('delete topics');
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length === 0) return;
    try {
      await admin.deleteTopics({ topics: present, timeout: 30_000 });
    } catch (e) {
      if ((await this.missing(present)).length < present.length) throw toBusError(e, `delete topics ${present.join(', ')}`, { topic: present[0] });
    }
  }

  /** Partition metadata of `topic`; a missing topic is created with one partition first (as publishing would). */
  async partitionMetadata(topic: string): Promise<PartitionMetadata[]> {
    const admin = await this.ready(`read the partitions of "${topic}"`);
    try {
      if (!(await admin.listTopics()).includes(topic)) await this.createTopics([{ name: topic, partitions: 1 }]);
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0].partitions;
    } catch (e) {
      throw toBusError(e, `read the partitions of "${topic}"`, { topic });
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }

  private async missing(names: readonly string[]): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    return names.filter((n) => !existing.has(n));
  }

  private async ready(action: string): Promise<Admin> {
    this.assertOpen(action);
    this.connected ??= this.admin.connect();
    try {
      await this.connected;
    } catch (e) {
      this.connected = undefined;
      throw toBusError(e, action);
    }
    return this.admin;
  }
}
