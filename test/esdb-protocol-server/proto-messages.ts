import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LoggedEvent } from './in-memory-log';

/** The UTF-8 stream name inside a gRPC StreamIdentifier. */
export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw invalidArgument('stream_identifier is missing');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

/** A StreamIdentifier for `streamName`. */
export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));
}

/** A UUID in the textual or structured form the reader asked for. */
export function uuidMessage(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const parts = new UUID.Structured()
    .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
    .setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  return uuid.setStructured(parts);
}

/** The textual form of a proposed event id, whichever form the client sent. */
export function uuidText(uuid: UUID | undefined): string {
  if (!uuid) throw invalidArgument('proposed message id is missing');
  if (!uuid.hasStructured()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A ReadResp carrying one event, shaped like EventStoreDB's (metadata `type`, `content-type`, `created`). */
export function eventResponse(event: LoggedEvent, structuredUuid: boolean): ReadResp {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredUuid))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
}

/** A filtered subscription's checkpoint at `position`. */
export function checkpointResponse(position: bigint): ReadResp {
  const text = position.toString();
  return new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(text).setPreparePosition(text));
}

/** The message that confirms a subscription, before any event. */
export function confirmationResponse(subscriptionId: string): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}

/** The message a subscription sends when it switches from catch-up to live. */
export function caughtUpResponse(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

/** The message a stream read sends instead of events when the stream does not exist. */
export function streamNotFoundResponse(streamName: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)));
}

/** An `Empty` message. */
export function empty(): Empty {
  return new Empty();
}

/** A gRPC error carrying EventStoreDB's `exception` trailer, which the clients translate. */
export function rpcError(code: status, exception: string, details: string, extra: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  metadata.set('exception', exception);
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

/** The INVALID_ARGUMENT error EventStoreDB answers malformed requests with. */
export function invalidArgument(details: string): ServiceError {
  return rpcError(status.INVALID_ARGUMENT, 'invalid-argument', details);
}
