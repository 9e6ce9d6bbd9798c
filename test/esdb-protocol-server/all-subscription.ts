import { randomUUID } from 'node:crypto';
import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { InMemoryEventLog } from './in-memory-log';
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse, invalidArgument } from './proto-messages';
import { readFilterOf, type ReadFilter } from './read-filter';
import { send, wantsStructuredUuid, type ReadCall } from './stream-reads';

/**
 * A catch-up subscription to `$all`: confirmation, then every event after the start position in
 * log order, then `caught_up`, then live events as they are appended. One cursor walks the log
 * from catch-up into live, so nothing is skipped or repeated at the hand-off. A filtered
 * subscription sends a checkpoint every `checkpointInterval` considered events and when it
 * reaches the end of the log.
 */
export async function subscribeToAll(log: InMemoryEventLog, call: ReadCall, options: ReadReq.Options): Promise<void> {
  const abort = new AbortController();
  call.on('cancelled', () => abort.abort());
  call.on('close', () => abort.abort());
  const filter = readFilterOf(options);
  const structured = wantsStructuredUuid(options);
  const state = { index: subscriptionStartIndex(log, options.getAll()!), considered: 0, caughtUp: false };
  await send(call, confirmationResponse(randomUUID()));
  while (!abort.signal.aborted) {
    if (state.index >= log.length) {
      if (!state.caughtUp) await announceCaughtUp(log, call, filter, state);
      await log.waitForEventAt(state.index, abort.signal);
      continue;
    }
    const event = log.at(state.index++)!;
    state.considered++;
    if (filter.allows(event)) await send(call, eventResponse(event, structured));
    if (state.considered >= filter.checkpointInterval) {
      state.considered = 0;
      await send(call, checkpointResponse(event.position));
    }
  }
}

async function announceCaughtUp(
  log: InMemoryEventLog, call: ReadCall, filter: ReadFilter, state: { index: number; caughtUp: boolean },
): Promise<void> {
  state.caughtUp = true;
  const last = state.index > 0 ? log.at(state.index - 1) : undefined;
  if (last && Number.isFinite(filter.checkpointInterval)) await send(call, checkpointResponse(last.position));
  await send(call, caughtUpResponse());
}

/** Subscriptions start after the given position (exclusive), unlike reads. */
function subscriptionStartIndex(log: InMemoryEventLog, all: ReadReq.Options.AllOptions): number {
  if (all.hasStart()) return 0;
  if (all.hasEnd()) return log.length;
  if (!all.hasPosition()) throw invalidArgument('all_option has neither start, end nor position');
  const position = BigInt(all.getPosition()!.getCommitPosition());
  const index = log.indexAtOrAfter(position);
  return log.at(index)?.position === position ? index + 1 : index;
}
