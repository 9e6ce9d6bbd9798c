import type { ExecutionCommand } from './commands';
import type { ExecutionEvent } from './events';
import type { CompiledFlow } from './flow';
import { CoreError } from './errors';
import { decide } from './decide';
import { fold } from './fold';
import { initialState, type ExecutionState } from './execution-state';
import { jsonEqual } from './deep-equal';

/** One recorded step of a history: a command and the events it produced (possibly none). */
export interface RecordedDecision {
  readonly command: ExecutionCommand;
  readonly events: readonly ExecutionEvent[];
}

/**
 * Re-decides every recorded command against the state folded from the recorded events so far and
 * throws `CORE.NON_DETERMINISTIC_REPLAY` at the first event that differs. Returns the final state.
 */
export function replayHistory(flow: CompiledFlow, recorded: readonly RecordedDecision[]): ExecutionState {
  let state = initialState();
  let index = 0;
  for (const { command, events } of recorded) {
    const decided = decide(command, state, flow).events;
    const count = Math.max(decided.length, events.length);
    for (let i = 0; i < count; i++) {
      if (!jsonEqual(decided[i], events[i])) throw mismatch(index + i, command, events[i], decided[i]);
    }
    state = fold(events, state);
    index += events.length;
  }
  return state;
}

function mismatch(index: number, command: ExecutionCommand, recorded?: ExecutionEvent, decided?: ExecutionEvent): CoreError {
  const was = recorded === undefined ? 'no event' : recorded.type;
  const now = decided === undefined ? 'no event' : decided.type;
  const same = was === now ? ' with different data' : '';
  return new CoreError('CORE.NON_DETERMINISTIC_REPLAY',
    `Replay of ${command.type} differs at event index ${index}: recorded ${was}, decided ${now}${same}.`);
}
