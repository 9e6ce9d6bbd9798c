import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LoggedEvent } from './in-memory-log';
import { invalidArgument } from './proto-messages';

/** The default search window EventStoreDB uses when a filter asks for `count`. */
export const DEFAULT_SEARCH_WINDOW = 32;

/** A server-side `$all` filter: which events pass, and how often a subscription checkpoints. */
export interface ReadFilter {
  readonly allows: (event: LoggedEvent) => boolean;
  /** Considered events (matching or not) between two checkpoints of a filtered subscription. */
  readonly checkpointInterval: number;
}

/** Everything passes; an unfiltered subscription sends no checkpoints. */
const NO_FILTER: ReadFilter = { allows: () => true, checkpointInterval: Number.POSITIVE_INFINITY };

/** Builds the filter of a Read request: on stream name or event type, by prefixes or a regex. */
export function readFilterOf(options: ReadReq.Options): ReadFilter {
  if (!options.hasFilter()) return NO_FILTER;
  const filter = options.getFilter()!;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const multiplier = Math.max(1, filter.getCheckpointintervalmultiplier());
  const field = filterField(filter);
  const matches = expressionMatcher(field === 'stream' ? filter.getStreamIdentifier()! : filter.getEventType()!);
  return {
    allows: (event) => matches(field === 'stream' ? event.streamName : event.type),
    checkpointInterval: window * multiplier,
  };
}

function filterField(filter: ReadReq.Options.FilterOptions): 'stream' | 'type' {
  switch (filter.getFilterCase()) {
    case ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER: return 'stream';
    case ReadReq.Options.FilterOptions.FilterCase.EVENT_TYPE: return 'type';
    default: throw invalidArgument('filter has neither stream_identifier nor event_type');
  }
}

/** A regex takes precedence over prefixes, as in EventStoreDB's ConvertToEventFilter. */
function expressionMatcher(expression: ReadReq.Options.FilterOptions.Expression): (value: string) => boolean {
  const regex = expression.getRegex();
  if (regex !== '') {
    const compiled = new RegExp(regex);
    return (value) => compiled.test(value);
  }
  const prefixes = expression.getPrefixList();
  return (value) => prefixes.some((prefix) => value.startsWith(prefix));
}
