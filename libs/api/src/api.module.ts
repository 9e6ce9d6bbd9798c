import { Module } from '@nestjs/common';
import { ExecutionResolver } from './resolvers/execution.resolver';
import { FlowResolver } from './resolvers/flow.resolver';
import { TaskReportResolver } from './resolvers/task-report.resolver';

/**
 * The GraphQL command surface's resolvers. The importing application provides (globally)
 * `ORDO_ENGINE`, `API_LIMITS` and `API_INTERNAL_ERROR_SINK`, and registers `GraphQLModule`.
 */
@Module({ providers: [FlowResolver, ExecutionResolver, TaskReportResolver] })
export class OrdoApiModule {}
