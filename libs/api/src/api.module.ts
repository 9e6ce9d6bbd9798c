import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RolesGuard } from './auth/auth.guard';
import { GraphqlErrorPassthroughFilter } from './errors/graphql-error.filter';
import { ExecutionResolver } from './resolvers/execution.resolver';
import { FlowResolver } from './resolvers/flow.resolver';
import { TaskReportResolver } from './resolvers/task-report.resolver';
import { QUERY_RESOLVERS } from './query/query-resolvers';

/**
 * The GraphQL command surface's resolvers. The importing application provides (globally)
 * `ORDO_ENGINE`, `API_LIMITS`, `API_INTERNAL_ERROR_SINK` and `AUTHENTICATOR`, and registers
 * `GraphQLModule`. The module installs the global RolesGuard (default deny, docs/security.md).
 */
@Module({
  providers: [FlowResolver, ExecutionResolver, TaskReportResolver, ...QUERY_RESOLVERS, { provide: APP_FILTER, useClass: GraphqlErrorPassthroughFilter },
    { provide: APP_GUARD, useClass: RolesGuard }],
})
export class OrdoApiModule {}
