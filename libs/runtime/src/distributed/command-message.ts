import type { ExecutionCommand } from '@ordo/core';
import { RuntimeError } from '../errors';
import type { BusMessage, OutgoingMessage } from '../ports/message-bus';

/**
 * What travels on `ordo.commands.v1`, keyed by execution id: a command for the owning engine to
 * handle, or a resync (another process appended to the execution; the owner reloads it and brings
 * its timers and tasks in line).
 */
export type CommandMessage =
  | { readonly kind: 'command'; readonly executionId: string; readonly command: ExecutionCommand }
  | { readonly kind: 'resync'; readonly executionId: string };

const FORMAT = 'ordo.command.v1';

/** The Kafka message for `message` (JSON value, key = execution id, `ordo-kind` header). */
export function encodeCommandMessage(message: CommandMessage): OutgoingMessage {
  return {
    key: message.executionId,
    value: JSON.stringify({ format: FORMAT, ...message }),
    headers: { 'ordo-kind': message.kind, 'ordo-format': FORMAT },
  };
}

/** Parses a consumed message; throws `RUNTIME.INVALID_COMMAND_MESSAGE` naming partition and offset. */
export function decodeCommandMessage(message: BusMessage): CommandMessage {
  const where = `partition ${message.partition} offset ${message.offset}`;
  let value: unknown;
  try {
    value = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw invalid(`Command message at ${where} is not JSON.`, message);
  }
  const v = value as Partial<{ format: string; kind: string; executionId: string; command: ExecutionCommand }>;
  if (v === null || typeof v !== 'object' || v.format !== FORMAT) throw invalid(`Command message at ${where} has no format "${FORMAT}".`, message);
  if (typeof v.executionId !== 'string' || v.executionId !== message.key) {
    throw invalid(`Command message at ${where} has an executionId that differs from its key ${JSON.stringify(message.key)}.`, message);
  }
  if (v.kind === 'resync') return { kind: 'resync', executionId: v.executionId };
  if (v.kind === 'command' && typeof v.command?.type === 'string' && typeof v.command.now === 'number') {
    return { kind: 'command', executionId: v.executionId, command: v.command };
  }
  throw invalid(`Command message at ${where} has kind ${JSON.stringify(v.kind)} without a valid command.`, message);
}

function invalid(text: string, message: BusMessage): RuntimeError {
  return new RuntimeError('RUNTIME.INVALID_COMMAND_MESSAGE', text, { partition: message.partition, offset: message.offset });
}
