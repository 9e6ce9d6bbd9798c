import type { EventOfType, ExecutionEvent, ExecutionEventType } from '../events';
import type { ExecutionState, StepFrame } from '../execution-state';
import type { CompiledFlow, CompiledStep } from '../flow';
import { evolve } from '../evolve';
import type { Job } from './jobs';
import { indexOfStep, listAt } from './flow-lookup';
import { isoOf } from './iso-time';

/** Most events one decision may produce: a goto loop of control steps only would never stop. */
export const MAX_EVENTS_PER_DECISION = 50_000;

/**
 * The working area of one `decide` call: the state so far, the events emitted (each applied with
 * `evolve` at once), the pending jobs and the decision's single timestamp.
 */
export class Run {
  state: ExecutionState;
  readonly events: ExecutionEvent[] = [];
  readonly at: string;
  private readonly jobs: Job[] = [];
  private lists: Map<string, readonly CompiledStep[]> | undefined;

  constructor(readonly flow: CompiledFlow, state: ExecutionState, readonly now: number) {
    this.state = state;
    this.at = isoOf(now);
  }

  /** Records an event and applies it to the working state. */
  emit<T extends ExecutionEventType>(type: T, data: EventOfType<T>['data']): void {
    const event = { type, at: this.at, data } as ExecutionEvent;
    this.events.push(event);
    this.state = evolve(this.state, event);
  }

  /** Queues jobs; they run in the order given, before jobs queued earlier (depth first). */
  push(...jobs: Job[]): void {
    for (let i = jobs.length - 1; i >= 0; i--) this.jobs.push(jobs[i]);
  }

  pop(): Job | undefined {
    return this.jobs.pop();
  }

  /** Drops every queued job (the execution ended). */
  clearJobs(): void {
    this.jobs.length = 0;
  }

  /** The compiled steps run by a scope of the current state. */
  stepsOf(scopePath: string): readonly CompiledStep[] {
    if (scopePath === '' && this.state.scopes[scopePath].kind === 'flow') return this.flow.steps;
    this.lists ??= new Map();
    let list = this.lists.get(scopePath);
    if (list === undefined) {
      list = listAt(this.flow, this.state.scopes[scopePath].route);
      this.lists.set(scopePath, list);
    }
    return list;
  }

  /** The compiled step of a frame and its index among its siblings. */
  stepOf(frame: StepFrame): { step: CompiledStep; index: number } {
    const list = this.stepsOf(frame.scope);
    const index = indexOfStep(list, frame.name);
    return { step: list[index], index };
  }

  /** The epoch-ms time `seconds` from now, as an ISO string. */
  isoAfter(seconds: number): string {
    return isoOf(this.now + Math.round(seconds * 1000));
  }
}
