import type { ConditionFn, MappingFn } from '@ordo/core';
import { compileCondition, compileMappingList } from '@ordo/fdl';
import { assertTopicName } from '../ports/message-bus';
import { NAME_PATTERN } from '../streams';
import { ConfigIssues, ConfigObject } from './config-reader';
import { compileExecutionName, type ExecutionNameFn } from './execution-name-template';
import { TriggerError } from './trigger-errors';

/** One mapping entry of a trigger's `inputMappings` (FDL mapping syntax; `$input` is the message value). */
export interface TriggerMapping {
  readonly target: string;
  readonly source?: unknown;
}

/** A Kafka trigger as declared under `triggers:` in ordo.config.yaml, with defaults applied. */
export interface KafkaTriggerConfig {
  readonly name: string;
  readonly kafka: {
    readonly topic: string;
    /** Default `ordo.trigger.<name>`. */
    readonly groupId: string;
    /** Where a new group starts: the oldest message, or (default) only messages produced from now on. */
    readonly fromBeginning: boolean;
  };
  readonly flow: string;
  /** A choice condition over the message value (`$.total > 0`); false → the message is skipped. */
  readonly when?: string;
  readonly inputMappings?: readonly TriggerMapping[];
  /** `$input.id` or a template (`order-{$input.id}`); default `<trigger>-<partition>-<offset>`. */
  readonly executionName?: string;
}

/** A trigger with its condition, mappings and name compiled. */
export interface CompiledKafkaTrigger {
  readonly config: KafkaTriggerConfig;
  readonly when?: ConditionFn;
  readonly mapInput?: MappingFn;
  readonly executionName?: ExecutionNameFn;
}

/** Trigger and schedule names leave room for the suffixes Ordo appends to build execution names. */
export const MAX_TRIGGER_NAME_LENGTH = 80;

const TRIGGER_KEYS = ['name', 'kafka', 'flow', 'when', 'inputMappings', 'executionName'];
const KAFKA_KEYS = ['topic', 'groupId', 'fromBeginning'];

/** Reads one `triggers[i]` entry; problems are added to `issues` and the result is then undefined. */
export function readKafkaTrigger(raw: unknown, index: number, issues: ConfigIssues): KafkaTriggerConfig | undefined {
  const before = issues.messages.length;
  const entry = ConfigObject.of(raw, `triggers[${index}]`, issues);
  if (!entry) return undefined;
  const name = readName(entry);
  const at = name === undefined ? entry : new ConfigObject(raw as Record<string, unknown>, `triggers[${index}] (${name})`, issues);
  at.allowOnly(TRIGGER_KEYS);
  const kafka = at.child('kafka');
  kafka?.allowOnly(KAFKA_KEYS);
  const topic = kafka?.string('topic', true);
  if (topic !== undefined) checkTopic(kafka!, topic);
  const flow = at.string('flow', true);
  if (flow !== undefined && !NAME_PATTERN.test(flow)) at.issue('flow', `"${flow}" is not a valid flow name`);
  const config = {
    name: name ?? '', flow: flow ?? '',
    kafka: { topic: topic ?? '', groupId: kafka?.string('groupId') ?? `ordo.trigger.${name}`, fromBeginning: kafka?.boolean('fromBeginning') ?? false },
    ...optional('when', at.string('when')),
    ...optional('executionName', at.string('executionName')),
    ...optional('inputMappings', at.value('inputMappings') as TriggerMapping[] | undefined),
  };
  if (issues.messages.length > before) return undefined;
  compileInto(config, at);
  return issues.messages.length > before ? undefined : config;
}

/**
 * Compiles a trigger's condition, mappings and execution name. Throws `TRIGGER.INVALID_CONFIG`
 * naming the trigger and key when one of them does not compile.
 */
export function compileKafkaTrigger(config: KafkaTriggerConfig): CompiledKafkaTrigger {
  const issues = new ConfigIssues();
  const compiled = compileInto(config, new ConfigObject({}, `trigger ${config.name}`, issues));
  if (issues.messages.length > 0 || compiled === undefined) {
    throw new TriggerError('TRIGGER.INVALID_CONFIG', `Trigger configuration is invalid: ${issues.messages.join('; ')}.`, { issues: issues.messages });
  }
  return compiled;
}

function compileInto(config: KafkaTriggerConfig, at: ConfigObject): CompiledKafkaTrigger | undefined {
  let when: ConditionFn | undefined;
  let mapInput: MappingFn | undefined;
  let executionName: ExecutionNameFn | undefined;
  if (config.when !== undefined) {
    const c = compileCondition(config.when);
    if (c.ok) when = c.fn;
    else at.issue('when', c.message);
  }
  if (config.inputMappings !== undefined) {
    try {
      mapInput = compileMappingList(config.inputMappings);
    } catch (e) {
      at.issue('inputMappings', e instanceof Error ? e.message : String(e));
    }
  }
  if (config.executionName !== undefined) {
    try {
      executionName = compileExecutionName(config.executionName);
    } catch (e) {
      at.issue('executionName', e instanceof Error ? e.message : String(e));
    }
  }
  return { config, ...optional('when', when), ...optional('mapInput', mapInput), ...optional('executionName', executionName) };
}

function readName(entry: ConfigObject): string | undefined {
  const name = entry.string('name', true);
  if (name === undefined) return undefined;
  if (!NAME_PATTERN.test(name) || name.length > MAX_TRIGGER_NAME_LENGTH) {
    entry.issue('name', `"${name}" must be 1-${MAX_TRIGGER_NAME_LENGTH} characters from [A-Za-z0-9_-], starting with a letter or "_" (it prefixes execution names)`);
    return undefined;
  }
  return name;
}

function checkTopic(kafka: ConfigObject, topic: string): void {
  try {
    assertTopicName(topic);
  } catch (e) {
    kafka.issue('topic', e instanceof Error ? e.message : String(e));
  }
}

/** `{[key]: value}` when value is defined, else `{}` (keeps optional keys absent, not undefined). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
