import { jsonEvent, type EventData, type JSONType, type ResolvedEvent } from '@eventstore/db-client';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StoreError, type NewEvent, type RecordedEvent } from '@ordo/runtime';
import { feedPositionOf } from './esdb-positions';

const TICKS_PER_MILLISECOND = 10_000n;

/** A port event as an EventStoreDB JSON event (fresh random id); `metadata` becomes its JSON metadata. */
export function toEventData(event: NewEvent, streamId: string, index: number): EventData {
  if (JSON.stringify(event.data) === undefined) {
    throw new StoreError('STORE.INVALID', `Event ${index} (${event.type}) for stream "${streamId}" has data that is not JSON-serialisable.`, { streamId });
  }
  return jsonEvent({ type: event.type, data: event.data as JSONType, metadata: event.metadata ?? {} });
}

/** The port's event for an event the client decoded (stream reads and subscriptions). */
export function fromResolvedEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: feedPositionOf(event.position, `event ${event.revision} of stream "${event.streamId}"`),
    type: event.type,
    data: event.data,
    metadata: metadataObject(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

/** The port's event for a raw gRPC read event (the filtered `$all` reads the client does not offer). */
export function fromGrpcReadEvent(readEvent: ReadResp.ReadEvent): RecordedEvent | undefined {
  const record = readEvent.getEvent();
  if (!record) return undefined;
  const streamId = Buffer.from(record.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
  const revision = Number(record.getStreamRevision());
  const what = `event ${revision} of stream "${streamId}"`;
  const metadataMap = record.getMetadataMap();
  const ticks = BigInt(metadataMap.get('created') ?? '0');
  const position = { commit: BigInt(record.getCommitPosition()), prepare: BigInt(record.getPreparePosition()) };
  return {
    streamId,
    revision,
    position: feedPositionOf(position, what),
    type: metadataMap.get('type') ?? '',
    data: decodeData(record.getData_asU8(), metadataMap.get('content-type'), what),
    metadata: metadataObject(parseJsonOr(record.getCustomMetadata_asU8(), undefined)),
    recordedAt: new Date(Number(ticks / TICKS_PER_MILLISECOND)).toISOString(),
  };
}

function decodeData(bytes: Uint8Array, contentType: string | undefined, what: string): unknown {
  if (contentType !== 'application/json') return bytes;
  const parsed = parseJsonOr(bytes, parseFailed);
  if (parsed === parseFailed) throw new StoreError('STORE.INVALID', `EventStoreDB returned malformed JSON data for ${what}.`);
  return parsed;
}

const parseFailed = Symbol('parse failed');

function parseJsonOr<T>(bytes: Uint8Array, fallback: T): unknown {
  if (bytes.length === 0) return fallback;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return fallback;
  }
}

/** Metadata as a plain object: events written without (or with non-JSON) metadata read as `{}`. */
function metadataObject(metadata: unknown): Record<string, unknown> {
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) && !(metadata instanceof Uint8Array)
    ? metadata as Record<string, unknown>
    : {};
}
