import { RuntimeError } from './errors';

/**
 * Every stream name Ordo uses is built and parsed here (ARCHITECTURE §3). The category is the part
 * before the first dash, as EventStoreDB's category projection expects.
 */
export const STREAM_CATEGORIES = {
  execution: 'ordoExecution',
  flow: 'ordoFlow',
  schedule: 'ordoSchedule',
  snapshot: 'ordoSnapshot',
  engine: 'ordoEngine',
  checkpoint: 'ordoCheckpoint',
} as const;

/** Prefix shared by every execution stream, for feed reads filtered by stream. */
export const EXECUTION_STREAM_PREFIX = `${STREAM_CATEGORIES.execution}-`;
/** Prefix shared by every flow-definition stream. */
export const FLOW_STREAM_PREFIX = `${STREAM_CATEGORIES.flow}-`;

/** Flow and execution names (SPEC Part B §9): `[A-Za-z0-9_-]`, first a letter or `_`, 1–128 chars. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/** Throws `RUNTIME.INVALID_NAME` unless `name` follows the SPEC Part B §9 name rules. */
export function assertValidName(kind: 'flow' | 'execution', name: unknown): asserts name is string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new RuntimeError('RUNTIME.INVALID_NAME',
      `The ${kind} name ${JSON.stringify(name)} is invalid: use 1-128 characters from [A-Za-z0-9_-], starting with a letter or "_".`,
      { kind, name });
  }
}

/**
 * The execution id: a deterministic function of (flow, execution name), so a name is unique per
 * flow without a lookup table. `.` cannot occur in either name, so the id parses back; `:` never
 * occurs, so the id is the prefix of every task id (`<executionId>:<path>:<n>`).
 */
export function executionIdOf(flowName: string, executionName: string): string {
  return `${flowName}.${executionName}`;
}

/** Splits an execution id back into its flow and execution names; undefined when malformed. */
export function parseExecutionId(executionId: string): { flowName: string; executionName: string } | undefined {
  const dot = executionId.indexOf('.');
  if (dot <= 0) return undefined;
  const flowName = executionId.slice(0, dot);
  const executionName = executionId.slice(dot + 1);
  return NAME_PATTERN.test(flowName) && NAME_PATTERN.test(executionName) ? { flowName, executionName } : undefined;
}

/** The execution id a task id belongs to (task ids are `<executionId>:<path>:<attempt>`). */
export function executionIdOfTask(taskId: string): string | undefined {
  const colon = taskId.indexOf(':');
  if (colon <= 0) return undefined;
  const executionId = taskId.slice(0, colon);
  return parseExecutionId(executionId) ? executionId : undefined;
}

/** `ordoExecution-<executionId>`: the one stream holding an execution's events. */
export function executionStream(executionId: string): string {
  return `${EXECUTION_STREAM_PREFIX}${executionId}`;
}

/** The execution id of an execution stream name, or undefined for any other stream. */
export function parseExecutionStream(streamId: string): string | undefined {
  return streamId.startsWith(EXECUTION_STREAM_PREFIX) ? streamId.slice(EXECUTION_STREAM_PREFIX.length) : undefined;
}

/** `ordoFlow-<flowName>`: the versions of one flow definition (`FlowDeployed` events). */
export function flowStream(flowName: string): string {
  return `${FLOW_STREAM_PREFIX}${flowName}`;
}

/** The flow name of a flow stream, or undefined for any other stream. */
export function parseFlowStream(streamId: string): string | undefined {
  return streamId.startsWith(FLOW_STREAM_PREFIX) ? streamId.slice(FLOW_STREAM_PREFIX.length) : undefined;
}

/** `ordoSchedule-<scheduleId>`: a schedule trigger's stream. */
export function scheduleStream(scheduleId: string): string {
  return `${STREAM_CATEGORIES.schedule}-${scheduleId}`;
}

/** `ordoSnapshot-<executionId>`: disposable state snapshots of one long execution. */
export function snapshotStream(executionId: string): string {
  return `${STREAM_CATEGORIES.snapshot}-${executionId}`;
}

/** `ordoEngine-recovery`: the engine's recovery checkpoints (where the start-up feed scan begins). */
export const RECOVERY_STREAM = `${STREAM_CATEGORIES.engine}-recovery`;

/** `ordoCheckpoint-<name>`: the durable feed position of one follower of the global feed (e.g. the relay). */
export function checkpointStream(name: string): string {
  return `${STREAM_CATEGORIES.checkpoint}-${name}`;
}
