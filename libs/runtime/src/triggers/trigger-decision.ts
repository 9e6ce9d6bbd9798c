import { isJsonObject, type JsonObject, type TriggerInfo } from '@ordo/core';
import type { BusMessage } from '../ports/message-bus';
import { NAME_PATTERN } from '../streams';
import type { CompiledKafkaTrigger } from './kafka-trigger';
import type { TriggerErrorCode } from './trigger-errors';

/** The execution a message asks for. */
export interface TriggeredStart {
  readonly flowName: string;
  readonly executionName: string;
  readonly input: JsonObject;
  readonly trigger: TriggerInfo;
}

/** What to do with one consumed message: start an execution, skip it (`when` false), or dead-letter it. */
export type TriggerDecision =
  | { readonly kind: 'start'; readonly start: TriggeredStart }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'reject'; readonly code: TriggerErrorCode; readonly reason: string };

/** `<topic>/<partition>/<offset>`: the trigger source recorded in `ExecutionStarted`. */
export function messageSource(message: Pick<BusMessage, 'topic' | 'partition' | 'offset'>): string {
  return `${message.topic}/${message.partition}/${message.offset}`;
}

/**
 * Decides what one message means for a trigger (pure: no I/O). The value must be a JSON object;
 * `when` is evaluated over it; `inputMappings` and `executionName` read it as `$input` and the
 * message facts as `$context.trigger` (`name`, `topic`, `partition`, `offset`, `key`, `timestamp`).
 */
export function decideTriggerMessage(trigger: CompiledKafkaTrigger, message: BusMessage): TriggerDecision {
  const { name, flow } = trigger.config;
  const value = parseValue(message);
  if (!value.ok) return { kind: 'reject', code: value.code, reason: `Trigger ${name}: ${value.reason}` };
  const at = `message ${messageSource(message)}`;
  try {
    if (trigger.when && !trigger.when(value.json)) return { kind: 'skip', reason: `the condition of trigger ${name} is false for ${at}` };
  } catch (e) {
    return { kind: 'reject', code: 'TRIGGER.CONDITION_FAILED', reason: `Trigger ${name}: the when condition failed on ${at}: ${messageOf(e)}.` };
  }
  const context = contextOf(name, message);
  let input: JsonObject;
  try {
    input = trigger.mapInput ? trigger.mapInput({ input: value.json, local: null, context }) : value.json;
  } catch (e) {
    return { kind: 'reject', code: 'TRIGGER.MAPPING_FAILED', reason: `Trigger ${name}: inputMappings failed on ${at}: ${messageOf(e)}.` };
  }
  const executionName = nameOf(trigger, value.json, context, message);
  if (!executionName.ok) return { kind: 'reject', code: 'TRIGGER.INVALID_EXECUTION_NAME', reason: `Trigger ${name}: ${executionName.problem} for ${at}.` };
  return { kind: 'start', start: { flowName: flow, executionName: executionName.name, input, trigger: { kind: 'kafka', source: messageSource(message) } } };
}

type ParsedValue = { ok: true; json: JsonObject } | { ok: false; code: TriggerErrorCode; reason: string };

function parseValue(message: BusMessage): ParsedValue {
  const at = `message ${messageSource(message)}`;
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (e) {
    return { ok: false, code: 'TRIGGER.NOT_JSON', reason: `${at} is not JSON (${messageOf(e)}).` };
  }
  if (!isJsonObject(json)) {
    return { ok: false, code: 'TRIGGER.NOT_AN_OBJECT', reason: `${at} is JSON but not an object (got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}).` };
  }
  return { ok: true, json };
}

function contextOf(name: string, message: BusMessage): JsonObject {
  return {
    trigger: { name, topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, timestamp: message.timestamp },
  };
}

function nameOf(trigger: CompiledKafkaTrigger, input: JsonObject, context: JsonObject, message: BusMessage): { ok: true; name: string } | { ok: false; problem: string } {
  if (!trigger.executionName) return { ok: true, name: `${trigger.config.name}-${message.partition}-${message.offset}` };
  const named = trigger.executionName({ input, context });
  if (!named.ok) return { ok: false, problem: `executionName ${trigger.config.executionName}: ${named.problem}` };
  if (!NAME_PATTERN.test(named.name)) {
    return { ok: false, problem: `executionName ${trigger.config.executionName} gave ${JSON.stringify(named.name.slice(0, 140))}, which is not 1-128 characters from [A-Za-z0-9_-] starting with a letter or "_"` };
  }
  return named;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
