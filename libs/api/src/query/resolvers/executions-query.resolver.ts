import { Inject, Optional } from '@nestjs/common';
import { Args, Info, Int, Query, Resolver } from '@nestjs/graphql';
import type { ReadModelStore } from '@ordo/read-models';
import type { GraphQLResolveInfo } from 'graphql';
import { Roles } from '../../auth/roles.decorator';
import { API_INTERNAL_ERROR_SINK, type InternalErrorSink } from '../../errors/graphql-error';
import { ExecutionConnectionModel, ExecutionFilterInput } from '../models/execution-list.model';
import { FlowMetricsModel } from '../models/metrics.model';
import { DEFAULT_QUERY_LIMITS, QUERY_LIMITS, type QueryLimits } from '../../limits/query-limits';
import { assertPageSize } from '../../limits/page-size';
import { ORDO_READ_MODELS } from '../query.port';
import { callQuery } from '../support/query-call';
import { selectsField } from '../support/selection';
import { executionModelOf } from './to-execution-model';

/** Execution lists and flow metrics, from the read models. */
@Resolver()
export class ExecutionsQueryResolver {
  private readonly limits: QueryLimits;

  constructor(
    @Inject(ORDO_READ_MODELS) private readonly views: ReadModelStore,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
    @Optional() @Inject(QUERY_LIMITS) limits?: QueryLimits,
  ) {
    this.limits = limits ?? DEFAULT_QUERY_LIMITS;
  }

  @Roles('reader')
  @Query(() => ExecutionConnectionModel, { description: 'Executions matching the filter, newest first, one page at a time.' })
  executions(
    @Args('filter', { type: () => ExecutionFilterInput, nullable: true }) filter: ExecutionFilterInput | undefined,
    @Args('first', { type: () => Int, nullable: true }) first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ExecutionConnectionModel> {
    return callQuery('executions', this.sink, async () => {
      const size = assertPageSize(first, this.limits);
      const page = await this.views.listExecutions(withoutNulls(filter ?? {}), {
        first: size, after: after ?? undefined, withTotalCount: selectsField(info, 'totalCount'),
      });
      return {
        edges: page.edges.map((e) => ({ cursor: e.cursor, node: executionModelOf(e.node) })),
        pageInfo: { ...page.pageInfo },
        totalCount: page.totalCount,
      };
    });
  }

  @Roles('reader')
  @Query(() => FlowMetricsModel, { description: 'Counters of a flow (all time) and duration percentiles over a window (default 1h).' })
  flowMetrics(
    @Args('flowName', { type: () => String }) flowName: string,
    @Args('window', { type: () => String, nullable: true, description: 'e.g. 15m, 1h, 24h, 7d' }) window: string | undefined,
  ): Promise<FlowMetricsModel> {
    return callQuery('flowMetrics', this.sink, async () => {
      const m = await this.views.flowMetrics(flowName, { window: window ?? undefined });
      return { ...m, duration: { ...m.duration }, steps: m.steps.map((s) => ({ ...s, duration: { ...s.duration } })) };
    });
  }
}

function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}
