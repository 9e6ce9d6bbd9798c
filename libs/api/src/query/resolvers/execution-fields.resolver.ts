import { Inject, Optional } from '@nestjs/common';
import { Args, Info, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { ExecutionEventRow, ReadModelStore } from '@ordo/read-models';
import type { GraphQLResolveInfo } from 'graphql';
import { Roles } from '../../auth/roles.decorator';
import { API_INTERNAL_ERROR_SINK, type InternalErrorSink } from '../../errors/graphql-error';
import { ExecutionModel } from '../../models/execution.model';
import { EventConnectionModel, StepRunModel, TimelineEntryModel, type TimelineKindEnum } from '../models/audit.model';
import { DEFAULT_QUERY_LIMITS, QUERY_LIMITS, type QueryLimits } from '../../limits/query-limits';
import { assertPageSize } from '../../limits/page-size';
import { ORDO_READ_MODELS } from '../query.port';
import { callQuery } from '../support/query-call';
import { selectsField } from '../support/selection';
import { TIMELINE_EVENT_TYPES, buildTimeline } from '../support/timeline';
import { executionModelOf } from './to-execution-model';

const SCAN_PAGE = 1000;

/** The audit trail, step attempts, timeline and child/parent links of an Execution, from the read models. */
@Resolver(() => ExecutionModel)
export class ExecutionFieldsResolver {
  private readonly limits: QueryLimits;

  constructor(
    @Inject(ORDO_READ_MODELS) private readonly views: ReadModelStore,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
    @Optional() @Inject(QUERY_LIMITS) limits?: QueryLimits,
  ) {
    this.limits = limits ?? DEFAULT_QUERY_LIMITS;
  }

  @Roles('reader')
  @ResolveField('executionId', () => String, { description: 'Ordo execution id: <flowName>.<executionName>.' })
  executionId(@Parent() execution: ExecutionModel): string {
    return idOf(execution);
  }

  @Roles('reader')
  @ResolveField('events', () => EventConnectionModel, { description: 'The audit trail in event order, optionally filtered by types and step path.' })
  events(
    @Parent() execution: ExecutionModel,
    @Args('types', { type: () => [String], nullable: true }) types: string[] | undefined,
    @Args('stepPath', { type: () => String, nullable: true }) stepPath: string | undefined,
    @Args('first', { type: () => Int, nullable: true }) first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EventConnectionModel> {
    return callQuery('execution.events', this.sink, async () => {
      const page = await this.views.listEvents(idOf(execution), {
        types: types ?? undefined, stepPath: stepPath ?? undefined, first: assertPageSize(first, this.limits),
        after: after ?? undefined, withTotalCount: selectsField(info, 'totalCount'),
      });
      return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node } })), pageInfo: { ...page.pageInfo }, totalCount: page.totalCount };
    });
  }

  @Roles('reader')
  @ResolveField('steps', () => [StepRunModel], { description: 'One entry per step attempt, in the order they began.' })
  steps(@Parent() execution: ExecutionModel): Promise<StepRunModel[]> {
    return callQuery('execution.steps', this.sink, async () => (await this.views.listStepRuns(idOf(execution))).map((r) => ({
      ...r, startedAt: r.enteredAt,
    })));
  }

  @Roles('reader')
  @ResolveField('timeline', () => [TimelineEntryModel], { description: 'What ran when, for a Gantt chart: steps, task attempts, waits, branches, iterations.' })
  timeline(@Parent() execution: ExecutionModel): Promise<TimelineEntryModel[]> {
    return callQuery('execution.timeline', this.sink, async () => {
      const id = idOf(execution);
      const [runs, scopes] = await Promise.all([this.views.listStepRuns(id), this.scopeEvents(id)]);
      return buildTimeline(runs, scopes).map((e) => ({ ...e, kind: e.kind as TimelineKindEnum }));
    });
  }

  @Roles('reader')
  @ResolveField('children', () => [ExecutionModel], { description: 'Executions started by tasks of this one, oldest first.' })
  children(@Parent() execution: ExecutionModel): Promise<ExecutionModel[]> {
    return callQuery('execution.children', this.sink, async () => (await this.views.children(idOf(execution))).map(executionModelOf));
  }

  @Roles('reader')
  @ResolveField('parent', () => ExecutionModel, { nullable: true, description: 'The execution whose task started this one.' })
  parent(@Parent() execution: ExecutionModel): Promise<ExecutionModel | null> {
    return callQuery('execution.parent', this.sink, async () => {
      const row = await this.views.getExecution(execution.flowName, execution.executionName);
      if (row?.parentExecutionId == null) return null;
      const parent = await this.views.getExecutionById(row.parentExecutionId);
      return parent === null ? null : executionModelOf(parent);
    });
  }

  @Roles('reader')
  @ResolveField('trigger', () => String, { nullable: true, description: 'How the execution was started: api, kafka, schedule, parent or cli.' })
  trigger(@Parent() execution: ExecutionModel): Promise<string | null> {
    return callQuery('execution.trigger', this.sink, async () =>
      (await this.views.getExecution(execution.flowName, execution.executionName))?.triggerKind ?? null);
  }

  private async scopeEvents(executionId: string): Promise<ExecutionEventRow[]> {
    const out: ExecutionEventRow[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.views.listEvents(executionId, { types: TIMELINE_EVENT_TYPES, first: SCAN_PAGE, after, withTotalCount: false });
      out.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return out;
      after = page.pageInfo.endCursor;
    }
  }
}

function idOf(execution: ExecutionModel): string {
  return `${execution.flowName}.${execution.executionName}`;
}
