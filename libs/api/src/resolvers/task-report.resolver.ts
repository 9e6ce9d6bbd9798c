import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { JsonValue } from '@ordo/core';
import { Roles } from '../auth/roles.decorator';
import { ORDO_ENGINE, type OrdoEngineApi } from '../engine.port';
import { API_INTERNAL_ERROR_SINK, callEngine, type InternalErrorSink } from '../errors/graphql-error';
import { API_LIMITS, checkErrorAndCause, requireJsonObject, type ApiLimits } from '../limits';
import { JsonScalar } from '../scalars/json.scalar';

const tokenArg = () => Args('taskToken', { type: () => String });
const outputArg = () => Args('output', { type: () => JsonScalar });
const errorArg = () => Args('error', { type: () => String });
const causeArg = () => Args('cause', { type: () => String, nullable: true });

/**
 * Task reports for `waitForCallback` tasks and workers, under Ordo's names and the Alibaba
 * aliases (`sendTask*`). A report with a bad, used or superseded token fails and changes nothing.
 * Workers and operators may report (operators settle manual approvals; docs/security.md).
 */
@Roles('worker', 'operator')
@Resolver()
export class TaskReportResolver {
  constructor(
    @Inject(ORDO_ENGINE) private readonly engine: OrdoEngineApi,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
  ) {}

  @Mutation(() => Boolean, { description: 'Completes the task attempt the token belongs to with `output` (a JSON object).' })
  reportTaskSucceeded(@tokenArg() taskToken: string, @outputArg() output: JsonValue): Promise<boolean> {
    return this.succeeded('reportTaskSucceeded', taskToken, output);
  }

  @Mutation(() => Boolean, { description: 'Alias of reportTaskSucceeded.' })
  sendTaskSuccess(@tokenArg() taskToken: string, @outputArg() output: JsonValue): Promise<boolean> {
    return this.succeeded('sendTaskSuccess', taskToken, output);
  }

  @Mutation(() => Boolean, { description: 'Fails the task attempt the token belongs to with an error name and cause.' })
  reportTaskFailed(@tokenArg() taskToken: string, @errorArg() error: string, @causeArg() cause?: string): Promise<boolean> {
    return this.failed('reportTaskFailed', taskToken, error, cause);
  }

  @Mutation(() => Boolean, { description: 'Alias of reportTaskFailed.' })
  sendTaskFailure(@tokenArg() taskToken: string, @errorArg() error: string, @causeArg() cause?: string): Promise<boolean> {
    return this.failed('sendTaskFailure', taskToken, error, cause);
  }

  @Mutation(() => Boolean, { description: 'Records a heartbeat for the task attempt the token belongs to.' })
  reportTaskHeartbeat(@tokenArg() taskToken: string): Promise<boolean> {
    return this.heartbeat('reportTaskHeartbeat', taskToken);
  }

  @Mutation(() => Boolean, { description: 'Alias of reportTaskHeartbeat.' })
  sendTaskHeartbeat(@tokenArg() taskToken: string): Promise<boolean> {
    return this.heartbeat('sendTaskHeartbeat', taskToken);
  }

  private succeeded(operation: string, token: string, output: JsonValue): Promise<boolean> {
    return callEngine(operation, this.sink, async () => {
      await this.engine.reportTaskSucceeded(token, requireJsonObject(output, this.limits.maxOutputBytes, 'output'));
      return true;
    });
  }

  private failed(operation: string, token: string, error: string, cause: string | undefined): Promise<boolean> {
    return callEngine(operation, this.sink, async () => {
      checkErrorAndCause(error, cause ?? undefined);
      await this.engine.reportTaskFailed(token, error, cause ?? undefined);
      return true;
    });
  }

  private heartbeat(operation: string, token: string): Promise<boolean> {
    return callEngine(operation, this.sink, async () => {
      await this.engine.reportTaskHeartbeat(token);
      return true;
    });
  }
}
