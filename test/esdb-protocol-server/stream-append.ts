import { status, type sendUnaryData, type ServerReadableStream, type ServiceError } from '@grpc/grpc-js';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, ExpectedStreamState, InMemoryEventLog, ProposedEvent } from './in-memory-log';
import { empty, invalidArgument, rpcError, streamNameOf, uuidText } from './proto-messages';

/** EventStoreDB's default maximum append size (1 MiB of event data per append). */
export const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

/** Streams.Append: an options message, then the proposed messages, answered once. */
export function handleAppend(
  log: InMemoryEventLog, maxAppendSize: number,
  call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>,
): void {
  const requests: AppendReq[] = [];
  call.on('data', (request: AppendReq) => requests.push(request));
  call.on('error', (error: ServiceError) => callback(error));
  call.on('end', () => {
    try {
      callback(null, appendAll(log, maxAppendSize, requests));
    } catch (error) {
      callback(error as ServiceError);
    }
  });
}

function appendAll(log: InMemoryEventLog, maxAppendSize: number, requests: readonly AppendReq[]): AppendResp {
  const [header, ...messages] = requests;
  if (!header?.hasOptions()) throw invalidArgument('the first append message must carry options');
  const options = header.getOptions()!;
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = expectedStateOf(options);
  const proposed = messages.map(proposedEventOf);
  const size = proposed.reduce((total, event) => total + event.data.length, 0);
  if (size > maxAppendSize) {
    throw rpcError(status.INVALID_ARGUMENT, 'maximum-append-size-exceeded',
      `Maximum Append Size of ${maxAppendSize} Exceeded.`, { 'maximum-append-size': String(maxAppendSize) });
  }
  return appendResponse(log.append(streamName, expected, proposed), expected);
}

function expectedStateOf(options: AppendReq.Options): ExpectedStreamState {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY: return { kind: 'any' };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM: return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS: return { kind: 'stream_exists' };
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION: return { kind: 'revision', revision: Number(options.getRevision()) };
    default: throw invalidArgument('append options carry no expected_stream_revision');
  }
}

function proposedEventOf(request: AppendReq): ProposedEvent {
  if (!request.hasProposedMessage()) throw invalidArgument('append messages after the first must be proposed messages');
  const message = request.getProposedMessage()!;
  const metadata = message.getMetadataMap();
  for (const key of ['type', 'content-type']) {
    if (!metadata.has(key)) {
      throw rpcError(status.INVALID_ARGUMENT, 'missing-required-metadata-property',
        `Required Metadata Property '${key}' is missing`, { 'required-metadata-properties': key });
    }
  }
  return {
    id: uuidText(message.getId()),
    type: metadata.get('type')!,
    contentType: metadata.get('content-type')!,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** Success, or the wrong-expected-version result inside the response (not a gRPC error), with both field generations set as EventStoreDB 20.6.1+ does. */
function appendResponse(outcome: AppendOutcome, expected: ExpectedStreamState): AppendResp {
  if (outcome.ok) {
    const success = new AppendResp.Success();
    if (outcome.currentRevision < 0) success.setNoStream(empty());
    else success.setCurrentRevision(String(outcome.currentRevision));
    if (!outcome.written) success.setNoPosition(empty());
    else success.setPosition(writePosition(outcome.written));
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  setExpected(wrong, expected);
  if (outcome.currentRevision < 0) wrong.setCurrentNoStream(empty()).setNoStream2060(empty());
  else wrong.setCurrentRevision(String(outcome.currentRevision)).setCurrentRevision2060(outcome.currentRevision);
  return new AppendResp().setWrongExpectedVersion(wrong);
}

/**
 * Like EventStoreDB's WriteEventsCompleted for an implicit transaction: the commit position is the
 * last event's log position, the prepare position is the transaction's (its first event's).
 */
function writePosition(written: { readonly first: bigint; readonly last: bigint }): AppendResp.Position {
  return new AppendResp.Position().setCommitPosition(written.last.toString()).setPreparePosition(written.first.toString());
}

function setExpected(wrong: AppendResp.WrongExpectedVersion, expected: ExpectedStreamState): void {
  switch (expected.kind) {
    case 'any': wrong.setExpectedAny(empty()).setAny2060(empty()); return;
    case 'stream_exists': wrong.setExpectedStreamExists(empty()).setStreamExists2060(empty()); return;
    case 'no_stream': wrong.setExpectedNoStream(empty()).setExpectedRevision2060(Number.MAX_SAFE_INTEGER); return;
    case 'revision':
      wrong.setExpectedRevision(String(expected.revision)).setExpectedRevision2060(expected.revision);
  }
}
