import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { InMemoryEventLog, LoggedEvent } from './in-memory-log';
import { eventResponse, invalidArgument, streamNameOf, streamNotFoundResponse } from './proto-messages';
import { readFilterOf } from './read-filter';

/** A server-streaming Read call. */
export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** Writes one response, waiting for the client to drain when its buffer is full. */
export async function send(call: ReadCall, response: ReadResp): Promise<void> {
  if (call.write(response)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

/** True when the client asked for structured (two int64) UUIDs rather than strings. */
export function wantsStructuredUuid(options: ReadReq.Options): boolean {
  return options.getUuidOption()?.getContentCase() === ReadReq.Options.UUIDOption.ContentCase.STRUCTURED;
}

/** Count of a non-subscription read (u64 on the wire; anything beyond 2^53 means "all"). */
function countOf(options: ReadReq.Options): number {
  const count = Number(options.getCount());
  return Number.isFinite(count) && count >= 0 ? count : Number.MAX_SAFE_INTEGER;
}

async function sendEvents(call: ReadCall, events: Iterable<LoggedEvent>, structured: boolean): Promise<void> {
  for (const event of events) {
    if (call.cancelled) return;
    await send(call, eventResponse(event, structured));
  }
}

/** Streams.Read of one stream: forwards or backwards from a revision, start or end, up to `count`. */
export async function readOneStream(log: InMemoryEventLog, call: ReadCall, options: ReadReq.Options): Promise<void> {
  const streamOptions = options.getStream()!;
  const name = streamNameOf(streamOptions.getStreamIdentifier());
  const events = log.stream(name);
  if (!events) {
    await send(call, streamNotFoundResponse(name));
    return;
  }
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = countOf(options);
  const selected = backwards
    ? selectBackwards(events, streamOptions, count)
    : selectForwards(events, streamOptions, count);
  await sendEvents(call, selected, wantsStructuredUuid(options));
}

function selectForwards(events: readonly LoggedEvent[], options: ReadReq.Options.StreamOptions, count: number): LoggedEvent[] {
  const from = options.hasEnd() ? events.length : options.hasRevision() ? Number(options.getRevision()) : 0;
  return events.slice(from, from + count);
}

function selectBackwards(events: readonly LoggedEvent[], options: ReadReq.Options.StreamOptions, count: number): LoggedEvent[] {
  const from = options.hasStart() ? -1 : options.hasRevision()
    ? Math.min(Number(options.getRevision()), events.length - 1)
    : events.length - 1;
  const selected: LoggedEvent[] = [];
  for (let i = from; i >= 0 && selected.length < count; i--) selected.push(events[i]);
  return selected;
}

/**
 * Streams.Read of `$all` (not a subscription). Forwards from a position is inclusive; backwards
 * from a position returns the events before it. A filter applies server side; `count` bounds the
 * number of matching events returned.
 */
export async function readAllStream(log: InMemoryEventLog, call: ReadCall, options: ReadReq.Options): Promise<void> {
  const all = options.getAll()!;
  const filter = readFilterOf(options);
  const count = countOf(options);
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const selected: LoggedEvent[] = [];
  const step = backwards ? -1 : 1;
  for (let i = allStartIndex(log, all, backwards); i >= 0 && i < log.length && selected.length < count; i += step) {
    const event = log.at(i)!;
    if (filter.allows(event)) selected.push(event);
  }
  await sendEvents(call, selected, wantsStructuredUuid(options));
}

function allStartIndex(log: InMemoryEventLog, all: ReadReq.Options.AllOptions, backwards: boolean): number {
  if (all.hasStart()) return backwards ? -1 : 0;
  if (all.hasEnd()) return backwards ? log.length - 1 : log.length;
  if (!all.hasPosition()) throw invalidArgument('all_option has neither start, end nor position');
  const position = BigInt(all.getPosition()!.getCommitPosition());
  const index = log.indexAtOrAfter(position);
  return backwards ? index - 1 : index;
}
