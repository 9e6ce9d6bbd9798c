import { randomUUID } from 'node:crypto';
import type { ExecutionCommand, ParentLink, TriggerInfo } from '@ordo/core';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { DeployResult, FlowRegistry } from '../ports/flow-registry';
import { silentLogger, type Logger } from '../ports/logger';
import type { RunnerKind, TaskReporter, TaskRunner } from '../ports/task-runner';
import type { TokenService } from '../ports/token-service';
import { RuntimeError } from '../errors';
import { SystemClock } from '../clock/system-clock';
import { EventStoreFlowRegistry } from '../flows/event-store-flow-registry';
import { ResourceMap, type ResourceResolver } from '../flows/resource-map';
import { ChildFlowRunner, type ChildExecutions, type ChildStartRequest, type ChildStartResult } from '../runners/child-flow-runner';
import { HttpTaskRunner } from '../runners/http-task-runner';
import { LocalTaskRunner } from '../runners/local-task-runner';
import { TaskRunnerRegistry } from '../runners/runner-registry';
import { assertValidName, executionIdOf } from '../streams';
import { HmacTokenService } from '../tokens/hmac-token-service';
import { ActivityTracker } from './activity-tracker';
import { parentAwaits, stopChildCommand, stopIfOrphaned, waitsForChild } from './awaited-children';
import { CommandHandler, type CommandResult, type HandleOptions } from './command-handler';
import type { CommandSink } from './command-sink';
import type { EngineOptions } from './engine-options';
import { describeState, type ExecutionDescription } from './execution-description';
import { ExecutionRepository } from './execution-repository';
import type { ExecutionState } from './execution-state';
import { readHistoryPage, type HistoryPage } from './history';
import { errorArguments, jsonObjectArgument } from './inputs';
import { InlineTasks } from './inline-tasks';
import { IntentDispatcher, type FiredTimer } from './intent-dispatcher';
import { recoverExecutions, RecoveryCheckpointer, type RecoveryReport } from './recovery-service';
import { scanForRunningExecutions } from './recovery';
import { SingleFlightFlows } from './single-flight-flows';
import { TaskReports } from './task-reports';

/** A request to start an execution. `input` may be a JSON object or JSON text; default `{}`. */
export interface StartExecutionRequest {
  readonly flowName: string;
  readonly executionName?: string;
  readonly input?: unknown;
  readonly trigger?: TriggerInfo;
}

/** Called after every append with the execution's new state. */
export type ExecutionListener = (executionId: string, state: ExecutionState) => void;

/** One handled command as a CommandObserver sees it: wall-clock duration and outcome. */
export interface HandledCommand {
  readonly executionId: string;
  readonly commandType: ExecutionCommand['type'];
  readonly durationMs: number;
  /** Present when handling succeeded (its `appended` events may be empty). */
  readonly result?: CommandResult;
  /** Present when handling threw. */
  readonly error?: unknown;
}

/** Observes every command the engine handles (metrics); must not throw or block. */
export type CommandObserver = (handled: HandledCommand) => void;

export type { FiredTimer } from './intent-dispatcher';

/** Observes every timer this engine fires (metrics: timer lag); must not throw or block. */
export type TimerObserver = (fired: FiredTimer) => void;

/**
 * Ordo's engine (ARCHITECTURE §4): the command handler, the intent dispatcher with its timers and
 * task runners, the token service, the flow registry and recovery, behind one framework-free API.
 * Call `start()` once (it re-arms timers and re-dispatches tasks of running executions) and
 * `close()` at shutdown.
 */
export class Engine implements TaskReporter, ChildExecutions, CommandSink {
  readonly clock: Clock;
  readonly registry: FlowRegistry;
  readonly runners = new TaskRunnerRegistry();
  readonly localHandlers: LocalTaskRunner;
  private readonly store: EventStore;
  private readonly logger: Logger;
  private readonly repository: ExecutionRepository;
  private readonly handler: CommandHandler;
  private readonly dispatcher: IntentDispatcher;
  private readonly activity = new ActivityTracker();
  private readonly commandsInFlight = new ActivityTracker();
  private readonly tasksInFlight = new ActivityTracker();
  private readonly reports: TaskReports;
  private readonly checkpointer: RecoveryCheckpointer;
  private readonly listeners = new Set<ExecutionListener>();
  private readonly commandObservers = new Set<CommandObserver>();
  private readonly timerObservers = new Set<TimerObserver>();
  private readonly maxPayloadBytes: number;
  private closed = false;

  constructor(private readonly options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? new SystemClock();
    this.logger = options.logger ?? silentLogger;
    this.maxPayloadBytes = options.maxPayloadBytes ?? 32 * 1024;
    const resources = toResolver(options.resources);
    const tokens: TokenService = options.tokens
      ?? (options.tokenSecret !== undefined ? new HmacTokenService(options.tokenSecret) : HmacTokenService.withRandomSecret());
    this.registry = options.registry ?? new EventStoreFlowRegistry(this.store, { resources, clock: this.clock });
    this.localHandlers = new LocalTaskRunner(options.handlers);
    this.registerDefaultRunners(options.runners ?? {}, options);
    this.repository = new ExecutionRepository(this.store, {
      cacheSize: options.cacheSize ?? 10_000, snapshotEvery: options.snapshotEvery ?? 500, logger: this.logger,
    });
    this.checkpointer = new RecoveryCheckpointer(this.store, this.repository, this.clock, this.logger);
    this.dispatcher = new IntentDispatcher({
      clock: this.clock, tokens, resources, runners: this.runners, reporter: this, commands: this,
      activity: this.activity, taskActivity: this.tasksInFlight, logger: this.logger, onDispatchError: options.onDispatchError,
      onTimerFired: (fired) => this.notifyTimerObservers(fired),
    });
    const inline = options.inlineLocalTasks === false ? undefined : new InlineTasks({
      clock: this.clock, tokens, resources, runners: this.runners, reporter: this,
      adopt: (attempt) => this.dispatcher.adopt(attempt),
      isRunning: (executionId, intentId) => this.dispatcher.isRunning(executionId, intentId),
    });
    this.handler = new CommandHandler(this.repository, new SingleFlightFlows(this.registry), (result) => this.afterAppend(result), options.maxConflictRetries ?? 5, inline);
    this.reports = new TaskReports(tokens, this, this.maxPayloadBytes);
  }

  /** Recovers running executions (timers re-armed, tasks re-dispatched) and starts checkpointing. */
  async start(): Promise<RecoveryReport> {
    const report = await recoverExecutions(this.store, this.repository, this.checkpointer, (id, state) => {
      this.dispatcher.sync(id, state);
      this.stopIfOrphaned(state);
    });
    this.checkpointer.startPeriodic(this.options.checkpointIntervalMs ?? 30_000);
    this.logger.info('engine recovered running executions', { ...report });
    return report;
  }

  /**
   * Distributed mode: recovers the running executions `owns` selects (timers re-armed, tasks
   * re-dispatched) without writing a recovery checkpoint, which only a sole engine may do.
   */
  async recoverWhere(owns: (executionId: string) => boolean): Promise<number> {
    const scan = await scanForRunningExecutions(this.store);
    this.repository.observePosition(scan.headPosition);
    const ids = [...scan.running.map((r) => r.executionId), ...scan.partial].filter(owns);
    await Promise.all(ids.map((id) => this.resync(id)));
    return ids.length;
  }

  /** Distributed mode: cancels the timers and attempts of executions no longer owned and forgets their states. */
  releaseWhere(released: (executionId: string) => boolean): void {
    for (const executionId of this.dispatcher.releaseWhere(released)) this.repository.forget(executionId);
    this.repository.forgetWhere(released);
  }

  /** Reloads one execution from the store and, when owned, brings its timers and tasks in line. */
  resync(executionId: string): Promise<void> {
    return this.handler.withLock(executionId, async () => {
      this.repository.forget(executionId);
      const state = await this.repository.load(executionId);
      const ownership = this.options.ownership;
      if (state.revision >= 0 && (ownership === undefined || ownership.owns(executionId))) {
        this.dispatcher.sync(executionId, state);
        this.stopIfOrphaned(state);
      }
    });
  }

  /** Validates and stores a flow definition (`RUNTIME.INVALID_FLOW` with the FDL issues). */
  deployFlow(name: string, definition: string): Promise<DeployResult> {
    return this.registry.deployFlow(name, definition);
  }

  /**
   * Starts an execution of the newest flow version. A running execution of the same name is
   * returned as is; a finished one fails with `RUNTIME.EXECUTION_ALREADY_EXISTS`.
   */
  async startExecution(request: StartExecutionRequest): Promise<ExecutionDescription> {
    const result = await this.startInternal(request);
    return describeState(result.state);
  }

  /** Stops a running execution (`ExecutionStopped {error, cause}`). */
  async stopExecution(flowName: string, executionName: string, reason: { error?: string; cause?: string } = {}): Promise<ExecutionDescription> {
    const executionId = this.existingId(flowName, executionName);
    const data = reason.error === undefined ? {} : errorArguments(reason.error, reason.cause);
    const result = await this.submit(executionId, { type: 'StopExecution', now: this.clock.now(), data });
    if (result.state.revision < 0) throw notFound(flowName, executionName);
    if (result.rejection !== undefined || result.appended.length === 0) {
      throw new RuntimeError('RUNTIME.EXECUTION_NOT_RUNNING',
        `Execution ${executionName} of flow ${flowName} is ${result.state.status}, so it cannot be stopped.`, { flowName, executionName });
    }
    return describeState(result.state);
  }

  /** The execution's current status, input, output, error and times, read from the store. */
  async describeExecution(flowName: string, executionName: string): Promise<ExecutionDescription> {
    const state = await this.loadExisting(flowName, executionName);
    return describeState(state);
  }

  /** A page of the execution's history in Alibaba's shape (`nextToken` absent on the last page). */
  async executionHistory(flowName: string, executionName: string, page: { limit?: number; nextToken?: string } = {}): Promise<HistoryPage> {
    const state = await this.loadExisting(flowName, executionName);
    return readHistoryPage(this.store, state.executionId, page);
  }

  reportTaskSucceeded(token: string, output: unknown): Promise<number> {
    return this.reports.succeeded(token, output);
  }

  reportTaskFailed(token: string, error: string, cause?: string): Promise<number> {
    return this.reports.failed(token, error, cause);
  }

  reportTaskHeartbeat(token: string): Promise<number> {
    return this.reports.heartbeat(token);
  }

  /** Starts (or re-attaches to) a child execution for a parent task; see `ChildExecutions`. */
  async startChild(request: ChildStartRequest): Promise<ChildStartResult> {
    const { parent } = request;
    let parentState: ExecutionState | undefined;
    const recordStarted = async (): Promise<void> => {
      const recorded = await this.submit(parent.executionId, {
        type: 'RecordChildStarted', now: this.clock.now(),
        data: { taskId: parent.taskId, flowName: request.flowName, executionName: request.executionName },
      });
      parentState = recorded.state;
    };
    const result = await this.startInternal({ ...request, trigger: { kind: 'parent', source: parent.executionId } }, parent, recordStarted);
    if (result.appended.length === 0) {
      if (result.state.parent?.taskId !== parent.taskId) throw alreadyExists(request.flowName, request.executionName, result.state);
      await recordStarted();
      if (result.state.status !== 'Running') this.dispatcher.sync(result.executionId, result.state);
    }
    if (waitsForChild(parent) && parentState !== undefined && parentState.revision >= 0 && !parentAwaits(parentState, parent)) {
      // The parent moved on while the child started: it will never wait for this child.
      await this.submit(result.executionId, stopChildCommand(parentState, parent.taskId, this.clock.now()));
    }
    const s = result.state;
    return { flowName: s.flowName, executionName: s.executionName, status: s.status, startedAt: s.startedAt };
  }

  /** Handles one command for one execution (the single entry every command goes through). */
  submit(executionId: string, command: ExecutionCommand, options?: HandleOptions): Promise<CommandResult> {
    if (this.closed) return Promise.reject(new RuntimeError('RUNTIME.ENGINE_STOPPED', `The engine is closed; ${command.type} for ${executionId} was not handled.`));
    // An execution another engine owns moves on without this process seeing it: never decide on a cached state of it.
    const uncached = this.options.ownership !== undefined && !this.options.ownership.owns(executionId);
    const handled = this.handler.handle(executionId, command, uncached ? { ...options, uncached } : options);
    const observed = this.commandObservers.size === 0 ? handled : this.observed(executionId, command.type, handled);
    return this.commandsInFlight.track(this.activity.track(observed));
  }

  /** Adds an observer of every handled command (type, duration, appended events); returns its remover. */
  onCommandHandled(observer: CommandObserver): () => void {
    this.commandObservers.add(observer);
    return () => this.commandObservers.delete(observer);
  }

  /** Adds an observer of every timer this engine fires (purpose and lag behind its due time); returns its remover. */
  onTimerFired(observer: TimerObserver): () => void {
    this.timerObservers.add(observer);
    return () => this.timerObservers.delete(observer);
  }

  /** Adds a listener called after every append; returns the function that removes it. */
  onExecutionUpdated(listener: ExecutionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no command, task attempt or notification is in flight. */
  async whenIdle(): Promise<void> {
    while (this.inFlight > 0) {
      await this.activity.idle();
      await this.tasksInFlight.idle();
    }
  }

  /** Resolves when no command or notification is in flight; task attempts may still run (or hang). */
  whenQuiet(): Promise<void> {
    return this.activity.idle();
  }

  /** Commands, task attempts and notifications in flight. */
  get inFlight(): number {
    return this.activity.inFlight + this.tasksInFlight.inFlight;
  }

  /** Task attempts in flight (handlers, HTTP calls, child starts). */
  get tasksRunning(): number {
    return this.tasksInFlight.inFlight;
  }

  /** Resolves when no task attempt is in flight. */
  whenTasksIdle(): Promise<void> {
    return this.tasksInFlight.idle();
  }

  /** Registers an in-process handler for `local:<name>`. */
  registerHandler(name: string, handler: Parameters<LocalTaskRunner['register']>[1]): this {
    this.localHandlers.register(name, handler);
    return this;
  }

  /** Plugs in a runner for a target kind (e.g. the Kafka lib's `kafka` runner). */
  registerRunner(kind: RunnerKind, runner: TaskRunner): this {
    this.runners.register(kind, runner);
    return this;
  }

  /** Cancels timers and attempts, writes a last recovery checkpoint and stops accepting commands. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.dispatcher.close();
    this.checkpointer.stopPeriodic();
    await this.commandsInFlight.idle();
    await this.checkpointer.write().catch((e: unknown) => this.logger.warn('last recovery checkpoint failed', { error: String(e) }));
  }

  private async startInternal(request: StartExecutionRequest, parent?: ParentLink, beforeDispatch?: () => Promise<void>): Promise<CommandResult> {
    assertValidName('flow', request.flowName);
    const executionName = request.executionName ?? `exec_${randomUUID()}`;
    assertValidName('execution', executionName);
    const input = jsonObjectArgument(request.input, 'input', this.maxPayloadBytes, true);
    const latest = await this.registry.latest(request.flowName);
    if (latest === undefined) throw new RuntimeError('RUNTIME.FLOW_NOT_FOUND', `Flow ${request.flowName} is not deployed.`, { flowName: request.flowName });
    const executionId = executionIdOf(request.flowName, executionName);
    const command: ExecutionCommand = {
      type: 'StartExecution', now: this.clock.now(),
      data: { executionId, executionName, flowName: request.flowName, flowVersion: latest.version, input, trigger: request.trigger ?? { kind: 'api' }, parent },
    };
    const result = await this.submit(executionId, command, {
      correlationId: parent?.executionId, beforeDispatch: beforeDispatch && (async () => beforeDispatch()),
    });
    if (result.appended.length > 0 || parent !== undefined) return result;
    if (result.state.status === 'Running') return result;
    if (result.state.revision < 0) {
      throw new RuntimeError('RUNTIME.INVALID_INPUT', `Execution ${executionName} of flow ${request.flowName} was not started: ${result.rejection?.message ?? 'the core decided nothing'}`, { code: result.rejection?.code });
    }
    throw alreadyExists(request.flowName, executionName, result.state);
  }

  /** Recovery's check that a running child's parent still waits for it (else the child is stopped). */
  private stopIfOrphaned(state: ExecutionState): void {
    if (state.parent === undefined || state.status !== 'Running') return;
    const work = stopIfOrphaned(state, (id) => this.loadCurrent(id), (id, command) => this.submit(id, command), () => this.clock.now())
      .catch((error: unknown) => this.logger.warn('could not check the parent of a recovered child', { executionId: state.executionId, error: String(error) }));
    void this.activity.track(work);
  }

  /** The execution's state; one another engine owns may have moved on since it was cached here, so it is read from the store. */
  private loadCurrent(executionId: string): Promise<ExecutionState> {
    const owned = this.options.ownership === undefined || this.options.ownership.owns(executionId);
    return this.handler.withLock(executionId, () => (owned ? this.repository.load(executionId) : this.repository.loadFromStore(executionId)));
  }

  private afterAppend(result: CommandResult): void {
    this.checkpointer.track(result);
    const ownership = this.options.ownership;
    if (ownership === undefined || ownership.owns(result.executionId)) this.dispatcher.sync(result.executionId, result.state);
    else {
      this.repository.forget(result.executionId);
      ownership.appendedElsewhere(result);
    }
    for (const listener of this.listeners) {
      try {
        listener(result.executionId, result.state);
      } catch (error) {
        this.logger.warn('execution listener threw', { executionId: result.executionId, error: String(error) });
      }
    }
  }

  private notifyTimerObservers(fired: FiredTimer): void {
    for (const observer of this.timerObservers) {
      try {
        observer(fired);
      } catch (error) {
        this.logger.warn('timer observer threw', { executionId: fired.executionId, error: String(error) });
      }
    }
  }

  private async observed(executionId: string, commandType: ExecutionCommand['type'], handled: Promise<CommandResult>): Promise<CommandResult> {
    const started = performance.now();
    const notify = (outcome: { result?: CommandResult; error?: unknown }) => {
      const info: HandledCommand = { executionId, commandType, durationMs: performance.now() - started, ...outcome };
      for (const observer of this.commandObservers) {
        try {
          observer(info);
        } catch (error) {
          this.logger.warn('command observer threw', { executionId, error: String(error) });
        }
      }
    };
    try {
      const result = await handled;
      notify({ result });
      return result;
    } catch (error) {
      notify({ error });
      throw error;
    }
  }

  private existingId(flowName: string, executionName: string): string {
    assertValidName('flow', flowName);
    assertValidName('execution', executionName);
    return executionIdOf(flowName, executionName);
  }

  private async loadExisting(flowName: string, executionName: string): Promise<ExecutionState> {
    const state = await this.loadCurrent(this.existingId(flowName, executionName));
    if (state.revision < 0) throw notFound(flowName, executionName);
    return state;
  }

  private registerDefaultRunners(extra: Partial<Record<RunnerKind, TaskRunner>>, options: EngineOptions): void {
    this.runners.register('local', this.localHandlers).register('http', new HttpTaskRunner(options.http)).register('flow', new ChildFlowRunner(this));
    for (const [kind, runner] of Object.entries(extra)) if (runner) this.runners.register(kind as RunnerKind, runner);
  }
}

function toResolver(resources: EngineOptions['resources']): ResourceResolver {
  if (resources !== undefined && typeof (resources as ResourceResolver).resolve === 'function') return resources as ResourceResolver;
  return new ResourceMap(resources as Record<string, string> | undefined);
}

function notFound(flowName: string, executionName: string): RuntimeError {
  return new RuntimeError('RUNTIME.EXECUTION_NOT_FOUND', `Execution ${executionName} of flow ${flowName} does not exist.`, { flowName, executionName });
}

function alreadyExists(flowName: string, executionName: string, state: ExecutionState): RuntimeError {
  return new RuntimeError('RUNTIME.EXECUTION_ALREADY_EXISTS',
    `Execution ${executionName} of flow ${flowName} already exists and is ${state.status} (ExecutionAlreadyExists).`,
    { flowName, executionName, status: state.status, alibabaCode: 'ExecutionAlreadyExists' });
}
