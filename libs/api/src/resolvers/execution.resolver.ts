import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { JsonValue } from '@ordo/core';
import { Roles } from '../auth/roles.decorator';
import { ORDO_ENGINE, type ExecutionView, type OrdoEngineApi } from '../engine.port';
import { API_INTERNAL_ERROR_SINK, callEngine, type InternalErrorSink } from '../errors/graphql-error';
import { API_LIMITS, checkErrorAndCause, requireJsonObject, type ApiLimits } from '../limits';
import { ExecutionModel, type ExecutionStatusEnum } from '../models/execution.model';
import { ExecutionHistoryPageModel } from '../models/history.model';
import { JsonScalar } from '../scalars/json.scalar';

/** Execution commands (start, stop) and reads (describe, history), all from the event store. */
@Resolver(() => ExecutionModel)
export class ExecutionResolver {
  constructor(
    @Inject(ORDO_ENGINE) private readonly engine: OrdoEngineApi,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
  ) {}

  @Roles('operator')
  @Mutation(() => ExecutionModel, { description: 'Starts an execution; with the name of a running execution, returns it.' })
  startExecution(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('input', { type: () => JsonScalar, nullable: true }) input: JsonValue | undefined,
    @Args('executionName', { type: () => String, nullable: true }) executionName: string | undefined,
  ): Promise<ExecutionModel> {
    return callEngine('startExecution', this.sink, async () => {
      const checked = requireJsonObject(input, this.limits.maxInputBytes, 'input', true);
      return toModel(await this.engine.startExecution({ flowName, input: checked, executionName: executionName ?? undefined }));
    });
  }

  @Roles('operator')
  @Mutation(() => ExecutionModel, { description: 'Stops a running execution with an optional error name and cause.' })
  stopExecution(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('executionName', { type: () => String }) executionName: string,
    @Args('error', { type: () => String, nullable: true }) error: string | undefined,
    @Args('cause', { type: () => String, nullable: true }) cause: string | undefined,
  ): Promise<ExecutionModel> {
    return callEngine('stopExecution', this.sink, async () => {
      checkErrorAndCause(error ?? undefined, cause ?? undefined);
      return toModel(await this.engine.stopExecution({ flowName, executionName, error: error ?? undefined, cause: cause ?? undefined }));
    });
  }

  @Roles('reader')
  @Query(() => ExecutionModel, { nullable: true, description: 'The execution as its event stream says it is now; null if unknown.' })
  execution(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('executionName', { type: () => String }) executionName: string,
  ): Promise<ExecutionModel | null> {
    return callEngine('execution', this.sink, async () => {
      const view = await this.engine.describeExecution(flowName, executionName);
      return view === undefined ? null : toModel(view);
    });
  }

  @Roles('reader')
  @Query(() => ExecutionHistoryPageModel, { description: 'The execution history, oldest first, one page at a time.' })
  executionHistory(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('executionName', { type: () => String }) executionName: string,
    @Args('limit', { type: () => Int, nullable: true }) limit: number | undefined,
    @Args('nextToken', { type: () => String, nullable: true }) nextToken: string | undefined,
  ): Promise<ExecutionHistoryPageModel> {
    return callEngine('executionHistory', this.sink, async () => {
      const page = await this.engine.getExecutionHistory(flowName, executionName, {
        limit: limit ?? undefined, nextToken: nextToken ?? undefined,
      });
      return { events: page.events.map((e) => ({ ...e })), nextToken: page.nextToken };
    });
  }
}

function toModel(view: ExecutionView): ExecutionModel {
  return { ...view, status: view.status as ExecutionStatusEnum };
}
