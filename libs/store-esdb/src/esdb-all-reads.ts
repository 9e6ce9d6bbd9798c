import type { CallOptions, ClientReadableStream, Metadata } from '@grpc/grpc-js';
import { convertToCommandError, type EventStoreDBClient } from '@eventstore/db-client';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { RecordedEvent } from '@ordo/runtime';
import { fromGrpcReadEvent } from './esdb-event-mapping';
import type { EsdbLogPosition } from './esdb-positions';

/**
 * Streams outside EventStoreDB's own (`$`-prefixed) ones: the feed when no prefix is given.
 * Ordo never names a stream with a leading `$`.
 */
export const NON_SYSTEM_STREAMS = '^[^$]';

/** One bounded, server-side filtered read of `$all`. */
export interface FilteredAllRead {
  readonly from: 'start' | 'end' | EsdbLogPosition;
  readonly direction: 'forwards' | 'backwards';
  readonly count: number;
  /** Only streams starting with this prefix; every non-system stream when absent. */
  readonly streamPrefix?: string;
}

/**
 * The protected members of the client this module uses. `@eventstore/db-client` v6 offers no
 * filter on `readAll` (only on `subscribeToAll`) although the server's Streams.Read accepts one,
 * so the read is sent through the client's own channel, credentials and reconnection handling.
 */
interface ClientChannel {
  GRPCStreamCreator<T>(client: typeof StreamsClient, debugName: string, creator: (grpc: StreamsClient) => T): () => Promise<T>;
  callArguments(options: object, callOptions?: CallOptions): [Metadata, CallOptions];
}

/** Reads `$all` with a stream-name filter applied by the server; results are in read order. */
export async function readAllFiltered(client: EventStoreDBClient, read: FilteredAllRead): Promise<RecordedEvent[]> {
  const channel = client as unknown as ClientChannel;
  const request = new ReadReq().setOptions(readOptions(read));
  const open = channel.GRPCStreamCreator(StreamsClient, 'readAllFiltered',
    (grpc): ClientReadableStream<ReadResp> => grpc.read(request, ...channel.callArguments({}, { deadline: Infinity })));
  const events: RecordedEvent[] = [];
  try {
    for await (const response of await open() as AsyncIterable<ReadResp>) {
      const event = response.hasEvent() ? fromGrpcReadEvent(response.getEvent()!) : undefined;
      if (event) events.push(event);
    }
  } catch (error) {
    throw error instanceof Error ? convertToCommandError(error) : error;
  }
  return events;
}

function readOptions(read: FilteredAllRead): ReadReq.Options {
  return new ReadReq.Options()
    .setAll(allOptions(read.from))
    .setReadDirection(read.direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS)
    .setResolveLinks(false)
    .setCount(String(read.count))
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(streamFilter(read.streamPrefix));
}

function allOptions(from: FilteredAllRead['from']): ReadReq.Options.AllOptions {
  const options = new ReadReq.Options.AllOptions();
  if (from === 'start') return options.setStart(new Empty());
  if (from === 'end') return options.setEnd(new Empty());
  return options.setPosition(new ReadReq.Options.Position()
    .setCommitPosition(from.commit.toString())
    .setPreparePosition(from.prepare.toString()));
}

function streamFilter(streamPrefix: string | undefined): ReadReq.Options.FilterOptions {
  const expression = new ReadReq.Options.FilterOptions.Expression();
  if (streamPrefix === undefined) expression.setRegex(NON_SYSTEM_STREAMS);
  else expression.setPrefixList([streamPrefix]);
  return new ReadReq.Options.FilterOptions()
    .setStreamIdentifier(expression)
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
}
