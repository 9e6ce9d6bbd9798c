import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphqlErrorPassthroughFilter } from './errors/graphql-error.filter';
import { ExecutionResolver } from './resolvers/execution.resolver';
import { FlowResolver } from './resolvers/flow.resolver';
import { TaskReportResolver } from './resolvers/task-report.resolver';

/**
 * The GraphQL command surface's resolvers. The importing application provides (globally)
 * `ORDO_ENGINE`, `API_LIMITS` and `API_INTERNAL_ERROR_SINK`, and registers `GraphQLModule`.
 */
@Module({
  providers: [FlowResolver, ExecutionResolver, TaskReportResolver, { provide: APP_FILTER, useClass: GraphqlErrorPassthroughFilter }],
})
export class OrdoApiModule {}
