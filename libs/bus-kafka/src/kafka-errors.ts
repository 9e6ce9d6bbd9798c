import { BusError, type BusErrorCode } from '@ordo/runtime';

type KafkaLikeError = Error & { type?: string; retriable?: boolean; cause?: unknown };

const PROTOCOL_CODES: Record<string, BusErrorCode> = {
  UNKNOWN_TOPIC_OR_PARTITION: 'BUS.TOPIC_NOT_FOUND',
  MESSAGE_TOO_LARGE: 'BUS.MESSAGE_TOO_LARGE',
  RECORD_LIST_TOO_LARGE: 'BUS.MESSAGE_TOO_LARGE',
  REBALANCE_IN_PROGRESS: 'BUS.REBALANCE_IN_PROGRESS',
  ILLEGAL_GENERATION: 'BUS.REBALANCE_IN_PROGRESS',
  UNKNOWN_MEMBER_ID: 'BUS.REBALANCE_IN_PROGRESS',
  INVALID_TOPIC_EXCEPTION: 'BUS.INVALID',
  INVALID_PARTITIONS: 'BUS.INVALID',
  INVALID_REPLICATION_FACTOR: 'BUS.INVALID',
  REQUEST_TIMED_OUT: 'BUS.TIMEOUT',
  NOT_ENOUGH_REPLICAS: 'BUS.UNAVAILABLE',
  LEADER_NOT_AVAILABLE: 'BUS.UNAVAILABLE',
  NOT_LEADER_FOR_PARTITION: 'BUS.UNAVAILABLE',
  COORDINATOR_NOT_AVAILABLE: 'BUS.UNAVAILABLE',
  NOT_COORDINATOR: 'BUS.UNAVAILABLE',
};

const NAME_CODES: Record<string, BusErrorCode> = {
  KafkaJSConnectionError: 'BUS.UNAVAILABLE',
  KafkaJSConnectionClosedError: 'BUS.UNAVAILABLE',
  KafkaJSNoBrokerAvailableError: 'BUS.UNAVAILABLE',
  KafkaJSBrokerNotFound: 'BUS.UNAVAILABLE',
  KafkaJSGroupCoordinatorNotFound: 'BUS.UNAVAILABLE',
  KafkaJSRequestTimeoutError: 'BUS.TIMEOUT',
  KafkaJSTimeout: 'BUS.TIMEOUT',
  KafkaJSLockTimeout: 'BUS.TIMEOUT',
};

const ALWAYS_RETRYABLE: ReadonlySet<BusErrorCode> = new Set(['BUS.UNAVAILABLE', 'BUS.TIMEOUT']);

/** The innermost cause of a kafkajs "retries exceeded" wrapper, which names what really failed. */
function rootCause(e: KafkaLikeError): KafkaLikeError {
  let current = e;
  while (current.name === 'KafkaJSNumberOfRetriesExceeded' && current.cause instanceof Error) current = current.cause as KafkaLikeError;
  return current;
}

/**
 * Translates a kafkajs error into a BusError at the adapter edge: a stable code, a one-sentence
 * message naming what was being done, and kafkajs's `retriable` flag (connection loss and timeouts
 * are always retryable).
 */
export function toBusError(e: unknown, action: string, details: BusError['details'] = {}): BusError {
  if (e instanceof BusError) return e;
  if (!(e instanceof Error)) return new BusError('BUS.FAILED', `Kafka failed to ${action}: ${String(e)}.`, false, details, { cause: e });
  const root = rootCause(e as KafkaLikeError);
  const code: BusErrorCode = (root.type ? PROTOCOL_CODES[root.type] : undefined) ?? NAME_CODES[root.name] ?? 'BUS.FAILED';
  const retryable = ALWAYS_RETRYABLE.has(code) || root.retriable === true;
  const reason = root.message.replace(/\.$/, '');
  return new BusError(code, `Kafka failed to ${action}: ${reason}.`, retryable, details, { cause: e });
}
