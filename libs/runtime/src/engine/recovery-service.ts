import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { Logger } from '../ports/logger';
import type { CommandResult } from './command-handler';
import type { ExecutionRepository } from './execution-repository';
import type { ExecutionState } from './execution-state';
import { scanForRunningExecutions, writeCheckpoint } from './recovery';

/** What start-up recovery did. */
export interface RecoveryReport {
  readonly runningExecutions: number;
  readonly scannedEvents: number;
  /** Executions whose stream had to be read in full (first event before the checkpoint). */
  readonly loadedFromStreams: number;
  readonly checkpointPosition: number;
  readonly durationMs: number;
}

/**
 * Keeps, for every running execution this engine knows, a feed position before its first event,
 * and writes their minimum to `ordoEngine-recovery` now and then: the next start-up scans the feed
 * from there instead of from the beginning.
 */
export class RecoveryCheckpointer {
  private readonly running = new Map<string, number>();
  private lastWritten = -1;
  private enabled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly repository: ExecutionRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Follows starts and ends from command results. */
  track(result: CommandResult): void {
    if (result.state.status !== 'Running') this.running.delete(result.executionId);
    else if (result.positionBefore !== undefined && result.appended.some((a) => a.event.type === 'ExecutionStarted')) {
      this.running.set(result.executionId, result.positionBefore);
    }
  }

  /** Adds a running execution found by recovery. */
  add(executionId: string, positionBefore: number): void {
    this.running.set(executionId, positionBefore);
  }

  /** The position the next recovery scan may start after. */
  position(): number {
    let min = this.repository.lastSeenPosition;
    for (const p of this.running.values()) if (p < min) min = p;
    return min;
  }

  /** Allows writing: only after recovery, or executions this process never saw could be skipped. */
  enable(): void {
    this.enabled = true;
  }

  /** Writes a checkpoint when the position moved since the last one (and recovery has run). */
  async write(): Promise<void> {
    if (!this.enabled) return;
    const position = this.position();
    if (position === this.lastWritten) return;
    await writeCheckpoint(this.store, position, new Date(this.clock.now()).toISOString());
    this.lastWritten = position;
  }

  startPeriodic(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.write().catch((e: unknown) => this.logger.warn('recovery checkpoint failed', { error: String(e) }));
    }, intervalMs);
    this.timer.unref();
  }

  stopPeriodic(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Start-up recovery: finds running executions with the feed scan, caches their states and hands
 * each to `sync`, which re-arms pending timers and re-dispatches tasks that have no result (with
 * the same deterministic ids and tokens).
 */
export async function recoverExecutions(
  store: EventStore, repository: ExecutionRepository, checkpointer: RecoveryCheckpointer,
  sync: (executionId: string, state: ExecutionState) => void,
): Promise<RecoveryReport> {
  const started = Date.now();
  const scan = await scanForRunningExecutions(store);
  repository.observePosition(scan.headPosition);
  const running = [...scan.running];
  for (const executionId of scan.partial) {
    const state = await repository.loadFromStore(executionId);
    if (state.status === 'Running') running.push({ executionId, state, positionBefore: scan.startPosition });
  }
  for (const { executionId, state, positionBefore } of running) {
    repository.remember(executionId, state);
    checkpointer.add(executionId, positionBefore);
    sync(executionId, state);
  }
  checkpointer.enable();
  await checkpointer.write();
  return {
    runningExecutions: running.length, scannedEvents: scan.scannedEvents, loadedFromStreams: scan.partial.length,
    checkpointPosition: scan.startPosition, durationMs: Date.now() - started,
  };
}
