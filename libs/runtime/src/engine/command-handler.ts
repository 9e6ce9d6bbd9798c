import { decide, evolve, type CompiledFlow, type ExecutionCommand, type ExecutionEvent, type Rejection } from '@ordo/core';
import { isStoreError } from '../ports/store-error';
import { RuntimeError } from '../errors';
import type { AppendOutcome, DecidedSegment, ExecutionRepository } from './execution-repository';
import type { InlineTasks } from './inline-tasks';
import type { ExecutionState } from './execution-state';
import { KeyedMutex } from './keyed-mutex';
import type { CompiledFlows } from './single-flight-flows';

/** One event appended by a command, with its 0-based revision in the execution stream. */
export interface AppendedEvent {
  readonly revision: number;
  readonly event: ExecutionEvent;
}

/** What handling a command did: the resulting state, the events appended, or the core's rejection. */
export interface CommandResult {
  readonly executionId: string;
  readonly state: ExecutionState;
  readonly appended: readonly AppendedEvent[];
  readonly rejection?: Rejection;
  /** Global feed position of the last event appended (undefined when nothing was appended). */
  readonly position?: number;
  /** A feed position before every appended event (undefined when nothing was appended). */
  readonly positionBefore?: number;
}

/** Per-command options. */
export interface HandleOptions {
  /** Correlation id recorded in event metadata (defaults to the execution id). */
  readonly correlationId?: string;
  /** Runs after the append and before intents are dispatched, still holding the execution's lock. */
  readonly beforeDispatch?: (result: CommandResult) => Promise<void>;
  /**
   * Load the state from the store, not the cache, and leave nothing cached: for executions another
   * engine owns (distributed mode), whose cached state here would go stale as the owner appends.
   */
  readonly uncached?: boolean;
}

/** Bounds how many rounds of inline task outcomes one command may decide into its append. */
const MAX_INLINE_ROUNDS = 64;

/** Called with every state that new events produced, inside the execution's lock. */
export type AfterAppend = (result: CommandResult) => void;

/**
 * The engine loop of ARCHITECTURE §4 for one command: load → decide → append with the expected
 * revision (a conflict reloads and decides again, at most `maxConflictRetries` times) → evolve →
 * `afterAppend` (dispatch). Commands of one execution are serialised; different executions run
 * concurrently so their appends can share a group commit.
 */
export class CommandHandler {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly repository: ExecutionRepository,
    private readonly flows: CompiledFlows,
    private readonly afterAppend: AfterAppend,
    private readonly maxConflictRetries = 5,
    private readonly inline?: InlineTasks,
  ) {}

  handle(executionId: string, command: ExecutionCommand, options: HandleOptions = {}): Promise<CommandResult> {
    return this.mutex.run(executionId, () => this.handleLocked(executionId, command, options));
  }

  /** Runs `work` holding the execution's lock (reads that must not interleave with a command). */
  withLock<T>(executionId: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(executionId, work);
  }

  private async handleLocked(executionId: string, command: ExecutionCommand, options: HandleOptions): Promise<CommandResult> {
    for (let attempt = 0; ; attempt++) {
      const state = options.uncached === true ? await this.repository.loadFromStore(executionId) : await this.repository.load(executionId);
      const flow = await this.flowFor(command, state);
      if (flow === undefined) return { executionId, state, appended: [], rejection: notFound(executionId, command) };
      const decision = decide(command, state, flow);
      if (decision.rejection !== undefined || decision.events.length === 0) {
        return { executionId, state, appended: [], rejection: decision.rejection };
      }
      const segments: DecidedSegment[] = [{ command, events: decision.events }];
      const next = await this.runInline(evolveAll(state, decision.events), segments, flow);
      const events = segments.length === 1 ? decision.events : segments.flatMap((s) => s.events);
      let outcome: AppendOutcome;
      try {
        outcome = await this.repository.append(executionId, state, next, segments, options.correlationId ?? executionId);
      } catch (error) {
        if (!isStoreError(error, 'STORE.VERSION_CONFLICT')) throw error;
        this.repository.forget(executionId);
        if (attempt >= this.maxConflictRetries) throw exhausted(executionId, command, attempt, error);
        continue;
      }
      const appended = events.map((event, i) => ({ revision: outcome.firstRevision + i, event }));
      const result: CommandResult = { executionId, state: outcome.state, appended, position: outcome.position, positionBefore: outcome.positionBefore };
      try {
        if (options.beforeDispatch) await options.beforeDispatch(result);
      } finally {
        this.afterAppend(result);
      }
      return result;
    }
  }

  /** Decides the outcomes of inline tasks into `segments` (see InlineTasks); returns the final state. */
  private async runInline(state: ExecutionState, segments: DecidedSegment[], flow: CompiledFlow): Promise<ExecutionState> {
    // A start is acknowledged as soon as it is durable, with the execution Running (SPEC Part B §9).
    if (this.inline === undefined || segments[0].command.type === 'StartExecution') return state;
    let next = state;
    for (let round = 0; round < MAX_INLINE_ROUNDS && next.status === 'Running'; round++) {
      const commands = await this.inline.run(next);
      const before = segments.length;
      for (const command of commands) {
        const decision = decide(command, next, flow);
        if (decision.rejection !== undefined || decision.events.length === 0) continue;
        segments.push({ command, events: decision.events });
        next = evolveAll(next, decision.events);
      }
      if (segments.length === before) break;
    }
    return next;
  }

  private async flowFor(command: ExecutionCommand, state: ExecutionState): Promise<CompiledFlow | undefined> {
    if (command.type === 'StartExecution') return this.flows.compiled(command.data.flowName, command.data.flowVersion);
    if (state.revision < 0) return undefined;
    return this.flows.compiled(state.flowName, state.flowVersion);
  }
}

function evolveAll(state: ExecutionState, events: readonly ExecutionEvent[]): ExecutionState {
  let next = state;
  for (const event of events) next = evolve(next, event);
  return next;
}

function notFound(executionId: string, command: ExecutionCommand): Rejection {
  return { code: 'RUNTIME.EXECUTION_NOT_FOUND', message: `Execution ${executionId} does not exist, so ${command.type} was ignored.` };
}

function exhausted(executionId: string, command: ExecutionCommand, attempt: number, cause: unknown): RuntimeError {
  return new RuntimeError('RUNTIME.CONCURRENCY_RETRIES_EXHAUSTED',
    `Command ${command.type} on execution ${executionId} lost ${attempt + 1} optimistic-concurrency races in a row; retry it.`,
    { executionId, command: command.type }, true, { cause });
}
