import { Inject } from '@nestjs/common';
import { Args, Int, Resolver, Subscription } from '@nestjs/graphql';
import { Roles } from '../../auth/roles.decorator';
import { ORDO_ENGINE, type OrdoEngineApi } from '../../engine.port';
import { ApiError } from '../../errors/api-error';
import { toGraphqlError } from '../../errors/graphql-error';
import { ExecutionModel, ExecutionStatusEnum } from '../../models/execution.model';
import { AuditEventModel } from '../models/audit.model';
import { ORDO_QUERY_ENGINE, type AuditEventView, type OrdoQueryEngine } from '../query.port';
import { LiveExecutionFeed, eventsIterator, updatesIterator } from '../support/live-execution-feed';

const identity = <T>(value: T): T => value;

/** Live execution updates and events over graphql-ws, read from the event store in order. */
@Resolver()
export class ExecutionSubscriptionsResolver {
  constructor(
    @Inject(ORDO_QUERY_ENGINE) private readonly queries: OrdoQueryEngine,
    @Inject(ORDO_ENGINE) private readonly engine: OrdoEngineApi,
  ) {}

  @Roles('reader')
  @Subscription(() => AuditEventModel, {
    resolve: identity,
    description: 'Every event after afterEventId (default 0: all), then new ones as they are recorded, in order; completes after the terminal event. '
      + 'Resume after a disconnect by passing the last eventId received.',
  })
  executionEvents(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('executionName', { type: () => String }) executionName: string,
    @Args('afterEventId', { type: () => Int, nullable: true }) afterEventId: number | undefined,
  ): AsyncIterableIterator<AuditEventView> {
    const after = afterEventId ?? 0;
    if (!Number.isInteger(after) || after < 0) {
      throw toGraphqlError(new ApiError('INVALID_ARGUMENT', `afterEventId must be a non-negative integer, got ${after}.`));
    }
    return eventsIterator(new LiveExecutionFeed(this.queries, flowName, executionName, after));
  }

  @Roles('reader')
  @Subscription(() => ExecutionModel, {
    resolve: identity,
    description: 'The execution now, then again after each batch of new events; completes once it has finished.',
  })
  async executionUpdated(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('executionName', { type: () => String }) executionName: string,
  ): Promise<AsyncIterableIterator<ExecutionModel>> {
    const last = await this.queries.lastEventId(flowName, executionName);
    if (last === 0) throw toGraphqlError(new ApiError('EXECUTION_NOT_FOUND', `Execution ${executionName} of flow ${flowName} does not exist.`));
    const feed = new LiveExecutionFeed(this.queries, flowName, executionName, last);
    const current = async (): Promise<ExecutionModel> => {
      const view = await this.engine.describeExecution(flowName, executionName);
      if (view === undefined) throw toGraphqlError(new ApiError('EXECUTION_NOT_FOUND', `Execution ${executionName} of flow ${flowName} does not exist.`));
      return { ...view, status: view.status as ExecutionStatusEnum };
    };
    return updatesIterator(feed, current, (e) => e.status !== ExecutionStatusEnum.Running);
  }
}
