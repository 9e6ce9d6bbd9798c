import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../auth/roles.decorator';
import { API_INTERNAL_ERROR_SINK, type InternalErrorSink } from '../../errors/graphql-error';
import { API_LIMITS, checkTextSize, type ApiLimits } from '../../limits';
import { ReplayResultModel } from '../models/replay.model';
import { ORDO_QUERY_ENGINE, type OrdoQueryEngine } from '../query.port';
import { callQuery } from '../support/query-call';

/** Time travel and what-if replays over recorded executions (decision 1250). */
@Resolver(() => ReplayResultModel)
export class ReplayResolver {
  constructor(
    @Inject(ORDO_QUERY_ENGINE) private readonly engine: OrdoQueryEngine,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
  ) {}

  @Roles('reader')
  @Query(() => ReplayResultModel, {
    description: 'With atEventId: the state after that event (as the reducer folds it). With flowDefinition: whether the '
      + 'recorded history stays compatible with that definition, and the first divergence. Without either: the current state.',
  })
  replayExecution(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('executionName', { type: () => String }) executionName: string,
    @Args('atEventId', { type: () => Int, nullable: true }) atEventId: number | undefined,
    @Args('flowDefinition', { type: () => String, nullable: true }) flowDefinition: string | undefined,
  ): Promise<ReplayResultModel> {
    return callQuery('replayExecution', this.sink, async () => {
      const wantsState = (atEventId ?? null) !== null || (flowDefinition ?? null) === null;
      const at = wantsState ? await this.engine.stateAt(flowName, executionName, atEventId ?? undefined) : undefined;
      let compatible = true;
      let divergence: ReplayResultModel['divergence'] = null;
      if (flowDefinition !== undefined && flowDefinition !== null) {
        checkTextSize(flowDefinition, this.limits.maxDefinitionBytes, 'flowDefinition');
        const replay = await this.engine.replayAgainst(flowName, executionName, flowDefinition);
        compatible = replay.compatible;
        divergence = replay.divergence ?? null;
      }
      const lastEventId = at?.lastEventId ?? (await this.engine.lastEventId(flowName, executionName));
      return { eventId: at?.eventId ?? null, lastEventId, state: at?.state ?? null, compatible, divergence };
    });
  }
}
