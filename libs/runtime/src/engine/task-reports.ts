import type { ExecutionCommand, ExecutionEventType } from '@ordo/core';
import type { TokenService } from '../ports/token-service';
import { RuntimeError } from '../errors';
import { executionIdOfTask } from '../streams';
import type { CommandSink } from './command-sink';
import { errorArguments, jsonObjectArgument } from './inputs';

/**
 * The single entry for task reports (API, webhooks, Kafka workers, handlers): checks the token and
 * the arguments, hands the command to the engine and returns the id of the event it recorded.
 * A forged or malformed token fails `RUNTIME.INVALID_TOKEN`; one the core rejects (used,
 * superseded, execution finished) fails `RUNTIME.TOKEN_REJECTED` with the core's message.
 */
export class TaskReports {
  constructor(
    private readonly tokens: TokenService,
    private readonly commands: CommandSink & { readonly clock: { now(): number } },
    private readonly maxPayloadBytes: number,
  ) {}

  async succeeded(token: string, output: unknown): Promise<number> {
    const taskId = this.taskIdOf(token);
    const data = { taskId, output: jsonObjectArgument(output, 'output', this.maxPayloadBytes, false) };
    return this.report(taskId, { type: 'ReportTaskSucceeded', now: this.commands.clock.now(), data }, 'TaskSucceeded');
  }

  async failed(token: string, error: string, cause?: string): Promise<number> {
    const taskId = this.taskIdOf(token);
    const args = errorArguments(error, cause);
    return this.report(taskId, { type: 'ReportTaskFailed', now: this.commands.clock.now(), data: { taskId, ...args } }, 'TaskFailed');
  }

  async heartbeat(token: string): Promise<number> {
    const taskId = this.taskIdOf(token);
    return this.report(taskId, { type: 'ReportTaskHeartbeat', now: this.commands.clock.now(), data: { taskId } }, 'TaskHeartbeat');
  }

  private taskIdOf(token: unknown): string {
    const taskId = typeof token === 'string' ? this.tokens.verify(token) : undefined;
    if (taskId === undefined || executionIdOfTask(taskId) === undefined) {
      throw new RuntimeError('RUNTIME.INVALID_TOKEN', 'The task token is not one this Ordo issued (malformed or forged).');
    }
    return taskId;
  }

  private async report(taskId: string, command: ExecutionCommand, recorded: ExecutionEventType): Promise<number> {
    const executionId = executionIdOfTask(taskId)!;
    const result = await this.commands.submit(executionId, command);
    if (result.rejection !== undefined || result.appended.length === 0) {
      throw new RuntimeError('RUNTIME.TOKEN_REJECTED',
        result.rejection?.message ?? `The report for task ${taskId} changed nothing.`,
        { taskId, coreCode: result.rejection?.code });
    }
    const event = result.appended.find((a) => a.event.type === recorded) ?? result.appended[0];
    return event.revision + 1;
  }
}
