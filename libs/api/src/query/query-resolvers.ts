import { ExecutionFieldsResolver } from './resolvers/execution-fields.resolver';
import { ExecutionSubscriptionsResolver } from './resolvers/execution-subscriptions.resolver';
import { ExecutionsQueryResolver } from './resolvers/executions-query.resolver';
import { FlowsQueryResolver } from './resolvers/flows-query.resolver';
import { ReplayResolver } from './resolvers/replay.resolver';

/** The query side's resolvers (they need `ORDO_READ_MODELS` and `ORDO_QUERY_ENGINE` bound by the application). */
export const QUERY_RESOLVERS = [
  FlowsQueryResolver, ExecutionsQueryResolver, ExecutionFieldsResolver, ReplayResolver, ExecutionSubscriptionsResolver,
] as const;
