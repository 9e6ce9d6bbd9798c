/**
 * Every Kafka topic name Ordo uses (ARCHITECTURE §3), built in this one module: dotted, lowercase,
 * versioned. Change a message format incompatibly → new version suffix, new topic.
 */
import { assertTopicName, type TopicSpec } from './ports/message-bus';

/** All execution events, keyed by execution id (one execution's events stay ordered). */
export const EVENTS_TOPIC = 'ordo.events.v1';
/** Commands to the engine, keyed by execution id (partitions = engine shards). */
export const COMMANDS_TOPIC = 'ordo.commands.v1';
/** Worker reports for `kafka:` task resources. */
export const TASK_RESULTS_TOPIC = 'ordo.task-results.v1';
/** Poison messages with the reason they could not be handled. */
export const DLQ_TOPIC = 'ordo.dlq.v1';

const TASK_NAME = /^[a-z0-9][a-z0-9-]{0,199}$/;

/** The request topic of the task resource `name` (e.g. `payments` → `ordo.tasks.payments.v1`). */
export function taskTopic(name: string): string {
  if (!TASK_NAME.test(name)) {
    throw new Error(`Task topic name "${name}" is invalid: use lowercase letters, digits and dashes (at most 200).`);
  }
  const topic = `ordo.tasks.${name}.v1`;
  assertTopicName(topic);
  return topic;
}

/** The task name inside an `ordo.tasks.<name>.v1` topic, or `undefined` for any other topic. */
export function parseTaskTopic(topic: string): string | undefined {
  const m = /^ordo\.tasks\.([a-z0-9][a-z0-9-]*)\.v1$/.exec(topic);
  return m?.[1];
}

/** Partition counts for Ordo's own topics. */
export interface OrdoTopicPartitions {
  readonly events?: number;
  readonly commands?: number;
}

/** The topics every distributed deployment needs, for `admin.createTopics` at start-up. */
export function ordoTopicSpecs(partitions: OrdoTopicPartitions = {}): TopicSpec[] {
  return [
    { name: EVENTS_TOPIC, partitions: partitions.events ?? 12 },
    { name: COMMANDS_TOPIC, partitions: partitions.commands ?? 12 },
    { name: TASK_RESULTS_TOPIC, partitions: 6 },
    { name: DLQ_TOPIC, partitions: 1 },
  ];
}
